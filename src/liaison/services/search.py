"""Search across every kind of record: ranked hits with highlighted matches, and facets.

Highlights are marked with two private-use characters (:data:`MARK_START`, :data:`MARK_END`)
rather than markup: the text stays data, and each interface turns the marks into its own
emphasis after escaping the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text, union_all
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest
from liaison.model import SearchEntry, Tag
from liaison.services.kinds import BY_RECORD_TYPE, VIEWS, kind_named
from liaison.services.matching import fts_match, is_sqlite, matching_ids, ts_query, words
from liaison.services.paging import check_limit

MARK_START, MARK_END = "\ue000", "\ue001"
FACETS = ("kind", "year", "body", "sdg", "theme")
FACET_SIZE = 15


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    title: str
    score: float
    #: The title and a passage of the text with each match between MARK_START and MARK_END.
    title_marked: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    offset: int
    #: For each facet, (value, count) pairs, most frequent first.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


_SQLITE = (
    "SELECT e.record_id, e.record_type, e.title, bm25(search_fts, 10.0, 1.0) AS rank, "
    f"highlight(search_fts, 0, '{MARK_START}', '{MARK_END}'), "
    f"snippet(search_fts, 1, '{MARK_START}', '{MARK_END}', '…', 16) "
    "FROM search_fts JOIN search_entries e ON e.rowid = search_fts.rowid "
    "WHERE search_fts MATCH :match AND (:kind IS NULL OR e.record_type = :kind) "
    "ORDER BY rank, e.record_id LIMIT :limit OFFSET :offset"
)
_SQLITE_COUNT = text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :match")
_POSTGRES = (
    "SELECT record_id, record_type, title, ts_rank(document, q) AS rank, "
    f"ts_headline('simple', title, q, 'StartSel={MARK_START}, StopSel={MARK_END}, "
    "HighlightAll=true'), "
    f"ts_headline('simple', body, q, 'StartSel={MARK_START}, StopSel={MARK_END}, "
    "MaxWords=30, MinWords=10') "
    "FROM search_entries, to_tsquery('simple', :tsquery) AS q "
    "WHERE document @@ q AND (CAST(:kind AS text) IS NULL OR record_type = :kind) "
    "ORDER BY rank DESC, record_id LIMIT :limit OFFSET :offset"
)


def search(
    session: Session,
    query: str,
    *,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
) -> SearchResult:
    """The records matching every word of ``query`` (as prefixes), best first."""
    check_limit(limit)
    if offset < 0:
        raise InvalidRequest("the offset cannot be negative")
    record_type = VIEWS[kind_named(kind)].record_type if kind else None
    if not words(query):
        return SearchResult(query, [], 0, offset)
    params: dict[str, Any] = {"kind": record_type, "limit": limit, "offset": offset}
    if is_sqlite(session):
        rows = session.execute(text(_SQLITE), {**params, "match": fts_match(query)}).all()
        scores = [-float(r[3]) for r in rows]
    else:
        rows = session.execute(text(_POSTGRES), {**params, "tsquery": ts_query(query)}).all()
        scores = [float(r[3]) for r in rows]
    hits = [
        Hit(r[0], BY_RECORD_TYPE[r[1]].kind, r[2], score, r[4] or r[2], r[5] or "")
        for r, score in zip(rows, scores, strict=True)
    ]
    ids = matching_ids(session, query, record_type).subquery()
    # The matches are counted apart: a window count in the ranking query is refused by FTS5
    # and, on PostgreSQL, makes it compute every match's headline (twice as slow, measured).
    if not rows and offset == 0:
        total = 0
    elif is_sqlite(session) and record_type is None:
        # FTS5 counts its own matches several times faster than through search_entries.
        total = session.scalar(_SQLITE_COUNT, {"match": fts_match(query)}) or 0
    else:
        total = session.scalar(select(func.count()).select_from(ids)) or 0
    found = _facets(session, ids) if facets and total else {}
    return SearchResult(query, hits, total, offset, found)


def _counted(session: Session, query: Any) -> list[tuple[str, int]]:
    values = query.subquery()
    rows = session.execute(
        select(values.c.value, func.count())
        .where(values.c.value.is_not(None))
        .group_by(values.c.value)
        .order_by(func.count().desc(), values.c.value)
        .limit(FACET_SIZE)
    ).all()
    return [(str(value), int(count)) for value, count in rows]


def _facets(session: Session, ids: Any) -> dict[str, list[tuple[str, int]]]:
    matched = select(ids.c.record_id)
    by_kind = select(SearchEntry.record_type.label("value")).where(
        SearchEntry.record_id.in_(matched)
    )
    years = union_all(
        *(
            select(func.substr(view.model.starts, 1, 4).label("value")).where(  # type: ignore[attr-defined]
                view.model.id.in_(matched)
            )
            for view in VIEWS.values()
            if view.date_field is not None
        )
    )
    bodies = union_all(
        *(
            select(view.body.label("value")).where(view.model.id.in_(matched))
            for view in VIEWS.values()
            if view.body is not None and view.kind != "organizations"
        )
    )

    def taxa(scheme: str, length: Any) -> Any:
        return select(length.label("value")).where(
            Tag.record_id.in_(matched), Tag.state == "accepted", Tag.taxon_id.like(scheme + ":%")
        )

    goal = func.substr(Tag.taxon_id, 5, 2)  # sdg:9.c → "9." or "9"; trimmed below
    found = {
        "kind": [(BY_RECORD_TYPE[t].kind, n) for t, n in _counted(session, by_kind)],
        "year": _counted(session, years),
        "body": _counted(session, bodies),
        "sdg": _merge_goals(_counted(session, taxa("sdg", goal))),
        "theme": _counted(session, taxa("theme", Tag.taxon_id)),
    }
    return {name: values for name, values in found.items() if values}


def _merge_goals(values: list[tuple[str, int]]) -> list[tuple[str, int]]:
    goals: dict[str, int] = {}
    for value, count in values:
        goal = "sdg:" + value.rstrip(".")
        goals[goal] = goals.get(goal, 0) + count
    return sorted(goals.items(), key=lambda item: (-item[1], int(item[0][4:])))
