"""The dashboard of the current period: counts, recent changes, what is coming and what waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.model import Event, JiuRecommendation, JiuStatus, Tag
from liaison.services.audit import AuditRow, list_audit
from liaison.services.records import summarize


@dataclass(frozen=True)
class EventSoon:
    id: str
    name: str
    date: str | None
    place: str | None


@dataclass(frozen=True)
class Dashboard:
    today: date
    counts: dict[str, int]
    tags: dict[str, int]
    recent_changes: list[AuditRow]
    upcoming_events: list[EventSoon]
    recent_events: list[EventSoon]
    suggestions_waiting: int
    jiu_open: int
    jiu_total: int


def dashboard(session: Session, today: date | None = None, *, changes: bool = True) -> Dashboard:
    today = today or date.today()
    summary = summarize(session)
    fields = (Event.id, Event.name, Event.starts, Event.ends, Event.place)

    def events(query: object) -> list[EventSoon]:
        rows = session.execute(query).all()  # type: ignore[call-overload]
        return [
            EventSoon(r[0], r[1], f"{r[2]}/{r[3]}" if r[3] and r[3] != r[2] else r[2], r[4])
            for r in rows
        ]

    upcoming = events(
        select(*fields).where(Event.latest >= today).order_by(Event.earliest, Event.id).limit(8)
    )
    recent = events(
        select(*fields)
        .where(Event.latest < today)
        .order_by(Event.earliest.desc(), Event.id)
        .limit(8)
    )
    waiting = session.scalar(select(func.count()).select_from(Tag).where(Tag.state == "suggested"))
    # A recommendation is open until a status says it is implemented .
    closed = select(JiuStatus.recommendation_id).where(JiuStatus.implementation == "implemented")
    jiu_total = session.scalar(select(func.count()).select_from(JiuRecommendation)) or 0
    jiu_open = (
        session.scalar(
            select(func.count())
            .select_from(JiuRecommendation)
            .where(JiuRecommendation.id.not_in(closed))
        )
        or 0
    )
    recent_changes = list_audit(session, limit=10).items if changes else []
    return Dashboard(
        today,
        summary.counts,
        summary.tags,
        recent_changes,
        upcoming,
        recent,
        waiting or 0,
        jiu_open,
        jiu_total,
    )
