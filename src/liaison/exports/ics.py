"""The registry's events as an iCalendar file (RFC 5545), for calendar programs.

Dates keep their precision here too (docs/formats/ics.md):

- an event known to the day at both ends is a ``VEVENT`` over whole days: ``DTSTART`` and
  ``DTEND`` as dates, ``DTEND`` being the day after the last day (RFC 5545 §3.6.1: the end is
  not inclusive). Liaison records no times, so there are no timed events;
- an event known only to the month or the year (or open at one end) is never given a day: it is
  a ``VJOURNAL`` with no ``DTSTART`` (optional in a journal entry, RFC 5545 §3.6.3), its dates
  said in the summary and the description and kept as written in ``X-LIAISON-DATES``.

The same records give the same bytes: ``UID`` is ``<event id>@liaison``, ``DTSTAMP`` is the
record's last change, and components and their lines come in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Component, Journal
from icalendar import Event as VEvent
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange, range_of
from liaison.model import Event, EventOrganizer, Initiative, Organization, Participation
from liaison.services.listing import RecordFilter, filtered
from liaison.services.organizations import organization_units

PRODID = "-//Liaison//Liaison events//EN"
UID_DOMAIN = "liaison"


@dataclass(frozen=True)
class _Names:
    """The names an export shows for the organizations and initiatives its events refer to."""

    organizations: dict[str, str]
    initiatives: dict[str, str]

    def organization(self, org_id: str) -> str:
        return self.organizations.get(org_id, org_id)


def calendar(
    session: Session, *, period: DateRange | None = None, organization: str | None = None
) -> bytes:
    """The events as an iCalendar file: those whose dates overlap ``period`` (all when None),
    and those ``organization`` (an id) or a body under it organized or took part in."""
    events = _events(session, period, organization)
    names = _names(session, events)
    ical = Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.calendar_name = _calendar_name(period, organization)
    for event in events:
        ical.add_component(_component(event, names))
    data: bytes = ical.to_ical()
    return data


def _events(session: Session, period: DateRange | None, organization: str | None) -> list[Event]:
    query = select(Event).options(
        selectinload(Event.organizers), selectinload(Event.participations)
    )
    if period is not None:  # the rule of `liaison list --period` and the web calendar
        query = query.where(Event.id.in_(filtered(session, "events", RecordFilter(period=period))))
    if organization is not None:
        units = sorted(organization_units(session, organization))
        query = query.where(
            or_(
                exists().where(
                    Participation.event_id == Event.id, Participation.organization_id.in_(units)
                ),
                exists().where(
                    EventOrganizer.event_id == Event.id,
                    EventOrganizer.organization_id.in_(units),
                ),
            )
        )
    events = list(session.scalars(query))
    # Sorted here, not in SQL, so that open ends sort the same on every backend.
    return sorted(events, key=lambda e: (e.earliest or date.min, e.latest or date.max, e.id))


def _names(session: Session, events: list[Event]) -> _Names:
    """Today's names of the organizations and initiatives the events refer to, in two queries."""
    org_ids: set[str] = set()
    series_ids: set[str] = set()
    for event in events:
        org_ids.update(o.organization_id for o in event.organizers)
        org_ids.update(p.organization_id for p in event.participations)
        if event.session_of_id:
            org_ids.add(event.session_of_id)
        if event.series_id:
            series_ids.add(event.series_id)
    organizations: dict[str, str] = {}
    if org_ids:
        rows = session.execute(
            select(Organization.id, Organization.name, Organization.acronym).where(
                Organization.id.in_(sorted(org_ids))
            )
        )
        organizations = {
            org_id: f"{name} ({acronym})" if acronym and acronym != name else name
            for org_id, name, acronym in rows
        }
    initiatives: dict[str, str] = {}
    if series_ids:
        series = session.execute(
            select(Initiative.id, Initiative.name).where(Initiative.id.in_(sorted(series_ids)))
        )
        initiatives = {initiative_id: name for initiative_id, name in series}
    return _Names(organizations, initiatives)


def _calendar_name(period: DateRange | None, organization: str | None) -> str:
    parts = ["Liaison events"]
    if period is not None:
        parts.append(str(period))
    if organization is not None:
        parts.append(organization)
    return ", ".join(parts)


def precision_of(dates: DateRange | None) -> str:
    """``day`` when both ends are known to the day; ``month`` when neither end is known only
    to the year; ``year`` otherwise (an open end counts as unknown: ``year``)."""
    if dates is None or dates.start is None or dates.end is None:
        return "year"
    precisions = {dates.start.precision, dates.end.precision}
    return "day" if precisions == {"day"} else "year" if "year" in precisions else "month"


def dates_label(dates: DateRange | None) -> str:
    """How people read the dates: ``May 2017``, ``6 June 2017 – 9 June 2017``, ``from 2016``."""
    if dates is None:
        return "no date recorded"
    start, end = dates.start, dates.end
    if start is not None and start == end:
        return start.label()
    if start is not None and end is not None:
        return f"{start.label()} – {end.label()}"
    if start is not None:
        return f"from {start.label()}"
    assert end is not None
    return f"until {end.label()}"


def _summary(event: Event) -> str:
    short = event.short_name
    if short and short.casefold() not in event.name.casefold():
        return f"{event.name} ({short})"
    return event.name


def _description(event: Event, names: _Names, dated: bool, dates: DateRange | None) -> str:
    lines = []
    if not dated:
        lines.append(f"Dates: {dates_label(dates)} (no day is recorded)")
        if event.place:
            lines.append(f"Place: {event.place}")
    if event.session_of_id:
        lines.append(f"Session of: {names.organization(event.session_of_id)}")
    if event.series_id:
        series = names.initiatives.get(event.series_id, event.series_id)
        lines.append(f"Edition of: {series}")
    if event.organizers:
        organizers = "; ".join(names.organization(o.organization_id) for o in event.organizers)
        lines.append(f"Organizers: {organizers}")
    if event.participations:
        lines.append("Participants:")
        for taking_part in event.participations:
            line = f"- {names.organization(taking_part.organization_id)}, {taking_part.role}"
            if taking_part.contribution:
                line += f": {' '.join(taking_part.contribution.split())}"
            lines.append(line)
    if event.description:
        lines += ["", " ".join(event.description.split())]
    return "\n".join(lines).strip()


def _stamp(moment: datetime) -> datetime:
    """The record's last change in UTC, to the second (SQLite gives it back without a zone:
    it is stored in UTC)."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0)


def _component(event: Event, names: _Names) -> Component:
    dates = range_of(event.starts, event.ends)
    precision = precision_of(dates)
    dated = precision == "day"
    component: Component = VEvent() if dated else Journal()
    component.add("uid", f"{event.id}@{UID_DOMAIN}")
    component.add("dtstamp", _stamp(event.updated_at))
    if dated:
        assert dates is not None and dates.start is not None and dates.end is not None
        component.add("dtstart", dates.start.earliest())
        component.add("dtend", dates.end.latest() + timedelta(days=1))
        component.add("transp", "TRANSPARENT")
        component.add("summary", _summary(event))
        if event.place:
            component.add("location", event.place)
    else:
        component.add("summary", f"{_summary(event)}, {dates_label(dates)}")
    component.add("categories", [event.kind])
    description = _description(event, names, dated, dates)
    if description:
        component.add("description", description)
    if dates is not None:
        component.add("x-liaison-dates", str(dates))
    component.add("x-liaison-precision", precision)
    return component
