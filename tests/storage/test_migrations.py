"""Migrations upgrade a database that holds data without losing any of it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from liaison.storage.database import Database


def upgrade_to(database: Database, revision: str) -> None:
    with database.engine.begin() as connection:
        config = database.alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_upgrade_from_0001_keeps_activity_relations(empty_db_url: str) -> None:
    database = Database(empty_db_url)
    upgrade_to(database, "0001")
    with database.engine.begin() as connection:
        for record_id, record_type in (("itu", "organization"), ("act-1", "activity")):
            connection.execute(
                text(
                    "INSERT INTO records (id, record_type, created_at, updated_at) "
                    "VALUES (:id, :type, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": record_id, "type": record_type},
            )
        connection.execute(
            text(
                "INSERT INTO organizations (id, name, kind) "
                "VALUES ('itu', 'ITU', 'specialized-agency')"
            )
        )
        connection.execute(
            text("INSERT INTO activities (id, text, organization_id) VALUES ('act-1', 'x', 'itu')")
        )
        connection.execute(
            text("INSERT INTO activity_relations (activity_id, record_id) VALUES ('act-1', 'itu')")
        )
    assert database.upgrade() is True
    assert database.revision() == database.head()
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT record_id, related_id FROM record_relations"))
        assert rows.all() == [("act-1", "itu")]
    database.dispose()


def test_every_migration_downgrades_and_upgrades_again(empty_db_url: str) -> None:
    database = Database(empty_db_url)
    database.upgrade()
    with database.engine.begin() as connection:
        config = database.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert database.revision() is None
    assert database.upgrade() is True
    assert database.revision() == database.head()
    database.dispose()


def test_migrations_build_exactly_the_tables_the_model_declares(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import liaison.model  # noqa: F401
    from liaison.storage.base import Base, declared_in_model

    database = Database(db_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": declared_in_model},
        )
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []
