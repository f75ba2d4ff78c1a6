"""The report's series and the JIU follow-up: the organization's reports to its governing body
(earlier ones, and the one recorded for a period), and the JIU reports and rates of a period."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange, PartialDate
from liaison.model import Document, JiuRecommendation, JiuStatus
from liaison.report.fact_types import DocumentFact, JiuFacts, SeriesReport

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


def _document(doc: Document) -> DocumentFact:
    return DocumentFact(doc.id, doc.symbol, doc.title, doc.kind, doc.dates, ())


def jiu_facts(session: Session, units: set[str], period: DateRange) -> JiuFacts:
    """JIU reports of the period and the two years before it, and the rates as at its end."""
    end = period.latest()
    start = period.start
    window = DateRange(PartialDate(start.year - 2) if start else None, period.end)
    reports = [
        _document(d)
        for d in session.scalars(select(Document).where(Document.kind == "jiu-report"))
        if d.dates is not None and d.dates.overlaps(window)
    ]
    counts: Counter[str] = Counter()
    total = 0
    addressed = exists().where(
        JiuStatus.recommendation_id == JiuRecommendation.id,
        JiuStatus.organization_id.in_(units),
    )
    query = (
        select(JiuRecommendation).where(addressed).options(selectinload(JiuRecommendation.statuses))
    )
    for rec in session.scalars(query):
        history = [
            s
            for s in rec.statuses
            if s.organization_id in units and (end is None or (s.earliest and s.earliest <= end))
        ]
        if not history:
            continue
        total += 1
        latest = max(history, key=lambda s: s.earliest or date.min)
        counts[latest.acceptance or "none"] += 1
        if latest.acceptance == "accepted" and latest.implementation == "implemented":
            counts["implemented"] += 1
    return JiuFacts(
        tuple(sorted(reports, key=lambda d: d.symbol or d.title)),
        total,
        counts["accepted"],
        counts["not-relevant"],
        counts["implemented"],
    )
