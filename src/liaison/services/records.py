"""One record in full, and counts of the whole registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.errors import NotFound
from liaison.model import RECORD_KINDS, AuditEntry, Record, Role, Tag, Taxon
from liaison.registry.exporter import dataset, plain
from liaison.services.kinds import BY_RECORD_TYPE


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str
    action: str


@dataclass(frozen=True)
class RecordDetail:
    """A record in the import format (``data``), with what the registry knows about it."""

    id: str
    kind: str
    record_type: str
    version: int
    data: dict[str, Any]
    origin: str | None
    created_at: datetime
    updated_at: datetime
    last_change: Change | None


def get_record(session: Session, record_id: str) -> RecordDetail:
    record = session.get(Record, record_id)
    if record is None:
        raise NotFound(f"no record has the id '{record_id}' (try `liaison search`)")
    kind = BY_RECORD_TYPE[record.record_type].kind
    data = plain(dataset(session, [record_id], kinds=[kind]))[kind][0]
    last = session.execute(
        select(AuditEntry.at, AuditEntry.actor, AuditEntry.action)
        .where(AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return RecordDetail(
        record.id,
        kind,
        record.record_type,
        record.version,
        data,
        record.origin,
        record.created_at,
        record.updated_at,
        Change(last[0], last[1], last[2]) if last else None,
    )


def current_version(session: Session, record_id: str) -> int | None:
    return session.scalar(select(Record.version).where(Record.id == record_id))


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
