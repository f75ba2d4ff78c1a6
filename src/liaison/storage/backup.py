"""Backups of the registry taken while it is in use, and restores into an empty database.

SQLite is copied with its online backup API: the copy reads one consistent state of the database
(a transaction in progress elsewhere is not in it), is written to a hidden file beside the target,
checked with ``PRAGMA integrity_check`` and only then renamed to the target, readable by its owner
only. PostgreSQL is dumped by ``pg_dump`` in its custom format (one snapshot, so also consistent)
and the archive read back with ``pg_restore``. The password goes to the tools through
``PGPASSWORD``, never on their command line.

A restore goes into an *empty* database only: no file, a file or database with no tables, or a
registry that holds nothing but the reference data Liaison loads itself (no user, token or
candidate; every change in the audit trail made by the reference-data loader). A backup restores
into the kind of database it was made from: SQLite into SQLite, PostgreSQL into PostgreSQL.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from liaison.errors import DatabaseUnavailable, FileProblem, InvalidRequest, LiaisonError
from liaison.storage.database import Database, database_error
from liaison.storage.status import VERSION_TABLE, known_revisions, shown_url

Progress = Callable[[int, int], None]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# The actor of the changes open_registry makes (liaison.registry.setup).
REFERENCE_ACTOR = "liaison:reference-data"
# Where Debian and Ubuntu install each major version of the PostgreSQL client programs.
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# Pages copied per step when progress is shown: 8 MB of 4 KB pages, a multiple of 200 (the
# progress bar's own step).
PROGRESS_PAGES = 2000
BUSY_TIMEOUT = 30.0
EXISTS = "exists already: choose another name, or give --force to replace it"
RESTORE_OPTIONS = ("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    backend: str
    size: int
    revision: str


@dataclass(frozen=True)
class RestoreResult:
    backend: str
    revision: str
    upgraded_to: str | None


def backend_of(url: str) -> str:
    """``sqlite`` or ``postgresql``, from the URL alone."""
    try:
        name = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):
        raise InvalidRequest(f"'{shown_url(url)}' is not a database URL") from None
    if name not in ("sqlite", "postgresql", "postgres"):
        raise InvalidRequest(f"Liaison works with SQLite and PostgreSQL, not '{name}'")
    return "postgresql" if name == "postgres" else name


def backup(
    url: str, target: Path, *, force: bool = False, progress: Progress | None = None
) -> BackupResult:
    """Copy the registry at ``url`` to ``target`` (refused when it exists, unless ``force``)."""
    backend = backend_of(url)
    source = _sqlite_path(url) if backend == "sqlite" else None
    if source is not None and not source.is_file():
        raise DatabaseUnavailable(f"no registry at {source}: nothing to back up")
    with _new_file(target, force) as partial:
        if source is not None:
            revision = _sqlite_backup(source, partial, progress)
        else:
            revision = _pg_backup(url, partial)
        size = partial.stat().st_size
    return BackupResult(target, backend, size, revision)


def restore(url: str, source: Path, *, progress: Progress | None = None) -> RestoreResult:
    """Restore the backup ``source`` into the empty database at ``url``; migrate it if older."""
    backend = backend_of(url)
    kind = backup_kind(source)
    if kind != backend:
        made = "SQLite" if kind == "sqlite" else "PostgreSQL (pg_dump)"
        raise InvalidRequest(
            f"{source} is a backup of a {made} registry and {shown_url(url)} is "
            f"{'SQLite' if backend == 'sqlite' else 'PostgreSQL'}: a backup restores into the "
            "kind of database it was made from"
        )
    if backend == "sqlite":
        revision = _sqlite_restore(url, source, progress)
    else:
        revision = _pg_restore(url, source)
    database = Database(url, create=False)
    try:
        upgraded = database.upgrade()
        return RestoreResult(backend, revision, database.head() if upgraded else None)
    finally:
        database.dispose()


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``: which backend ``path`` is a backup of."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise FileProblem.of(path, exc, "read") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise InvalidRequest(
        f"{path} is not a Liaison backup (neither a SQLite database nor a pg_dump archive)"
    )


def _check_revision(source: Path, revision: str | None) -> str:
    if revision is None:
        raise InvalidRequest(f"{source} is not a Liaison backup: it has no schema revision")
    known = known_revisions()  # None, unreadable: the upgrade after restoring tells instead
    if known is not None and revision not in known:
        raise InvalidRequest(
            f"{source} was made by a newer version of Liaison (schema revision '{revision}'): "
            "restore it with that version or a later one"
        )
    return revision


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise InvalidRequest("backup and restore need a SQLite file: sqlite:///path/to/file.db")
    return Path(database).expanduser()


@contextmanager
def _new_file(target: Path, force: bool) -> Iterator[Path]:
    """A new, owner-only file beside ``target``, renamed to it when the block ends well."""
    if target.is_dir():
        raise FileProblem.of(target, IsADirectoryError())
    if target.exists() and not force:
        raise FileProblem.at(target, EXISTS)
    partial = target.parent / f".{target.name}.{os.getpid()}.partial"
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise FileProblem.of(target.parent if not target.parent.is_dir() else target, exc) from None
    try:
        yield partial
        _publish(partial, target, force)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)


def _publish(partial: Path, target: Path, force: bool) -> None:
    try:
        if force:
            os.replace(partial, target)
            return
        try:
            os.link(partial, target)  # never replaces a file made meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: the check made first must do
            os.replace(partial, target)
    except FileExistsError:
        raise FileProblem.at(target, EXISTS) from None
    except OSError as exc:
        raise FileProblem.of(target, exc) from None


# SQLite


def _open_sqlite(path: Path) -> sqlite3.Connection:
    """An existing SQLite file, never created (read-only when its permissions say so)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT)


def _copy(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None
) -> None:
    if progress is None:
        source.backup(target)  # in one step: one read transaction, never restarted
        return

    def step(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    # Step by step, the copy restarts when another connection commits a change in between.
    source.backup(target, pages=PROGRESS_PAGES, progress=step)


def _integrity(connection: sqlite3.Connection) -> str | None:
    """None when ``PRAGMA integrity_check`` finds nothing wrong, else what it found."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    found = [line for row in rows for line in str(row[0]).splitlines() if "***" not in line]
    if found == ["ok"]:
        return None
    return "; ".join(found[:2]) + (f" and {len(found) - 2} more problems" if len(found) > 2 else "")


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.OperationalError:  # no such table: not a registry
        return None
    return str(row[0]) if row else None


def _sqlite_backup(source: Path, partial: Path, progress: Progress | None) -> str:
    try:
        with closing(_open_sqlite(source)) as origin, closing(sqlite3.connect(partial)) as copy:
            revision = _sqlite_revision(origin)
            if revision is None:
                raise DatabaseUnavailable(f"{source} is not a Liaison registry: nothing backed up")
            _copy(origin, copy, progress)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            wrong = _integrity(copy)
    except sqlite3.Error as exc:
        damaged = any(word in str(exc) for word in ("malformed", "not a database"))
        said = "is damaged" if damaged else "cannot be read"
        raise DatabaseUnavailable(
            f"the registry {source} {said} ({exc}): nothing backed up"
        ) from None
    if wrong is not None:
        raise DatabaseUnavailable(f"the registry {source} is damaged ({wrong}): nothing backed up")
    return revision


def _sqlite_restore(url: str, source: Path, progress: Progress | None) -> str:
    target = _sqlite_path(url)
    try:
        backup_file = _open_sqlite(source)
        wrong, revision = _integrity(backup_file), _sqlite_revision(backup_file)
    except sqlite3.Error as exc:
        raise InvalidRequest(f"{source} is not a readable SQLite backup: {exc}") from None
    with closing(backup_file):
        if wrong is not None:
            raise InvalidRequest(f"{source} is damaged ({wrong}): nothing restored")
        _check_revision(source, revision)
        try:
            if target.is_file() and target.stat().st_size > 0:
                _fresh_registry(url)
            elif not target.exists():
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            with closing(sqlite3.connect(target, timeout=BUSY_TIMEOUT)) as restored:
                _copy(backup_file, restored, progress)
                wrong = _integrity(restored)
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(f"cannot restore {source} into {target}: {exc}") from None
        except OSError as exc:
            raise FileProblem.of(exc.filename or target, exc) from None
    if wrong is not None:
        raise DatabaseUnavailable(f"the restored registry {target} is damaged ({wrong})")
    return str(revision)


# What a restore may replace


def _fresh_registry(url: str) -> bool:
    """True for a registry with only reference data, False for a database with no tables.

    Anything else is refused: tables that are not a registry's, or a registry with records.
    """
    database = Database(url, create=False)
    try:
        with database.engine.connect() as connection:
            return _holds_nothing(connection, shown_url(url))
    except DBAPIError as exc:
        raise (database_error(exc, url) or DatabaseUnavailable(str(exc.orig))) from None
    finally:
        database.dispose()


def _holds_nothing(connection: Connection, where: str) -> bool:
    found = inspect(connection)
    tables = set(found.get_table_names())
    if not tables and not found.get_view_names():
        return False
    if not {VERSION_TABLE, "records", "audit_entries"} <= tables:
        raise InvalidRequest(
            f"the database {where} holds tables that are not a Liaison registry: "
            "restore into an empty database"
        )
    checks = [f"SELECT 1 FROM {t}" for t in ("users", "tokens", "candidates") if t in tables]
    checks.append("SELECT 1 FROM audit_entries WHERE actor <> :actor")
    checks.append(
        "SELECT 1 FROM records r WHERE NOT EXISTS "
        "(SELECT 1 FROM audit_entries a WHERE a.record_id = r.id)"
    )
    for check in checks:
        params = {"actor": REFERENCE_ACTOR} if ":actor" in check else {}
        if connection.execute(text(check + " LIMIT 1"), params).first() is not None:
            raise InvalidRequest(
                f"the database {where} holds records: a backup is restored into an empty "
                "database only (a new file, or a new PostgreSQL database made with createdb)"
            )
    return True


# PostgreSQL


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The connection string without the password, and the environment that carries it."""
    from psycopg.conninfo import make_conninfo

    engine = Database(url).engine
    try:
        _args, params = engine.dialect.create_connect_args(engine.url)
    finally:
        engine.dispose()
    password = params.pop("password", None)
    env = {**os.environ, **({"PGPASSWORD": str(password)} if password else {})}
    plain = {k: str(v) for k, v in params.items() if isinstance(v, str | int)}  # not "context"
    return make_conninfo("", **plain), env


def _server_major(url: str, *, source: bool) -> int:
    """The server's major version (a source must hold a registry)."""
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        if source and database.revision() is None:
            raise DatabaseUnavailable(
                f"no Liaison registry at {shown_url(url)}: nothing to back up"
            )
    except DBAPIError as exc:
        raise (database_error(exc, url) or DatabaseUnavailable(str(exc.orig))) from None
    finally:
        database.dispose()
    return number // 10000


def _tool_major(program: str) -> int | None:
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", done.stdout)
    return int(found.group(1)) if found else None


def pg_tool(name: str, major: int) -> str:
    """``pg_dump`` or ``pg_restore`` for a server of version ``major`` (or the nearest newer)."""
    candidates = [str(Path(folder) / name) for folder in sorted(glob(PG_BIN_GLOB))]
    on_path = shutil.which(name)
    candidates += [on_path] if on_path else []
    found = [(_tool_major(path), n, path) for n, path in enumerate(candidates)]
    usable = sorted((v, n, path) for v, n, path in found if v is not None and v >= major)
    if usable:  # the server's own version when there is one, else the nearest newer
        return usable[0][2]
    raise DatabaseUnavailable(
        f"{name} for PostgreSQL {major} is not installed: install the PostgreSQL client "
        f"(Debian, Ubuntu: apt-get install postgresql-client-{major}) or put its folder on PATH"
    )


def _run(
    command: list[str],
    failure: str,
    env: dict[str, str] | None = None,
    error: type[LiaisonError] = DatabaseUnavailable,
) -> str:
    """Run a PostgreSQL client program; ``failure`` and its last error line when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        problem = lines[-1] if lines else f"exit status {done.returncode}"
        raise error(f"{failure}: " + re.sub(r"^pg_\w+: (error: )?", "", problem))
    return done.stdout


def _pg_backup(url: str, partial: Path) -> str:
    major = _server_major(url, source=True)
    pg_dump, pg_restore = pg_tool("pg_dump", major), pg_tool("pg_restore", major)
    conninfo, env = _libpq(url)
    command = [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={conninfo}"]
    _run(command, f"pg_dump could not back up {shown_url(url)}", env)
    revision = _pg_archive_revision(pg_restore, partial)
    if revision is None:
        raise DatabaseUnavailable(f"the dump of {shown_url(url)} holds no schema revision")
    return revision


def _pg_archive_revision(pg_restore: str, archive: Path) -> str | None:
    """The schema revision a pg_dump archive holds (reading it checks it can be read)."""
    failure = f"{archive} is not a readable pg_dump archive"
    _run([pg_restore, "--list", str(archive)], failure, error=InvalidRequest)
    only = [f"--table={VERSION_TABLE}", "--data-only", "--file=-", str(archive)]
    lines = iter(_run([pg_restore, *only], failure, error=InvalidRequest).splitlines())
    for line in lines:
        if line.startswith("COPY ") and VERSION_TABLE in line:
            first = next(lines, "\\.")
            return None if first == "\\." else first.strip()
    return None


def _pg_restore(url: str, source: Path) -> str:
    pg_restore = pg_tool("pg_restore", _server_major(url, source=False))
    revision = _check_revision(source, _pg_archive_revision(pg_restore, source))
    if _fresh_registry(url):
        _drop_registry(url)
    conninfo, env = _libpq(url)
    command = [pg_restore, *RESTORE_OPTIONS, f"--dbname={conninfo}", str(source)]
    _run(command, f"pg_restore could not restore {source} into {shown_url(url)}", env)
    return revision


def _drop_registry(url: str) -> None:
    """Drop the tables and views of a registry that holds only reference data, in one go."""
    database = Database(url)
    try:
        with database.engine.begin() as connection:
            found = inspect(connection)
            quote = connection.dialect.identifier_preparer.quote
            for view in found.get_view_names():
                connection.execute(text(f"DROP VIEW IF EXISTS {quote(view)} CASCADE"))
            for table in found.get_table_names():
                connection.execute(text(f"DROP TABLE IF EXISTS {quote(table)} CASCADE"))
    finally:
        database.dispose()
