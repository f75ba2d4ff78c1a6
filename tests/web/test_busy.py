"""Writers that meet: one past SQLite's wait is told so (503, exit 3), never lost; two writers
of one new id on PostgreSQL give one record and one clear conflict (409), not an integrity error.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from liaison.errors import Conflict
from liaison.services.records import current_version
from liaison.services.writes import save_record
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


NEW_EVENT = {"id": "raced-event", "name": "Raced", "kind": "meeting", "date": "2018"}


def _on_postgresql(site: Site) -> None:
    if site.database.backend != "postgresql":
        pytest.skip("SQLite lets one writer at a time in (BEGIN IMMEDIATE): writes never overlap")


def test_two_writers_of_one_new_id_give_one_record_and_one_conflict(site: Site) -> None:
    _on_postgresql(site)
    both_began = threading.Barrier(2, timeout=10)
    first_wrote = threading.Event()
    outcomes: dict[str, str] = {}

    def write(name: str) -> None:
        try:
            with site.database.session(actor=f"tests:{name}", write=True) as session:
                session.execute(text("SELECT 1"))  # the transaction has begun
                both_began.wait()
                if name == "second":
                    assert first_wrote.wait(10)
                save_record(session, "events", NEW_EVENT)
                if name == "first":
                    first_wrote.set()
                    time.sleep(0.5)  # not yet committed while the second one writes
            outcomes[name] = "saved"
        except Conflict as exc:
            outcomes[name] = f"conflict: {exc.message}"
        except Exception as exc:
            outcomes[name] = f"{type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=write, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes["first"] == "saved"
    assert outcomes["second"].startswith("conflict: ") and "already taken" in outcomes["second"]
    with site.database.session() as session:
        assert current_version(session, "raced-event") == 1


def test_two_api_clients_creating_one_id_get_201_and_409(site: Site) -> None:
    _on_postgresql(site)
    together = threading.Barrier(2, timeout=10)
    answers: list[tuple[int, dict[str, object]]] = []

    def create() -> None:
        together.wait()
        answer = site.client.post("/api/events", json=NEW_EVENT, headers=site.as_role("editor"))
        answers.append((answer.status_code, answer.json()))

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(status for status, _ in answers) == [201, 409], answers
    conflict = next(body for status, body in answers if status == 409)
    assert conflict["type"] == "urn:liaison:problem:conflict"
    assert "already taken" in str(conflict["detail"])
