"""``liaison backup`` and ``liaison restore``: a consistent copy while in use, back into an empty
database."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import console

# liaison.storage.backup (SQLAlchemy, the database) is imported by the commands.


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar of pages copied when standard error is a terminal, else none."""
    if not sys.stderr.isatty():
        yield None
        return
    from liaison.cli.output import progress_bar

    with progress_bar(label) as update:
        yield update


def register(app: typer.Typer) -> None:
    @app.command(
        epilog="Examples: liaison backup backups/liaison-$(date +%F).db; "
        "LIAISON_DATABASE_URL=postgresql://liaison@dbhost/liaison liaison backup liaison.dump"
    )
    def backup(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="The backup file to write")],
        force: Annotated[bool, typer.Option("--force", help="Replace FILE when it exists")] = False,
    ) -> None:
        """Copy the registry to FILE while it is in use: one consistent state of it, checked.

        SQLite: a copy made with SQLite's online backup API and checked with PRAGMA
        integrity_check (a change not yet saved by another command is not in it). PostgreSQL:
        pg_dump's custom format (the client programs of the server's version must be installed),
        read back with pg_restore --list. The file is readable by its owner only; an existing
        FILE is left alone unless --force.
        """
        from liaison.storage.backup import backup as backup_registry
        from liaison.storage.direct import shown_url

        url = state_of(ctx).database_url
        with _progress("Backing up") as progress:
            result = backup_registry(url, file, force=force, progress=progress)
        console().print(
            f"Backed up {shown_url(url)} to {result.path}: {_size(result.size)}, schema "
            f"revision {result.revision}, "
            + ("integrity checked" if result.backend == "sqlite" else "archive read back"),
            highlight=False,
        )

    @app.command(
        epilog="Examples: liaison --database sqlite:///restored.db restore "
        "backups/liaison-2026-06-01.db; createdb liaison_restored && liaison --database "
        "postgresql://liaison@dbhost/liaison_restored restore liaison.dump"
    )
    def restore(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="A file written by liaison backup")],
    ) -> None:
        """Restore a backup into an EMPTY database, then bring its schema up to date.

        Empty means: no file yet, a database with no tables, or a registry that holds only the
        reference data Liaison loads itself (no record, user or change of anyone's). A database
        that holds records is refused. A SQLite backup restores into SQLite and a PostgreSQL
        backup (pg_dump) into PostgreSQL: restoring across the two is not supported (to move a
        registry between them, liaison export --format json and liaison import).
        """
        from liaison.storage.backup import restore as restore_registry
        from liaison.storage.direct import shown_url

        url = state_of(ctx).database_url
        with _progress("Restoring") as progress:
            result = restore_registry(url, file, progress=progress)
        upgraded = f", upgraded to {result.upgraded_to}" if result.upgraded_to else ""
        console().print(
            f"Restored {file} into {shown_url(url)}: schema revision {result.revision}{upgraded}",
            highlight=False,
        )
