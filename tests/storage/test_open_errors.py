"""A database that cannot be used is a clear error (exit 3), never a driver's traceback: damaged,
truncated, read-only, made by a newer Liaison, missing, busy past the wait; a URL is shown
without its password; new SQLite files are readable by their owner only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from liaison.errors import Conflict, DatabaseUnavailable
from liaison.registry.setup import open_registry
from liaison.storage import database as database_module
from liaison.storage.database import Database
from liaison.storage.status import hide_secrets, shown_url
from tests.conftest import BACKENDS

# A test of one backend's matter runs on that backend only (the fixtures' other is left out).
SQLITE_ONLY = pytest.mark.parametrize("templates", ["sqlite"], indirect=True)
POSTGRESQL_ONLY = pytest.mark.parametrize(
    "templates", [b for b in BACKENDS if b == "postgresql"], indirect=True
)

ONE_ORGANIZATION = """organizations:
- id: zz-test
  name: Test organization
  acronym: ZZT
  kind: non-governmental
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or a folder) made read-only, even for root (``chattr +i``), or skip."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("root ignores file modes, and chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


# --- Damaged, truncated, too new -------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(64 * 1024))
    with pytest.raises(DatabaseUnavailable, match="is damaged or is not a database") as raised:
        open_registry(f"sqlite:///{path}", create=False)
    assert raised.value.exit_code == 3 and "file is not a database" in raised.value.message


@SQLITE_ONLY
def test_a_truncated_registry_is_a_clear_error_when_read(demo_db_url: str, tmp_path: Path) -> None:
    whole = sqlite_path(demo_db_url).read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(DatabaseUnavailable, match=r"malformed|not a database"):
        database = open_registry(f"sqlite:///{cut}", create=False)
        with database.session() as session:
            session.execute(text("SELECT count(*) FROM audit_entries")).scalar()


def test_a_database_made_by_a_newer_liaison_says_so(db_url: str) -> None:
    engine = create_engine(make_url(db_url).set(drivername=_driver(db_url)))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="made by a newer version of Liaison") as raised:
        open_registry(db_url)
    assert "ffff_from_the_future" in raised.value.message


def _driver(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql+psycopg"


# --- Missing, read-only ----------------------------------------------------------------------


def test_only_creating_commands_make_a_registry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "typo" / "liaison.db"
    url = f"sqlite:///{path}"
    for argv in (["summary"], ["list", "events"], ["show", "itu"], ["db", "upgrade"], ["serve"]):
        code, _, err = run(capsys, "--database", url, *argv)
        assert code == 3, err
        assert err == f"error: no registry at {path}: run `liaison init` to create one\n"
    assert not path.parent.exists()
    code, out, err = run(capsys, "--database", url, "init")
    assert code == 0, err
    assert "The registry at" in out


def test_new_sqlite_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    database = open_registry(f"sqlite:///{path}")
    with database.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    database.dispose()
    assert modes == {"new.db": 0o600, "new.db-wal": 0o600, "new.db-shm": 0o600}


@SQLITE_ONLY
def test_a_read_only_registry_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "one.yaml"
    data.write_text(ONE_ORGANIZATION, "utf-8")
    # SQLite's own read-only mode: the same error as a read-only file, for any user.
    uri = f"sqlite:///file:{sqlite_path(db_url)}?mode=ro&uri=true"
    code, _, err = run(capsys, "--database", uri, "import", str(data))
    assert code == 3 and "is read-only" in err and "Traceback" not in err
    with read_only(sqlite_path(db_url)):
        code, _, err = run(capsys, "--database", db_url, "import", str(data))
    assert code == 3 and "is read-only" in err and "Traceback" not in err


def test_a_new_registry_in_a_folder_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Not even root can make a folder under /proc.
    code, _, err = run(capsys, "--database", "sqlite:////proc/liaison-test/new.db", "init")
    assert code == 3 and err.startswith("error: cannot create the database")
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        code, _, err = run(capsys, "--database", f"sqlite:///{folder / 'new.db'}", "init")
    assert code == 3 and "cannot create the database" in err and "Traceback" not in err


# --- Passwords -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://bob@/liaison?host=/run/pg&password=S3cret",
            "postgresql://bob@/liaison?host=%2Frun%2Fpg&password=***",
        ),
        ("postgresql://bob:S3cret@db.example/liaison", "postgresql://bob:***@db.example/liaison"),
        ("postgresql://bob:S3c@ret/x@db.example/liaison", "postgresql://bob:***@db.example/liaison"),
        ("postgres://bob:S3cret@h/db?sslpassword=K3y&sslmode=require", "postgres://bob:***@h/db?sslmode=require&sslpassword=***"),
        ("sqlite:///liaison.db", "sqlite:///liaison.db"),
    ],
)  # fmt: skip
def test_a_url_is_shown_without_its_password(url: str, shown: str) -> None:
    assert shown_url(url) == shown
    assert "S3c" not in hide_secrets(f"could not connect to {url}", url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bob@/liaison?host=/nonexistent&port=1&password=S3cret",
        "postgresql://bob:S3cret@/liaison?host=/nonexistent&port=1",
        "postgresql://bob:S3cret@/liaison?host=/nonexistent&port=1&sslpassword=S3cret",
    ],
)
def test_no_message_shows_a_password(capsys: pytest.CaptureFixture[str], url: str) -> None:
    for argv in (["summary"], ["import", "missing.yaml"], ["db", "upgrade"], ["list", "events"]):
        code, out, err = run(capsys, "--database", url, *argv)
        assert code in (3, 5), err
        assert err.startswith("error: ") and "S3cret" not in out + err


@POSTGRESQL_ONLY
def test_the_serve_banner_hides_the_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    url = f"{db_url}&password=S3cret" if "?" in db_url else f"{db_url}?password=S3cret"
    code, out, err = run(capsys, "--database", url, "serve")
    assert code == 0, err
    assert "Liaison is serving postgresql://" in out and "password=***" in out
    assert "S3cret" not in out + err


# --- Two writers -----------------------------------------------------------------------------


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another writer holding the SQLite write lock until the block ends (or it commits)."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("COMMIT")
        holder.close()


@SQLITE_ONLY
def test_a_writer_waits_for_another_then_succeeds(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "one.yaml"
    data.write_text(ONE_ORGANIZATION, "utf-8")
    with write_lock(sqlite_path(db_url)) as holder:
        release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
        release.start()
        started = time.perf_counter()
        code, out, err = run(capsys, "--database", db_url, "import", str(data))
        waited = time.perf_counter() - started
        release.join()
    assert code == 0, err
    assert "created 1 organizations" in out and waited >= 0.9


@SQLITE_ONLY
def test_a_writer_busy_past_the_wait_is_told_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path
) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)
    data = tmp_path / "one.yaml"
    data.write_text(ONE_ORGANIZATION, "utf-8")
    with write_lock(sqlite_path(db_url)):
        code, _, err = run(capsys, "--database", db_url, "import", str(data))
    assert code == 3
    assert err == "error: the database is busy with another change (waited 0.3 s): try again\n"


def test_two_commands_opening_a_new_registry_at_once_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    path.touch()  # an empty file: both commands migrate it and load the reference data
    data = tmp_path / "one.yaml"
    data.write_text(ONE_ORGANIZATION, "utf-8")
    argv = [sys.executable, "-m", "liaison", "--database", f"sqlite:///{path}", "import", str(data)]
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in runs]  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0, 0], results
    outs = sorted(out for _, out, _ in results)
    assert "created 1 organizations" in outs[0] + outs[1] and "1 unchanged" in outs[0] + outs[1]


@POSTGRESQL_ONLY
def test_two_imports_of_the_same_new_id_on_postgresql_are_a_conflict(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    # (SQLite takes writers in turn: the second finds the id saved.)
    import psycopg

    data = tmp_path / "one.yaml"
    data.write_text(ONE_ORGANIZATION, "utf-8")
    other = psycopg.connect(make_url(db_url).render_as_string(hide_password=False))
    other.execute(
        "INSERT INTO records (id, record_type, version) VALUES ('zz-test', 'organization', 1)"
    )
    commit = threading.Timer(1.0, other.commit)
    commit.start()
    try:
        code, _, err = run(capsys, "--database", db_url, "import", str(data))
    finally:
        commit.join()
        other.close()
    assert code == Conflict.exit_code == 7
    assert err.startswith("error: another change to the same record was saved at the same time")


def test_a_missing_database_is_not_made_by_a_plain_database_object(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(DatabaseUnavailable, match="no registry at"):
        Database(f"sqlite:///{path}", create=False)
    assert not path.exists()
