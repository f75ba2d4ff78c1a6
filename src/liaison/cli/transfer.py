"""Commands that move data in and out: init, demo, import, export, summary, db upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import console, progress_bar
from liaison.errors import LiaisonError

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
        epilog="Examples: liaison import events.yaml; liaison import exported-folder/",
    )
    def import_command(
        ctx: typer.Context,
        paths: Annotated[
            list[Path], typer.Argument(help="YAML, JSON or CSV files, or folders of them")
        ],
    ) -> None:
        """Import records, all or nothing: a bad file is refused and nothing is changed."""
        from liaison.registry.importer import import_paths

        state = state_of(ctx)
        database = state.database()
        with (
            progress_bar("Importing") as progress,
            database.session(actor=state.actor, write=True) as session,
        ):
            result = import_paths(session, paths, progress=progress)
        _report_import("Imported", result)

    @app.command(
        epilog="Examples: liaison export --format json > registry.json; "
        "liaison export --format csv -o export/"
    )
    def export(
        ctx: typer.Context,
        fmt: Annotated[str, typer.Option("--format", "-f", help="json, yaml or csv")] = "json",
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Folder for one file per kind (needed for csv)"),
        ] = None,
    ) -> None:
        """Export every record, with stable ids, in the import format."""
        from liaison.registry import exporter

        if fmt not in exporter.FORMATS:
            raise LiaisonError(f"unknown format '{fmt}': use one of {', '.join(exporter.FORMATS)}")
        with state_of(ctx).database().session() as session:
            data = exporter.dataset(session)
        if output is None:
            if fmt == "csv":
                raise LiaisonError("CSV export writes one file per kind: give a folder with -o")
            sys.stdout.write(exporter.render(exporter.plain(data), fmt))
            return
        written = list(exporter.write(data, fmt, output))
        console().print(f"Wrote {len(written)} files to {output}", highlight=False)

    @app.command(epilog="Example: liaison summary")
    def summary(ctx: typer.Context) -> None:
        """Say what the registry holds."""
        print_summary(state_of(ctx))

    @db_app.command(epilog="Example: LIAISON_DATABASE_URL=postgresql://host/db liaison db upgrade")
    def upgrade(ctx: typer.Context) -> None:
        """Apply pending schema migrations (every command also does this on its own)."""
        from liaison.storage.database import Database

        database = Database(state_of(ctx).database_url)
        before = database.revision()
        applied = database.upgrade()
        after = database.revision()
        message = f"upgraded from {before or 'empty'} to {after}" if applied else "up to date"
        console().print(f"Database {database.safe_url}: {message} (head {database.head()})")
