"""Retired records: a record that is no longer current keeps its history but leaves the lists.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired", sa.String(length=10), nullable=True))
        batch_op.create_index(batch_op.f("ix_records_retired"), ["retired"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_retired"))
        batch_op.drop_column("retired")
