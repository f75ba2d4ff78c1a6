"""The one place that owns the database: engine, sessions, SQLite pragmas and migrations.

A session is opened per command or request and committed at that boundary only
(:meth:`Database.session`); services never commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from liaison.errors import LiaisonError
from liaison.model.hooks import install_session_hooks

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseUnavailable(LiaisonError):
    """The database cannot be opened or reached."""

    exit_code = 3


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, begin transactions (see _sqlite_begin), so that
    # PRAGMAs issued inside a transaction (defer_foreign_keys) apply to that transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


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
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def revision(self) -> str | None:
        """The schema revision the database is at (None when it is empty)."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head(self) -> str | None:
        return ScriptDirectory.from_config(self.alembic_config()).get_current_head()

    def upgrade(self) -> bool:
        """Apply pending migrations; return True when anything was applied."""
        try:
            if self.revision() == self.head():
                return False
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
    def session(self, actor: str = "system") -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back when it raises."""
        session = self.sessions()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
