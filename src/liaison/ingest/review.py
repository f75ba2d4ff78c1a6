"""Stored candidates: kept once per document and fact, listed for review, and accepted into the
registry through the import's validation (merged into the record they match) or rejected.

Accepting a candidate imports its fields as one record of the import format: a new record, or
the record it matches with the candidate's fields filling what it lacks (lists such as an
initiative's partners gain the new entries) and the candidate's paragraph added to its sources.
Anything the import would refuse is refused the same way, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest, NotFound
from liaison.ingest.candidates import Candidate
from liaison.ingest.phrases import slug
from liaison.model import StoredCandidate
from liaison.registry.exporter import dataset
from liaison.registry.importer import import_files
from liaison.registry.reader import validated
from liaison.services.kind_columns import kind_key

#: List fields merged entry by entry (by the key each entry is known by), not replaced.
MERGED_LISTS = {"partners": "org", "participants": "org", "organizers": None, "sources": None}


@dataclass(frozen=True)
class Stored:
    added: int
    known: int


def store(
    session: Session, document: str, source: str | None, candidates: Sequence[Candidate]
) -> Stored:
    """Keep the candidates of ``document`` that are not kept yet (whatever was decided of them)."""
    have = set(
        session.scalars(select(StoredCandidate.key).where(StoredCandidate.document == document))
    )
    added = 0
    for c in candidates:
        if c.key in have:
            continue
        session.add(
            StoredCandidate(
                document=document,
                source_id=source,
                kind=c.kind,
                key=c.key,
                fields=c.fields,
                matches=list(c.matches),
                locator=c.evidence.locator,
                start=c.evidence.start,
                end=c.evidence.end,
                paragraph=c.evidence.paragraph or c.evidence.text,
                score=c.score,
                extractor=c.extractor,
                state="suggested",
            )
        )
        have.add(c.key)
        added += 1
    session.flush()
    return Stored(added, len(candidates) - added)


def waiting(
    session: Session,
    *,
    kind: str | None = None,
    min_score: float | None = None,
    state: str = "suggested",
    limit: int | None = None,
) -> list[StoredCandidate]:
    """Candidates in ``state``, best score first."""
    query = select(StoredCandidate).where(StoredCandidate.state == state)
    if kind is not None:
        query = query.where(StoredCandidate.kind == kind)
    if min_score is not None:
        query = query.where(StoredCandidate.score >= min_score)
    query = query.order_by(StoredCandidate.score.desc(), StoredCandidate.id)
    return list(session.scalars(query.limit(limit) if limit else query))


@dataclass
class Decisions:
    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0


def decide(
    session: Session,
    actor: str,
    *,
    accept: Sequence[int] = (),
    reject: Sequence[int] = (),
    kind: str | None = None,
    accept_above: float | None = None,
) -> Decisions:
    """Accept or reject candidates by id, or accept every waiting one (of ``kind``) scoring at
    least ``accept_above``. An id named twice, or for both, is refused."""
    named = [*accept, *reject]
    if len(set(named)) != len(named):
        raise InvalidRequest("a candidate is named twice: accept or reject it once")
    outcome = Decisions()
    chosen = [(i, "accepted") for i in accept] + [(i, "rejected") for i in reject]
    if accept_above is not None:
        chosen += [
            (c.id, "accepted")
            for c in waiting(session, kind=kind, min_score=accept_above)
            if c.id not in named
        ]
    for candidate_id, state in chosen:
        row = session.get(StoredCandidate, candidate_id)
        if row is None:
            raise NotFound(f"no candidate {candidate_id}")
        if row.state == state:
            outcome.unchanged += 1
            continue
        if state == "accepted":
            row.record_id = promote(session, row)
            outcome.accepted += 1
        else:
            outcome.rejected += 1
        row.state, row.decided_by = state, actor
    session.flush()
    return outcome


def promote(session: Session, row: StoredCandidate) -> str:
    """Import the candidate's record (merged into the record it matches); its id."""
    plural = kind_key(row.kind)
    if plural is None:
        raise InvalidRequest(f"candidate {row.id} proposes an unknown kind '{row.kind}'")
    fields = dict(row.fields)
    source: dict[str, Any] = {"locator": row.locator}
    if row.source_id:
        source["document"] = row.source_id
    else:
        source["note"] = f"{row.document}, {row.locator}"
    fields["sources"] = [source]
    record_id = row.matches[0] if row.matches else fields.get("id") or _new_id(row.kind, fields)
    if row.kind != "role":
        fields["id"] = record_id
    existing = dataset(session, ids=[str(record_id)]) if record_id else None
    current = getattr(existing, plural) if existing is not None else []
    if current:
        fields = _merged(current[0].model_dump(exclude_defaults=True), fields)
    checked = validated(f"candidate {row.id} ({row.document}, {row.locator})", {plural: [fields]})
    import_files(session, [checked])
    return str(getattr(checked.dataset, plural)[0].id)


def _new_id(kind: str, fields: dict[str, Any]) -> str:
    name = str(fields.get("name") or fields.get("title") or fields.get("symbol") or kind)
    when = str(fields.get("date") or "").split("/")[0]
    return slug(f"{name} {when}" if kind == "event" and when else name)


def _merged(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    """The stored record with what the candidate adds: empty fields filled, new list entries
    appended (an entry the record has is kept as it is)."""
    out = dict(current)
    for name, value in proposed.items():
        if name in MERGED_LISTS and isinstance(value, list):
            have = list(out.get(name, []))
            key = MERGED_LISTS[name]
            seen = [(e.get(key) if key and isinstance(e, dict) else e) for e in have]
            for entry in value:
                marker = entry.get(key) if key and isinstance(entry, dict) else entry
                if marker not in seen:
                    have.append(entry)
                    seen.append(marker)
            out[name] = have
        elif out.get(name) in (None, "", [], {}):
            out[name] = value
    return out


# --- A page of candidates, for the web's review page ------------------------------------------

#: The states a candidate is in: waiting for a decision, or decided.
STATES = ("suggested", "accepted", "rejected")


@dataclass(frozen=True)
class CandidatePage:
    """One page of candidates in one state, best score first."""

    items: list[StoredCandidate]
    #: Candidates that match every filter.
    total: int
    #: Candidates of each kind that match the other filters (state, document, score).
    by_kind: dict[str, int]
    #: Candidates of each document in the state, whatever the other filters.
    by_document: dict[str, int]
    offset: int
    limit: int


def candidate_page(
    session: Session,
    *,
    kind: str | None = None,
    document: str | None = None,
    min_score: float | None = None,
    state: str = "suggested",
    limit: int = 50,
    offset: int = 0,
) -> CandidatePage:
    """Candidates in ``state`` (of ``kind``, read in ``document``, scoring at least
    ``min_score``), best score first, ``limit`` of them from ``offset``; with the counts per kind
    and per document."""
    from sqlalchemy import func

    from liaison.ingest.candidates import KINDS

    if state not in STATES:
        raise InvalidRequest(f"state: '{state}' is not one of {', '.join(STATES)}")
    if kind is not None and kind not in KINDS:
        raise InvalidRequest(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    if not 1 <= limit <= 1000:
        raise InvalidRequest("limit must be between 1 and 1000")
    if offset < 0:
        raise InvalidRequest("offset cannot be negative")
    in_state = StoredCandidate.state == state
    others = [in_state]
    if document is not None:
        others.append(StoredCandidate.document == document)
    if min_score is not None:
        others.append(StoredCandidate.score >= min_score)
    chosen = [*others, *([StoredCandidate.kind == kind] if kind is not None else [])]
    query = (
        select(StoredCandidate)
        .where(*chosen)
        .order_by(StoredCandidate.score.desc(), StoredCandidate.id)
        .offset(offset)
        .limit(limit)
    )
    items = list(session.scalars(query))
    total = session.scalar(select(func.count()).select_from(StoredCandidate).where(*chosen)) or 0
    per_kind = (
        select(StoredCandidate.kind, func.count())
        .where(*others)
        .group_by(StoredCandidate.kind)
        .order_by(StoredCandidate.kind)
    )
    per_document = (
        select(StoredCandidate.document, func.count())
        .where(in_state)
        .group_by(StoredCandidate.document)
        .order_by(StoredCandidate.document)
    )
    return CandidatePage(
        items,
        int(total),
        {str(k): int(n) for k, n in session.execute(per_kind)},
        {str(d): int(n) for d, n in session.execute(per_document)},
        offset,
        limit,
    )
