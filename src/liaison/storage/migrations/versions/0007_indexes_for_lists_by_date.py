"""Indexes for lists sorted by date, which at 100,000 records sorted every record of the kind.

A list sorted by date orders by ``coalesce(earliest, '0001-01-01')`` then id (undated records
first); an index on that expression lets a page be read from the index in order. The model does
not declare these indexes (see ``liaison.storage.base.declared_in_model``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATED_TABLES = ("roles", "events", "initiatives", "documents", "activities")
# The same constant as liaison.services.listing.FAR_PAST, so that queries match the index.
DATE_ORDER = "coalesce(earliest, '0001-01-01')"


def upgrade() -> None:
    for table in DATED_TABLES:
        op.create_index(f"ix_{table}_date_order", table, [sa.text(DATE_ORDER), "id"])


def downgrade() -> None:
    for table in DATED_TABLES:
        op.drop_index(f"ix_{table}_date_order", table_name=table)
