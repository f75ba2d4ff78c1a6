"""Reading the registry through the database's own driver (sqlite3, psycopg), without SQLAlchemy.

The read commands that must answer at once (``liaison summary``, ``liaison list``) would spend
most of their time importing SQLAlchemy's ORM and the model. When the database is already at the
head revision and holds the current reference data, they read it with its driver directly
(:func:`open_direct_reader`); otherwise the registry is opened the usual way first (migrated,
loaded) and read through the engine's own connection (:func:`engine_reader`).

SQL is written once with ``?`` placeholders (psycopg's ``%s`` are put in for PostgreSQL), so it
must not hold a literal ``%`` or ``?``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from liaison.errors import Busy
from liaison.registry.reference_data import FINGERPRINT_KEY, fingerprint
from liaison.storage.status import (
    SQLITE_PREFIX,
    VERSION_TABLE,
    DatabaseUnavailable,
    head_revision,
    hide_secrets,
    one_line,
    shown_url,
    sqlite_file,
    unusable,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["SQLITE_PREFIX", "DirectReader", "open_direct_reader", "shown_url", "sqlite_file"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def _driver_error(backend: str) -> type[Exception]:
    if backend == "sqlite":
        return sqlite3.Error
    import psycopg

    return psycopg.Error


class DirectReader:
    """Runs read-only SQL on a DB-API connection of ``backend`` (sqlite or postgresql)."""

    def __init__(self, connection: Any, backend: str, url: str) -> None:
        self.connection = connection
        self.backend = backend
        self.url = url
        self._error = _driver_error(backend)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row the query returns, as tuples."""
        if self.backend != "sqlite":
            sql = sql.replace("?", "%s")
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return list(cursor.fetchall())
        except self._error as exc:
            if "database is locked" in str(exc) or "database is busy" in str(exc):
                raise Busy("the database is busy with another change: try again") from exc
            said = one_line(hide_secrets(str(exc), self.url))
            raise DatabaseUnavailable(unusable(self.url, said)) from exc
        finally:
            cursor.close()

    def is_current(self) -> bool:
        """Whether the database is at the head revision with the current reference data."""
        head = head_revision()
        if head is None or self.rows(f"SELECT version_num FROM {VERSION_TABLE}") != [(head,)]:
            return False
        stored = self.rows("SELECT value FROM settings WHERE key = ?", (FINGERPRINT_KEY,))
        return stored == [(fingerprint(),)]

    @property
    def safe_url(self) -> str:
        return shown_url(self.url)

    def close(self) -> None:
        self.connection.close()


def _connect(url: str) -> tuple[Any, str] | None:
    """A new connection and its backend; None when the URL or the error is left to SQLAlchemy."""
    path = sqlite_file(url)
    if path is not None:
        if not path.is_file():
            return None
        try:
            # Autocommit mode and one explicit transaction: every query reads the same snapshot.
            connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            connection.execute("BEGIN")
        except sqlite3.Error:
            return None
        return connection, "sqlite"
    if url.startswith(POSTGRES_SCHEMES):
        import psycopg

        try:
            return psycopg.connect(url), "postgresql"
        except psycopg.Error:
            return None
    return None


def open_direct_reader(url: str) -> DirectReader | None:
    """A reader on the database at ``url`` when it is current, else None.

    None also when the URL is not a plain SQLite file or PostgreSQL URL, or when the database
    cannot be read: the caller opens the registry the usual way, which creates, migrates, loads
    and reports errors.
    """
    opened = _connect(url)
    if opened is None:
        return None
    reader = DirectReader(*opened, url)
    try:
        current = reader.is_current()
    except (DatabaseUnavailable, Busy):
        current = False
    if not current:
        reader.close()
        return None
    return reader


def engine_reader(engine: Engine, url: str) -> DirectReader:
    """A reader on a connection of the engine's pool (closing it gives the connection back)."""
    return DirectReader(engine.raw_connection(), engine.dialect.name, url)
