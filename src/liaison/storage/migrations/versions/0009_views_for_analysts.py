"""Views an analyst can read without knowing the schema (Datasette, a spreadsheet, SQL):
events with their body and organizers by name, roles with holder, body and period, initiatives
with their partners, tags with their taxon's text, and JIU statuses.

The same views on SQLite and PostgreSQL; only the function that joins names differs
(``group_concat`` / ``string_agg``). The model does not declare views (see
``liaison.storage.base.declared_in_model``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = {
    "events_view": """
        SELECT e.id, e.name, e.short_name, e.kind, e.starts AS date_from, e.ends AS date_to,
               e.place, body.name AS session_of,
               (SELECT {join_names} FROM event_organizers eo
                  JOIN organizations o ON o.id = eo.organization_id
                 WHERE eo.event_id = e.id) AS organizers,
               (SELECT count(*) FROM participations p WHERE p.event_id = e.id) AS participants
          FROM events e LEFT JOIN organizations body ON body.id = e.session_of_id
    """,
    "roles_view": """
        SELECT r.id, holder.name AS holder, r.role, body.name AS body, body.kind AS body_kind,
               body.category AS body_category, r.starts AS period_from, r.ends AS period_to,
               r.note
          FROM roles r
          JOIN organizations holder ON holder.id = r.holder_id
          JOIN organizations body ON body.id = r.body_id
    """,
    "initiative_partners_view": """
        SELECT i.id AS initiative_id, i.name AS initiative, i.kind, i.status,
               i.starts AS period_from, i.ends AS period_to, o.name AS partner,
               o.acronym AS partner_acronym, ip.role AS partner_role, ip.position
          FROM initiatives i
          JOIN initiative_partners ip ON ip.initiative_id = i.id
          JOIN organizations o ON o.id = ip.organization_id
    """,
    "tags_view": """
        SELECT t.record_id, rec.record_type, x.scheme, x.code, x.label,
               x.text AS taxon_text, t.state, t.score, t.suggested_by, t.evidence
          FROM tags t
          JOIN taxa x ON x.id = t.taxon_id
          JOIN records rec ON rec.id = t.record_id
    """,
    "jiu_statuses_view": """
        SELECT j.id AS recommendation_id, d.symbol AS report_symbol, d.title AS report_title,
               j.number, j.addressed_to, j.scope, o.name AS organization, s.starts AS date,
               s.acceptance, s.implementation, s.note
          FROM jiu_statuses s
          JOIN jiu_recommendations j ON j.id = s.recommendation_id
          JOIN documents d ON d.id = j.report_id
          JOIN organizations o ON o.id = s.organization_id
    """,
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    join_names = "string_agg(o.name, '; ' ORDER BY o.name)" if postgres else (
        "group_concat(o.name, '; ')"
    )  # fmt: skip
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query.format(join_names=join_names)}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
