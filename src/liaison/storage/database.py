"""The one place that owns the database: engine, sessions, SQLite pragmas and migrations.

A session is opened per command or request and committed at that boundary only
(:meth:`Database.session`); services never commit.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from liaison.errors import Busy, Conflict, InvalidRequest, LiaisonError
from liaison.model.hooks import install_session_hooks
from liaison.storage.status import (
    MIGRATIONS,
    VERSION_TABLE,
    DatabaseUnavailable,
    head_revision,
    hide_secrets,
    known_revisions,
    one_line,
    shown_url,
    unusable,
)

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only to migrate: telling whether a database is at the head revision reads
# the alembic_version table with SQLAlchemy and the revision ids of the migration files as text
# (liaison.storage.status, which the read commands also use without SQLAlchemy).


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, begin transactions (see _sqlite_begin), so that
    # PRAGMAs issued inside a transaction (defer_foreign_keys) apply to that transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The wait first: setting the journal mode of a new file writes, and may wait for a writer.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    _set_wal(cursor)
    cursor.close()


def _set_wal(cursor: Any) -> None:
    """Put the database in WAL mode. Switching a new file's mode needs it alone, and SQLite
    answers "database is locked" at once, without the busy wait, while another connection has
    it open: so try again for as long as the busy wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


IMMEDIATE = "liaison_begin_immediate"
#: How long a SQLite writer waits for another to finish before the database is :class:`Busy`.
BUSY_TIMEOUT_MS = 5000


def _sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# What SQLite and PostgreSQL say when another writer is in the way: try again shortly.
_BUSY = (
    "database is locked",
    "database is busy",
    "deadlock detected",
    "could not serialize access",
)


def driver_errors() -> tuple[type[Exception], ...]:
    """The errors a database can raise: SQLAlchemy's, and the drivers' own (raised as they are
    by code that uses a driver's connection directly, as bulk copies do)."""
    errors: list[type[Exception]] = [DBAPIError, sqlite3.Error]
    psycopg = sys.modules.get("psycopg")  # not loaded: none of its errors can be raised
    if psycopg is not None:
        errors.append(psycopg.Error)
    return tuple(errors)


def database_error(exc: Exception, url: str) -> LiaisonError | None:
    """What a database's error (see :func:`driver_errors`) means for the user, or None when it
    is no fault of the database (a mistake in Liaison's own SQL, left to show as the bug it is).

    The drivers' classes follow the DB-API (PEP 249), so their names tell the kind of error.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    said = one_line(hide_secrets(str(orig), url))
    lowered = said.lower()
    kinds = {cls.__name__ for cls in type(orig).__mro__}
    if any(needle in lowered for needle in _BUSY):
        return Busy(
            f"the database is busy with another change (waited {BUSY_TIMEOUT_MS / 1000:g} s): "
            "try again"
        )
    if "IntegrityError" in kinds:
        return Conflict(
            "another change to the same record was saved at the same time: reload and try again"
        )
    if "OperationalError" not in kinds and type(orig).__name__ != "DatabaseError":
        return None
    return DatabaseUnavailable(unusable(url, said))


def _sqlite_path(database: str | None) -> Path | None:
    """The file a SQLite URL's database names; None in memory or for a ``file:`` URI."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _create_sqlite_file(path: Path, url: str) -> None:
    """Create the new database file (and its folders), readable and writable by its owner
    only: it holds password hashes. SQLite gives its -wal and -shm files the same mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return  # made at the same moment by another command: it is used as it is
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot create the database {shown_url(url)}: "
            f"{exc.strerror or exc} ({exc.filename or path})"
        ) from None


def create_database_engine(url: str, *, create: bool = True) -> Engine:
    """An engine on ``url``; a SQLite file that does not exist is created only with ``create``
    (else: "no registry at PATH")."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise InvalidRequest(
            f"'{shown_url(url)}' is not a database URL: write sqlite:///path/to/file.db "
            "or postgresql://user@host/database"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(parsed.database)
        if path is not None and not path.exists():
            if not create:
                raise DatabaseUnavailable(
                    f"no registry at {path}: run `liaison init` to create one"
                )
            _create_sqlite_file(path, url)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend not in ("postgresql", "postgres"):
        raise InvalidRequest(f"Liaison works with SQLite and PostgreSQL, not '{backend}'")
    # No server-side prepared statements: their generic plans are slow for the large IN lists
    # that imports and exports send.
    return create_engine(
        parsed.set(drivername="postgresql+psycopg"),
        pool_pre_ping=True,
        connect_args={"prepare_threshold": None},
    )


class Database:
    """A database Liaison can use: it migrates itself to the current schema when asked."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.engine = create_database_engine(url, create=create)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_session_hooks(self.sessions)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def alembic_config(self) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    @contextmanager
    def _errors_explained(self) -> Iterator[None]:
        """A driver's error becomes what it means for the user (see :func:`database_error`)."""
        try:
            yield
        except driver_errors() as exc:
            error = database_error(exc, self.url)
            if error is None:
                raise
            raise error from exc

    def revision(self) -> str | None:
        """The schema revision the database is at (None when it is empty)."""
        with self._errors_explained(), self.engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
            found = versions.scalars().all()
            if len(found) <= 1:
                return found[0] if found else None
            # Several heads: Alembic's own reading, which says what is wrong.
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(connection).get_current_revision()

    def head(self) -> str | None:
        """The revision the migrations lead to."""
        cheap = head_revision()
        if cheap is not None:
            return cheap
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self.alembic_config()).get_current_head()

    def _check_known(self, revision: str | None) -> None:
        """A database at a revision this Liaison has no migration for was made by a newer one."""
        if revision is None:
            return
        known = known_revisions()
        if known is None:
            from alembic.script import ScriptDirectory

            scripts = ScriptDirectory.from_config(self.alembic_config())
            known = {script.revision for script in scripts.walk_revisions()}
        if revision not in known:
            raise DatabaseUnavailable(
                f"the database {self.safe_url} was made by a newer version of Liaison (its "
                f"schema is at revision '{revision}', which this version does not know): "
                "upgrade Liaison to use it"
            )

    def upgrade(self) -> bool:
        """Apply pending migrations; return True when anything was applied.

        On SQLite the migration holds the write lock from its start (``BEGIN IMMEDIATE``), so
        that two commands opening a new database at once take turns instead of one failing.
        """
        revision = self.revision()
        if revision == self.head():
            return False
        self._check_known(revision)
        from alembic import command
        from alembic.util import CommandError

        with self._errors_explained(), self.engine.connect() as connection:
            if self.backend == "sqlite":
                connection = connection.execution_options(**{IMMEDIATE: True})
            with connection.begin():
                config = self.alembic_config()
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, "head")
                except CommandError as exc:
                    raise DatabaseUnavailable(
                        f"cannot bring the database {self.safe_url} up to date: {exc}"
                    ) from None
        return True

    @property
    def safe_url(self) -> str:
        """The URL to show, without its password (wherever it is written)."""
        return shown_url(self.url)

    @contextmanager
    def session(self, actor: str = "system", *, write: bool = False) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back when it raises.

        With ``write``, SQLite takes the write lock at the start (``BEGIN IMMEDIATE``), so that
        writers queue for up to the busy timeout instead of failing midway. A database still
        busy past the wait is :class:`Busy`; two writers of the same new row are a
        :class:`Conflict`, not an integrity error.
        """
        session = self.sessions()
        session.info["actor"] = actor
        try:
            if write and self.backend == "sqlite":
                session.connection(execution_options={IMMEDIATE: True})
            yield session
            session.commit()
        except driver_errors() as exc:
            _roll_back(session)
            error = database_error(exc, self.url)
            if error is None:
                raise
            raise error from exc
        except BaseException:
            _roll_back(session)
            raise
        finally:
            with suppress(*driver_errors()):
                session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _roll_back(session: Session) -> None:
    """Roll back, quietly when the database cannot even do that (damaged, gone)."""
    with suppress(*driver_errors()):
        session.rollback()
