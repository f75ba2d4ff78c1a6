"""Indexes on the columns that refer to organizations and records but had none; a record's
import fingerprint.

Without them, finding the events, initiatives or documents that name an organization or a
record read the whole table; and while an import defers its foreign keys, SQLite looked up
``document_reflections`` for every record written, which made a 50,000-record import quadratic.

``records.fingerprint`` is a digest of what the last import said of a record, so that a
re-import of the same file knows it unchanged without reading it back.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("event_organizers", "organization_id"),
    ("participations", "organization_id"),
    ("initiative_partners", "organization_id"),
    ("document_reflections", "record_id"),
    ("taxon_links", "target_id"),
)


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.add_column("records", sa.Column("fingerprint", sa.String(64), nullable=True))


def downgrade() -> None:
    # Not a batch (which copies the table, and the views for analysts read it): both backends
    # drop a column in place (SQLite since 3.35).
    op.execute("ALTER TABLE records DROP COLUMN fingerprint")
    for table, column in INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
