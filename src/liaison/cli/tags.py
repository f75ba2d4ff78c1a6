"""``liaison tags review``: list suggested tags, accept or reject them."""

from __future__ import annotations

from typing import Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, console, print_rows
from liaison.errors import InvalidRequest


def register(app: typer.Typer) -> None:
    tags = typer.Typer(help="Suggested tags and their review.", no_args_is_help=True)
    app.add_typer(tags, name="tags")

    @tags.command(
        name="review",
        epilog="Examples: liaison tags review; liaison tags review --accept equals/sdg:5; "
        "liaison tags review --scheme sdg --accept-above 0.9 --reject-below 0.7",
    )
    def review_command(
        ctx: typer.Context,
        accept: Annotated[list[str] | None, typer.Option(help="Accept RECORD/TAXON")] = None,
        reject: Annotated[list[str] | None, typer.Option(help="Reject RECORD/TAXON")] = None,
        accept_above: Annotated[
            float | None, typer.Option(help="Accept every suggestion scoring at least this")
        ] = None,
        reject_below: Annotated[
            float | None, typer.Option(help="Reject every suggestion scoring below this")
        ] = None,
        min_score: Annotated[
            float | None, typer.Option(help="List only suggestions scoring at least this")
        ] = None,
        scheme: Annotated[
            str | None,
            typer.Option(help="Only suggestions of this scheme (sdg or wsis), listed or in bulk"),
        ] = None,
        fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    ) -> None:
        """List suggested tags; accept or reject them singly, by id, or in bulk over a score.

        Only accepted tags reach the report."""
        from liaison.reference import SCHEMES

        if scheme is not None and scheme not in SCHEMES:
            raise InvalidRequest(f"unknown --scheme '{scheme}': use one of {', '.join(SCHEMES)}")
        from liaison.services.tag_review import review, suggestions

        state = state_of(ctx)
        database = state.database()
        if accept or reject or accept_above is not None or reject_below is not None:
            with database.session(actor=state.actor, write=True) as session:
                outcome = review(
                    session,
                    state.actor,
                    accept or [],
                    reject or [],
                    accept_above,
                    reject_below,
                    scheme,
                )
            unchanged = f"; {outcome.unchanged} already so" if outcome.unchanged else ""
            console().print(
                f"Accepted {outcome.accepted}, rejected {outcome.rejected}{unchanged}.",
                highlight=False,
            )
            return
        with database.session() as session:
            rows = [
                {
                    "id": s.id,
                    "score": s.score,
                    "evidence": (s.evidence or "")[:120],
                    "by": s.suggested_by,
                }
                for s in suggestions(session, min_score, scheme)
            ]
        print_rows(rows, fmt, title="suggested tags")
