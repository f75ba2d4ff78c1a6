"""Names over time, report placement, restatements and the fields the Council report prints.

Organizations get dated names (``organization_names``); any record can be placed in a report
section; activities get a kind (activity or context statement), the records they restate and
whether the report lists what they relate to; initiatives a purpose and key figures; events the
series they are an edition of; documents a short title, a quotation, and, for a report of a
series, the period it covers and the meeting it is for.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:20:33
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organization_names",
        sa.Column("organization_id", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("acronym", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("starts", sa.String(length=10), nullable=True),
        sa.Column("ends", sa.String(length=10), nullable=True),
        sa.Column("earliest", sa.Date(), nullable=True),
        sa.Column("latest", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_names_organization_id_organizations"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("organization_id", "position", name=op.f("pk_organization_names")),
    )
    with op.batch_alter_table("organization_names", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organization_names_earliest"), ["earliest"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organization_names_latest"), ["latest"], unique=False)

    op.create_table(
        "activity_restatements",
        sa.Column("activity_id", sa.String(length=120), nullable=False),
        sa.Column("record_id", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_restatements_activity_id_activities"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_activity_restatements_record_id_records"),
            ondelete="CASCADE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("activity_id", "record_id", name=op.f("pk_activity_restatements")),
    )
    with op.batch_alter_table("activity_restatements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_restatements_record_id"), ["record_id"], unique=False
        )

    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="activity")
        )
        batch_op.add_column(
            sa.Column("lists_related", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("short_title", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("quotation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("quotation_locator", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("covers_starts", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("covers_ends", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("covers_earliest", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("covers_latest", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("session", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("venue", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("languages", sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_documents_covers_earliest"), ["covers_earliest"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_documents_covers_latest"), ["covers_latest"], unique=False
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.String(length=120), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_series_id"), ["series_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_events_series_id_initiatives"),
            "initiatives",
            ["series_id"],
            ["id"],
            ondelete="SET NULL",
            deferrable=True,
        )

    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("key_figures", sa.JSON(), nullable=False, server_default="[]")
        )

    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_section", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("report_order", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_column("report_order")
        batch_op.drop_column("report_section")

    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_column("key_figures")
        batch_op.drop_column("purpose")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_series_id_initiatives"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_series_id"))
        batch_op.drop_column("series_id")

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_covers_latest"))
        batch_op.drop_index(batch_op.f("ix_documents_covers_earliest"))
        batch_op.drop_column("languages")
        batch_op.drop_column("venue")
        batch_op.drop_column("session")
        batch_op.drop_column("covers_latest")
        batch_op.drop_column("covers_earliest")
        batch_op.drop_column("covers_ends")
        batch_op.drop_column("covers_starts")
        batch_op.drop_column("quotation_locator")
        batch_op.drop_column("quotation")
        batch_op.drop_column("short_title")

    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_column("lists_related")
        batch_op.drop_column("kind")

    with op.batch_alter_table("activity_restatements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_restatements_record_id"))

    op.drop_table("activity_restatements")
    with op.batch_alter_table("organization_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_names_latest"))
        batch_op.drop_index(batch_op.f("ix_organization_names_earliest"))

    op.drop_table("organization_names")
