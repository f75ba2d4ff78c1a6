"""The one place that owns the database: engine, sessions, SQLite pragmas and migrations.

A session is opened per command or request and committed at that boundary only
(:meth:`Database.session`); services never commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from liaison.errors import Busy, Conflict, LiaisonError
from liaison.model.hooks import install_session_hooks
from liaison.storage.status import MIGRATIONS, VERSION_TABLE, DatabaseUnavailable, head_revision

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
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


IMMEDIATE = "liaison_begin_immediate"


def _sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def create_database_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise LiaisonError(
            f"'{url}' is not a database URL: write sqlite:///path/to/file.db "
            "or postgresql://user@host/database"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend not in ("postgresql", "postgres"):
        raise LiaisonError(f"Liaison works with SQLite and PostgreSQL, not '{backend}'")
    # No server-side prepared statements: their generic plans are slow for the large IN lists
    # that imports and exports send.
    return create_engine(
        parsed.set(drivername="postgresql+psycopg"),
        pool_pre_ping=True,
        connect_args={"prepare_threshold": None},
    )


class Database:
    """A database Liaison can use: it migrates itself to the current schema when asked."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_database_engine(url)
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

    def revision(self) -> str | None:
        """The schema revision the database is at (None when it is empty)."""
        with self.engine.connect() as connection:
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

    def upgrade(self) -> bool:
        """Apply pending migrations; return True when anything was applied."""
        try:
            if self.revision() == self.head():
                return False
            from alembic import command

            with self.engine.begin() as connection:
                config = self.alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            return True
        except OperationalError as exc:
            raise DatabaseUnavailable(
                f"cannot open the database {self.safe_url}: {exc.orig}"
            ) from exc

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

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
        except OperationalError as exc:
            session.rollback()
            if _is_busy(exc):
                raise Busy("the database is busy with another change: try again") from exc
            raise
        except IntegrityError as exc:
            session.rollback()
            raise Conflict(
                "another change to the same record was saved at the same time: reload and try again"
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
