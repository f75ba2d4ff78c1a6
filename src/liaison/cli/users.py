"""Commands for user accounts: add, list, set a password or a role."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, print_rows

# liaison.access (argon2) is imported by the commands that hash or check passwords.

PASSWORD_HELP = (
    "Read the password from standard input instead of asking (for scripts); or set LIAISON_PASSWORD"
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("LIAISON_PASSWORD"):
        return os.environ["LIAISON_PASSWORD"]
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def register(app: typer.Typer) -> None:
    users = typer.Typer(help="Manage user accounts (no account exists until you add one).")
    app.add_typer(users, name="user", no_args_is_help=True)

    @users.command(epilog="Example: liaison user add alice --role editor")
    def add(
        ctx: typer.Context,
        username: Annotated[str, typer.Argument(help="Lower-case user name")],
        role: Annotated[str, typer.Option(help="reader, editor or admin")] = "reader",
        password_stdin: Annotated[bool, typer.Option(help=PASSWORD_HELP)] = False,
    ) -> None:
        """Create a user account; the password is asked for and stored only as a hash."""
        from liaison import access

        password = _password(password_stdin)
        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            access.create_user(session, username, password, role)
        print(f"Created user {username} ({role})")

    @users.command(name="list", epilog="Example: liaison user list")
    def list_command(
        ctx: typer.Context,
        fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    ) -> None:
        """List user accounts and their roles."""
        from liaison import access

        with state_of(ctx).database().session() as session:
            rows = [
                {"username": u.username, "role": u.role, "active": u.active}
                for u in access.list_users(session)
            ]
        print_rows(rows, fmt, title="users")

    @users.command(epilog="Example: liaison user password alice")
    def password(
        ctx: typer.Context,
        username: Annotated[str, typer.Argument()],
        password_stdin: Annotated[bool, typer.Option(help=PASSWORD_HELP)] = False,
    ) -> None:
        """Set a user's password."""
        from liaison import access

        new = _password(password_stdin)
        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            access.set_password(session, username, new)
        print(f"Password of {username} changed")

    @users.command(epilog="Example: liaison user role alice admin")
    def role(
        ctx: typer.Context,
        username: Annotated[str, typer.Argument()],
        new_role: Annotated[str, typer.Argument(metavar="ROLE", help="reader, editor or admin")],
    ) -> None:
        """Give a user another role."""
        from liaison import access

        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            access.set_role(session, username, new_role)
        print(f"{username} is now {new_role}")
