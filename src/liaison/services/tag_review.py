"""Reviewing suggested tags: list them a page at a time, accept or reject them singly or in bulk.

Rules every interface shares (the CLI's ``liaison tags review`` and the web's review queue):

- one decision per tag: a tag named for both acceptance and rejection is refused, and a tag
  named singly is decided as named even when a bulk threshold would decide it otherwise;
- bulk decisions (over or under a score) reach only a classifier's suggestions still waiting:
  tags a person entered, and tags already decided, are never touched by them;
- the counts add up: every tag chosen is accepted, rejected, or unchanged (already so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest, NotFound
from liaison.model import SearchEntry, Tag, Taxon
from liaison.services.kinds import BY_RECORD_TYPE

DECISIONS = {"accept": "accepted", "reject": "rejected"}


@dataclass(frozen=True)
class Suggestion:
    """A suggested tag, named ``RECORD/TAXON`` (``equals/sdg:5``), with what it is about."""

    id: str
    record_id: str
    record_kind: str | None
    record_title: str | None
    taxon_id: str
    taxon_label: str | None
    score: float | None
    evidence: str | None
    suggested_by: str | None


@dataclass(frozen=True)
class SuggestionPage:
    items: list[Suggestion]
    #: Suggestions waiting that match the filters, and waiting in each scheme (unfiltered).
    total: int
    by_scheme: dict[str, int]
    offset: int
    limit: int


@dataclass(frozen=True)
class ReviewOutcome:
    accepted: int
    rejected: int
    #: Chosen tags that already had the state they were given.
    unchanged: int

    @property
    def chosen(self) -> int:
        return self.accepted + self.rejected + self.unchanged


def tag_id(tag: Tag) -> str:
    return f"{tag.record_id}/{tag.taxon_id}"


def _waiting(scheme: str | None, min_score: float | None = None) -> Select[Tag]:
    """A classifier's suggestions still waiting, of one scheme (``sdg``, ``wsis``) or of all."""
    query = select(Tag).where(Tag.state == "suggested", Tag.suggested_by.is_not(None))
    if scheme is not None:
        query = query.where(Tag.taxon_id.like(f"{scheme}:%"))
    if min_score is not None:
        query = query.where(Tag.score >= min_score)
    return query


def suggestion_page(
    session: Session,
    *,
    min_score: float | None = None,
    scheme: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> SuggestionPage:
    """Waiting suggestions, best score first, with their record's title and the taxon's label."""
    if limit is not None and not 1 <= limit <= 1000:
        raise InvalidRequest("limit must be between 1 and 1000")
    if offset < 0:
        raise InvalidRequest("offset cannot be negative")
    waiting = _waiting(scheme, min_score).subquery()
    query = (
        select(
            waiting.c.record_id,
            waiting.c.taxon_id,
            waiting.c.score,
            waiting.c.evidence,
            waiting.c.suggested_by,
            SearchEntry.record_type,
            SearchEntry.title,
            Taxon.label,
        )
        .outerjoin(SearchEntry, SearchEntry.record_id == waiting.c.record_id)
        .outerjoin(Taxon, Taxon.id == waiting.c.taxon_id)
        .order_by(waiting.c.score.desc().nulls_last(), waiting.c.record_id, waiting.c.taxon_id)
        .offset(offset)
        .limit(limit)
    )
    items = [
        Suggestion(
            f"{row.record_id}/{row.taxon_id}",
            row.record_id,
            BY_RECORD_TYPE[row.record_type].kind if row.record_type in BY_RECORD_TYPE else None,
            row.title,
            row.taxon_id,
            row.label,
            row.score,
            row.evidence,
            row.suggested_by,
        )
        for row in session.execute(query)
    ]
    total = session.scalar(select(func.count()).select_from(waiting)) or 0
    scheme_of = func.substr(Tag.taxon_id, 1, func.instr(Tag.taxon_id, ":") - 1)
    if session.get_bind().dialect.name == "postgresql":
        scheme_of = func.split_part(Tag.taxon_id, ":", 1)
    counted = (
        select(scheme_of, func.count())
        .where(Tag.state == "suggested", Tag.suggested_by.is_not(None))
        .group_by(scheme_of)
        .order_by(scheme_of)
    )
    by_scheme = {str(name): int(n) for name, n in session.execute(counted)}
    return SuggestionPage(items, total, by_scheme, offset, limit or total)


def _find(session: Session, ident: str) -> Tag:
    record_id, _, taxon = ident.partition("/")
    if not taxon:
        raise InvalidRequest(f"'{ident}' is not a tag: write RECORD/TAXON, e.g. equals/sdg:5")
    tag = session.get(Tag, (record_id, taxon))
    if tag is None:
        raise NotFound(f"no tag {ident}")
    return tag


def review(
    session: Session,
    reviewer: str,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    accept_above: float | None = None,
    reject_below: float | None = None,
    scheme: str | None = None,
) -> ReviewOutcome:
    """Accept and reject suggestions by the rules of this module. The bulk thresholds apply to
    the suggestions of ``scheme`` only, when one is given (SDG scores are calibrated
    probabilities, WSIS scores similarities: one threshold rarely suits both)."""
    both = sorted(set(accept) & set(reject))
    if both:
        raise InvalidRequest(f"{', '.join(both)}: a tag is either accepted or rejected, not both")
    if accept_above is not None and reject_below is not None and accept_above < reject_below:
        raise InvalidRequest(
            f"accept at or above {accept_above} and reject below {reject_below} overlap: "
            "a tag would get two decisions"
        )
    chosen: dict[tuple[str, str], tuple[Tag, str]] = {}
    if accept_above is not None or reject_below is not None:
        for tag in session.scalars(_waiting(scheme)):
            score = tag.score or 0.0
            if accept_above is not None and score >= accept_above:
                chosen[(tag.record_id, tag.taxon_id)] = (tag, "accepted")
            elif reject_below is not None and score < reject_below:
                chosen[(tag.record_id, tag.taxon_id)] = (tag, "rejected")
    # Tags named one by one are decided as named, whatever a threshold would say.
    for idents, state in ((accept, "accepted"), (reject, "rejected")):
        for ident in idents:
            tag = _find(session, ident)
            chosen[(tag.record_id, tag.taxon_id)] = (tag, state)
    counts = {"accepted": 0, "rejected": 0, "unchanged": 0}
    for tag, state in chosen.values():
        if tag.state == state:
            counts["unchanged"] += 1
            continue
        tag.state = state
        tag.reviewed_by = reviewer
        counts[state] += 1
    return ReviewOutcome(**counts)


def suggestions(
    session: Session, min_score: float | None = None, scheme: str | None = None
) -> list[Suggestion]:
    """Every waiting suggestion (of ``scheme``, scoring at least ``min_score``), best first."""
    return suggestion_page(session, min_score=min_score, scheme=scheme, limit=None).items
