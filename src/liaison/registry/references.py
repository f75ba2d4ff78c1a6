"""Checking a set of import files against itself and the database before anything is written.

Ids must be unique, every reference must resolve to a record of the right kind, every tag to a
known taxon, every document symbol to one document, and parents must not form a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.errors import Problem
from liaison.model import RECORD_TYPES, Document, Record, Taxon
from liaison.registry.reader import FieldPath, field_label
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
from liaison.storage.bulk_insert import among

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


@dataclass
class Checked:
    """A validated record on its way to the database, and where it was read."""

    kind: str
    data: RecordData
    file: str
    index: int
    locate: Callable[[FieldPath], int | None]

    @property
    def origin(self) -> str:
        line = self.locate(())
        return f"{self.file}:{line}" if line else self.file

    def problem(self, message: str, path: FieldPath = ()) -> Problem:
        return self.place(path).problem(message)

    def place(self, path: FieldPath) -> Place:
        label = f"{self.kind}[{self.index}] ({self.data.id})"
        return Place(self.file, label, field_label(path), self.locate(path))


@dataclass(frozen=True, slots=True)
class Place:
    """Where a reference is made: all a problem about it needs, and no more (a reference to a
    record further on is kept until that record comes, the record itself is not)."""

    file: str
    record: str
    field: str | None
    line: int | None

    def problem(self, message: str) -> Problem:
        return Problem(self.file, message, self.record, self.field, self.line)


@dataclass
class Checker:
    """Checks records a batch at a time, against those before them and the database: ids are
    unique, every reference resolves to a record of the right kind (a reference to a record
    further on waits for it), every tag names a known taxon, a symbol names one document, and
    parents form no cycle. Memory grows with the ids, not with the records."""

    session: Session
    declared: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → type, where
    stored: dict[str, str] = field(default_factory=dict)
    waiting: dict[str, list[tuple[Place, str]]] = field(default_factory=dict)
    parents: dict[str, tuple[str, Checked]] = field(default_factory=dict)
    _taxa: set[str] | None = None
    _symbols: dict[str, str] | None = None

    def check(self, batch: list[Checked]) -> list[Problem]:
        problems: list[Problem] = []
        wanted = {c.data.id for c in batch}
        wanted |= {ref for c in batch for _, ref, _ in references(c.data)}
        self._look_up(wanted - self.stored.keys() - self.declared.keys())
        for checked in batch:
            problems += self._declare(checked)
        for checked in batch:
            for path, ref, expected in references(checked.data):
                problems += self._resolve(checked, path, ref, expected)
            problems += self._taxa_and_symbol(checked)
        return problems

    def finish(self) -> list[Problem]:
        """What is still wrong once every record has been read."""
        problems = [
            place.problem(f"no record has the id '{ref}'")
            for ref, waiting in self.waiting.items()
            for place, _ in waiting
        ]
        return problems + self._cycles()

    def _look_up(self, ids: set[str]) -> None:
        chunk = sorted(ids)
        for start in range(0, len(chunk), 1000):
            dialect = self.session.get_bind().dialect.name
            query = select(Record.id, Record.record_type).where(
                among(Record.id, chunk[start : start + 1000], dialect)
            )
            self.stored.update({row.id: row.record_type for row in self.session.execute(query)})

    def _declare(self, checked: Checked) -> list[Problem]:
        record_id, record_type = checked.data.id, RECORD_TYPES[checked.kind]
        if record_id in self.declared:
            where = self.declared[record_id][1]
            return [checked.problem(f"the id '{record_id}' is also used at {where}", ("id",))]
        self.declared[record_id] = (record_type, checked.origin)
        if self.stored.get(record_id, record_type) != record_type:
            message = f"the id '{record_id}' already belongs to a {self.stored[record_id]}"
            return [checked.problem(message, ("id",))]
        problems = []
        for place, expected in self.waiting.pop(record_id, []):
            if expected not in (ANY, record_type):
                message = f"'{record_id}' is a {record_type}, not a {expected}"
                problems.append(place.problem(message))
        if isinstance(checked.data, OrganizationData) and checked.data.parent:
            self.parents[record_id] = (checked.data.parent, checked)
        return problems

    def _resolve(self, checked: Checked, path: FieldPath, ref: str, expected: str) -> list[Problem]:
        found = self.declared[ref][0] if ref in self.declared else self.stored.get(ref)
        if found is None:
            self.waiting.setdefault(ref, []).append((checked.place(path), expected))
        elif expected != ANY and found != expected:
            return [checked.problem(f"'{ref}' is a {found}, not a {expected}", path)]
        return []

    def _taxa_and_symbol(self, checked: Checked) -> list[Problem]:
        if self._taxa is None:
            self._taxa = set(self.session.scalars(select(Taxon.id)))
        problems = [
            checked.problem(f"no taxon '{taxon}' (see `liaison taxonomy`)", ("tags", i))
            for i, taxon in enumerate(taxa_of(checked.data))
            if taxon not in self._taxa
        ]
        if isinstance(checked.data, DocumentData) and checked.data.symbol:
            if self._symbols is None:
                query = select(Document.symbol, Document.id).where(Document.symbol.is_not(None))
                self._symbols = {str(s): str(i) for s, i in self.session.execute(query)}
            owner = self._symbols.setdefault(checked.data.symbol, checked.data.id)
            if owner != checked.data.id:
                message = f"the symbol '{checked.data.symbol}' already belongs to '{owner}'"
                problems.append(checked.problem(message, ("symbol",)))
        return problems

    def _cycles(self) -> list[Problem]:
        problems = []
        for start, (_, checked) in self.parents.items():
            seen: list[str] = [start]
            node: Any = self.parents.get(start, (None,))[0]
            while node is not None and node not in seen:
                seen.append(node)
                node = self.parents.get(node, (None,))[0]
            if node == start:
                message = "parents form a cycle: " + " → ".join([*seen, start])
                problems.append(checked.problem(message, ("parent",)))
        return problems
