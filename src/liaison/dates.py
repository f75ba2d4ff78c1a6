"""Partial dates that keep their precision: a year, a month or a day, and ranges of them.

``2017`` stays a year and ``2017-05`` stays a month: nothing is turned into a fake first-of-month.
Each value still knows the first and last day it can mean, which is what queries compare.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        value = cls(year, month, day)
        value.earliest()  # validates month and day
        return value

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        try:
            return date(self.year, self.month or 1, self.day or 1)
        except ValueError as exc:
            raise ValueError(f"'{self}' is not a real date: {exc}") from None

    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return self.earliest()

    def label(self) -> str:
        """How a report writes it: ``2017``, ``May 2017``, ``6 June 2017``."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month]} {self.year}"
        return f"{self.day} {_MONTHS[self.month]} {self.year}"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class DateRange:
    """A period or a date range; either side may be open. One date is a range of one."""

    start: PartialDate | None
    end: PartialDate | None

    @classmethod
    def parse(cls, text: str) -> DateRange:
        """Read ``2017-05``, ``2015/2017``, ``2017-06-06/2017-06-09`` or ``2016/``."""
        text = str(text).strip()
        if "/" not in text:
            single = PartialDate.parse(text)
            return cls(single, single)
        left, _, right = text.partition("/")
        start = PartialDate.parse(left) if left.strip() else None
        end = PartialDate.parse(right) if right.strip() else None
        if start is None and end is None:
            raise ValueError("a date range needs at least one side")
        if start and end and start.earliest() > end.latest():
            raise ValueError(f"'{text}' ends before it starts")
        return cls(start, end)

    @property
    def is_single(self) -> bool:
        return self.start is not None and self.start == self.end

    def earliest(self) -> date | None:
        return self.start.earliest() if self.start else None

    def latest(self) -> date | None:
        return self.end.latest() if self.end else None

    def overlaps(self, other: DateRange) -> bool:
        lo, hi = self.earliest() or date.min, self.latest() or date.max
        other_lo, other_hi = other.earliest() or date.min, other.latest() or date.max
        return lo <= other_hi and other_lo <= hi

    def previous(self) -> DateRange | None:
        """The period of the same length just before this one (that of the previous report):
        whole months before a period of months, whole years before years, days otherwise."""
        start, end = self.start, self.end
        if start is None or end is None:
            return None
        if start.precision == end.precision == "year":
            years = end.year - start.year + 1
            return DateRange(PartialDate(start.year - years), PartialDate(start.year - 1))
        if start.precision == end.precision == "month":
            first = start.year * 12 + (start.month or 1) - 1
            months = end.year * 12 + (end.month or 1) - 1 - first + 1
            before, earliest = first - 1, first - months
            return DateRange(
                PartialDate(earliest // 12, earliest % 12 + 1),
                PartialDate(before // 12, before % 12 + 1),
            )
        first_day, last_day = self.earliest(), self.latest()
        assert first_day is not None and last_day is not None
        length = (last_day - first_day).days
        day_before = date.fromordinal(first_day.toordinal() - 1)
        day_first = date.fromordinal(day_before.toordinal() - length)
        return DateRange.parse(f"{day_first.isoformat()}/{day_before.isoformat()}")

    def __str__(self) -> str:
        if self.is_single:
            return str(self.start)
        return f"{self.start or ''}/{self.end or ''}"


def range_of(starts: str | None, ends: str | None) -> DateRange | None:
    """The range two stored sides make (``"2017"``, ``None`` → from 2017), or None."""
    if starts is None and ends is None:
        return None
    return DateRange(
        PartialDate.parse(starts) if starts else None, PartialDate.parse(ends) if ends else None
    )


def columns_of(value: DateRange | None) -> tuple[str | None, str | None, date | None, date | None]:
    """What a range is stored as: its two sides as written, and its first and last days."""
    if value is None:
        return None, None, None, None
    return (
        str(value.start) if value.start else None,
        str(value.end) if value.end else None,
        value.earliest(),
        value.latest(),
    )
