"""The facts of the report's JIU section: the JIU reports of the period, and the organization's
acceptance and implementation rates as at the period's end, computed by :mod:`liaison.jiu`."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.dates import DateRange, PartialDate
from liaison.jiu import rules
from liaison.jiu.store import load
from liaison.model import Document
from liaison.report.fact_types import DocumentFact, JiuFacts, JiuReview

#: How many years the trend of the rates goes back at most, ending with the period's year.
TREND_YEARS = 8


def jiu_reports(session: Session, period: DateRange) -> tuple[DocumentFact, ...]:
    """The JIU reports issued in the period or the two years before it (those a focal point
    reviews in the period), by symbol."""
    start = period.start
    window = DateRange(PartialDate(start.year - 2) if start else None, period.end)
    reports = [
        DocumentFact(d.id, d.symbol, d.title, d.kind, d.dates, ())
        for d in session.scalars(select(Document).where(Document.kind == "jiu-report"))
        if d.dates is not None and d.dates.overlaps(window)
    ]
    return tuple(sorted(reports, key=_natural))


def _natural(document: DocumentFact) -> tuple[tuple[int, str], ...]:
    """JIU/REP/2016/4 before JIU/REP/2016/10: numbers compared as numbers."""
    parts = re.split(r"(\d+)", document.symbol or document.title)
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in parts)


def jiu_facts(session: Session, organization: str, period: DateRange) -> JiuFacts:
    """The JIU reports of the period, and the rates of ``organization`` as at the period's end:
    overall, by addressee, for each report of the period addressed to it alone, and by year."""
    reports = jiu_reports(session, period)
    end = period.latest()
    recommendations = load(session, organization=organization)
    (overall,) = rules.rates(recommendations, organization, end)
    if not overall.addressed and not overall.not_relevant:
        return JiuFacts(reports)
    by_addressee = rules.rates(recommendations, organization, end, by="addressee")
    reviews = []
    for report in reports:
        own = [r for r in recommendations if r.report == report.id]
        if own and all(r.scope == "single-organization" for r in own):
            (figures,) = rules.rates(own, organization, end)
            if figures.addressed:
                reviews.append(JiuReview(report, figures))
    trend: list[rules.Rates] = []
    if end is not None:
        first = max(
            rules.first_year(recommendations, organization, end) or end.year,
            end.year - TREND_YEARS + 1,
        )
        if first < end.year:
            trend = rules.trend(recommendations, organization, first, end.year, until=end)
    return JiuFacts(reports, overall, tuple(by_addressee), tuple(reviews), tuple(trend))
