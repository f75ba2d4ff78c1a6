"""Relations between any two records (they were between an activity and a record only).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 17:19:04.425430
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "record_relations",
        sa.Column("record_id", sa.String(length=120), nullable=False),
        sa.Column("related_id", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_relations_record_id_records"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["related_id"],
            ["records.id"],
            name=op.f("fk_record_relations_related_id_records"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("record_id", "related_id", name=op.f("pk_record_relations")),
    )
    with op.batch_alter_table("record_relations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_relations_related_id"), ["related_id"], unique=False
        )
    op.execute(
        "INSERT INTO record_relations (record_id, related_id) "
        "SELECT activity_id, record_id FROM activity_relations"
    )
    op.drop_table("activity_relations")


def downgrade() -> None:
    op.create_table(
        "activity_relations",
        sa.Column("activity_id", sa.String(length=120), nullable=False),
        sa.Column("record_id", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_relations_activity_id_activities"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_activity_relations_record_id_records"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("activity_id", "record_id", name=op.f("pk_activity_relations")),
    )
    op.execute(
        "INSERT INTO activity_relations (activity_id, record_id) "
        "SELECT r.record_id, r.related_id FROM record_relations r "
        "JOIN activities a ON a.id = r.record_id"
    )
    op.drop_table("record_relations")
