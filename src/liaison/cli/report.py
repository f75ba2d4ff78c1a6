"""``liaison report``: draft the Council report for a period, in one format or all four."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import console
from liaison.dates import DateRange
from liaison.errors import FileProblem, InvalidRequest
from liaison.report import FORMATS, extension, write_report

# The model (SQLAlchemy), the report's composition (Jinja2, matplotlib, networkx) and its
# renderers (python-docx, reportlab) are imported by the command, not when ``liaison`` starts.


def _period(start: str, end: str) -> DateRange:
    try:
        return DateRange.parse(f"{start}/{end}")
    except ValueError as exc:
        raise InvalidRequest(f"bad period --from {start} --to {end}: {exc}") from None


def _check_output(output: Path, fmt: str) -> None:
    """Refuse, before the work, an output the report cannot be written to."""
    if fmt == "all" and output.exists() and not output.is_dir():
        raise FileProblem.at(output, "is a file: --format all writes a folder of files")
    if fmt != "all" and output.is_dir():
        raise FileProblem.at(output, "is a folder: give the name of the file to write")


def register(app: typer.Typer) -> None:
    @app.command(
        epilog="Examples: liaison report --from 2017-01 --to 2018-04 --format html -o report.html; "
        "liaison report --from 2018-05 --to 2019-04 --format all -o out/ --mark-new "
        '--symbol C19/INF/8 --session "Council 2019" --venue "Geneva, 10–20 June 2019" --record'
    )
    def report(
        ctx: typer.Context,
        start: Annotated[str, typer.Option("--from", help="First month (or year, or day)")],
        end: Annotated[str, typer.Option("--to", help="Last month (or year, or day)")],
        output: Annotated[
            Path, typer.Option("--output", "-o", help="File, or folder with --format all")
        ],
        fmt: Annotated[
            str, typer.Option("--format", "-f", help=f"{', '.join(FORMATS)} or all")
        ] = "all",
        org: Annotated[
            str | None,
            typer.Option("--org", help="Organization id or acronym (default: the setting)"),
        ] = None,
        mark_new: Annotated[
            bool, typer.Option("--mark-new", help="Mark items new since the previous period")
        ] = False,
        figures: Annotated[bool, typer.Option(help="Include the pictures")] = True,
        template: Annotated[
            Path | None, typer.Option(help="A Jinja2 template of your own for the wording")
        ] = None,
        symbol: Annotated[
            str | None,
            typer.Option(help="Document symbol, e.g. C18/INF/4 (default: the recorded report's)"),
        ] = None,
        on: Annotated[
            str | None,
            typer.Option(
                "--date", help="Date on the report, YYYY-MM-DD (default: the recorded report's)"
            ),
        ] = None,
        session_name: Annotated[
            str | None, typer.Option("--session", help='The meeting, e.g. "Council 2018"')
        ] = None,
        venue: Annotated[
            str | None, typer.Option(help='Where and when, e.g. "Geneva, 17–27 April 2018"')
        ] = None,
        languages: Annotated[
            str | None, typer.Option(help='The languages line (default: "English only")')
        ] = None,
        record: Annotated[
            bool,
            typer.Option(
                "--record", help="Record the report as a document of the series, for next year"
            ),
        ] = False,
    ) -> None:
        """Draft the report "Collaboration with the United Nations system" for a period."""
        if fmt != "all" and fmt not in FORMATS:
            raise InvalidRequest(
                f"unknown report format '{fmt}': use one of {', '.join(FORMATS)} or all"
            )
        if template is not None and not template.is_file():
            raise FileProblem.at(template, "no template file at this path")
        _check_output(output, fmt)
        period = _period(start, end)
        state = state_of(ctx)
        try:
            report_date = date.fromisoformat(on) if on else None
        except ValueError:
            raise InvalidRequest(f"--date {on} is not a date of the form YYYY-MM-DD") from None
        from liaison.report.compose import ReportOptions, build_report
        from liaison.report.recording import record_report

        with state.database().session(actor=state.actor, write=record) as session:
            from liaison.services.organizations import organization_by_acronym

            organization = organization_by_acronym(session, org or state.settings.organization)
            options = ReportOptions(
                organization=organization,
                period=period,
                mark_new=mark_new,
                figures=figures,
                template=template,
                date=report_date,
                symbol=symbol,
                session=session_name,
                venue=venue,
                languages=languages,
            )
            drafted = build_report(session, options)
            recorded = None
            if record:
                recorded, _ = record_report(
                    session, drafted, organization, period, report_date or date.today()
                )
        formats = FORMATS if fmt == "all" else (fmt,)
        written: list[Path] = []
        for one in formats:
            path = output / f"report.{extension(one)}" if fmt == "all" else output
            written += write_report(drafted, one, path)
        where = output if fmt == "all" else output.parent
        console().print(
            f"Wrote the report for {drafted.period} ({len(drafted.sections)} sections) "
            f"to {where}: {', '.join(p.name for p in written)}",
            highlight=False,
        )
        if recorded:
            console().print(
                f"Recorded it as the document '{recorded}' of the series: the next report lists "
                "it and marks what is new against it.",
                highlight=False,
            )
