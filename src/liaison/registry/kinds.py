"""Each kind of record declared once: which import field goes in which column, and its children.

The bulk writer (:mod:`liaison.registry.bulk`) builds rows from validated records with these
declarations, reads stored rows back, merges and compares them; the fast export turns rows back
into the import format with the same declarations. A new kind, or a new field, is added here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from liaison.dates import DateRange, columns_of, range_of
from liaison.model import RECORD_KINDS, RECORD_TYPES
from liaison.registry.schema import TagData
from liaison.storage.base import Base

Row = dict[str, Any]
DATE_COLUMNS = ("starts", "ends", "earliest", "latest")


@lru_cache(maxsize=8192)
def date_columns(text: str | None) -> tuple[Any, ...]:
    """The four columns a partial date range is stored in (see ``Dated``)."""
    return columns_of(DateRange.parse(text) if text else None)


@dataclass(frozen=True)
class Field:
    """An import field stored in one column, or (``dates``) in the four columns of a range."""

    name: str
    column: str
    dates: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        if not self.dates:
            return (self.column,)
        return tuple(self.column + c for c in DATE_COLUMNS)

    def store(self, value: Any, row: Row) -> None:
        if self.dates:
            for column, part in zip(self.columns, date_columns(value), strict=True):
                row[column] = part
        else:
            row[self.column] = list(value) if isinstance(value, list) else value

    def read(self, row: Row) -> Any:
        if self.dates:
            found = range_of(row[self.column + "starts"], row[self.column + "ends"])
            return str(found) if found else None
        return row[self.column]


@dataclass(frozen=True)
class Child:
    """A list field stored as rows of a child table, one row per item.

    ``key`` names the columns that identify an item when a re-import merges (an item with the
    same key is replaced, a new one added); ``content`` the columns compared; ``position`` the
    column that keeps the items' order, if any (else they are kept sorted by ``key``).
    """

    field: str
    table: str
    owner: str
    key: tuple[str, ...]
    content: tuple[str, ...]
    build: Callable[[Any], list[Row]]
    plain: Callable[[list[Row]], Any]
    position: str | None = None
    always_merged: bool = False  # a JIU status history is merged even by --replace

    @property
    def compared(self) -> tuple[str, ...]:
        """The columns two versions of an item are compared on."""
        if self.position is None or self.position in self.content:
            return self.content
        return (*self.content, self.position)

    def rows(self, value: Any) -> list[Row]:
        if not value:
            return []
        rows = self.build(value)
        if self.position is None:
            if len(rows) == 1:
                return rows
            unique = {tuple(r[c] for c in self.key): r for r in rows}
            return sorted(unique.values(), key=self.order)
        return [{**r, self.position: i} for i, r in enumerate(rows)]

    def order(self, row: Row) -> Any:
        """Where a row stands among its record's: its position, else its key as text (so that
        every backend and collation gives the same order)."""
        if self.position is not None:
            return row[self.position]
        return tuple("" if row[c] is None else str(row[c]) for c in self.key)


def _keyed_first(rows: list[Row], key: tuple[str, ...]) -> list[Row]:
    """One row per key, where the key first appears, with the last value given for it."""
    unique: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        unique[tuple(row[c] for c in key)] = row
    return list(unique.values())


def _dated(row: Row, text: str | None) -> Row:
    Field("", "", dates=True).store(text, row)
    return row


def _unless(value: Any, default: Any) -> Any:
    """The value, or None when it is the field's default (which the export leaves out)."""
    return None if value == default else value


SOURCES = Child(
    "sources",
    "record_sources",
    "record_id",
    key=("document_id", "url", "locator", "note"),
    content=("document_id", "url", "locator", "note"),
    position="position",
    build=lambda items: [
        {"document_id": s.document, "url": s.url, "locator": s.locator, "note": s.note}
        for s in items
    ],
    plain=lambda rows: [
        {"document": r["document_id"], "url": r["url"], "locator": r["locator"], "note": r["note"]}
        for r in rows
    ],
)


def _id_list(field: str, table: str, owner: str, column: str) -> Child:
    return Child(
        field,
        table,
        owner,
        key=(column,),
        content=(column,),
        build=lambda ids: [{column: i} for i in ids],
        plain=lambda rows: [r[column] for r in rows],
    )


def _organizations_in_roles(
    field: str, table: str, owner: str, detail: str, default_role: str, *, ordered: bool = False
) -> Child:
    """Organizations that take part in a record in a role (an event's participants, an
    initiative's partners), one per organization and role, with a text (``detail``) each.
    ``ordered``: the items keep the order given (the first of a key's place, its last value);
    else they are sorted by organization and role."""
    key = ("organization_id", "role")
    return Child(
        field,
        table,
        owner,
        key=key,
        content=(*key, detail, *(("position",) if ordered else ())),
        position="position" if ordered else None,
        build=lambda items: _keyed_first(
            [{"organization_id": i.org, "role": i.role, detail: getattr(i, detail)} for i in items],
            key,
        ),
        plain=lambda rows: [
            {
                "org": r["organization_id"],
                "role": _unless(r["role"], default_role),
                detail: r[detail],
            }
            for r in rows
        ],
    )


RELATIONS = _id_list("related", "record_relations", "record_id", "related_id")
TAG_CONTENT = ("taxon_id", "state", "score", "evidence", "suggested_by")


def _tag_rows(tags: list[str | TagData]) -> list[Row]:
    rows = []
    for tag in tags:
        data = tag if isinstance(tag, TagData) else TagData(taxon=tag)
        rows.append(
            {
                "taxon_id": data.taxon,
                "state": data.state,
                "score": data.score,
                "evidence": data.evidence,
                "suggested_by": data.suggested_by,
            }
        )
    return rows


def _tag_plain(row: Row) -> Any:
    """A tag a person entered is written as its taxon; a classifier's keeps its provenance."""
    if row["state"] == "accepted" and row["suggested_by"] is None and row["score"] is None:
        return row["taxon_id"]
    shown = {"taxon": row["taxon_id"]}
    if row["state"] != "accepted":
        shown["state"] = row["state"]
    return shown | {k: row[k] for k in ("score", "evidence", "suggested_by") if row[k] is not None}


TAGS = Child(
    "tags",
    "tags",
    "record_id",
    key=("taxon_id",),
    content=TAG_CONTENT,
    build=_tag_rows,
    plain=lambda rows: [_tag_plain(r) for r in rows],
)


@dataclass(frozen=True)
class Kind:
    """A kind of record: its table, its fields beyond the common ones, and its children."""

    name: str
    fields: tuple[Field, ...]
    children: tuple[Child, ...]
    label: Callable[[Row], str]

    @property
    def model(self) -> type[Any]:
        return RECORD_KINDS[self.name]

    @property
    def record_type(self) -> str:
        return RECORD_TYPES[self.name]

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @cached_property
    def all_children(self) -> tuple[Child, ...]:
        return (SOURCES, RELATIONS, TAGS, *self.children)


COMMON = (
    Field("description", "description"),
    Field("section", "report_section"),
    Field("order", "report_order"),
    Field("retired", "retired"),
)


def _f(name: str, column: str | None = None) -> Field:
    return Field(name, column or name)


def _range(name: str, prefix: str = "") -> Field:
    return Field(name, prefix, dates=True)


KINDS: dict[str, Kind] = {
    "organizations": Kind(
        "organizations",
        (
            _f("name"),
            _f("acronym"),
            _f("kind"),
            _f("parent", "parent_id"),
            _f("category"),
            _f("url"),
        ),
        (
            _id_list("aliases", "organization_aliases", "organization_id", "alias"),
            Child(
                "classifications",
                "organization_classifications",
                "organization_id",
                key=("scheme",),
                content=("scheme", "value"),
                build=lambda d: [{"scheme": k, "value": v} for k, v in d.items()],
                plain=lambda rows: {r["scheme"]: r["value"] for r in rows},
            ),
            Child(
                "names",
                "organization_names",
                "organization_id",
                key=("name", "acronym", "kind", "note", *DATE_COLUMNS),
                content=("name", "acronym", "kind", "note", *DATE_COLUMNS),
                position="position",
                build=lambda names: [
                    _dated(
                        {"name": n.name, "acronym": n.acronym, "kind": n.kind, "note": n.note},
                        n.period,
                    )
                    for n in names
                ],
                plain=lambda rows: [
                    {
                        "name": r["name"],
                        "acronym": r["acronym"],
                        "kind": _unless(r["kind"], "official"),
                        "period": Field("", "", dates=True).read(r),
                        "note": r["note"],
                    }
                    for r in rows
                ],
            ),
        ),
        label=lambda r: r["acronym"] or r["name"],
    ),
    "roles": Kind(
        "roles",
        (
            _f("holder", "holder_id"),
            _f("body", "body_id"),
            _f("role"),
            _f("note"),
            _range("period"),
        ),
        (),
        label=lambda r: str(r["id"]),
    ),
    "events": Kind(
        "events",
        (
            _f("name"),
            _f("short_name"),
            _f("kind"),
            _f("place"),
            _f("session_of", "session_of_id"),
            _f("series", "series_id"),
            _range("date"),
        ),
        (
            _id_list("organizers", "event_organizers", "event_id", "organization_id"),
            _organizations_in_roles(
                "participants", "participations", "event_id", "contribution", "participant"
            ),
        ),
        label=lambda r: r["short_name"] or r["name"],
    ),
    "initiatives": Kind(
        "initiatives",
        (
            _f("name"),
            _f("short_name"),
            _f("kind"),
            _f("status"),
            _f("outputs"),
            _f("purpose"),
            _f("key_figures"),
            _range("period"),
        ),
        (
            _organizations_in_roles(
                "partners", "initiative_partners", "initiative_id", "note", "partner", ordered=True
            ),
        ),
        label=lambda r: r["short_name"] or r["name"],
    ),
    "documents": Kind(
        "documents",
        (
            _f("title"),
            _f("symbol"),
            _f("kind"),
            _f("issued_by", "issued_by_id"),
            _f("url"),
            _f("short_title"),
            _f("quotation"),
            _f("quotation_locator"),
            _f("session"),
            _f("venue"),
            _f("languages"),
            _range("date"),
            _range("covers", "covers_"),
        ),
        (_id_list("reflects", "document_reflections", "document_id", "record_id"),),
        label=lambda r: r["symbol"] or r["title"],
    ),
    "activities": Kind(
        "activities",
        (
            _f("text"),
            _f("org", "organization_id"),
            _f("kind"),
            _f("list_related", "lists_related"),
            _range("date"),
        ),
        (_id_list("restates", "activity_restatements", "activity_id", "record_id"),),
        label=lambda r: r["text"] if len(r["text"]) <= 80 else r["text"][:77] + "...",
    ),
    "jiu_recommendations": Kind(
        "jiu_recommendations",
        (
            _f("report", "report_id"),
            _f("number"),
            _f("text"),
            _f("addressed_to"),
            _f("scope"),
        ),
        (
            Child(
                "statuses",
                "jiu_statuses",
                "recommendation_id",
                key=("organization_id", "starts"),
                content=("organization_id", *DATE_COLUMNS, "acceptance", "implementation", "note"),
                position="position",
                always_merged=True,
                build=lambda items: _keyed_first(
                    [
                        _dated(
                            {
                                "organization_id": s.org,
                                "acceptance": s.acceptance,
                                "implementation": s.implementation,
                                "note": s.note,
                            },
                            s.date,
                        )
                        for s in items
                    ],
                    ("organization_id", "starts"),
                ),
                plain=lambda rows: [
                    {
                        "org": r["organization_id"],
                        "date": r["starts"],
                        "acceptance": r["acceptance"],
                        "implementation": r["implementation"],
                        "note": r["note"],
                    }
                    for r in rows
                ],
            ),
        ),
        label=lambda r: f"{r['report_id']} recommendation {r['number']}",
    ),
}


def table(name: str) -> Any:
    return Base.metadata.tables[name]
