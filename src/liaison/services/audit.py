"""The audit trail: who changed what, when, from what to what; newest first, paged by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import AuditEntry
from liaison.services.paging import Page, check_limit, decode_cursor, encode_cursor


@dataclass(frozen=True)
class AuditFilter:
    record_id: str | None = None
    actor: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One change: who made it, when (UTC), to which row, and the values it set."""

    id: int
    at: datetime
    actor: str
    action: str
    table: str
    record_id: str | None
    changes: dict[str, Any]


def _utc(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; every time Liaison writes is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def list_audit(
    session: Session,
    where: AuditFilter | None = None,
    *,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[AuditRow]:
    check_limit(limit)
    where = where or AuditFilter()
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if where.record_id:
        query = query.where(AuditEntry.record_id == where.record_id)
    if where.actor:
        query = query.where(AuditEntry.actor.like(f"%{where.actor}%"))
    if where.action:
        query = query.where(AuditEntry.action == where.action)
    if where.since:
        query = query.where(AuditEntry.at >= datetime.combine(where.since, datetime.min.time()))
    if where.until:
        end = datetime.combine(where.until + timedelta(days=1), datetime.min.time())
        query = query.where(AuditEntry.at < end)
    if cursor:
        (last,) = decode_cursor(cursor, 1)
        query = query.where(AuditEntry.id < int(last))
    entries = list(session.scalars(query.limit(limit + 1)))
    more = len(entries) > limit
    rows = [
        AuditRow(e.id, _utc(e.at), e.actor, e.action, e.table_name, e.record_id, e.changes)
        for e in entries[:limit]
    ]
    return Page(rows, encode_cursor([rows[-1].id]) if more and rows else None)
