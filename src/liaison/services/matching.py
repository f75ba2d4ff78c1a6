"""Full-text matching shared by search and by lists narrowed to some words.

One interface, two engines: SQLite's FTS5 and PostgreSQL's tsvector, both built by the first
migration over the ``search_entries`` table. Every word must match, as a prefix.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, column, select, table, text
from sqlalchemy.orm import Session

_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(query)]


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def fts_match(query: str) -> str:
    """The FTS5 MATCH expression (SQLite) of a query: each word a quoted prefix."""
    return " ".join(f'"{w}"*' for w in words(query))


def ts_query(query: str) -> str:
    """The tsquery text (PostgreSQL) of a query: each word a prefix, all of them required."""
    return " & ".join(f"{w}:*" for w in words(query))


def matching_ids(session: Session, query: str, record_type: str | None = None) -> Select[Any]:
    """The ids of the records whose text matches every word of ``query``, as a subquery."""
    entries = table("search_entries", column("record_id"), column("record_type"))
    if not words(query):
        return select(entries.c.record_id).where(text("1 = 0"))
    if is_sqlite(session):
        condition = text(
            "search_entries.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :m)"
        ).bindparams(m=fts_match(query))
    else:
        condition = text("search_entries.document @@ to_tsquery('simple', :q)").bindparams(
            q=ts_query(query)
        )
    ids = select(entries.c.record_id).where(condition)
    if record_type is not None:
        ids = ids.where(entries.c.record_type == record_type)
    return ids
