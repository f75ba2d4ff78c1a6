"""Reading the registry: lists of one kind, one record in full, and a summary of the whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.errors import LiaisonError, NotFound
from liaison.model import RECORD_KINDS, RECORD_TYPES, AuditEntry, Record, Role, Tag, Taxon
from liaison.registry.exporter import dataset, plain
from liaison.registry.schema import KINDS

# The columns `liaison list KIND` shows, in order; every other field is in `show` and exports.
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": ("id", "acronym", "name", "kind", "category", "parent"),
    "roles": ("id", "holder", "role", "body", "period"),
    "events": ("id", "date", "short_name", "name", "kind", "session_of"),
    "initiatives": ("id", "short_name", "name", "kind", "period", "partners"),
    "documents": ("id", "symbol", "title", "kind", "date", "issued_by"),
    "activities": ("id", "date", "org", "text"),
    "jiu_recommendations": ("id", "report", "number", "addressed_to", "scope"),
}
_SINGULAR = {
    "organization": "organizations",
    "role": "roles",
    "event": "events",
    "initiative": "initiatives",
    "document": "documents",
    "activity": "activities",
    "jiu_recommendation": "jiu_recommendations",
    "jiu": "jiu_recommendations",
}


def kind_named(name: str) -> str:
    """The record kind a user means (``event``, ``events``, ``jiu-recommendations``…)."""
    key = name.strip().lower().replace("-", "_")
    key = _SINGULAR.get(key, key)
    if key not in KINDS:
        raise LiaisonError(f"unknown kind '{name}': use one of {', '.join(KINDS)}")
    return key


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v.get("org", v)) if isinstance(v, dict) else str(v) for v in value)
    return value


def list_records(session: Session, kind: str) -> list[dict[str, Any]]:
    """One row per record of ``kind`` with the columns of :data:`LIST_COLUMNS`."""
    kind = kind_named(kind)
    records = plain(dataset(session, kinds=[kind]))[kind]
    return [{c: _cell(r.get(c)) for c in LIST_COLUMNS[kind]} for r in records]


def show_record(session: Session, record_id: str) -> dict[str, Any]:
    """One record in the import format, with its type, origin and last change."""
    record = session.get(Record, record_id)
    if record is None:
        raise NotFound(f"no record has the id '{record_id}' (try `liaison search`)")
    kind = next(k for k, t in RECORD_TYPES.items() if t == record.record_type)
    data = plain(dataset(session, [record_id], kinds=[kind]))[kind][0]
    last = session.scalars(
        select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id.desc())
    ).first()
    return {
        "type": record.record_type,
        **data,
        "origin": record.origin,
        "last_change": f"{last.at:%Y-%m-%d %H:%M} by {last.actor}" if last else None,
    }


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    taxa: dict[str, int]
    tags: dict[str, int]
    roles: dict[str, int]


def summarize(session: Session) -> Summary:
    counts = {
        kind: session.scalar(select(func.count()).select_from(m)) or 0
        for kind, m in RECORD_KINDS.items()
    }
    taxa = dict(session.execute(select(Taxon.scheme, func.count()).group_by(Taxon.scheme)).all())
    tags = dict(session.execute(select(Tag.state, func.count()).group_by(Tag.state)).all())
    roles = dict(session.execute(select(Role.role, func.count()).group_by(Role.role)).all())
    return Summary(counts, taxa, tags, roles)
