"""Full-text search behaves the same on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from pathlib import Path

from liaison.model import Record
from liaison.registry.importer import import_paths
from liaison.services.search import search
from liaison.storage.database import Database


def ids(database: Database, query: str, **options: object) -> list[str]:
    with database.session() as session:
        return [hit.id for hit in search(session, query, **options).hits]  # type: ignore[arg-type]


def test_finds_by_name_acronym_alias_and_prefix(demo_database: Database) -> None:
    assert ids(demo_database, "broadband commission")[0] == "broadband-commission"
    assert "unesco" in ids(demo_database, "UNESCO")
    assert "unep" in ids(demo_database, "UN Environment")  # an alias
    assert "un-women" in ids(demo_database, "wom")  # a prefix
    assert "wha70" in ids(demo_database, "world health assembly", kind="event")


def test_kind_filter_limit_and_empty_query(demo_database: Database) -> None:
    assert all(not i.startswith("country-") for i in ids(demo_database, "itu", kind="event"))
    assert len(ids(demo_database, "united", limit=3)) == 3
    assert ids(demo_database, "   ") == []
    assert ids(demo_database, "zzzznothing") == []


def test_words_with_punctuation_are_safe(demo_database: Database) -> None:
    assert ids(demo_database, "ITU \"quote' OR 1=1 -- ") == []
    assert isinstance(ids(demo_database, "C17/INF/10"), list)


def test_index_follows_changes_and_deletions(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "activities:\n  - {id: act-x, org: itu, text: Outreach on quantum zebras}\n", "utf-8"
    )
    with database.session() as session:
        import_paths(session, [path])
    assert ids(database, "quantum zebras") == ["act-x"]
    path.write_text(
        "activities:\n  - {id: act-x, org: itu, text: Outreach on photonic giraffes}\n", "utf-8"
    )
    with database.session() as session:
        import_paths(session, [path])
    assert ids(database, "zebras") == []
    assert ids(database, "giraffes") == ["act-x"]
    with database.session() as session:
        session.delete(session.get(Record, "act-x"))
    assert ids(database, "giraffes") == []
