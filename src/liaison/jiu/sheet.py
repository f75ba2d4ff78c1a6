"""JIU tracking sheets: the rows of a tracking-system export (one per status update, see
:data:`~liaison.jiu.sheet_cells.COLUMNS`) read from .csv or .xlsx, imported into the registry
all or nothing, and written back in the same shape.

Import checks every cell, the rows against each other and the sheet against the registry before
it writes anything; every problem names the sheet, the row and the column. A report is found by
its symbol and a recommendation by its report and number (each created when missing); status
updates merge into a recommendation's history by organization and date, so a sheet never drops
an update it does not mention, and importing the same sheet again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange
from liaison.errors import InvalidInput, NotFound, Problem
from liaison.jiu import sheet_cells as cells
from liaison.jiu.rules import in_date_order
from liaison.jiu.sheet_cells import Sheet, SheetRow, row_of
from liaison.jiu.store import UpdateRequest, issue_year, load, merge, merge_statuses
from liaison.model import (
    Document,
    JiuRecommendation,
    JiuStatus,
    Organization,
    Record,
)
from liaison.model.record import ID_LENGTH
from liaison.services.organizations import OrganizationNames

REPORT_KIND = "jiu-report"
ISSUER = "jiu"


def read_sheet(path: Path) -> Sheet:
    """The validated rows of a tracking sheet; InvalidInput naming every bad cell."""
    sheet, problems = _read(path)
    if problems:
        raise InvalidInput(problems)
    return sheet


def _read(path: Path) -> tuple[Sheet, list[Problem]]:
    """The sheet's good rows, and the problems of the others (InvalidInput at once when the
    file or its header cannot be read)."""
    raw = cells.read_raw(path)
    problems: list[Problem] = []
    index: dict[str, int] = {}
    for i, header in enumerate(raw.headers):
        if cells.is_empty(header):
            if any(i < len(row) and not cells.is_empty(row[i]) for _, row in raw.rows):
                message = "a column with values has no header"
                problems.append(Problem(raw.file, message, field=cells.letter(i), line=1))
            continue
        name = cells.field_of(str(header))
        where = f"{cells.letter(i)} ({str(header).strip()})"
        if name is None:
            known = ", ".join(cells.FIELDS)
            message = f"unknown column '{str(header).strip()}': the columns are {known}"
            problems.append(Problem(raw.file, message, field=where, line=1))
        elif name in index:
            message = f"a second {name} column (the first is {cells.letter(index[name])})"
            problems.append(Problem(raw.file, message, field=where, line=1))
        else:
            index[name] = i
    for name in cells.REQUIRED:
        if name not in index:
            problems.append(
                Problem(raw.file, f"the sheet has no {name} column", field=name, line=1)
            )
    if problems:
        raise InvalidInput(problems)
    sheet = Sheet(raw.file, path.name, {n: cells.letter(i) for n, i in index.items()}, ())
    rows = []
    for line, values in raw.rows:
        row = row_of(sheet, index, line, values, problems)
        if row is not None:
            rows.append(row)
    problems += _disagreements(sheet, rows)
    return replace(sheet, rows=tuple(rows)), problems


def _disagreements(sheet: Sheet, rows: list[SheetRow]) -> list[Problem]:
    """Rows of one report (or one recommendation) that give it different titles, years, texts…"""
    problems = []
    first: dict[tuple[object, ...], tuple[object, int]] = {}
    for row in rows:
        report, rec = row.symbol, (row.symbol, row.number)
        what = f"recommendation {row.number} of {row.symbol}"
        for name, value, key, of in (
            ("title", row.title, report, report),
            ("year", row.year, report, report),
            ("text", row.text, rec, what),
            ("addressee", row.addressee, rec, what),
            ("scope", row.scope, rec, what),
        ):
            if value is None:
                continue
            seen, line = first.setdefault((name, key), (value, row.line))
            if seen != value:
                shown = str(seen) if len(str(seen)) <= 60 else str(seen)[:59] + "…"
                message = f"row {line} gives {of} another {name} ('{shown}')"
                problems.append(sheet.problem(message, name, row.line))
    return problems


@dataclass
class SheetSummary:
    reports_created: int = 0
    recommendations_created: int = 0
    recommendations_updated: int = 0
    recommendations_unchanged: int = 0
    updates_added: int = 0
    updates_replaced: int = 0
    updates_unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.reports_created
            or self.recommendations_created
            or self.recommendations_updated
            or self.updates_added
            or self.updates_replaced
        )

    def describe(self) -> str:
        return (
            f"reports: {self.reports_created} created; recommendations: "
            f"{self.recommendations_created} created, {self.recommendations_updated} updated, "
            f"{self.recommendations_unchanged} unchanged; status updates: {self.updates_added}"
            f" added, {self.updates_replaced} replaced, {self.updates_unchanged} unchanged"
        )


def slug(symbol: str) -> str:
    """The id of a report created from its symbol: ``JIU/REP/2016/1`` → ``jiu-rep-2016-1``."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


@dataclass
class _Plan:
    """What an import writes, once the sheet and the registry agree."""

    reports: dict[str, Document | str] = field(default_factory=dict)  # symbol → found, or new id
    recommendations: dict[tuple[str, int], list[SheetRow]] = field(default_factory=dict)
    updates: dict[tuple[str, int], list[UpdateRequest]] = field(default_factory=dict)
    existing: dict[tuple[str, int], JiuRecommendation] = field(default_factory=dict)


def import_sheet(session: Session, path: Path) -> SheetSummary:
    """Import a tracking sheet into the session (the caller commits): all of it, or, when any
    cell, row or reference is wrong, nothing (InvalidInput with every problem)."""
    sheet, problems = _read(path)
    plan = _plan(session, sheet, problems)
    return _write(session, sheet, plan)


def _plan(session: Session, sheet: Sheet, problems: list[Problem]) -> _Plan:
    """What to write; InvalidInput with ``problems`` and those the registry shows, if any."""
    plan = _Plan()
    by_symbol: dict[str, list[SheetRow]] = {}
    for row in sheet.rows:
        by_symbol.setdefault(row.symbol, []).append(row)
        plan.recommendations.setdefault((row.symbol, row.number), []).append(row)
    found = {
        str(doc.symbol): doc
        for doc in session.scalars(select(Document).where(Document.symbol.in_(list(by_symbol))))
    }
    new_ids: dict[str, str] = {}
    for symbol, rows in by_symbol.items():
        doc = found.get(symbol)
        if doc is not None:
            plan.reports[symbol] = doc
            if doc.kind != REPORT_KIND:
                message = (
                    f"'{symbol}' is the {doc.kind} '{doc.id}' in the registry, not a JIU report"
                )
                problems.append(sheet.problem(message, "symbol", rows[0].line))
            continue
        report_id = plan.reports[symbol] = slug(symbol)
        taken = session.get(Record, report_id) if report_id else None
        if not report_id or len(report_id) > ID_LENGTH - 20:
            problems.append(sheet.problem(f"'{symbol}' makes no usable id", "symbol", rows[0].line))
        elif taken is not None or report_id in new_ids:
            other = f"a {taken.record_type}" if taken else f"the report '{new_ids[report_id]}'"
            message = f"'{symbol}' is not in the registry and its id '{report_id}' is {other}'s"
            problems.append(sheet.problem(message, "symbol", rows[0].line))
        new_ids.setdefault(report_id, symbol)
        if not any(row.title for row in rows):
            message = f"'{symbol}' is not in the registry: give its title to create it"
            problems.append(sheet.problem(message, "title", rows[0].line))
    symbol_of = {doc.id: symbol for symbol, doc in found.items()}
    for rec in session.scalars(
        select(JiuRecommendation)
        .where(JiuRecommendation.report_id.in_(list(symbol_of)))
        .options(selectinload(JiuRecommendation.statuses))
    ):
        plan.existing[(symbol_of[rec.report_id], rec.number)] = rec
    organizations = OrganizationNames(session)
    for (symbol, number), rows in plan.recommendations.items():
        if (symbol, number) not in plan.existing:
            rec_id = f"{_report_id(plan, symbol)}-rec-{number}"
            taken = session.get(Record, rec_id)
            if taken is not None:
                message = f"the id '{rec_id}' for its recommendation {number} is already taken"
                problems.append(sheet.problem(message, "recommendation", rows[0].line))
        plan.updates[(symbol, number)] = _updates(sheet, rows, organizations, problems)
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: p.line or 0))
    return plan


def _report_id(plan: _Plan, symbol: str) -> str:
    report = plan.reports[symbol]
    return report if isinstance(report, str) else report.id


def _updates(
    sheet: Sheet, rows: list[SheetRow], organizations: OrganizationNames, problems: list[Problem]
) -> list[UpdateRequest]:
    """One recommendation's updates, each organization resolved; a row that repeats another's
    organization and date must repeat its values too."""
    requests: dict[tuple[str, str], tuple[UpdateRequest, int]] = {}
    for row in rows:
        if row.organization is None or row.date is None:
            continue
        try:
            org = organizations.resolve(row.organization)
        except ValueError as exc:
            problems.append(sheet.problem(str(exc), "organization", row.line))
            continue
        request = UpdateRequest(org, row.date, row.acceptance, row.implementation, row.note)
        seen, line = requests.setdefault((org, row.date), (request, row.line))
        if seen != request:
            message = f"row {line} gives another update of {org} dated {row.date}"
            problems.append(sheet.problem(message, "date of update", row.line))
    return [request for request, _ in requests.values()]


def _first(rows: list[SheetRow], name: str) -> object:
    return next((getattr(row, name) for row in rows if getattr(row, name) is not None), None)


def _write(session: Session, sheet: Sheet, plan: _Plan) -> SheetSummary:
    summary = SheetSummary()
    issuer = ISSUER if session.get(Organization, ISSUER) is not None else None
    for symbol, report in plan.reports.items():
        if isinstance(report, str):
            rows = [row for row in sheet.rows if row.symbol == symbol]
            year = _first(rows, "year") or issue_year(None, symbol)
            doc = Document(id=report, symbol=symbol, kind=REPORT_KIND, issued_by_id=issuer)
            doc.title = str(_first(rows, "title"))
            doc.dates = DateRange.parse(str(year)) if year else None
            doc.origin = f"{sheet.name}:{rows[0].line}"
            session.add(doc)
            summary.reports_created += 1
    for (symbol, number), rows in plan.recommendations.items():
        requests = plan.updates[(symbol, number)]
        own = {
            "text": _first(rows, "text"),
            "addressed_to": _first(rows, "addressee"),
            "scope": _first(rows, "scope"),
        }
        rec = plan.existing.get((symbol, number))
        if rec is None:
            report_id = _report_id(plan, symbol)
            rec = JiuRecommendation(
                id=f"{report_id}-rec-{number}", report_id=report_id, number=number, statuses=[]
            )
            rec.origin = f"{sheet.name}:{rows[0].line}"
            for name, value in own.items():
                setattr(rec, name, value)
            session.add(rec)
            merge_statuses(rec, requests)
            summary.recommendations_created += 1
            summary.updates_added += len(requests)
            continue
        stored = {(s.organization_id, s.starts): s for s in rec.statuses}
        actions = [_action(stored.get((r.organization, r.date)), r) for r in requests]
        summary.updates_added += actions.count("added")
        summary.updates_replaced += actions.count("replaced")
        summary.updates_unchanged += actions.count("unchanged")
        changed = False
        for name, value in own.items():
            if value is not None and getattr(rec, name) != value:
                setattr(rec, name, value)
                changed = True
        if merge(session, rec, requests) == "unchanged" and changed:
            rec.version = (rec.version or 1) + 1
        if changed or set(actions) - {"unchanged"}:
            summary.recommendations_updated += 1
        else:
            summary.recommendations_unchanged += 1
    session.flush()
    return summary


def _action(old: JiuStatus | None, request: UpdateRequest) -> str:
    """What merging ``request`` does to the stored update of its organization and date."""
    if old is None:
        return "added"
    values = (request.acceptance, request.implementation, request.note)
    return "unchanged" if (old.acceptance, old.implementation, old.note) == values else "replaced"


def export_sheet(
    session: Session, path: Path, *, organization: str | None = None, report: str | None = None
) -> int:
    """Write the recommendations (of ``report`` when given) and their updates (only those of
    ``organization`` when given) as a tracking sheet; returns the rows written."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput([Problem(str(path), "a tracking sheet is a .csv or an .xlsx file")])
    organizations = OrganizationNames(session)
    org = None
    if organization is not None:
        try:
            org = organizations.resolve(organization)
        except ValueError as exc:
            raise NotFound(str(exc)) from None
    report_id = None
    if report is not None:
        doc = (
            session.get(Document, report)
            or session.scalars(select(Document).where(Document.symbol == report)).one_or_none()
        )
        if doc is None:
            raise NotFound(f"no document has the id or symbol '{report}'")
        report_id = doc.id
    rows: list[list[object]] = []
    for rec in load(session, report=report_id):
        head: list[object] = [rec.report_label, rec.report_title, rec.issued, rec.number, rec.text]
        head += [cells.label(rec.addressee, "jiu_addressee"), cells.label(rec.scope, "jiu_scope")]
        updates = [u for u in rec.updates if org is None or u.organization == org]
        names = {u.organization: organizations.label(u.organization) for u in updates}
        ordered = sorted(in_date_order(updates), key=lambda u: names[u.organization])
        for u in ordered:
            acceptance = cells.label(u.acceptance, "jiu_acceptance")
            implementation = cells.label(u.implementation, "jiu_implementation")
            rows.append([*head, names[u.organization], acceptance, implementation, u.on, u.note])
        if not ordered:
            rows.append([*head, None, None, None, None, None])
    cells.write_table(path, [header for _, header in cells.COLUMNS], rows)
    return len(rows)
