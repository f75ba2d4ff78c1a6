"""The declarative base shared by every table, with a naming convention for constraints.

Named constraints let Alembic alter tables the same way on SQLite (batch mode) and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The full-text index is built by the migrations themselves (FTS5 tables on SQLite, a tsvector
# column and its index on PostgreSQL); the model does not declare it.
FULL_TEXT_OBJECTS = frozenset({"ix_search_entries_document", "document"})
# Lists by date read indexes on an expression, coalesce(earliest, '0001-01-01'), built by
# migration 0007 (ix_events_date_order…); the model does not declare them either.
DATE_ORDER_SUFFIX = "_date_order"


def declared_in_model(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
    """Whether Alembic should compare this schema object with the model (not the FTS index)."""
    if type_ == "table" and name and (name.startswith("search_fts") or name.endswith("_view")):
        return False  # the FTS index, and the views for analysts (migration 0009)
    if type_ == "index" and name and name.endswith(DATE_ORDER_SUFFIX):
        return False
    table = getattr(getattr(obj, "table", None), "name", None)
    return not (name in FULL_TEXT_OBJECTS and table == "search_entries")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
