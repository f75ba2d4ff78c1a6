"""``liaison jiu``: the JIU follow-up -- dated status updates, rates as at a date, their trend, the
focal point's lists, and the tracking sheet in and out."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liaison.cli.context import State, state_of
from liaison.cli.output import Format, console, print_rows
from liaison.errors import FileProblem, InvalidRequest

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from liaison.jiu.follow_up import Item
    from liaison.jiu.rules import Rates

OrgOption = Annotated[
    str | None,
    typer.Option("--org", help="Organization id or acronym (default: the setting, e.g. itu)"),
]
AsAtOption = Annotated[
    str | None,
    typer.Option("--as-at", help="As at this day, month or year (its last day); default: today"),
]
WindowOption = Annotated[
    int | None,
    typer.Option(help="Only reports issued in the N calendar years ending with the as-at year"),
]
LongOption = Annotated[
    int,
    typer.Option(
        "--long-outstanding", help="Years after which a pending recommendation is long-outstanding"
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f")]


def _as_at(text: str | None) -> date:
    from liaison.jiu.follow_up import as_at_day

    return as_at_day(text)


def _organization(session: Session, state: State, org: str | None) -> str:
    from liaison.services.organizations import organization_by_acronym

    return organization_by_acronym(session, org or state.settings.organization)


def _rate_rows(found: list[Rates], fmt: Format) -> list[dict[str, Any]]:
    """One object per group (JSON, CSV); for the terminal, one row per figure and one column per
    group, so that thirteen figures fit on a screen."""
    rows = [r.as_dict() for r in found]
    if fmt is not Format.table:
        return rows
    table = []
    for key in rows[0] if rows else []:
        if key == "group":
            continue
        line: dict[str, Any] = {"": key.replace("_", " ")}
        for row in rows:
            value = row[key]
            if key.endswith("_rate"):
                value = "–" if value is None else f"{value:.0%}"
            line[str(row["group"])] = value
        table.append(line)
    return table


def _item_rows(found: list[Item], fmt: Format) -> list[dict[str, Any]]:
    if fmt is not Format.table:
        return [asdict(i) for i in found]
    return [
        {
            "id": i.recommendation,
            "recommendation": f"{i.report_symbol or i.report} no. {i.number}",
            "to": (i.addressee or "").replace("-", " "),
            "org": i.organization,
            "status": ", ".join(s.replace("-", " ") for s in (i.acceptance, i.implementation) if s),
            "since": i.last_update,
            "long-outstanding": "yes" if i.long_outstanding else "",
        }
        for i in found
    ]


def register(app: typer.Typer) -> None:
    jiu = typer.Typer(
        help="JIU follow-up: status updates, rates, trend, lists and the tracking sheet.",
        no_args_is_help=True,
    )
    app.add_typer(jiu, name="jiu")

    @jiu.command(
        name="status",
        epilog="Examples: liaison jiu status jiu-rep-2016-1-rec-3 --org itu --on 2018-03-08 "
        '--acceptance accepted --implementation implemented --note "C18/INF/4 para. 7.1"; '
        "liaison jiu status jiu-rep-2016-1-rec-3 --org itu --on 2018-03-08 --remove",
    )
    def status_command(
        ctx: typer.Context,
        recommendation: Annotated[str, typer.Argument(help="The recommendation's id")],
        on: Annotated[str, typer.Option("--on", help="Date of the update: YYYY[-MM[-DD]]")],
        org: OrgOption = None,
        acceptance: Annotated[
            str | None,
            typer.Option(help="accepted, not-accepted, under-consideration or not-relevant"),
        ] = None,
        implementation: Annotated[
            str | None, typer.Option(help="not-started, in-progress or implemented")
        ] = None,
        note: Annotated[str | None, typer.Option(help="What the update says, its source")] = None,
        remove: Annotated[
            bool, typer.Option("--remove", help="Take out the update of this organization and date")
        ] = False,
    ) -> None:
        """Add a dated status update to a recommendation's history (audited).

        An update of the same organization and date replaces the one recorded; no other is
        touched. An update may be dated before the latest one."""
        from liaison.jiu.store import UpdateRequest, record_update, remove_update

        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            organization = _organization(session, state, org)
            if remove:
                if acceptance or implementation or note:
                    raise InvalidRequest(
                        "--remove takes no --acceptance, --implementation or --note"
                    )
                outcome = remove_update(session, recommendation, organization, on)
            else:
                request = UpdateRequest(organization, on, acceptance, implementation, note)
                outcome = record_update(session, recommendation, request)
        console().print(
            f"{outcome.recommendation}: the update of {outcome.organization} dated "
            f"{outcome.date} was {outcome.action}.",
            highlight=False,
        )

    @jiu.command(
        name="rates",
        epilog="Examples: liaison jiu rates --org itu --as-at 2018-04; "
        "liaison jiu rates --org itu --as-at 2018-04 --window 8 --by addressee --format json",
    )
    def rates_command(
        ctx: typer.Context,
        org: OrgOption = None,
        as_at: AsAtOption = None,
        window: WindowOption = None,
        by: Annotated[str | None, typer.Option(help="Split by addressee, report or year")] = None,
        long_outstanding: LongOption = 5,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Acceptance and implementation rates as at a date, the way the JIU computes them.

        Acceptance = accepted ÷ addressed (not-relevant left out); implementation = implemented
        ÷ accepted; rates are fractions in JSON, null when nothing is in the denominator."""
        from liaison.jiu.follow_up import rates

        state = state_of(ctx)
        day = _as_at(as_at)
        with state.database().session() as session:
            organization = _organization(session, state, org)
            found = rates(
                session, organization, day, window=window, by=by, long_outstanding=long_outstanding
            )
        print_rows(_rate_rows(found, fmt), fmt, title=f"JIU rates of {organization} as at {day}")

    @jiu.command(
        name="trend",
        epilog="Example: liaison jiu trend --org itu --from 2010 --to 2018 --format json",
    )
    def trend_command(
        ctx: typer.Context,
        first: Annotated[int, typer.Option("--from", help="First year")],
        last: Annotated[int, typer.Option("--to", help="Last year")],
        org: OrgOption = None,
        window: WindowOption = None,
        long_outstanding: LongOption = 5,
        fmt: FormatOption = Format.table,
    ) -> None:
        """The two rates at the end of each year (the current year as at today)."""
        from liaison.jiu.follow_up import trend

        state = state_of(ctx)
        with state.database().session() as session:
            organization = _organization(session, state, org)
            found = trend(
                session,
                organization,
                first,
                last,
                window=window,
                long_outstanding=long_outstanding,
            )
        rows = _rate_rows(found, fmt)
        if fmt is not Format.table:
            rows = [{"year": int(r["group"]), **{k: v for k, v in r.items() if k != "group"}}
                    for r in rows]  # fmt: skip
        print_rows(rows, fmt, title=f"JIU rates of {organization} by year")

    @jiu.command(
        name="list",
        epilog="Examples: liaison jiu list --org itu --status pending; "
        "liaison jiu list --report jiu-rep-2016-1 --as-at 2017-12 --format json",
    )
    def list_command(
        ctx: typer.Context,
        org: Annotated[str | None, typer.Option("--org", help="Organization id or acronym")] = None,
        status: Annotated[
            str | None,
            typer.Option(
                help="pending, long-outstanding, awaiting (no acceptance yet), an acceptance "
                "(accepted, not-accepted, under-consideration, not-relevant) or an "
                "implementation (implemented, in-progress, not-started)"
            ),
        ] = None,
        report: Annotated[str | None, typer.Option(help="Only this JIU report (its id)")] = None,
        as_at: AsAtOption = None,
        window: WindowOption = None,
        long_outstanding: LongOption = 5,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Recommendations as they stand for each organization, by report and number."""
        from liaison.jiu.follow_up import items

        state = state_of(ctx)
        day = _as_at(as_at)
        with state.database().session() as session:
            organization = _organization(session, state, org) if org else None
            found = items(
                session,
                organization=organization,
                report=report,
                status=status,
                as_at=day,
                window=window,
                long_outstanding=long_outstanding,
            )
        print_rows(_item_rows(found, fmt), fmt, title=f"JIU recommendations as at {day}")

    @jiu.command(name="due", epilog="Example: liaison jiu due --org itu --as-at 2018-04")
    def due_command(
        ctx: typer.Context,
        org: Annotated[str | None, typer.Option("--org", help="Organization id or acronym")] = None,
        as_at: AsAtOption = None,
        window: WindowOption = None,
        long_outstanding: LongOption = 5,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Pending recommendations (accepted, not implemented), oldest report first."""
        from liaison.jiu.follow_up import due

        state = state_of(ctx)
        day = _as_at(as_at)
        with state.database().session() as session:
            organization = _organization(session, state, org) if org else None
            found = due(
                session,
                organization=organization,
                as_at=day,
                window=window,
                long_outstanding=long_outstanding,
            )
        print_rows(_item_rows(found, fmt), fmt, title=f"Pending JIU recommendations as at {day}")

    @jiu.command(
        name="import",
        epilog="Example: liaison jiu import tracking-2018.xlsx",
    )
    def import_command(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="A .csv or .xlsx sheet, one row per update")],
    ) -> None:
        """Import JIU reports, recommendations and status updates from a tracking sheet.

        Columns: symbol, title, year, recommendation, text, addressee, scope, organization,
        acceptance, implementation, date of update, comments. Every bad cell is named by sheet,
        row and column, and nothing is written. Updates merge into each history by organization
        and date."""
        from liaison.jiu.sheet import import_sheet

        if not path.is_file():
            wrong = "is a folder, not a file" if path.is_dir() else "no such file"
            raise FileProblem.at(path, wrong)
        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            summary = import_sheet(session, path)
        console().print(f"{path.name}: {summary.describe()}.", highlight=False)

    @jiu.command(
        name="export",
        epilog="Examples: liaison jiu export jiu.xlsx; liaison jiu export itu.csv --org itu",
    )
    def export_command(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="The .csv or .xlsx file to write")],
        org: Annotated[
            str | None, typer.Option("--org", help="Only this organization's updates")
        ] = None,
        report: Annotated[str | None, typer.Option(help="Only this JIU report (its id)")] = None,
    ) -> None:
        """Export the tracking sheet: one row per update, in the shape `jiu import` reads."""
        from liaison.jiu.sheet import export_sheet

        if path.is_dir():
            raise FileProblem.at(path, "is a folder: give the name of the file to write")
        state = state_of(ctx)
        with state.database().session() as session:
            organization = _organization(session, state, org) if org else None
            try:
                rows = export_sheet(session, path, organization=organization, report=report)
            except OSError as exc:
                raise FileProblem.of(exc.filename or path, exc) from None
        console().print(f"Wrote {rows} rows to {path}.", highlight=False)
