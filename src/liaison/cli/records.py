"""Commands that read the registry: list, show, search, taxonomy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, print_record, print_rows
from liaison.dates import DateRange
from liaison.errors import InvalidRequest

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
KINDS_HELP = (
    "organizations, roles, events, initiatives, documents, activities or jiu_recommendations"
)


def _period(text: str | None) -> DateRange | None:
    if not text:
        return None
    try:
        return DateRange.parse(text)
    except ValueError as exc:
        raise InvalidRequest(f"--period: {exc}") from None


def register(app: typer.Typer) -> None:
    @app.command(
        name="list",
        epilog="Examples: liaison list events; liaison list roles -f csv; "
        "liaison list events --period 2017 --org unesco --sort -date",
    )
    def list_command(
        ctx: typer.Context,
        kind: Annotated[str, typer.Argument(help=KINDS_HELP)],
        period: Annotated[
            str | None, typer.Option(help="Only records dated in this period (2017, 2017/2018)")
        ] = None,
        org: Annotated[
            str | None, typer.Option(help="Only records that involve this organization (an id)")
        ] = None,
        body: Annotated[
            str | None, typer.Option(help="Only records of this body (a role's body, a session's)")
        ] = None,
        taxon: Annotated[
            str | None, typer.Option(help="Only records tagged with this taxon (sdg:9, wsis:C7)")
        ] = None,
        state: Annotated[
            str | None, typer.Option(help="Only records of this kind or status (the kind's own)")
        ] = None,
        words: Annotated[
            str | None, typer.Option("--search", help="Only records matching these words")
        ] = None,
        sort: Annotated[str, typer.Option(help="id, name or date; '-date' for newest first")] = (
            "id"
        ),
        fmt: FormatOption = Format.table,
    ) -> None:
        """List the records of one kind, optionally narrowed and sorted."""
        unfiltered = (
            not period and not words and all(option is None for option in (body, org, taxon, state))
        )
        plain = _plain_rows(ctx, kind, sort) if unfiltered else None
        if plain is not None:
            table, rows = plain
            print_rows(rows, fmt, title=table.replace("_", " "))
            return
        from liaison.services.kinds import kind_named
        from liaison.services.listing import RecordFilter

        kind = kind_named(kind)
        where = RecordFilter(
            period=_period(period),
            body=body,
            organization=org,
            taxon=taxon,
            state=state,
            query=words,
        )
        rows = list(_all_rows(ctx, kind, where, sort))
        print_rows(rows, fmt, title=kind.replace("_", " "))

    @app.command(epilog="Examples: liaison show equals; liaison show itu --format json")
    def show(
        ctx: typer.Context,
        record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id")],
        fmt: FormatOption = Format.table,
    ) -> None:
        """Show one record in full: every field, its tags and sources, where it came from."""
        from liaison.services.records import get_record

        with state_of(ctx).database().session() as session:
            record = get_record(session, record_id)
        last = record.last_change
        print_record(
            {
                "type": record.record_type,
                **record.data,
                "origin": record.origin,
                "version": record.version,
                "last_change": f"{last.at:%Y-%m-%d %H:%M} by {last.actor}" if last else None,
            },
            fmt,
        )

    @app.command(epilog='Examples: liaison search "broadband commission"; liaison search gender')
    def search(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(help="Words to look for (prefixes match)")],
        kind: Annotated[
            str | None, typer.Option("--kind", "-k", help="Only records of this kind")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many")] = 20,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many hits first")] = 0,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Search names, acronyms, aliases, descriptions and document titles."""
        from liaison.services.search import search as search_records

        with state_of(ctx).database().session() as session:
            result = search_records(session, query, kind=kind, limit=limit, offset=offset)
        rows = [{"id": h.id, "kind": h.kind, "title": h.title} for h in result.hits]
        print_rows(rows, fmt, title=f"records matching '{query}'")

    @app.command(epilog="Examples: liaison taxonomy sdg; liaison taxonomy wsis -f json")
    def taxonomy(
        ctx: typer.Context,
        scheme: Annotated[str, typer.Argument(help="sdg, wsis or theme")],
        under: Annotated[
            str | None, typer.Option("--under", help="Only this taxon and what is under it")
        ] = None,
        fmt: FormatOption = Format.table,
    ) -> None:
        """List the taxa of a scheme: SDG goals, targets and indicators; WSIS lines; themes."""
        from liaison.services.taxa import list_taxa

        with state_of(ctx).database().session() as session:
            taxa = list_taxa(session, scheme, under=under)
        rows = [{"id": t.id, "label": t.label or "", "text": t.text} for t in taxa]
        print_rows(rows, fmt, title=f"{scheme} taxa")


def _plain_rows(
    ctx: typer.Context, name: str, sort: str
) -> tuple[str, list[dict[str, Any]]] | None:
    """The kind and every row of an unfiltered list, read with plain SQL (no SQLAlchemy).

    None for a kind or sort it does not know: the listing service then says what is wrong.
    """
    from liaison.services.plain_lists import list_all, order_by, plain_kind

    kind = plain_kind(name)
    order = order_by(kind, sort) if kind is not None else None
    if kind is None or order is None:
        return None
    with state_of(ctx).reader() as reader:
        listed = list_all(reader, kind, order)
    return kind.table, [{"id": record.id, **record.fields} for record in listed]


def _all_rows(ctx: typer.Context, kind: str, where: Any, sort: str) -> Iterator[dict[str, Any]]:
    """Every row of the list, read a page at a time."""
    from liaison.services.listing import list_records

    with state_of(ctx).database().session() as session:
        cursor: str | None = None
        while True:
            page = list_records(
                session, kind, where, sort=sort, cursor=cursor, limit=1000, count=False
            )
            for item in page.items:
                yield {"id": item.id, **item.fields}
            if page.next_cursor is None:
                return
            cursor = page.next_cursor
