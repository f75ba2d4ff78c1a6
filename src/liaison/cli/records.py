"""Commands that read the registry: list, show, search, taxonomy."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import select

from liaison.cli.context import state_of
from liaison.cli.output import Format, print_record, print_rows
from liaison.errors import LiaisonError
from liaison.model import RECORD_TYPES, Taxon
from liaison.reference import SCHEMES
from liaison.registry.queries import kind_named, list_records, show_record
from liaison.registry.search import search as search_records

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]


def register(app: typer.Typer) -> None:
    @app.command(name="list", epilog="Examples: liaison list events; liaison list roles -f csv")
    def list_command(
        ctx: typer.Context,
        kind: Annotated[
            str,
            typer.Argument(
                help="organizations, roles, events, initiatives, documents, activities "
                "or jiu_recommendations"
            ),
        ],
        fmt: FormatOption = Format.table,
    ) -> None:
        """List the records of one kind."""
        kind = kind_named(kind)
        with state_of(ctx).database().session() as session:
            rows = list_records(session, kind)
        print_rows(rows, fmt, title=kind.replace("_", " "))

    @app.command(epilog="Examples: liaison show equals; liaison show itu --format json")
    def show(
        ctx: typer.Context,
        record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id")],
        fmt: FormatOption = Format.table,
    ) -> None:
        """Show one record in full: every field, its tags and sources, where it came from."""
        with state_of(ctx).database().session() as session:
            record = show_record(session, record_id)
        print_record(record, fmt)

    @app.command(epilog='Examples: liaison search "broadband commission"; liaison search gender')
    def search(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(help="Words to look for (prefixes match)")],
        kind: Annotated[
            str | None, typer.Option("--kind", "-k", help="Only records of this kind")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many")] = 20,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Search names, acronyms, aliases, descriptions and document titles."""
        record_type = RECORD_TYPES[kind_named(kind)] if kind else None
        with state_of(ctx).database().session() as session:
            hits = search_records(session, query, kind=record_type, limit=limit)
        rows = [{"id": h.id, "kind": h.record_type, "title": h.title} for h in hits]
        print_rows(rows, fmt, title=f"records matching '{query}'")

    @app.command(epilog="Examples: liaison taxonomy sdg; liaison taxonomy wsis -f json")
    def taxonomy(
        ctx: typer.Context,
        scheme: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMES)}")],
        under: Annotated[
            str | None, typer.Option("--under", help="Only this taxon and what is under it")
        ] = None,
        fmt: FormatOption = Format.table,
    ) -> None:
        """List the taxa of a scheme: SDG goals, targets and indicators; WSIS lines; themes."""
        if scheme not in SCHEMES:
            raise LiaisonError(f"unknown scheme '{scheme}': use one of {', '.join(SCHEMES)}")
        with state_of(ctx).database().session() as session:
            taxa = session.scalars(
                select(Taxon).where(Taxon.scheme == scheme).order_by(Taxon.position)
            ).all()
        prefix = under.split(":")[-1] if under else None
        rows = [
            {"id": t.id, "label": t.label or "", "text": t.text}
            for t in taxa
            if prefix is None or t.code == prefix or t.code.startswith(prefix + ".")
        ]
        print_rows(rows, fmt, title=f"{scheme} taxa")
