"""Checking a set of import files against itself and the database before anything is written.

Ids must be unique, every reference must resolve to a record of the right kind, every tag to a
known taxon, every document symbol to one document, and parents must not form a cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.errors import Problem
from liaison.model import RECORD_TYPES, Document, Record, Taxon
from liaison.registry.reader import FieldPath, ImportFile, field_label
from liaison.registry.schema import (
    ActivityData,
    DocumentData,
    EventData,
    InitiativeData,
    JiuRecommendationData,
    OrganizationData,
    RecordData,
    RoleData,
    TagData,
)

ANY = "any"


ORG = "organization"


def references(record: RecordData) -> Iterator[tuple[FieldPath, str, str]]:
    """Each (field path, id, record type expected) a record refers to."""
    for i, source in enumerate(record.sources):
        if source.document:
            yield ("sources", i, "document"), source.document, "document"
    for i, ref in enumerate(record.related):
        yield ("related", i), ref, ANY
    if isinstance(record, OrganizationData) and record.parent:
        yield ("parent",), record.parent, ORG
    elif isinstance(record, RoleData):
        yield ("holder",), record.holder, ORG
        yield ("body",), record.body, ORG
    elif isinstance(record, EventData):
        if record.session_of:
            yield ("session_of",), record.session_of, ORG
        if record.series:
            yield ("series",), record.series, "initiative"
        for i, org in enumerate(record.organizers):
            yield ("organizers", i), org, ORG
        for i, participant in enumerate(record.participants):
            yield ("participants", i, "org"), participant.org, ORG
    elif isinstance(record, InitiativeData):
        for i, partner in enumerate(record.partners):
            yield ("partners", i, "org"), partner.org, ORG
    elif isinstance(record, DocumentData):
        if record.issued_by:
            yield ("issued_by",), record.issued_by, ORG
        for i, ref in enumerate(record.reflects):
            yield ("reflects", i), ref, ANY
    elif isinstance(record, ActivityData):
        yield ("org",), record.org, ORG
        for i, ref in enumerate(record.restates):
            yield ("restates", i), ref, ANY
    elif isinstance(record, JiuRecommendationData):
        yield ("report",), record.report, "document"
        for i, status in enumerate(record.statuses):
            yield ("statuses", i, "org"), status.org, ORG


def taxa_of(record: RecordData) -> list[str]:
    return [tag.taxon if isinstance(tag, TagData) else tag for tag in record.tags]


def check(session: Session, files: list[ImportFile]) -> tuple[list[Problem], set[str]]:
    """Every problem found, and the ids of the files' records that the database already has."""
    problems: list[Problem] = []

    def report(file: ImportFile, kind: str, index: int, message: str, path: FieldPath) -> None:
        record = getattr(file.dataset, kind)[index]
        label = f"{kind}[{index}] ({record.id})"
        line = file.line_of(kind, index, path)
        problems.append(Problem(file.name, message, label, field_label(path), line))

    entries = [(f, kind, i, r) for f in files for kind, i, r in f.dataset.records()]
    declared: dict[str, tuple[str, ImportFile, str, int]] = {}
    for file, kind, index, record in entries:
        if record.id in declared:
            other_file, other_kind, other_index = declared[record.id][1:]
            other_line = other_file.line_of(other_kind, other_index)
            where = other_file.name + (f":{other_line}" if other_line else "")
            report(file, kind, index, f"the id '{record.id}' is also used at {where}", ("id",))
        else:
            declared[record.id] = (RECORD_TYPES[kind], file, kind, index)

    wanted = set(declared) | {ref for *_, r in entries for _, ref, _ in references(r)}
    stored = _stored_types(session, wanted)
    for record_id, (record_type, file, kind, index) in declared.items():
        if stored.get(record_id, record_type) != record_type:
            message = f"the id '{record_id}' already belongs to a {stored[record_id]}"
            report(file, kind, index, message, ("id",))
    known = {**stored, **{k: v[0] for k, v in declared.items()}}

    taxa = set(session.scalars(select(Taxon.id)))
    for file, kind, index, record in entries:
        for field, ref, expected in references(record):
            found = known.get(ref)
            if found is None:
                report(file, kind, index, f"no record has the id '{ref}'", field)
            elif expected != ANY and found != expected:
                report(file, kind, index, f"'{ref}' is a {found}, not a {expected}", field)
        for i, taxon in enumerate(taxa_of(record)):
            if taxon not in taxa:
                message = f"no taxon '{taxon}' (see `liaison taxonomy`)"
                report(file, kind, index, message, ("tags", i))
    problems += _symbol_clashes(session, files)
    problems += _parent_cycles(files)
    return problems, set(stored) & set(declared)


def _stored_types(session: Session, ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        query = select(Record.id, Record.record_type).where(
            Record.id.in_(chunk[start : start + 500])
        )
        found.update({row.id: row.record_type for row in session.execute(query)})
    return found


def _symbol_clashes(session: Session, files: list[ImportFile]) -> list[Problem]:
    problems = []
    seen: dict[str, str] = dict(
        session.execute(
            select(Document.symbol, Document.id).where(Document.symbol.is_not(None))
        ).all()  # type: ignore[arg-type]
    )
    for file in files:
        for index, document in enumerate(file.dataset.documents):
            if not document.symbol:
                continue
            owner = seen.setdefault(document.symbol, document.id)
            if owner != document.id:
                problems.append(
                    Problem(
                        file.name,
                        f"the symbol '{document.symbol}' already belongs to '{owner}'",
                        f"documents[{index}] ({document.id})",
                        "symbol",
                        file.line_of("documents", index, ("symbol",)),
                    )
                )
    return problems


def _parent_cycles(files: list[ImportFile]) -> list[Problem]:
    parents: dict[str, str] = {}
    origin: dict[str, tuple[ImportFile, int]] = {}
    for file in files:
        for index, org in enumerate(file.dataset.organizations):
            if org.parent:
                parents[org.id] = org.parent
                origin[org.id] = (file, index)
    problems = []
    for start in parents:
        seen: list[str] = [start]
        node: Any = parents.get(start)
        while node is not None and node not in seen:
            seen.append(node)
            node = parents.get(node)
        if node == start:
            file, index = origin[start]
            problems.append(
                Problem(
                    file.name,
                    "parents form a cycle: " + " → ".join([*seen, start]),
                    f"organizations[{index}] ({start})",
                    "parent",
                    file.line_of("organizations", index, ("parent",)),
                )
            )
    return problems
