"""A stand-alone SQLite copy of the registry for analysts: every record with its tags and sources,
the views of migration 0009, and a Datasette metadata file -- without users, tokens, sign-in
sessions, the audit trail or waiting candidates.

The copy is made by importing the registry's records into a new SQLite registry (through the
import's validation), so it can be taken from a PostgreSQL registry as well as from SQLite; the
new file's own audit entries of that import are then removed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from liaison.errors import Conflict

#: Per view: a title, a description and the columns Datasette offers as facets.
VIEWS: dict[str, tuple[str, str, list[str]]] = {
    "events_view": (
        "Events",
        "Meetings, sessions, conferences and summits, with the body they are a session of and "
        "their organizers by name. Dates keep their precision (2017-05 is a month).",
        ["kind", "session_of", "place"],
    ),
    "roles_view": (
        "Roles",
        "Who is member, observer, chair… of which body, over which period.",
        ["role", "holder", "body_kind", "body_category"],
    ),
    "initiative_partners_view": (
        "Initiatives and their partners",
        "One row per partner of each joint initiative, with the partner's role.",
        ["kind", "status", "partner_role", "partner"],
    ),
    "tags_view": (
        "Tags",
        "SDG, WSIS and theme tags of the records: accepted ones, and the classifier's "
        "suggestions waiting for review.",
        ["scheme", "state", "record_type"],
    ),
    "jiu_statuses_view": (
        "JIU follow-up",
        "The dated status updates of JIU recommendations, per organization.",
        ["organization", "acceptance", "implementation", "report_symbol"],
    ),
}

QUERIES: dict[str, dict[str, str]] = {
    "chairs": {
        "title": "Bodies chaired, with the period",
        "sql": "SELECT holder, body, period_from, period_to FROM roles_view "
        "WHERE role IN ('chair', 'co-chair', 'vice-chair') ORDER BY period_from",
    },
    "events_by_month": {
        "title": "Events per month",
        "sql": "SELECT substr(date_from, 1, 7) AS month, count(*) AS events FROM events_view "
        "WHERE length(date_from) >= 7 GROUP BY month ORDER BY month",
    },
    "partners_by_initiatives": {
        "title": "Organizations by the number of initiatives they take part in",
        "sql": "SELECT partner, count(DISTINCT initiative_id) AS initiatives "
        "FROM initiative_partners_view GROUP BY partner ORDER BY initiatives DESC",
    },
    "sdg_counts": {
        "title": "Records per SDG goal (accepted tags)",
        "sql": "SELECT code AS goal, label, count(*) AS records FROM tags_view "
        "WHERE scheme = 'sdg' AND state = 'accepted' AND code NOT LIKE '%.%' "
        "GROUP BY code, label ORDER BY count(*) DESC",
    },
}


def metadata(database_name: str) -> dict[str, Any]:
    """Datasette's metadata for the copy: titles, descriptions, facets and canned queries."""
    return {
        "title": "Liaison registry",
        "description": "An organization's relations with the United Nations system: roles, "
        "events, joint initiatives, documents, SDG/WSIS tags and JIU follow-up. Start with "
        "the views (…_view); the tables hold the same facts by id.",
        "databases": {
            database_name: {
                "tables": {
                    view: {"title": title, "description": text, "facets": facets}
                    for view, (title, text, facets) in VIEWS.items()
                },
                "queries": QUERIES,
            }
        },
    }


def write_sqlite(
    session: Session,
    path: Path,
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, Path]:
    """Write the copy to ``path`` and its metadata beside it (``NAME.metadata.json``)."""
    from liaison.model import AuditEntry
    from liaison.registry.exporter import dataset
    from liaison.registry.importer import import_files
    from liaison.registry.reader import ImportFile
    from liaison.registry.setup import open_registry

    if path.exists():
        if not replace:
            raise Conflict(f"{path} exists already: remove it or choose another name")
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    copy = open_registry(f"sqlite:///{path.resolve()}")
    try:
        with copy.session(actor="export") as target:
            records = ImportFile(f"registry copy {path.name}", dataset(session))
            import_files(target, [records], progress=progress)
            target.execute(delete(AuditEntry))
    finally:
        copy.dispose()
    meta = path.with_name(f"{path.stem}.metadata.json")
    meta.write_text(json.dumps(metadata(path.stem), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path, meta
