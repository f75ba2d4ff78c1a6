"""Small rules of English the report's template uses: lists, dates and first mentions."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence

from liaison.dates import DateRange, PartialDate


def join_and(items: Iterable[str], conjunction: str = "and") -> str:
    """``["FAO", "ILO", "WHO"]`` → ``FAO, ILO and WHO``."""
    words = [w for w in items if w]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def date_label(value: DateRange | PartialDate | None) -> str:
    """``May 2017``; a range within one month ``6–9 June 2017``; a period ``2015–2017``."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.label()
    start, end = value.start, value.end
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return f"since {start.label()}" if start else f"until {end.label()}"  # type: ignore[union-attr]
    if start == end:
        return start.label()
    if start.precision == "year" and end.precision == "year":
        return f"{start.year}\u2013{end.year}"
    if start.year == end.year and start.month == end.month and start.day and end.day:
        return f"{start.day}\u2013{end.day} {calendar.month_name[start.month or 1]} {start.year}"
    return f"{start.label()} \u2013 {end.label()}"


def months_label(dates: Sequence[DateRange]) -> str:
    """The months of several sessions: ``January, March and June 2017``."""
    by_year: dict[int, list[int]] = {}
    for value in dates:
        start = value.start
        if start is None:
            continue
        months = by_year.setdefault(start.year, [])
        if start.month and start.month not in months:
            months.append(start.month)
    parts = []
    for year, months in sorted(by_year.items()):
        names = [calendar.month_name[m] for m in sorted(months)]
        parts.append(f"{join_and(names)} {year}" if names else str(year))
    return join_and(parts)


def period_label(period: DateRange) -> str:
    """``January 2017 to April 2018``; a period of one date as that date."""
    start, end = period.start, period.end
    if start and end and start != end:
        return f"{start.label()} to {end.label()}"
    return date_label(period)


def lower_first(label: str) -> str:
    """A label as it reads inside a sentence: "Digital skills" → "digital skills", but
    "Internet of Things" and "ICT financing" stay."""
    first = label.split(" ", 1)[0]
    if first in _KEEP_CAPITAL or (len(first) > 1 and first[1:2].isupper()):
        return label
    return label[:1].lower() + label[1:]


_KEEP_CAPITAL = frozenset({"Internet", "United", "UN"})


def plural(phrase: str, count: int) -> str:
    """``chairmanship`` → ``chairmanships``, ``lead role`` → ``lead roles`` when there are
    several (a word like "status" stays)."""
    if count == 1:
        return phrase
    head, _, last = phrase.rpartition(" ")
    if last.endswith(("ship", "role", "secretariat")):
        last += "s"
    return f"{head} {last}".strip()
