"""``liaison serve`` (the web application and API) and ``liaison token`` (API tokens)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, print_rows

if TYPE_CHECKING:
    from fastapi import FastAPI


# Each ``liaison serve --workers N`` process imports its application by name: it reads the
# database from the setting the command itself reads, which the command sets to what it opened.
DATABASE_SETTING = "LIAISON_DATABASE_URL"


def _app_for_worker(*, secure_cookies: bool) -> FastAPI:
    from liaison.storage.database import Database
    from liaison.web.app import create_app

    return create_app(Database(os.environ[DATABASE_SETTING]), secure_cookies=secure_cookies)


def app_for_worker() -> FastAPI:
    """The application of one worker process (the command has migrated the database)."""
    return _app_for_worker(secure_cookies=False)


def secure_app_for_worker() -> FastAPI:
    """The same, sending cookies over HTTPS only."""
    return _app_for_worker(secure_cookies=True)


def register(app: typer.Typer) -> None:
    @app.command(
        epilog="Examples: liaison serve; liaison serve --host 0.0.0.0 --port 8080 --secure-cookies"
    )
    def serve(
        ctx: typer.Context,
        host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
        secure_cookies: Annotated[
            bool, typer.Option(help="Send cookies over HTTPS only (behind a TLS proxy)")
        ] = False,
        workers: Annotated[
            int,
            typer.Option(
                min=1,
                max=64,
                help="Server processes answering in parallel (sign-in throttling is per process)",
            ),
        ] = 1,
    ) -> None:
        """Serve the web application and the JSON API on the registry."""
        import uvicorn

        from liaison.web.accounts import setup_link
        from liaison.web.app import create_app

        database = state_of(ctx).database()
        shown = "localhost" if host in ("127.0.0.1", "::1") else host
        base = f"http://{shown}:{port}"
        link = setup_link(database, base)
        print(f"Liaison is serving {database.safe_url} at {base}/ (Ctrl+C stops it)")
        if link:
            print("No administrator exists yet. Create the first one, once, at:")
            print(f"  {link}")
        options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning"}
        if workers == 1:
            app = create_app(database, secure_cookies=secure_cookies)
            uvicorn.run(app, server_header=False, **options)
            return
        os.environ[DATABASE_SETTING] = database.url
        factory = secure_app_for_worker if secure_cookies else app_for_worker
        target = f"{__name__}:{factory.__name__}"
        uvicorn.run(target, factory=True, workers=workers, server_header=False, **options)

    tokens_app = typer.Typer(help="API tokens for scripts (sent as 'Authorization: Bearer …').")
    app.add_typer(tokens_app, name="token", no_args_is_help=True)

    @tokens_app.command(epilog="Example: liaison token add alice --name nightly-export")
    def add(
        ctx: typer.Context,
        username: Annotated[str, typer.Argument(help="Whose token (it acts with their role)")],
        name: Annotated[str | None, typer.Option(help="What the token is for")] = None,
    ) -> None:
        """Make an API token and print it, once; only its hash is kept."""
        from liaison.access import get_user
        from liaison.services import tokens

        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            secret = tokens.issue(session, "api", get_user(session, username), name=name)
        print(secret)

    @tokens_app.command(name="list", epilog="Example: liaison token list --user alice")
    def list_command(
        ctx: typer.Context,
        username: Annotated[str | None, typer.Option("--user", help="Only this user's")] = None,
        fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    ) -> None:
        """List API tokens (never their secrets)."""
        from liaison.access import get_user
        from liaison.services import tokens

        with state_of(ctx).database().session() as session:
            user = get_user(session, username) if username else None
            found = tokens.list_tokens(session, user=user)
        rows = [
            {
                "id": t.id,
                "user": t.username,
                "name": t.name,
                "created": f"{t.created_at:%Y-%m-%d}",
                "last_used": f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else None,
                "revoked": t.revoked,
            }
            for t in found
        ]
        print_rows(rows, fmt, title="API tokens")

    @tokens_app.command(epilog="Example: liaison token revoke 3")
    def revoke(
        ctx: typer.Context,
        token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's id (see list)")],
    ) -> None:
        """Revoke an API token: scripts using it are refused from now on."""
        from liaison.services import tokens

        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            tokens.revoke(session, token_id)
        print(f"Token {token_id} revoked")
