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


class FirstMention:
    """Spells out a name with its acronym the first time, the acronym alone afterwards."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, key: str, name: str, acronym: str | None) -> str:
        if not acronym or acronym == name:
            return name
        if key in self.seen:
            return acronym
        self.seen.add(key)
        return f"{name} ({acronym})"
