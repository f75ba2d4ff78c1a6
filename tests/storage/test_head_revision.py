"""The head revision read from the migration files as text is the one Alembic finds."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text

from liaison.storage.database import Database, head_revision


def migration(folder: Path, name: str, revision: str, down: str) -> None:
    (folder / name).write_text(
        f'"""A migration."""\n\nrevision: str = "{revision}"\ndown_revision: str | None = {down}\n',
        encoding="utf-8",
    )


def test_head_read_from_the_files_is_alembics_head() -> None:
    database = Database("sqlite://")
    alembic_head = ScriptDirectory.from_config(database.alembic_config()).get_current_head()
    assert alembic_head is not None
    assert head_revision() == alembic_head
    assert database.head() == alembic_head


def test_head_of_a_chain_is_the_revision_nothing_revises(tmp_path: Path) -> None:
    migration(tmp_path, "0001_first.py", "0001", "None")
    migration(tmp_path, "0002_second.py", "0002", '"0001"  # the first')
    migration(tmp_path, "0003_merge.py", "0003", '("0002", "0001")')
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    assert head_revision(tmp_path) == "0003"


def test_several_heads_or_unreadable_files_leave_the_answer_to_alembic(tmp_path: Path) -> None:
    migration(tmp_path, "0001_first.py", "0001", "None")
    migration(tmp_path, "0002_a.py", "0002", '"0001"')
    migration(tmp_path, "0003_b.py", "0003", '"0001"')
    assert head_revision(tmp_path) is None  # two heads
    odd = tmp_path / "odd"
    odd.mkdir()
    migration(odd, "0001_first.py", "0001", "PARENT")
    assert head_revision(odd) is None  # not a literal
    assert head_revision(tmp_path / "missing") is None


def test_revision_is_read_from_the_version_table(empty_db_url: str) -> None:
    database = Database(empty_db_url)
    assert database.revision() is None  # no table at all
    assert database.upgrade() is True
    assert database.revision() == database.head()
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
    assert database.revision() is None  # the table, empty (as after a downgrade to base)
    database.dispose()
