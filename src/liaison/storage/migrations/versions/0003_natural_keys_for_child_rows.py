"""Natural primary keys for tags, record sources and JIU statuses.

A tag is the pair (record, taxon); a source and a status are a position in their owner's list.
Without surrogate integer ids these rows are inserted in batches on SQLite too.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 17:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tags") as batch:
        batch.drop_constraint("uq_tags_record_id", type_="unique")
        batch.drop_constraint("pk_tags", type_="primary")
        batch.drop_column("id")
        batch.create_primary_key("pk_tags", ["record_id", "taxon_id"])
        batch.drop_index("ix_tags_record_id")

    with op.batch_alter_table("record_sources") as batch:
        batch.drop_constraint("pk_record_sources", type_="primary")
        batch.drop_column("id")
        batch.create_primary_key("pk_record_sources", ["record_id", "position"])
        batch.drop_index("ix_record_sources_record_id")

    op.add_column("jiu_statuses", sa.Column("position", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE jiu_statuses SET position = (SELECT COUNT(*) FROM jiu_statuses AS earlier "
        "WHERE earlier.recommendation_id = jiu_statuses.recommendation_id "
        "AND earlier.id < jiu_statuses.id)"
    )
    with op.batch_alter_table("jiu_statuses") as batch:
        batch.alter_column("position", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("pk_jiu_statuses", type_="primary")
        batch.drop_column("id")
        batch.create_primary_key("pk_jiu_statuses", ["recommendation_id", "position"])
        batch.drop_index("ix_jiu_statuses_recommendation_id")


def downgrade() -> None:
    for table, key in (
        ("tags", "record_id"),
        ("record_sources", "record_id"),
        ("jiu_statuses", "recommendation_id"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.add_column(sa.Column("id", sa.Integer(), nullable=True))
            batch.create_index(f"ix_{table}_{key}", [key], unique=False)
        _number_rows(table, key)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("id", existing_type=sa.Integer(), nullable=False)
            batch.create_primary_key(f"pk_{table}", ["id"])
    with op.batch_alter_table("tags") as batch:
        batch.create_unique_constraint("uq_tags_record_id", ["record_id", "taxon_id"])
    with op.batch_alter_table("jiu_statuses") as batch:
        batch.drop_column("position")


def _number_rows(table: str, key: str) -> None:
    order = "taxon_id" if table == "tags" else "position"
    op.execute(
        f"UPDATE {table} SET id = (SELECT COUNT(*) FROM {table} AS other "
        f"WHERE other.{key} < {table}.{key} "
        f"OR (other.{key} = {table}.{key} AND other.{order} <= {table}.{order}))"
    )
