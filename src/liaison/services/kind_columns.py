"""Each kind of record declared once, as plain data: its table, what one is called, its title
column, the columns a list shows by the import format's field name, the field its dates are
shown in, and the table of organizations listed with it.

Plain names only, no SQLAlchemy: the command line reads lists with them through the database's
own driver (:mod:`liaison.services.plain_lists`), and :mod:`liaison.services.kinds` turns them
into the model's columns for the listing, the search and the web pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartnerTable:
    """A child table linking a record (``owner``) to organizations, listed with the record."""

    table: str
    owner: str
    organization: str


@dataclass(frozen=True)
class KindColumns:
    """How a list of one kind reads: its table, title column and list columns by field."""

    table: str
    #: What one record of the kind is called, in a sentence (``JIU recommendation``).
    singular: str
    title: str
    columns: dict[str, str]
    #: The field its dates are shown in (``date`` or ``period``); None for kinds without dates.
    date_field: str | None = None
    partners: PartnerTable | None = None


KIND_COLUMNS: dict[str, KindColumns] = {
    kind.table: kind
    for kind in (
        KindColumns(
            "organizations",
            "organization",
            "name",
            {
                "acronym": "acronym",
                "name": "name",
                "kind": "kind",
                "category": "category",
                "parent": "parent_id",
            },
        ),
        KindColumns(
            "roles",
            "role",
            "role",
            {"holder": "holder_id", "role": "role", "body": "body_id"},
            date_field="period",
        ),
        KindColumns(
            "events",
            "event",
            "name",
            {
                "short_name": "short_name",
                "name": "name",
                "kind": "kind",
                "place": "place",
                "session_of": "session_of_id",
            },
            date_field="date",
        ),
        KindColumns(
            "initiatives",
            "initiative",
            "name",
            {"short_name": "short_name", "name": "name", "kind": "kind", "status": "status"},
            date_field="period",
            partners=PartnerTable("initiative_partners", "initiative_id", "organization_id"),
        ),
        KindColumns(
            "documents",
            "document",
            "title",
            {"symbol": "symbol", "title": "title", "kind": "kind", "issued_by": "issued_by_id"},
            date_field="date",
        ),
        KindColumns(
            "activities",
            "activity",
            "text",
            {"org": "organization_id", "kind": "kind", "text": "text"},
            date_field="date",
        ),
        KindColumns(
            "jiu_recommendations",
            "JIU recommendation",
            "text",
            {
                "report": "report_id",
                "number": "number",
                "addressed_to": "addressed_to",
                "scope": "scope",
            },
        ),
    )
}
_NAMES = {kind.singular.replace(" ", "_").lower(): kind.table for kind in KIND_COLUMNS.values()}
_NAMES["jiu"] = "jiu_recommendations"


def kind_key(name: str) -> str | None:
    """The kind a user means (``event``, ``events``, ``jiu-recommendations``…), or None."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = _NAMES.get(key, key)
    return key if key in KIND_COLUMNS else None
