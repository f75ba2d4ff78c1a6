"""Crash safety, proven on a real process: an import killed with SIGKILL midway changes nothing,
and a backup taken while an import is writing holds the registry before or after it, never a mix.

The import runs as its own process (``python -m liaison import``) on a synthetic registry file
(benchmarks/synthetic.py). The test waits until the import has demonstrably started writing —
the SQLite write-ahead log holds a megabyte; on PostgreSQL, its server process holds a
transaction id, given at the first write — and never relies on how long an import takes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from benchmarks.synthetic import synthetic_dataset, write_dataset
from sqlalchemy.engine import make_url

from liaison.cli.app import main
from tests.conftest import Templates

# Killed once it writes, the import may be as large as the brief allows; the one backed up
# runs to its end, so it is smaller.
KILLED_RECORDS = 20_000
BACKED_UP_RECORDS = 5_000
# On SQLite, writing has demonstrably started when the write-ahead log holds a megabyte.
WRITTEN = 1_000_000
WAIT = 300.0  # seconds: only a bound for a broken test, never a timing the test relies on


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def export(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, err = run(capsys, "--database", url, "export", "--format", "json")
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """A synthetic registry of so many records, written once per run."""
    folder = tmp_path_factory.mktemp("synthetic")

    def make(records: int) -> Path:
        path = folder / f"synthetic-{records}.json"
        if not path.exists():
            write_dataset(synthetic_dataset(records), path)
        return path

    return make


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database or "") if parsed.get_backend_name() == "sqlite" else None


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _open_transactions(url: str) -> int:
    """Server processes of the database holding a transaction id: a transaction that wrote."""
    with psycopg.connect(_libpq_url(url), autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
            (make_url(url).database,),
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.fixture
def importing(tmp_path: Path) -> Iterator[Callable[[str, Path], subprocess.Popen[bytes]]]:
    """Starts ``liaison import`` as a process and returns once it has started writing."""
    started: list[subprocess.Popen[bytes]] = []
    log = tmp_path / "import.log"

    def start(url: str, file: Path) -> subprocess.Popen[bytes]:
        path = _sqlite_path(url)
        if path is not None:  # an empty write-ahead log, so that its growth is the import's
            with sqlite3.connect(path) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "liaison", "--database", url, "import", str(file)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        wal = Path(f"{path}-wal") if path is not None else None
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert process.poll() is None, "the import ended before it was seen writing: " + (
                log.read_text(errors="replace")
            )
            if wal is not None and wal.exists() and wal.stat().st_size > WRITTEN:
                return process
            if wal is None and _open_transactions(url) > 0:
                return process
            time.sleep(0.01)
        pytest.fail("the import did not start writing")

    yield start
    for process in started:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGCONT)
            process.kill()
            process.wait()


def test_an_import_killed_midway_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    registry_file: Callable[[int], Path],
    importing: Callable[[str, Path], subprocess.Popen[bytes]],
) -> None:
    file = registry_file(KILLED_RECORDS)
    before = export(capsys, db_url)
    process = importing(db_url, file)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=WAIT) == -signal.SIGKILL
    path = _sqlite_path(db_url)
    if path is not None:
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    else:  # the server rolls back the transaction of the client that went away
        deadline = time.monotonic() + WAIT
        while _open_transactions(db_url) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _open_transactions(db_url) == 0
    assert export(capsys, db_url) == before


def test_a_backup_during_an_import_holds_the_registry_before_or_after_it(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    templates: Templates,
    registry_file: Callable[[int], Path],
    importing: Callable[[str, Path], subprocess.Popen[bytes]],
    tmp_path: Path,
) -> None:
    file = registry_file(BACKED_UP_RECORDS)
    before = export(capsys, db_url)
    backup = tmp_path / ("backup.db" if _sqlite_path(db_url) else "backup.dump")
    process = importing(db_url, file)
    # Paused mid-transaction, its writes made and not committed, however fast imports become;
    # resumed after a minute at most, should the backup wait for it.
    os.kill(process.pid, signal.SIGSTOP)
    woken = threading.Event()

    def wake() -> None:
        woken.set()
        os.kill(process.pid, signal.SIGCONT)

    resume = threading.Timer(60, wake)
    resume.start()
    try:
        code, _, err = run(capsys, "--database", db_url, "backup", str(backup))
    finally:
        resume.cancel()
        os.kill(process.pid, signal.SIGCONT)
    assert code == 0, err
    assert process.wait(timeout=WAIT) == 0, "the import failed after the backup"
    after = export(capsys, db_url)
    assert after != before

    restored = templates.empty()
    code, _, err = run(capsys, "--database", restored, "restore", str(backup))
    assert code == 0, err
    copy = export(capsys, restored)
    assert (copy == before) != (copy == after)  # exactly one of them
    assert (
        not woken.is_set() and copy == before
    )  # taken while the import's changes were uncommitted
