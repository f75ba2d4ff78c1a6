"""Full-text search over names, acronyms, aliases, descriptions and document titles.

One interface, two engines: SQLite's FTS5 and PostgreSQL's tsvector, both built by the first
migration over the ``search_entries`` table that :mod:`liaison.model.hooks` keeps current.
Every word of the query must match, as a prefix (``broadband comm`` finds the Broadband
Commission); results come best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    id: str
    record_type: str
    title: str
    score: float


def _words(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(query)]


def search(session: Session, query: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
    words = _words(query)
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        sql = (
            "SELECT e.record_id, e.record_type, e.title, bm25(search_fts, 10.0, 1.0) AS rank "
            "FROM search_fts JOIN search_entries e ON e.rowid = search_fts.rowid "
            "WHERE search_fts MATCH :match AND (:kind IS NULL OR e.record_type = :kind) "
            "ORDER BY rank, e.record_id LIMIT :limit"
        )
        rows = session.execute(text(sql), {"match": match, "kind": kind, "limit": limit})
        return [Hit(r[0], r[1], r[2], -float(r[3])) for r in rows]
    tsquery = " & ".join(f"{w}:*" for w in words)
    sql = (
        "SELECT record_id, record_type, title, ts_rank(document, q) AS rank "
        "FROM search_entries, to_tsquery('simple', :tsquery) AS q "
        "WHERE document @@ q AND (CAST(:kind AS text) IS NULL OR record_type = :kind) "
        "ORDER BY rank DESC, record_id LIMIT :limit"
    )
    rows = session.execute(text(sql), {"tsquery": tsquery, "kind": kind, "limit": limit})
    return [Hit(r[0], r[1], r[2], float(r[3])) for r in rows]
