"""The ``liaison`` command. Each subcommand parses its input, calls the library and renders."""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from liaison.cli import backup, classify, ingest, jiu, records, report, serve, tags, transfer, users
from liaison.cli.context import CREATING_COMMANDS, State
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
    creates = ctx.invoked_subcommand in CREATING_COMMANDS
    ctx.obj = State(database or settings.database_url, settings, create=creates)


transfer.register(app, db_app)
records.register(app)
users.register(app)
report.register(app)
classify.register(app)
tags.register(app)
jiu.register(app)
ingest.register(app)
serve.register(app)
backup.register(app)


DEBUG_SETTING = "LIAISON_DEBUG"


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure is a message on stderr and an exit code, never a traceback.

    Usage errors are click's own (exit 2); errors from the library are :class:`LiaisonError`
    (its ``exit_code``: the README's table). Anything else is a bug: one line naming it, exit 1,
    and the traceback only with ``LIAISON_DEBUG=1``.
    """
    try:
        app(args=argv, prog_name="liaison")
    except LiaisonError as exc:
        _fail(exc.message, exc.exit_code, argv)
    except OSError as exc:
        if exc.filename is None or os.environ.get(DEBUG_SETTING):
            _unexpected(exc, argv)
        from liaison.errors import FileProblem

        problem = FileProblem.of(exc.filename, exc, "read or write")
        _fail(problem.message, problem.exit_code, argv)
    except Exception as exc:
        _unexpected(exc, argv)


def _unexpected(exc: Exception, argv: list[str] | None) -> NoReturn:
    if os.environ.get(DEBUG_SETTING):
        raise exc
    said = (str(exc).strip().splitlines() or [""])[0][:300]
    message = f"unexpected {type(exc).__name__}: {said}".rstrip(": ")
    _fail(f"{message} (run with {DEBUG_SETTING}=1 for the traceback)", 1, argv)


def _fail(message: str, code: int, argv: list[str] | None) -> NoReturn:
    """Print ``error: message`` to stderr (never a database password) and exit with ``code``."""
    from liaison.storage.status import hide_secrets

    urls = [os.environ.get("LIAISON_DATABASE_URL"), *_database_options(argv)]
    print(f"error: {hide_secrets(message, *urls)}", file=sys.stderr)
    sys.exit(code)


def _database_options(argv: list[str] | None) -> list[str]:
    """The values of ``--database`` in the command line."""
    args = sys.argv[1:] if argv is None else argv
    found = [a.removeprefix("--database=") for a in args if a.startswith("--database=")]
    found += [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--database"]
    return found
