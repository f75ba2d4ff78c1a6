"""Candidates: what ingestion reads in documents, waiting for a person to accept or reject.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document", sa.String(length=500), nullable=False),
        sa.Column("source_id", sa.String(length=120), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("matches", sa.JSON(), nullable=False),
        sa.Column("locator", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("extractor", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=120), nullable=True),
        sa.Column("decided_by", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["documents.id"], ondelete="SET NULL", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document", "key"),
    )
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidates_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_score"), ["score"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_state"), ["state"], unique=False)


def downgrade() -> None:
    op.drop_table("candidates")
