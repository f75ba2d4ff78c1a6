"""`liaison backup` and `liaison restore` on SQLite and PostgreSQL: round trips, refusals, checks.

The backup taken during a running import is in tests/registry/test_crash_safety.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from liaison.storage import backup as backup_module
from liaison.storage.database import Database
from tests.conftest import Templates


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    assert "Traceback" not in err
    return (code if isinstance(code, int) else 1), out, err


def export(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, err = run(capsys, "--database", url, "export", "--format", "json")
    assert code == 0, err
    return out


def backend(url: str) -> str:
    return make_url(url).get_backend_name()


def suffix(url: str) -> str:
    return ".db" if backend(url) == "sqlite" else ".dump"


def test_backup_restores_into_an_empty_database(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, empty_db_url: str, tmp_path: Path
) -> None:
    before = export(capsys, demo_db_url)
    file = tmp_path / f"registry{suffix(demo_db_url)}"
    code, out, err = run(capsys, "--database", demo_db_url, "backup", str(file))
    assert code == 0, err
    assert "Backed up" in out and str(file) in out
    assert file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [file.name]  # no partial file left
    code, out, err = run(capsys, "--database", empty_db_url, "restore", str(file))
    assert code == 0, err
    assert "Restored" in out
    assert export(capsys, empty_db_url) == before
    if backend(empty_db_url) == "sqlite":
        restored = Path(make_url(empty_db_url).database or "")
        assert restored.stat().st_mode & 0o777 == 0o600
        with sqlite3.connect(restored) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_restore_replaces_a_registry_that_holds_only_reference_data(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / f"demo{suffix(db_url)}"
    assert run(capsys, "--database", demo_db_url, "backup", str(file))[0] == 0
    before = export(capsys, demo_db_url)
    assert export(capsys, db_url) != before  # a fresh registry: reference data only
    code, _, err = run(capsys, "--database", db_url, "restore", str(file))
    assert code == 0, err
    assert export(capsys, db_url) == before


def test_restore_refuses_a_database_that_holds_records(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / f"demo{suffix(demo_db_url)}"
    assert run(capsys, "--database", demo_db_url, "backup", str(file))[0] == 0
    database = Database(demo_db_url)
    with database.engine.begin() as connection:  # one record less: the restore must not undo it
        connection.execute(text("DELETE FROM records WHERE id = 'unesco'"))
    database.dispose()
    before = export(capsys, demo_db_url)
    code, _, err = run(capsys, "--database", demo_db_url, "restore", str(file))
    assert code == 2
    assert "holds records" in err and "empty database" in err
    assert export(capsys, demo_db_url) == before


def test_backup_leaves_an_existing_file_alone_unless_forced(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "kept.bak"
    file.write_text("precious")
    code, _, err = run(capsys, "--database", db_url, "backup", str(file))
    assert code == 5 and "exists already" in err and "--force" in err
    assert file.read_text() == "precious"
    code, _, err = run(capsys, "--database", db_url, "backup", "--force", str(file))
    assert code == 0, err
    assert backup_module.backup_kind(file) == backend(db_url)


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("postgresql", b"PGDMP\x01\x0e\x00", "is a backup of a PostgreSQL"),
        ("sqlite", b"SQLite format 3\x00" + bytes(100), "is a backup of a SQLite"),
        (None, b"records:\n  - id: x\n", "is not a Liaison backup"),
    ],
)
def test_restore_refuses_what_is_not_a_backup_of_its_backend(
    capsys: pytest.CaptureFixture[str],
    empty_db_url: str,
    tmp_path: Path,
    kind: str | None,
    content: bytes,
    message: str,
) -> None:
    file = tmp_path / "backup"
    file.write_bytes(content)
    code, _, err = run(capsys, "--database", empty_db_url, "restore", str(file))
    assert code == 2
    if kind == backend(empty_db_url):  # the target's own kind, but not a backup of a registry
        assert "is not a readable" in err
    else:
        assert message in err


@pytest.mark.parametrize("name", ["missing.db", ""])
def test_unreadable_backup_files_exit_5(
    capsys: pytest.CaptureFixture[str], empty_db_url: str, tmp_path: Path, name: str
) -> None:
    code, _, err = run(capsys, "--database", empty_db_url, "restore", str(tmp_path / name))
    assert code == 5 and str(tmp_path) in err


def _migrate_to(url: str, revision: str) -> None:
    from alembic import command

    database = Database(url)
    config = database.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    database.dispose()


def test_a_backup_of_an_older_schema_is_upgraded_after_restoring(
    capsys: pytest.CaptureFixture[str], templates: Templates, tmp_path: Path
) -> None:
    old, target = templates.empty(), templates.empty()
    _migrate_to(old, "0008")
    file = tmp_path / f"old{suffix(old)}"
    assert run(capsys, "--database", old, "backup", str(file))[0] == 0
    code, out, err = run(capsys, "--database", target, "restore", str(file))
    assert code == 0, err
    database = Database(target)
    head = database.head()
    assert database.revision() == head != "0008"
    database.dispose()
    assert f"schema revision 0008, upgraded to {head}" in " ".join(out.split())


def test_a_backup_made_by_a_newer_liaison_is_refused(
    capsys: pytest.CaptureFixture[str], db_url: str, empty_db_url: str, tmp_path: Path
) -> None:
    file = tmp_path / f"new{suffix(db_url)}"
    database = Database(db_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()
    assert run(capsys, "--database", db_url, "backup", str(file))[0] == 0
    code, _, err = run(capsys, "--database", empty_db_url, "restore", str(file))
    assert code == 2 and "newer version of Liaison" in err and "9999_future" in err
    empty = Database(empty_db_url)
    assert empty.revision() is None  # nothing restored
    empty.dispose()


def test_a_damaged_sqlite_registry_is_not_backed_up(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    if backend(db_url) != "sqlite":
        pytest.skip("PRAGMA integrity_check is SQLite's")
    path = Path(make_url(db_url).database or "")
    data = bytearray(path.read_bytes())
    page = len(data) * 7 // 10 // 4096 * 4096  # a page of rows, not of the schema
    data[page + 8 : page + 4096] = (bytes(range(256)) * 16)[8:]
    path.write_bytes(bytes(data))
    file = tmp_path / "out" / "damaged.db"
    file.parent.mkdir()
    code, _, err = run(capsys, "--database", db_url, "backup", str(file))
    assert code == 3 and "damaged" in err
    assert list(file.parent.iterdir()) == []  # neither the backup nor its partial file


def test_backup_reports_progress_in_steps_of_pages(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend(db_url) != "sqlite":
        pytest.skip("pg_dump reports no progress")
    monkeypatch.setattr(backup_module, "PROGRESS_PAGES", 50)
    calls: list[tuple[int, int]] = []
    result = backup_module.backup(
        db_url, tmp_path / "b.db", progress=lambda done, total: calls.append((done, total))
    )
    assert len(calls) >= 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1] == result.size // 4096


def test_pg_password_goes_through_the_environment_only(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    empty_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if backend(db_url) == "sqlite":
        pytest.skip("PostgreSQL's client programs")
    secret = "S3cret-pw"
    with_password = make_url(db_url).set(password=secret).render_as_string(hide_password=False)
    calls: list[tuple[list[str], dict[str, str] | None]] = []
    real_run = subprocess.run

    def recording_run(command: list[str], **kwargs: Any) -> Any:
        calls.append((command, kwargs.get("env")))
        return real_run(command, **kwargs)

    monkeypatch.setattr(backup_module.subprocess, "run", recording_run)
    file = tmp_path / "with-password.dump"
    code, out, err = run(capsys, "--database", with_password, "backup", str(file))
    assert code == 0, err
    target = make_url(empty_db_url).set(password=secret).render_as_string(hide_password=False)
    code, out2, err = run(capsys, "--database", target, "restore", str(file))
    assert code == 0, err
    assert secret not in out + out2 and "***" in out
    tools = [(c, env) for c, env in calls if Path(c[0]).name in ("pg_dump", "pg_restore")]
    assert any("--dbname" in " ".join(c) for c, _ in tools)
    for command, env in tools:
        assert secret not in " ".join(command)
        if any(a.startswith("--dbname") for a in command):
            assert env is not None and env["PGPASSWORD"] == secret


def test_missing_pg_dump_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if backend(db_url) == "sqlite":
        pytest.skip("PostgreSQL's client programs")
    monkeypatch.setattr(backup_module, "PG_BIN_GLOB", str(tmp_path / "none" / "*" / "bin"))
    monkeypatch.setenv("PATH", str(tmp_path))
    file = tmp_path / "never.dump"
    code, _, err = run(capsys, "--database", db_url, "backup", str(file))
    assert code == 3 and "pg_dump for PostgreSQL" in err and "is not installed" in err
    assert not file.exists()
