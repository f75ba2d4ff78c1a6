"""The ``liaison`` command. Each subcommand parses its input, calls the library and renders."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from liaison.cli import classify, ingest, jiu, records, report, serve, tags, transfer, users
from liaison.cli.context import State
from liaison.config import Settings
from liaison.errors import LiaisonError

app = typer.Typer(
    name="liaison",
    help="Liaison: the record of an organization's relations with the United Nations system.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.callback()
def main_options(
    ctx: typer.Context,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            envvar="LIAISON_DATABASE_URL",
            help="Database URL (default: the SQLite file liaison.db in the current folder). "
            "Example: postgresql://liaison@localhost/liaison",
            show_default=False,
        ),
    ] = None,
) -> None:
    settings = Settings.from_env()
    ctx.obj = State(database or settings.database_url, settings)


transfer.register(app, db_app)
records.register(app)
users.register(app)
report.register(app)
classify.register(app)
tags.register(app)
jiu.register(app)
ingest.register(app)
serve.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become a message on stderr and a non-zero exit, no traceback.

    Usage errors are click's own (exit 2); errors from the library are :class:`LiaisonError`.
    """
    try:
        app(args=argv, prog_name="liaison")
    except LiaisonError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
