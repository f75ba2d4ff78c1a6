"""JIU recommendations and the dated history of their status, organization by organization.

A status entry is one dated update (acceptance, implementation, a note) of a recommendation by
an organization; its history is its entries in date order, and its latest status for an
organization is the last of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from liaison.model import Document, JiuRecommendation, JiuStatus, Organization


@dataclass(frozen=True)
class StatusEntry:
    date: str | None
    acceptance: str | None
    implementation: str | None
    note: str | None


@dataclass(frozen=True)
class OrganizationHistory:
    organization: str
    organization_name: str
    #: In date order, oldest first (entries of one day in the order they were recorded).
    entries: list[StatusEntry]


@dataclass(frozen=True)
class LatestStatus:
    """Where a recommendation stands for an organization after its last dated update: the
    acceptance and the implementation last stated (an update may state only one of them)."""

    organization: str
    organization_name: str
    date: str | None
    acceptance: str | None
    implementation: str | None
    #: How many dated updates its history has.
    updates: int


def _latest(history: OrganizationHistory) -> LatestStatus:
    acceptance = next((e.acceptance for e in reversed(history.entries) if e.acceptance), None)
    implementation = next(
        (e.implementation for e in reversed(history.entries) if e.implementation), None
    )
    return LatestStatus(
        history.organization,
        history.organization_name,
        history.entries[-1].date,
        acceptance,
        implementation,
        len(history.entries),
    )


@dataclass(frozen=True)
class RecommendationStatus:
    """A recommendation and, for each organization, its latest status."""

    id: str
    report: str
    #: The JIU report's official symbol (JIU/REP/2016/1), when recorded.
    report_symbol: str | None
    number: int
    text: str | None
    latest: list[LatestStatus]


@dataclass(frozen=True)
class JiuOverview:
    organization: str | None
    report: str | None
    recommendations: list[RecommendationStatus]


def _histories(
    session: Session, ids: Any, organization: str | None
) -> dict[str, list[OrganizationHistory]]:
    """The status history of each recommendation of ``ids`` (a list or a query), per
    organization."""
    query = (
        select(JiuStatus, Organization.name)
        .join(Organization, Organization.id == JiuStatus.organization_id)
        .where(JiuStatus.recommendation_id.in_(ids))
        .order_by(
            JiuStatus.recommendation_id,
            Organization.name,
            JiuStatus.organization_id,
            JiuStatus.earliest,
            JiuStatus.position,
        )
    )
    if organization is not None:
        query = query.where(JiuStatus.organization_id == organization)
    found: dict[str, list[OrganizationHistory]] = {}
    for status, name in session.execute(query):
        histories = found.setdefault(status.recommendation_id, [])
        if not histories or histories[-1].organization != status.organization_id:
            histories.append(OrganizationHistory(status.organization_id, name, []))
        histories[-1].entries.append(
            StatusEntry(status.starts, status.acceptance, status.implementation, status.note)
        )
    return found


def status_history(session: Session, recommendation: str) -> list[OrganizationHistory]:
    """The dated status history of a recommendation, per organization (by name)."""
    return _histories(session, [recommendation], None).get(recommendation, [])


def jiu_overview(
    session: Session, *, organization: str | None = None, report: str | None = None
) -> JiuOverview:
    """The recommendations (of ``report``, or addressed to ``organization`` by a status) with
    the latest status of each organization, by report and number."""
    report_document = aliased(Document, flat=True)  # both share the records table
    query = select(
        JiuRecommendation.id,
        JiuRecommendation.report_id,
        report_document.symbol,
        JiuRecommendation.number,
        JiuRecommendation.text,
    ).join(report_document, report_document.id == JiuRecommendation.report_id, isouter=True)
    if report is not None:
        query = query.where(JiuRecommendation.report_id == report)
    if organization is not None:
        query = query.where(
            JiuRecommendation.id.in_(
                select(JiuStatus.recommendation_id).where(JiuStatus.organization_id == organization)
            )
        )
    rows = session.execute(
        query.order_by(JiuRecommendation.report_id, JiuRecommendation.number)
    ).all()
    histories = _histories(session, query.with_only_columns(JiuRecommendation.id), organization)
    return JiuOverview(
        organization,
        report,
        [
            RecommendationStatus(
                r.id,
                r.report_id,
                r.symbol,
                r.number,
                r.text,
                [_latest(h) for h in histories.get(r.id, [])],
            )
            for r in rows
        ],
    )
