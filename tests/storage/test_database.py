"""The database creates and migrates itself, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from liaison.errors import LiaisonError
from liaison.registry.setup import open_registry
from liaison.storage.database import Database, DatabaseUnavailable


def test_fresh_database_is_at_head_with_every_table(db_url: str) -> None:
    database = Database(db_url)
    assert database.revision() == database.head()
    assert database.upgrade() is False  # nothing left to apply
    tables = set(inspect(database.engine).get_table_names())
    assert {"records", "organizations", "events", "tags", "audit_entries", "taxa"} <= tables
    database.dispose()


def test_sqlite_file_is_created_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "liaison.db"
    database = open_registry(f"sqlite:///{path}")
    assert path.exists()
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    database.dispose()


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO records (id, record_type, created_at, updated_at) "
                "VALUES ('r1', 'role', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO roles (id, holder_id, body_id, role) "
                "VALUES ('r1', 'nope', 'itu', 'member')"
            )
        )


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    database = Database("postgresql://nobody@/nowhere?host=/nonexistent&port=1")
    with pytest.raises(DatabaseUnavailable, match="cannot open the database"):
        database.upgrade()


@pytest.mark.parametrize(
    ("url", "message"),
    [("not a url", "is not a database URL"), ("mysql://x@y/z", "not 'mysql'")],
)
def test_bad_database_urls_are_clear_errors(url: str, message: str) -> None:
    with pytest.raises(LiaisonError, match=message):
        Database(url)
