"""The analysts' SQLite copy: its views on both backends, what it leaves out, and every view and
canned query run through Datasette's own Python API."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from liaison.errors import Conflict
from liaison.exports.sqlite_copy import QUERIES, VIEWS, write_sqlite
from liaison.storage.database import Database


def test_the_views_read_on_both_backends(demo_database: Database) -> None:
    with demo_database.session() as session:
        counts = {v: session.execute(text(f"SELECT count(*) FROM {v}")).scalar() for v in VIEWS}
        chairs = session.execute(
            text("SELECT body, period_from, period_to FROM roles_view WHERE role = 'chair'")
        ).all()
        organizers = session.execute(
            text("SELECT organizers FROM events_view WHERE id = 'green-standards-week-2018'")
        ).scalar()
    assert all(n and n > 0 for n in counts.values()), counts
    assert {(c[1], c[2]) for c in chairs} == {("2015", "2017"), ("2011", "2017")}
    assert organizers and "International Telecommunication Union" in organizers


def test_the_copy_leaves_out_accounts_and_the_audit_trail(
    demo_database: Database, tmp_path: Path
) -> None:
    with demo_database.session(actor="tests") as session:
        session.execute(text("INSERT INTO users (username, password_hash, role, active) VALUES "
                             "('alice', 'x', 'admin', true)"))  # fmt: skip
    with demo_database.session() as session:
        records = session.execute(text("SELECT count(*) FROM records")).scalar()
        path, meta = write_sqlite(session, tmp_path / "registry.db")
        with pytest.raises(Conflict):
            write_sqlite(session, path)
    copy = Database(f"sqlite:///{path}")
    with copy.session() as session:
        assert session.execute(text("SELECT count(*) FROM records")).scalar() == records
        for table in ("users", "tokens", "audit_entries", "candidates"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    copy.dispose()
    assert json.loads(meta.read_text("utf-8"))["databases"]["registry"]["queries"]


def test_datasette_opens_every_view_and_canned_query(
    demo_database: Database, tmp_path: Path
) -> None:
    from datasette.app import Datasette

    with demo_database.session() as session:
        path, meta = write_sqlite(session, tmp_path / "registry.db")

    async def browse() -> dict[str, int]:
        datasette = Datasette([str(path)], metadata=json.loads(meta.read_text("utf-8")))
        rows: dict[str, int] = {}
        for name in [*VIEWS, *QUERIES]:
            answer = await datasette.client.get(f"/registry/{name}.json?_shape=array")
            assert answer.status_code == 200, (name, answer.text[:300])
            rows[name] = len(answer.json())
        page = await datasette.client.get("/registry/events_view")
        assert "Events" in page.text and "session_of" in page.text
        return rows

    rows = asyncio.run(browse())
    assert all(n > 0 for n in rows.values()), rows
