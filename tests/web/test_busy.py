"""A write that cannot get the SQLite file in time is told so (503, exit 3), never lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from tests.web.conftest import Site


def test_writers_past_the_wait_get_503_and_the_cli_exit_3(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if site.database.backend != "sqlite":
        pytest.skip("the write lock is SQLite's")
    path = make_url(site.database.url).database
    assert path
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the file
    try:
        event = {"id": "busy-event", "name": "Busy", "kind": "meeting", "date": "2018"}
        answer = site.client.post("/api/events", json=event, headers=site.as_role("editor"))
        assert answer.status_code == 503 and int(answer.headers["retry-after"]) > 0
        assert "busy" in answer.json()["detail"]
        file = tmp_path / "one.yaml"
        file.write_text("events:\n  - {id: busy-cli, name: B, kind: meeting, date: 2018}\n")
        with pytest.raises(SystemExit) as exited:
            main(["--database", site.database.url, "import", str(file)])
        assert exited.value.code == 3
        assert "the database is busy" in capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    answer = site.client.post("/api/events", json=event, headers=site.as_role("editor"))
    assert answer.status_code == 201
