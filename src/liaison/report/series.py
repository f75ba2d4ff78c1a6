"""The report's series: the organization's reports to its governing body (earlier ones, and the
one recorded for a period)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.model import Document
from liaison.report.fact_types import SeriesReport

SERIES_KIND = "council-report"


def series_reports(session: Session, units: set[str]) -> list[SeriesReport]:
    """The organization's reports of the series that carry a symbol, oldest first."""
    query = select(Document).where(
        Document.kind == SERIES_KIND,
        Document.issued_by_id.in_(units),
        Document.symbol.is_not(None),
    )
    reports = [
        SeriesReport(d.id, d.symbol, d.title, d.dates, d.covers, d.session, d.venue, d.languages)
        for d in session.scalars(query)
    ]
    return sorted(reports, key=lambda r: (_first_day(r.dates), r.symbol or ""))


def _first_day(dates: DateRange | None) -> date:
    return (dates.earliest() if dates else None) or date.min


def previous_report(reports: list[SeriesReport], period: DateRange) -> SeriesReport | None:
    """The latest recorded report that covers a period ending before ``period`` starts."""
    start = period.earliest()
    earlier = [
        r
        for r in reports
        if r.covers is not None
        and (last := r.covers.latest()) is not None
        and (start is None or last < start)
    ]
    return max(earlier, key=lambda r: r.covers.latest() or date.min) if earlier else None  # type: ignore[union-attr]
