"""Reviewing suggested tags: list them, accept or reject them one by one or in bulk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from liaison.errors import LiaisonError, NotFound
from liaison.model import Tag


@dataclass(frozen=True)
class Suggestion:
    """A suggested tag, named ``RECORD/TAXON`` (``equals/sdg:5``)."""

    id: str
    record_id: str
    taxon_id: str
    score: float | None
    evidence: str | None
    suggested_by: str | None


def tag_id(tag: Tag) -> str:
    return f"{tag.record_id}/{tag.taxon_id}"


def _pending(scheme: str | None) -> Select[Tag]:
    """Suggested tags, of one taxonomy scheme (``sdg``, ``wsis``) or of all."""
    query = select(Tag).where(Tag.state == "suggested")
    return query if scheme is None else query.where(Tag.taxon_id.like(f"{scheme}:%"))


def suggestions(
    session: Session, min_score: float | None = None, scheme: str | None = None
) -> list[Suggestion]:
    query = _pending(scheme).order_by(Tag.record_id, Tag.taxon_id)
    if min_score is not None:
        query = query.where(Tag.score >= min_score)
    return [
        Suggestion(tag_id(t), t.record_id, t.taxon_id, t.score, t.evidence, t.suggested_by)
        for t in session.scalars(query)
    ]


def _find(session: Session, ident: str) -> Tag:
    record_id, _, taxon = ident.partition("/")
    if not taxon:
        raise LiaisonError(f"'{ident}' is not a tag: write RECORD/TAXON, e.g. equals/sdg:5")
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
) -> tuple[int, int]:
    """Accept and reject suggestions; return how many of each changed. The bulk thresholds
    apply to the suggestions of ``scheme`` only, when one is given (SDG scores are calibrated
    probabilities, WSIS scores similarities: one threshold rarely suits both)."""
    accepted = rejected = 0
    chosen: list[tuple[Tag, str]] = [(_find(session, i), "accepted") for i in accept]
    chosen += [(_find(session, i), "rejected") for i in reject]
    pending = list(session.scalars(_pending(scheme)))
    if accept_above is not None:
        chosen += [(t, "accepted") for t in pending if (t.score or 0) >= accept_above]
    if reject_below is not None:
        chosen += [(t, "rejected") for t in pending if (t.score or 0) < reject_below]
    for tag, state in chosen:
        if tag.state == state:
            continue
        tag.state = state
        tag.reviewed_by = reviewer
        if state == "accepted":
            accepted += 1
        else:
            rejected += 1
    return accepted, rejected
