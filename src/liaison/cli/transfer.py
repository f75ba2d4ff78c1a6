"""Commands that move data in and out: init, demo, import, export, summary, db upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import console, progress_bar
from liaison.dates import DateRange, PartialDate
from liaison.errors import FileProblem, InvalidRequest

if TYPE_CHECKING:
    from liaison.cli.context import State
    from liaison.registry.importer import ImportSummary

# The importer and exporter (pydantic, PyYAML) and the database are imported by the commands.


def print_summary(state: State) -> None:
    """What the registry holds, counted with plain SQL (no SQLAlchemy when it is current)."""
    from liaison.services.registry_counts import count_registry

    with state.reader() as reader:
        summary = count_registry(reader)
        where = reader.safe_url
    lines = [f"The registry at {where} holds:"]
    lines += [f"  {count:6d} {kind.replace('_', ' ')}" for kind, count in summary.counts.items()]
    taxa = ", ".join(f"{n} {scheme}" for scheme, n in sorted(summary.taxa.items()))
    lines.append(f"  taxa: {taxa}")
    if summary.tags:
        tags = ", ".join(f"{n} {tag_state}" for tag_state, n in sorted(summary.tags.items()))
        lines.append(f"  tags: {tags}")
    if summary.roles:
        roles = ", ".join(f"{n} {role}" for role, n in sorted(summary.roles.items()))
        lines.append(f"  roles by kind: {roles}")
    print("\n".join(lines))


def _report_import(label: str, result: ImportSummary) -> None:
    console().print(f"{label}: {result.describe()}", highlight=False)


def _side(option: str, text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise InvalidRequest(f"{option}: {exc}") from None


def _calendar_period(start: str | None, end: str | None) -> DateRange | None:
    """The period --from and --to give (either may be left out), or None for all events."""
    first, last = _side("--from", start), _side("--to", end)
    if first is None and last is None:
        return None
    if first is not None and last is not None and first.earliest() > last.latest():
        raise InvalidRequest(f"--from {first} is after --to {last}")
    return DateRange(first, last)


def _export_calendar(
    state: State, output: Path | None, start: str | None, end: str | None, org: str | None
) -> None:
    """``liaison export --format ics``: the events, narrowed, as an iCalendar file."""
    from liaison.exports.ics import calendar
    from liaison.services.organizations import organization_by_acronym

    period = _calendar_period(start, end)
    with state.database().session() as session:
        organization = organization_by_acronym(session, org) if org is not None else None
        data = calendar(session, period=period, organization=organization)
    dated, undated = data.count(b"\r\nBEGIN:VEVENT\r\n"), data.count(b"\r\nBEGIN:VJOURNAL\r\n")
    if dated + undated == 0:
        print("warning: no event matches: the calendar is empty", file=sys.stderr)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_file(output, data)
    console().print(
        f"Wrote {dated + undated} events to {output}: {dated} on their days, {undated} "
        "without a day (as journal entries)",
        highlight=False,
    )


def _write_file(output: Path, data: bytes | str) -> None:
    """Write one exported file; one that cannot be written is a :class:`FileProblem`."""
    try:
        if isinstance(data, bytes):
            output.write_bytes(data)
        else:
            output.write_text(data, "utf-8")
    except OSError as exc:
        raise FileProblem.of(output, exc) from None


def _check_output(fmt: str, output: Path | None) -> None:
    """Refuse, before reading the registry, an output the export cannot be written to."""
    if output is None:
        return
    is_file = output.exists() and not output.is_dir()
    if fmt in FOLDER_FORMATS and is_file:
        raise FileProblem.at(output, f"is a file: {fmt} export writes a folder of files")
    if fmt == "xlsx" and is_file and output.suffix.lower() != ".xlsx":
        raise FileProblem.at(output, "is a file: name the workbook .xlsx, or give a folder")
    if fmt in OPEN_FORMATS and output.is_dir():
        raise FileProblem.at(output, "is a folder: give the name of the file to write")
    if fmt == "sqlite" and is_file:
        raise FileProblem.at(output, "exists already: remove it or choose another name")


def _export_sqlite(state: State, output: Path | None) -> None:
    """``liaison export --format sqlite``: a stand-alone copy for analysts, with its metadata."""
    from liaison.exports.sqlite_copy import write_sqlite

    if output is None:
        raise InvalidRequest("a SQLite copy is written to a file: give its name with -o")
    with (
        state.database().session() as session,
        progress_bar("Copying the registry") as progress,
    ):
        path, meta = write_sqlite(session, output, progress=progress)
    console().print(
        f"Wrote {path} and {meta.name} (open them with: datasette {path} --metadata {meta})",
        highlight=False,
    )


def _export_popolo(state: State, output: Path | None) -> None:
    """``liaison export --format popolo``: organizations, memberships, posts and events."""
    import json

    from liaison.exports.popolo import popolo

    with state.database().session() as session:
        document = popolo(session)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    _write_file(output, text)
    counts = ", ".join(f"{len(v)} {k}" for k, v in document.items() if isinstance(v, list))
    console().print(f"Wrote {output}: {counts}", highlight=False)


def _export_iati(
    state: State, output: Path | None, start: str | None, end: str | None, org: str | None
) -> None:
    """``liaison export --format iati``: the organization's initiatives as IATI activities."""
    from liaison.exports.iati import iati_activities
    from liaison.services.organizations import organization_by_acronym

    period = _calendar_period(start, end)
    with state.database().session() as session:
        organization = organization_by_acronym(session, org or state.settings.organization)
        data = iati_activities(session, organization=organization, period=period)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_file(output, data)
    activities = data.count(b"<iati-activity ")
    left_out = data.count(b"); ") + 1 if b"<!-- Left out:" in data else 0
    console().print(f"Wrote {activities} IATI activities to {output}", highlight=False)
    if left_out:
        print(
            f"warning: {left_out} initiatives were left out (IATI needs a start date, a status, "
            "a description and an SDG): the comment at the top of the file names each one",
            file=sys.stderr,
        )


OPEN_FORMATS = ("ics", "iati", "popolo", "sqlite")
#: The formats written as a folder of files, one per kind.
FOLDER_FORMATS = ("csv", "json", "jsonl", "yaml")


def register(app: typer.Typer, db_app: typer.Typer) -> None:
    @app.command(epilog="Example: liaison init")
    def init(ctx: typer.Context) -> None:
        """Create the database (or bring it up to date) and load the reference data."""
        state = state_of(ctx)
        state.database()
        print_summary(state)

    @app.command(epilog="Example: liaison demo")
    def demo(ctx: typer.Context) -> None:
        """Load the demo dataset (ITU's 2017-2018 relations with the UN system) and summarize."""
        from liaison.demo import data_folder as demo_data_folder
        from liaison.registry.importer import import_paths

        state = state_of(ctx)
        database = state.database()
        folder = demo_data_folder()
        with database.session(actor=f"{state.actor}:demo", write=True) as session:
            result = import_paths(session, [folder], base=folder)
        _report_import("Demo data", result)
        print_summary(state)

    @app.command(
        name="import",
        epilog="Examples: liaison import events.yaml; liaison import exported-folder/; "
        "liaison import --replace corrected-events.jsonl",
    )
    def import_command(
        ctx: typer.Context,
        paths: Annotated[
            list[Path],
            typer.Argument(help="YAML, JSON, JSON Lines, CSV or XLSX files, or folders of them"),
        ],
        replace: Annotated[
            bool,
            typer.Option(
                "--replace",
                help="A record the registry has becomes what the file says: fields and list "
                "items the file leaves out are removed (a classifier's suggested tags and JIU "
                "status updates are kept). Without it, a file adds and changes, never removes.",
            ),
        ] = False,
    ) -> None:
        """Import records, all or nothing: a bad file is refused and nothing is changed.

        A record the registry already has is merged with what the file says: fields the file
        leaves out keep their value, list items (partners, participants, tags, sources…) are
        added or replaced by their key, and none is removed; --replace removes them."""
        from liaison.registry.importer import import_paths

        for path in paths:
            if not path.exists():
                raise FileProblem.at(path, "no such file or folder")
        state = state_of(ctx)
        database = state.database()
        with (
            progress_bar("Importing") as progress,
            database.session(actor=state.actor, write=True) as session,
        ):
            result = import_paths(session, paths, progress=progress, replace=replace)
        _report_import("Imported", result)

    @app.command(
        epilog="Examples: liaison export --format json > registry.json; "
        "liaison export --format csv -o export/; "
        "liaison export --format ics --from 2017-01 --to 2018-04 --org ITU -o events.ics; "
        "liaison export --format sqlite -o registry.db; liaison export --format popolo > p.json; "
        "liaison export --format iati --org ITU -o itu-activities.xml"
    )
    def export(
        ctx: typer.Context,
        fmt: Annotated[
            str,
            typer.Option(
                "--format",
                "-f",
                help="json, jsonl, yaml, csv or xlsx (every record, in the import format; jsonl "
                "is one record per line, the fastest to import again); ics (the "
                "events as an iCalendar file); iati (the initiatives as IATI 2.03 activities); "
                "popolo (Popolo JSON); sqlite (a copy for analysts, with Datasette metadata)",
            ),
        ] = "json",
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="Folder for one file per kind (needed for csv); the workbook for xlsx; "
                "the file for ics (standard output without it)",
            ),
        ] = None,
        start: Annotated[
            str | None,
            typer.Option("--from", help="ics, iati: only from this year, month or day on"),
        ] = None,
        end: Annotated[
            str | None,
            typer.Option("--to", help="ics, iati: only up to this year, month or day"),
        ] = None,
        org: Annotated[
            str | None,
            typer.Option(
                "--org",
                help="ics: only events this organization (id or acronym) or a body under it "
                "organized or took part in; iati: the reporting organization (default: the "
                "setting)",
            ),
        ] = None,
    ) -> None:
        """Export every record, with stable ids, in the import format; or in an open format:
        the events as iCalendar, Popolo JSON, a SQLite copy for analysts (docs/formats/)."""
        _check_output(fmt, output)
        if fmt == "ics":
            _export_calendar(state_of(ctx), output, start, end, org)
            return
        if fmt == "iati":
            _export_iati(state_of(ctx), output, start, end, org)
            return
        if start is not None or end is not None or org is not None:
            raise InvalidRequest("--from, --to and --org narrow --format ics or iati only")
        if fmt == "sqlite":
            _export_sqlite(state_of(ctx), output)
            return
        if fmt == "popolo":
            _export_popolo(state_of(ctx), output)
            return
        from liaison.registry import dump

        if fmt not in dump.FORMATS:
            formats = ", ".join((*dump.FORMATS, *OPEN_FORMATS))
            raise InvalidRequest(f"unknown format '{fmt}': use one of {formats}")
        if output is None and fmt in ("csv", "xlsx"):
            what = "one file per kind: give a folder" if fmt == "csv" else "a workbook: give"
            raise InvalidRequest(f"{fmt.upper()} export writes {what} with -o")
        with state_of(ctx).database().session() as session:
            if output is None:
                dump.render(session, fmt, sys.stdout)
                return
            try:
                written = list(dump.write(session, fmt, output))
            except OSError as exc:
                raise FileProblem.of(exc.filename or output, exc) from None
        console().print(f"Wrote {len(written)} files to {output}", highlight=False)

    @app.command(epilog="Example: liaison summary")
    def summary(ctx: typer.Context) -> None:
        """Say what the registry holds."""
        print_summary(state_of(ctx))

    @db_app.command(epilog="Example: LIAISON_DATABASE_URL=postgresql://host/db liaison db upgrade")
    def upgrade(ctx: typer.Context) -> None:
        """Apply pending schema migrations (every command also does this on its own)."""
        from liaison.storage.database import Database

        state = state_of(ctx)
        database = Database(state.database_url, create=state.create)
        before = database.revision()
        applied = database.upgrade()
        after = database.revision()
        message = f"upgraded from {before or 'empty'} to {after}" if applied else "up to date"
        console().print(f"Database {database.safe_url}: {message} (head {database.head()})")
