"""The read commands' plain-SQL path gives what the ORM services give, on both backends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from liaison.cli.output import json_text
from liaison.errors import InvalidRequest
from liaison.registry.reference_data import FINGERPRINT_KEY, fingerprint
from liaison.services.kind_columns import KIND_COLUMNS
from liaison.services.kinds import VIEWS, kind_named
from liaison.services.listing import list_records
from liaison.services.plain_lists import list_all, order_by, plain_kind
from liaison.services.records import summarize
from liaison.services.registry_counts import KIND_TABLES, count_registry
from liaison.storage.database import Database
from liaison.storage.direct import DirectReader, open_direct_reader, shown_url

SORTS = ("id", "name", "date", "-id", "-name", "-date")


@pytest.fixture
def reader(demo_db_url: str) -> Iterator[DirectReader]:
    opened = open_direct_reader(demo_db_url)
    assert opened is not None, "the demo database is current: it is read directly"
    yield opened
    opened.close()


def test_the_listing_reads_the_one_declaration_of_each_kind() -> None:
    assert list(KIND_COLUMNS) == list(VIEWS) == list(KIND_TABLES)
    for kind, view in VIEWS.items():
        declared = KIND_COLUMNS[kind]
        assert declared.table == view.model.__tablename__
        assert view.title.key == declared.title and view.date_field == declared.date_field
        assert {f: c.key for f, c in view.columns.items()} == declared.columns
        assert (declared.partners is None) == (view.partners is None)
        if view.partners is not None and declared.partners is not None:
            assert declared.partners.table == view.partners.owner.class_.__tablename__


@pytest.mark.parametrize(
    "name",
    ["events", "event", " Events ", "jiu", "JIU", "jiu-recommendations", "planets", "jiu_report"]
    + [view.singular for view in VIEWS.values()],
)
def test_kind_names_resolve_as_the_listing_resolves_them(name: str) -> None:
    try:
        expected: str | None = kind_named(name)
    except InvalidRequest:  # the listing service then says so: the plain path stands aside
        expected = None
    plain = plain_kind(name)
    assert (plain.table if plain is not None else None) == expected


def test_unknown_kinds_and_sorts_are_left_to_the_listing_service() -> None:
    assert plain_kind("planets") is None
    assert order_by(KIND_COLUMNS["organizations"], "date") is None
    assert order_by(KIND_COLUMNS["events"], "size") is None


def _service_rows(database: Database, kind: str, sort: str) -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = []
    cursor: str | None = None
    with database.session() as session:
        while True:  # small pages, so that the keyset paging is crossed several times
            page = list_records(session, kind, sort=sort, cursor=cursor, limit=7, count=False)
            rows += [(item.id, item.fields) for item in page.items]
            if page.next_cursor is None:
                return rows
            cursor = page.next_cursor


@pytest.mark.parametrize("kind", list(VIEWS))
def test_a_plain_list_has_the_rows_of_the_listing_service_in_its_order(
    demo_database: Database, reader: DirectReader, kind: str
) -> None:
    plain = KIND_COLUMNS[kind]
    for sort in SORTS:
        order = order_by(plain, sort)
        if order is None:
            assert plain.date_field is None and sort.endswith("date")
            continue
        got = [(record.id, record.fields) for record in list_all(reader, plain, order)]
        expected = _service_rows(demo_database, kind, sort)
        assert got == expected, (kind, sort)
        assert kind == "jiu_recommendations" or got, "the demo has records of this kind"


def test_the_counts_are_those_of_the_orm_summary(
    demo_database: Database, reader: DirectReader
) -> None:
    counts = count_registry(reader)
    with demo_database.session() as session:
        summary = summarize(session)
    assert counts.counts == summary.counts
    assert (counts.taxa, counts.tags, counts.roles) == (summary.taxa, summary.tags, summary.roles)
    assert counts.counts["events"] > 0 and counts.tags["accepted"] > 0


def test_the_url_is_shown_as_the_database_shows_it(
    demo_database: Database, reader: DirectReader
) -> None:
    assert reader.safe_url == demo_database.safe_url


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///liaison.db",
        "sqlite:////tmp/a b/c+d/x.db",
        "sqlite:////tmp/u:p@host#x/ü.db",
        "sqlite://",
        "postgresql://user:secret@db.example:5433/liaison?sslmode=require&application_name=a b",
    ],
)
def test_urls_are_shown_as_sqlalchemy_shows_them(url: str) -> None:
    assert shown_url(url) == make_url(url).render_as_string(hide_password=True)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    assert exited.value.code == 0, err
    return out


def test_a_database_behind_the_package_is_brought_up_to_date_before_it_is_read(
    capsys: pytest.CaptureFixture[str], demo_database: Database, demo_db_url: str
) -> None:
    with demo_database.engine.begin() as connection:
        connection.execute(
            text("UPDATE settings SET value = 'older' WHERE key = :key"), {"key": FINGERPRINT_KEY}
        )
    assert open_direct_reader(demo_db_url) is None
    out = _run(capsys, "--database", demo_db_url, "summary")
    assert "taxa: 438 sdg, 32 theme, 19 wsis" in out
    with demo_database.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT value FROM settings WHERE key = :key"), {"key": FINGERPRINT_KEY}
        ).scalar()
    assert stored == fingerprint()


def test_an_empty_database_is_created_and_migrated_by_a_read_command(
    capsys: pytest.CaptureFixture[str], empty_db_url: str
) -> None:
    assert open_direct_reader(empty_db_url) is None
    out = _run(capsys, "--database", empty_db_url, "list", "events", "-f", "json")
    assert json.loads(out) == []
    reader = open_direct_reader(empty_db_url)
    assert reader is not None
    reader.close()


def test_a_filtered_list_still_goes_through_the_listing_service(
    capsys: pytest.CaptureFixture[str], demo_db_url: str
) -> None:
    every = json.loads(_run(capsys, "--database", demo_db_url, "list", "events", "-f", "json"))
    assemblies = json.loads(
        _run(capsys, "--database", demo_db_url, "list", "events", "--state", "forum", "-f", "json")
    )
    assert assemblies and len(assemblies) < len(every)
    assert {e["kind"] for e in assemblies} == {"forum"}


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [{}],
        [{"id": "a", "n": 1, "x": 1.5, "ok": True, "none": None}],
        [{"big": 10**30, "neg": -3, "e": 1e100, "no": False, "tab": "\t\u2028\x00"}],
        [{"id": 'é"\n\\</', "partners": [], "tags": ["a", "b"], "nested": {"k": [1, {"z": []}]}}],
        [{"a": [[]], "b": {}}, {"c": [{}], "d": "x"}],
    ],
)
def test_json_text_is_what_json_dumps_writes(rows: list[dict[str, Any]]) -> None:
    assert "".join(json_text(rows)) == json.dumps(rows, ensure_ascii=False, indent=2)
