"""Import: validate every file, check references, then write all records in one transaction.

A file that does not validate changes nothing: problems are collected across all files and
raised together before the first write. Re-importing the same data changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.errors import InvalidInput, Problem
from liaison.jiu.store import UpdateRequest, merge_statuses
from liaison.model import (
    RECORD_KINDS,
    Classification,
    Document,
    Event,
    EventOrganizer,
    Initiative,
    InitiativePartner,
    JiuRecommendation,
    Organization,
    OrganizationAlias,
    OrganizationName,
    Participation,
    Record,
    RecordRelation,
    RecordSource,
    Reflection,
    Restatement,
    Tag,
)
from liaison.registry.exporter import load_records
from liaison.registry.reader import ImportFile, files_in, read_file
from liaison.registry.references import check
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
from liaison.storage.base import Base


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return (
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())
        )

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def describe(self) -> str:
        parts = []
        for label, counts in (("created", self.created), ("updated", self.updated)):
            if counts:
                detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
                parts.append(f"{label} {detail}")
        unchanged = sum(self.unchanged.values())
        parts.append(f"{unchanged} unchanged")
        return "; ".join(parts)


def read_all(paths: Sequence[Path], base: Path | None = None) -> list[ImportFile]:
    """Read and validate every file under ``paths``; raise once with every problem found."""
    files: list[ImportFile] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        found = files_in(path)
        if not found:
            problems.append(Problem(str(path), "no .yaml, .yml, .json or .csv files here"))
        for file in found:
            name = str(file.relative_to(base)) if base else str(file)
            try:
                files.append(read_file(file, name))
            except InvalidInput as exc:
                problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return files


LARGE_IMPORT = 2_000
Progress = Callable[[int, int], None]
"""Told (records written so far, records in all) as an import goes."""


def import_paths(
    session: Session,
    paths: Sequence[Path],
    *,
    base: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the files at ``paths`` (files or folders) into the session, all or nothing."""
    return import_files(session, read_all(paths, base), progress=progress)


def import_files(
    session: Session, files: list[ImportFile], *, progress: Progress | None = None
) -> ImportSummary:
    """Write the records of validated files; raise InvalidInput (writing nothing) on problems.

    Large imports flush and clear the session after each kind of record, so memory stays
    bounded by the largest kind rather than the whole import.
    """
    problems, stored = check(session, files)
    if problems:
        raise InvalidInput(problems)
    _defer_foreign_keys(session)
    summary = ImportSummary()
    total = sum(len(f.dataset.records()) for f in files)
    for kind, model in RECORD_KINDS.items():
        entries = [
            (file, index, record)
            for file in files
            for index, record in enumerate(getattr(file.dataset, kind))
        ]
        if not entries:
            continue
        ids = [record.id for _, _, record in entries if record.id in stored]
        existing = _load(session, model, ids)
        tags = _load_tags(session, ids)
        for file, index, data in entries:
            obj = existing.get(data.id)
            is_new = obj is None
            if obj is None:
                obj = model(id=data.id)
                line = file.line_of(kind, index)
                obj.origin = f"{file.name}:{line}" if line else file.name
                session.add(obj)
            changed = _fill(obj, data)
            changed |= _sync_tags(session, obj.id, data, tags.get(obj.id, []), obj.origin)
            if changed and not is_new:
                obj.version = (obj.version or 1) + 1
            counter = summary.created if is_new else summary.updated if changed else None
            (counter if counter is not None else summary.unchanged)[kind] += 1
            if progress is not None:
                progress(summary.total, total)
        if total > LARGE_IMPORT:
            session.flush()
            session.expunge_all()
    session.flush()
    return summary


def _defer_foreign_keys(session: Session) -> None:
    """References were checked above; let the database check them at commit, in any order."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    else:
        session.execute(text("SET CONSTRAINTS ALL DEFERRED"))


def _load(session: Session, model: type[Record], ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 500):
        found.update(
            {obj.id: obj for obj in load_records(session, model, ids[start : start + 500])}
        )
    return found


def _load_tags(session: Session, ids: list[str]) -> dict[str, list[Tag]]:
    found: dict[str, list[Tag]] = {}
    for start in range(0, len(ids), 500):
        query = select(Tag).where(Tag.record_id.in_(ids[start : start + 500]))
        for tag in session.scalars(query):
            found.setdefault(tag.record_id, []).append(tag)
    return found


def _set(obj: object, name: str, value: Any) -> bool:
    if getattr(obj, name) == value:
        return False
    setattr(obj, name, value)
    return True


def _values(obj: Base, skip: set[str]) -> tuple[Any, ...]:
    return tuple(
        getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs if attr.key not in skip
    )


def _sync(obj: object, name: str, desired: list[Any]) -> bool:
    """Replace a child collection when (and only when) its content differs."""
    relation = inspect(type(obj)).relationships[name]
    # The child's own id and its link to the owner are not content.
    skip = {"id"} | {column.key for column in relation.remote_side if column.key}
    current = getattr(obj, name)
    # Compared as multisets: ordered collections carry their position among the values, and
    # the database may sort the others differently from Python (collations).
    if Counter(_values(c, skip) for c in current) == Counter(_values(d, skip) for d in desired):
        return False
    setattr(obj, name, desired)
    return True


def _dates(text: str | None) -> DateRange | None:
    return DateRange.parse(text) if text else None


def _fill(obj: Any, data: RecordData) -> bool:
    changed = _set(obj, "description", data.description)
    changed |= _set(obj, "report_section", data.section) | _set(obj, "report_order", data.order)
    changed |= _set(obj, "retired", data.retired)
    sources = [
        RecordSource(position=i, document_id=s.document, url=s.url, locator=s.locator, note=s.note)
        for i, s in enumerate(data.sources)
    ]
    changed |= _sync(obj, "sources", sources)
    relations = [RecordRelation(related_id=r) for r in sorted(set(data.related))]
    changed |= _sync(obj, "relations", relations)
    if isinstance(data, OrganizationData):
        changed |= _fill_organization(obj, data)
    elif isinstance(data, RoleData):
        for name, value in (("holder_id", data.holder), ("body_id", data.body)):
            changed |= _set(obj, name, value)
        changed |= _set(obj, "role", data.role) | _set(obj, "note", data.note)
        changed |= _set(obj, "dates", _dates(data.period))
    elif isinstance(data, EventData):
        changed |= _fill_event(obj, data)
    elif isinstance(data, InitiativeData):
        changed |= _fill_initiative(obj, data)
    elif isinstance(data, DocumentData):
        changed |= _fill_document(obj, data)
    elif isinstance(data, ActivityData):
        changed |= _set(obj, "text", data.text) | _set(obj, "organization_id", data.org)
        changed |= _set(obj, "kind", data.kind) | _set(obj, "lists_related", data.list_related)
        changed |= _set(obj, "dates", _dates(data.date))
        restated = [Restatement(record_id=r) for r in sorted(set(data.restates))]
        changed |= _sync(obj, "restatements", restated)
    elif isinstance(data, JiuRecommendationData):
        changed |= _fill_jiu(obj, data)
    return changed


def _fill_organization(obj: Organization, data: OrganizationData) -> bool:
    changed = False
    for name, value in (
        ("name", data.name),
        ("acronym", data.acronym),
        ("kind", data.kind),
        ("parent_id", data.parent),
        ("category", data.category),
        ("url", data.url),
    ):
        changed |= _set(obj, name, value)
    aliases = [OrganizationAlias(alias=a) for a in sorted(set(data.aliases))]
    changed |= _sync(obj, "aliases", aliases)
    classes = [Classification(scheme=k, value=v) for k, v in sorted(data.classifications.items())]
    changed |= _sync(obj, "classifications", classes)
    names = []
    for position, entry in enumerate(data.names):
        dated = OrganizationName(
            position=position,
            name=entry.name,
            acronym=entry.acronym,
            kind=entry.kind,
            note=entry.note,
        )
        dated.dates = _dates(entry.period)
        names.append(dated)
    return changed | _sync(obj, "names", names)


def _fill_event(obj: Event, data: EventData) -> bool:
    changed = False
    for name, value in (
        ("name", data.name),
        ("short_name", data.short_name),
        ("kind", data.kind),
        ("place", data.place),
        ("session_of_id", data.session_of),
        ("series_id", data.series),
        ("dates", _dates(data.date)),
    ):
        changed |= _set(obj, name, value)
    organizers = [EventOrganizer(organization_id=o) for o in sorted(set(data.organizers))]
    changed |= _sync(obj, "organizers", organizers)
    unique = {(p.org, p.role): p for p in data.participants}
    participations = [
        Participation(organization_id=org, role=role, contribution=p.contribution)
        for (org, role), p in sorted(unique.items())
    ]
    return changed | _sync(obj, "participations", participations)


def _fill_initiative(obj: Initiative, data: InitiativeData) -> bool:
    changed = False
    for name, value in (
        ("name", data.name),
        ("short_name", data.short_name),
        ("kind", data.kind),
        ("status", data.status),
        ("outputs", list(data.outputs)),
        ("purpose", data.purpose),
        ("key_figures", list(data.key_figures)),
        ("dates", _dates(data.period)),
    ):
        changed |= _set(obj, name, value)
    unique = {(p.org, p.role): p for p in data.partners}
    partners = [
        InitiativePartner(organization_id=org, role=role, position=i, note=p.note)
        for i, ((org, role), p) in enumerate(unique.items())
    ]
    return changed | _sync(obj, "partners", partners)


def _fill_document(obj: Document, data: DocumentData) -> bool:
    changed = False
    for name, value in (
        ("title", data.title),
        ("symbol", data.symbol),
        ("kind", data.kind),
        ("issued_by_id", data.issued_by),
        ("url", data.url),
        ("short_title", data.short_title),
        ("quotation", data.quotation),
        ("quotation_locator", data.quotation_locator),
        ("session", data.session),
        ("venue", data.venue),
        ("languages", data.languages),
        ("dates", _dates(data.date)),
        ("covers", _dates(data.covers)),
    ):
        changed |= _set(obj, name, value)
    reflections = [Reflection(record_id=r) for r in sorted(set(data.reflects))]
    return changed | _sync(obj, "reflections", reflections)


def _fill_jiu(obj: JiuRecommendation, data: JiuRecommendationData) -> bool:
    changed = False
    for name, value in (
        ("report_id", data.report),
        ("number", data.number),
        ("text", data.text),
        ("addressed_to", data.addressed_to),
        ("scope", data.scope),
    ):
        changed |= _set(obj, name, value)
    # Statuses merge into the history by (organization, date): a file never drops an update
    # it does not mention (a person may have added it since with `liaison jiu status`).
    requests = [
        UpdateRequest(s.org, s.date, s.acceptance, s.implementation, s.note) for s in data.statuses
    ]
    return changed | bool(merge_statuses(obj, requests) - {"unchanged"})


def _sync_tags(
    session: Session, record_id: str, data: RecordData, current: list[Tag], origin: str | None
) -> bool:
    desired = {
        (t.taxon if isinstance(t, TagData) else t): (
            t if isinstance(t, TagData) else TagData(taxon=t)
        )
        for t in data.tags
    }
    changed = False
    by_taxon = {tag.taxon_id: tag for tag in current}
    for taxon, tag in by_taxon.items():
        # A file speaks for the tags people entered; a classifier's suggestions that it does
        # not mention are kept (they are reviewed with `liaison tags review`).
        if taxon not in desired and tag.suggested_by is None:
            session.delete(tag)
            changed = True
    for taxon, wanted in desired.items():
        stored = by_taxon.get(taxon)
        if stored is None:
            stored = Tag(record_id=record_id, taxon_id=taxon, entered_by=origin)
            session.add(stored)
            changed = True
        for name in ("state", "score", "evidence", "suggested_by"):
            changed |= _set(stored, name, getattr(wanted, name))
    return changed
