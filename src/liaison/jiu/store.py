"""JIU recommendations in the registry: read into plain data, and their dated status updates
added, replaced, removed or merged, each change audited with the session's actor.

A recommendation's history holds one update per organization and date (as written, so
``2018-03`` and ``2018-03-08`` are two updates); an update given again for the same organization
and date replaces the one stored. Nothing else is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from liaison.dates import DateRange, PartialDate
from liaison.errors import InvalidRequest, NotFound
from liaison.jiu.rules import Recommendation, Update
from liaison.model import Document, JiuRecommendation, JiuStatus, Organization
from liaison.reference.vocabulary import vocabulary

_SYMBOL_YEAR = re.compile(r"^JIU/(?:REP|NOTE|ML)/(\d{4})/")


def issue_year(dates: DateRange | None, symbol: str | None) -> int | None:
    """The year a JIU report was issued: from its date, else from its symbol (JIU/REP/2016/1)."""
    first = dates.earliest() if dates else None
    if first is not None:
        return first.year
    match = _SYMBOL_YEAR.match(symbol or "")
    return int(match.group(1)) if match else None


def _update(status: JiuStatus) -> Update:
    return Update(
        status.organization_id,
        status.starts or "",
        status.earliest or date.min,
        status.latest or date.max,
        status.acceptance,
        status.implementation,
        status.note,
        status.position,
    )


def load(
    session: Session,
    *,
    organization: str | None = None,
    report: str | None = None,
    ids: Iterable[str] | None = None,
) -> list[Recommendation]:
    """The recommendations with their updates (only ``organization``'s when given, and then only
    those it has an update for), of ``report`` or of ``ids`` when given; by report and number."""
    report_document = aliased(Document, flat=True)  # both share the records table
    query = (
        select(JiuRecommendation, report_document)
        .join(report_document, report_document.id == JiuRecommendation.report_id)
        .options(selectinload(JiuRecommendation.statuses))
    )
    if report is not None:
        query = query.where(JiuRecommendation.report_id == report)
    if ids is not None:
        query = query.where(JiuRecommendation.id.in_(list(ids)))
    if organization is not None:
        query = query.where(
            JiuRecommendation.id.in_(
                select(JiuStatus.recommendation_id).where(JiuStatus.organization_id == organization)
            )
        )
    found = []
    for rec, doc in session.execute(query):
        updates = tuple(
            _update(s)
            for s in rec.statuses
            if organization is None or s.organization_id == organization
        )
        found.append(
            Recommendation(
                rec.id,
                rec.report_id,
                rec.number,
                doc.symbol,
                doc.title,
                issue_year(doc.dates, doc.symbol),
                rec.addressed_to,
                rec.scope,
                rec.text,
                updates,
            )
        )
    return sorted(found, key=lambda r: (r.issued or 0, r.report_label, r.number))


@dataclass(frozen=True)
class UpdateRequest:
    """A dated update to record: what a person states about a recommendation on a date."""

    organization: str
    date: str
    acceptance: str | None = None
    implementation: str | None = None
    note: str | None = None

    def checked(self) -> UpdateRequest:
        """The same request, or InvalidRequest naming what is wrong with it."""
        try:
            PartialDate.parse(self.date)
        except ValueError as exc:
            raise InvalidRequest(f"date: {exc}") from None
        for name, scheme in (
            ("acceptance", "jiu_acceptance"),
            ("implementation", "jiu_implementation"),
        ):
            value = getattr(self, name)
            allowed = vocabulary(scheme)
            if value is not None and value not in allowed:
                raise InvalidRequest(f"{name}: '{value}' is not one of {', '.join(allowed)}")
        if not (self.acceptance or self.implementation or self.note):
            raise InvalidRequest("an update states an acceptance, an implementation or a note")
        return self


@dataclass(frozen=True)
class UpdateOutcome:
    recommendation: str
    organization: str
    date: str
    #: ``added``, ``replaced`` (an update of that organization and date was there), ``removed``
    #: or ``unchanged``.
    action: str


def _recommendation(session: Session, recommendation: str) -> JiuRecommendation:
    query = (
        select(JiuRecommendation)
        .where(JiuRecommendation.id == recommendation)
        .options(selectinload(JiuRecommendation.statuses))
    )
    found = session.scalars(query).one_or_none()
    if found is None:
        raise NotFound(f"no JIU recommendation '{recommendation}'")
    return found


def _check_organization(session: Session, organization: str) -> None:
    if session.get(Organization, organization) is None:
        raise NotFound(f"no organization '{organization}'")


def record_update(session: Session, recommendation: str, request: UpdateRequest) -> UpdateOutcome:
    """Add a dated update to a recommendation's history (replacing the one of the same
    organization and date, if any)."""
    request.checked()
    rec = _recommendation(session, recommendation)
    _check_organization(session, request.organization)
    action = merge(session, rec, [request])
    return UpdateOutcome(rec.id, request.organization, request.date, action)


def remove_update(
    session: Session, recommendation: str, organization: str, on: str
) -> UpdateOutcome:
    """Take out the update of ``organization`` dated ``on`` (as written)."""
    rec = _recommendation(session, recommendation)
    kept = [s for s in rec.statuses if not (s.organization_id == organization and s.starts == on)]
    if len(kept) == len(rec.statuses):
        raise NotFound(f"{recommendation} has no update of '{organization}' dated {on}")
    rec.statuses = kept
    rec.version = (rec.version or 1) + 1
    return UpdateOutcome(rec.id, organization, on, "removed")


def merge(session: Session, rec: JiuRecommendation, requests: Iterable[UpdateRequest]) -> str:
    """Merge dated updates into a recommendation's history (see :func:`merge_statuses`), and
    count the change in the record's version."""
    actions = merge_statuses(rec, requests)
    if actions - {"unchanged"}:
        rec.version = (rec.version or 1) + 1
    return next((a for a in ("added", "replaced") if a in actions), "unchanged")


def merge_statuses(rec: JiuRecommendation, requests: Iterable[UpdateRequest]) -> set[str]:
    """Merge dated updates into a recommendation's history by (organization, date as written):
    a new key is added, a known one replaced when it differs; none other is touched. Returns
    what was done: ``added``, ``replaced``, ``unchanged``."""
    stored = {(s.organization_id, s.starts): s for s in rec.statuses}
    position = max((s.position for s in rec.statuses), default=-1) + 1
    actions: set[str] = set()
    for request in requests:
        values = (request.acceptance, request.implementation, request.note)
        old = stored.get((request.organization, request.date))
        if old is not None:
            if (old.acceptance, old.implementation, old.note) == values:
                actions.add("unchanged")
            else:
                old.acceptance, old.implementation, old.note = values
                actions.add("replaced")
            continue
        status = JiuStatus(
            position=position,
            organization_id=request.organization,
            acceptance=request.acceptance,
            implementation=request.implementation,
            note=request.note,
        )
        status.dates = DateRange.parse(request.date)
        position += 1
        rec.statuses.append(status)
        stored[(request.organization, request.date)] = status
        actions.add("added")
    return actions
