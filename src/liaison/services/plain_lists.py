"""Whole lists of one kind of record in plain SQL: ``liaison list KIND`` without a filter.

The same rows in the same order as paging through :func:`liaison.services.listing.list_records`
with no filter, read in one query through a :class:`~liaison.storage.direct.DirectReader`, so
that the command imports neither SQLAlchemy nor the model. The kinds' list columns are those of
:mod:`liaison.services.kind_columns`, which the listing reads too; tests check the rows agree.
A filtered list, or a kind or sort this module does not know, goes through the listing service.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from liaison.dates import range_of
from liaison.services.kind_columns import KIND_COLUMNS, KindColumns, PartnerTable, kind_key
from liaison.storage.direct import DirectReader

# Records without a date sort as if from the year 1, as in the listing (and its date indexes).
_FAR_PAST = "'0001-01-01'"


@dataclass(frozen=True)
class ListedRecord:
    """A record as a list shows it: its id and its list columns by field name."""

    id: str
    fields: dict[str, Any]


def plain_kind(name: str) -> KindColumns | None:
    """The kind a user means (``event``, ``events``, ``jiu-recommendations``…), if known."""
    key = kind_key(name)
    return KIND_COLUMNS[key] if key else None


def order_by(kind: KindColumns, sort: str) -> str | None:
    """The ORDER BY of ``sort`` (``id``, ``name``, ``date``; ``-`` first for descending).

    None for a sort the kind does not have: the listing service says what is wrong.
    """
    key = sort.removeprefix("-")
    table = kind.table
    if key == "id":
        expression = f"{table}.id"
    elif key == "name":
        expression = f"coalesce({table}.{kind.title}, '')"
    elif key == "date" and kind.date_field is not None:
        expression = f"coalesce({table}.earliest, {_FAR_PAST})"
    else:
        return None
    direction = " DESC" if sort.startswith("-") else ""
    return f"{expression}{direction}, {table}.id{direction}"


def list_all(reader: DirectReader, kind: KindColumns, order: str) -> list[ListedRecord]:
    """Every record of ``kind`` in the ``order`` :func:`order_by` gave."""
    table = kind.table
    columns = [f"{table}.id", *(f"{table}.{c}" for c in kind.columns.values())]
    if kind.date_field is not None:
        columns += [f"{table}.starts", f"{table}.ends"]
    rows = reader.rows(
        f"SELECT {', '.join(columns)} FROM records JOIN {table} ON records.id = {table}.id "
        f"ORDER BY {order}"
    )
    names = list(kind.columns)
    width = len(names)
    listed: list[ListedRecord] = []
    for row in rows:
        fields = dict(zip(names, row[1 : 1 + width], strict=True))
        if kind.date_field is not None:
            fields[kind.date_field] = _dates_text(row[-2], row[-1])
        listed.append(ListedRecord(row[0], fields))
    if kind.partners is not None and listed:
        _add_partners(reader, kind.partners, listed)
    return listed


@cache
def _dates_text(starts: str | None, ends: str | None) -> str | None:
    """The dates as the listing shows them (records share few distinct dates: read each once)."""
    dates = range_of(starts, ends)
    return str(dates) if dates else None


def _add_partners(reader: DirectReader, link: PartnerTable, listed: list[ListedRecord]) -> None:
    by_owner: dict[str, list[str]] = {item.id: [] for item in listed}
    rows = reader.rows(
        f"SELECT {link.owner}, {link.organization} FROM {link.table} "
        f"ORDER BY {link.owner}, {link.organization}"
    )
    for owner, organization in rows:
        partners = by_owner.get(owner)
        if partners is not None and organization not in partners:
            partners.append(organization)
    for item in listed:
        item.fields["partners"] = by_owner[item.id]
