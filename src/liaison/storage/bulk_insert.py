"""Inserting many rows at the speed of the driver: COPY on PostgreSQL, ``executemany`` on SQLite.

SQLAlchemy's own ``executemany`` spends most of a large insert turning every value of every row
through the column's type; here each column's conversion is chosen once per statement and the
rows go to the driver's fastest path, inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    String,
    Table,
    any_,
    bindparam,
)
from sqlalchemy.dialects.postgresql import ARRAY

Convert = Callable[[Any], Any]


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``; the rows of one call may name different columns."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for columns, some in groups.items():
        if connection.dialect.name == "postgresql":
            _copy(connection, table, columns, some)
        else:
            _executemany(connection, table, columns, some)


def among(column: Any, ids: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL as ``= ANY(array)``, one parameter rather than one per id
    (which the driver and SQLAlchemy otherwise parse and render on every statement)."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", list(ids), type_=ARRAY(String)))  # type: ignore[no-any-return]
    return column.in_(ids)  # type: ignore[no-any-return]


def _identity(value: Any) -> Any:
    return value


def _sqlite_json(value: Any) -> Any:
    return None if value is None else json.dumps(value)


def _sqlite_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _sqlite_datetime(value: Any) -> Any:
    # The text SQLAlchemy's SQLite dialect stores and reads back.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def _sqlite_bool(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _sqlite_converter(column_type: Any) -> Convert:
    if isinstance(column_type, JSON):
        return _sqlite_json
    if isinstance(column_type, DateTime):
        return _sqlite_datetime
    if isinstance(column_type, Date):
        return _sqlite_date
    if isinstance(column_type, Boolean):
        return _sqlite_bool
    return _identity


def _executemany(
    connection: Connection, table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    converters = [_sqlite_converter(table.c[c].type) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    values: Any = map(itemgetter(*columns), rows)  # in C: each row's values in column order
    if len(columns) == 1:
        values = ((value,) for value in values)
    converted = [i for i, convert in enumerate(converters) if convert is not _identity]
    if converted:
        values = (_convert(row, converted, converters) for row in values)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(statement, values)
    finally:
        cursor.close()


def _convert(row: tuple[Any, ...], converted: list[int], converters: list[Convert]) -> list[Any]:
    values = list(row)
    for index in converted:
        values[index] = converters[index](values[index])
    return values


def _copy(
    connection: Connection, table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    from psycopg.types.json import Json

    wrapped = {c for c in columns if isinstance(table.c[c].type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw = connection.connection.driver_connection
    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(
                [Json(row[c]) if c in wrapped and row[c] is not None else row[c] for c in columns]
            )
