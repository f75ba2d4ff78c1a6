"""Events by date: a timeline grouped by year and month, and the calendar of one month.

Dates keep their precision: an event dated to a month or a year is never put on a day of the
calendar; it is listed as "in this month, no day set" instead.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.dates import DateRange, PartialDate, range_of
from liaison.errors import InvalidRequest
from liaison.model import Event
from liaison.services.listing import RecordFilter, filtered

_WEEKS = calendar.Calendar(firstweekday=calendar.MONDAY)
FIRST_YEAR, LAST_YEAR = 1000, 9998


@dataclass(frozen=True)
class DatedEvent:
    """An event with its dates as written and the first and last day they can mean."""

    id: str
    name: str
    short_name: str | None
    kind: str
    place: str | None
    body: str | None
    dates: str
    earliest: date
    latest: date
    #: ``day`` when both ends are known to the day; otherwise ``month`` or ``year``.
    precision: str


@dataclass(frozen=True)
class TimelineMonth:
    #: None for the events known only to the year.
    month: int | None
    events: list[DatedEvent]


@dataclass(frozen=True)
class TimelineYear:
    year: int
    months: list[TimelineMonth]


@dataclass(frozen=True)
class Timeline:
    """Dated events newest first, by the year and month they start in."""

    years: list[TimelineYear]
    total: int


@dataclass(frozen=True)
class DayEntry:
    """An event on a day of the calendar; ``starts``/``ends`` say whether it starts or ends
    that day (an event over several days is on each of them)."""

    id: str
    title: str
    starts: bool
    ends: bool


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    events: list[DayEntry]


@dataclass(frozen=True)
class MonthCalendar:
    """One month, Monday to Sunday, with the events of the month known to the day on their
    days and the others (known to the month or the year) in ``without_day``."""

    month: str
    previous: str
    next: str
    weeks: list[list[CalendarDay]]
    without_day: list[DatedEvent]


def _events(session: Session, where: RecordFilter) -> list[DatedEvent]:
    """The dated events ``where`` lets through, newest first."""
    ids = filtered(session, "events", where)
    query = (
        select(Event)
        .where(Event.id.in_(ids), Event.earliest.is_not(None), Event.latest.is_not(None))
        .order_by(Event.earliest.desc(), Event.latest.desc(), Event.id)
    )
    found = []
    for event in session.scalars(query):
        dates = range_of(event.starts, event.ends)
        assert dates is not None and event.earliest is not None and event.latest is not None
        precisions = {side.precision for side in (dates.start, dates.end) if side is not None}
        precision = (
            "day" if precisions == {"day"} else "month" if "year" not in precisions else "year"
        )
        found.append(
            DatedEvent(
                event.id, event.name, event.short_name, event.kind, event.place,
                event.session_of_id, str(dates), event.earliest, event.latest, precision,
            )
        )  # fmt: skip
    return found


def events_timeline(session: Session, where: RecordFilter) -> Timeline:
    """The dated events ``where`` lets through, grouped by year and month, newest first."""
    events = _events(session, where)
    years = []
    for year, of_year in groupby(events, key=lambda e: e.earliest.year):
        months = [
            TimelineMonth(month, list(of_month))
            for month, of_month in groupby(
                of_year, key=lambda e: None if e.precision == "year" else e.earliest.month
            )
        ]
        years.append(TimelineYear(year, months))
    return Timeline(years, len(events))


def parse_month(text: str) -> PartialDate:
    """``2017-05`` as a month; InvalidRequest for anything else."""
    try:
        month = PartialDate.parse(text)
    except ValueError as exc:
        raise InvalidRequest(f"month: {exc}") from None
    if month.precision != "month":
        raise InvalidRequest(f"month: '{text}' is not a month of the form YYYY-MM (2017-05)")
    if not FIRST_YEAR <= month.year <= LAST_YEAR:  # its weeks and neighbours must be dates
        raise InvalidRequest(f"month: the calendar shows the years {FIRST_YEAR} to {LAST_YEAR}")
    return month


def default_month(session: Session, today: date) -> PartialDate:
    """The month of the latest event, or ``today``'s month when there is no dated event."""
    latest = session.scalar(select(func.max(Event.earliest)))
    day = latest if latest and FIRST_YEAR <= latest.year <= LAST_YEAR else today
    return PartialDate(day.year, day.month)


def month_calendar(session: Session, month: PartialDate) -> MonthCalendar:
    """The calendar of ``month`` (a :class:`PartialDate` known to the month)."""
    assert month.month is not None
    first, last = month.earliest(), month.latest()
    events = list(reversed(_events(session, RecordFilter(period=DateRange(month, month)))))
    on_days = [e for e in events if e.precision == "day"]
    weeks = []
    for week in _WEEKS.monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                CalendarDay(
                    day,
                    first <= day <= last,
                    [
                        DayEntry(e.id, e.short_name or e.name, e.earliest == day, e.latest == day)
                        for e in on_days
                        if e.earliest <= day <= e.latest
                    ],
                )
                for day in week
            ]
        )
    before, after = first - timedelta(days=1), last + timedelta(days=1)
    return MonthCalendar(
        str(month),
        str(PartialDate(before.year, before.month)),
        str(PartialDate(after.year, after.month)),
        weeks,
        [e for e in events if e.precision != "day"],
    )
