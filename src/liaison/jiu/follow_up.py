"""What a JIU focal point asks of the registry: the rates as at a date, their trend by year, and
the lists of recommendations to work from (by status, or the pending ones oldest first).

Every function takes plain values and returns plain data; the rules are in
:mod:`liaison.jiu.rules`, applied to the recommendations :func:`liaison.jiu.store.load` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from liaison.dates import PartialDate
from liaison.errors import InvalidRequest, NotFound
from liaison.jiu import rules
from liaison.jiu.rules import LONG_OUTSTANDING_YEARS, Rates, Recommendation, Standing
from liaison.jiu.store import load
from liaison.model import Document, Organization


def as_at_day(text: str | None) -> date:
    """The last day of a date written YYYY, YYYY-MM or YYYY-MM-DD (today without one): what
    "as at 2018-04" means."""
    if text is None or not text.strip():
        return date.today()
    try:
        return PartialDate.parse(text).latest()
    except ValueError as exc:
        raise InvalidRequest(f"as at: {exc}") from None


def _organization(session: Session, organization: str) -> None:
    if session.get(Organization, organization) is None:
        raise NotFound(f"no organization '{organization}'")


def _check_years(window: int | None, long_outstanding: int) -> None:
    if window is not None and window < 1:
        raise InvalidRequest(f"the window must be at least one year, not {window}")
    if long_outstanding < 1:
        raise InvalidRequest(f"long-outstanding must be at least one year, not {long_outstanding}")


def rates(
    session: Session,
    organization: str,
    as_at: date | None = None,
    *,
    window: int | None = None,
    by: str | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> list[Rates]:
    """The organization's rates as at the last day ``as_at`` (all updates when None)."""
    _organization(session, organization)
    _check_years(window, long_outstanding)
    if by is not None and by not in rules.GROUPINGS:
        raise InvalidRequest(f"cannot group by '{by}': use one of {', '.join(rules.GROUPINGS)}")
    recommendations = load(session, organization=organization)
    return rules.rates(
        recommendations,
        organization,
        as_at,
        window=window,
        by=by,
        long_outstanding=long_outstanding,
    )


def trend(
    session: Session,
    organization: str,
    first: int,
    last: int,
    *,
    window: int | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
    until: date | None = None,
) -> list[Rates]:
    """The organization's rates at the end of each year from ``first`` to ``last``."""
    _organization(session, organization)
    _check_years(window, long_outstanding)
    if first > last:
        raise InvalidRequest(f"the trend runs from a year to a later one, not {first} to {last}")
    if last - first > 100:
        raise InvalidRequest("the trend spans at most a hundred years")
    return rules.trend(
        load(session, organization=organization),
        organization,
        first,
        last,
        window=window,
        long_outstanding=long_outstanding,
        until=until,
    )


@dataclass(frozen=True)
class Item:
    """A recommendation as it stands for one organization: a row of the focal point's lists."""

    recommendation: str
    report: str
    report_symbol: str | None
    report_title: str | None
    issued: int | None
    number: int
    addressee: str | None
    scope: str | None
    text: str | None
    organization: str
    acceptance: str | None
    implementation: str | None
    last_update: str
    updates: int
    pending: bool
    long_outstanding: bool


def _item(rec: Recommendation, state: Standing, long_outstanding: bool) -> Item:
    return Item(
        rec.id,
        rec.report,
        rec.report_symbol,
        rec.report_title,
        rec.issued,
        rec.number,
        rec.addressee,
        rec.scope,
        rec.text,
        state.organization,
        state.acceptance,
        state.implementation,
        state.last_update,
        state.updates,
        state.pending,
        long_outstanding,
    )


def items(
    session: Session,
    *,
    organization: str | None = None,
    report: str | None = None,
    status: str | None = None,
    as_at: date | None = None,
    window: int | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> list[Item]:
    """Each recommendation with an update on or before ``as_at``, as it stands for each
    organization (or ``organization``), by report and number; only those in ``status`` when
    given (a value of :data:`rules.STATUS_FILTERS`), and of the reports in ``window``."""
    if organization is not None:
        _organization(session, organization)
    if report is not None and session.get(Document, report) is None:
        raise NotFound(f"no JIU report '{report}'")
    if status is not None and status not in rules.STATUS_FILTERS:
        raise InvalidRequest(
            f"unknown status '{status}': use one of {', '.join(rules.STATUS_FILTERS)}"
        )
    _check_years(window, long_outstanding)
    return select_items(
        load(session, organization=organization, report=report),
        status=status,
        as_at=as_at,
        window=window,
        long_outstanding=long_outstanding,
        organization=organization,
    )


def select_items(
    recommendations: Sequence[Recommendation],
    *,
    organization: str | None = None,
    report: str | None = None,
    status: str | None = None,
    as_at: date | None = None,
    window: int | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> list[Item]:
    """:func:`items` over recommendations already read (checked options)."""
    found = []
    for rec in recommendations:
        if (report is not None and rec.report != report) or not rules.in_window(rec, as_at, window):
            continue
        organizations = sorted({u.organization for u in rec.updates})
        for org in organizations if organization is None else [organization]:
            state = rules.standing(rec, org, as_at)
            if state is None:
                continue
            if status is not None and not rules.matches(
                rec, state, status, as_at, long_outstanding
            ):
                continue
            outstanding = rules.is_long_outstanding(rec, state, as_at, long_outstanding)
            found.append(_item(rec, state, outstanding))
    return found


def oldest_first(pending: list[Item]) -> list[Item]:
    """Items by their report's year and symbol, then number: the order of ``jiu due``."""
    return sorted(
        pending,
        key=lambda i: (i.issued or 0, i.report_symbol or i.report, i.number, i.organization),
    )


def due(
    session: Session,
    *,
    organization: str | None = None,
    as_at: date | None = None,
    window: int | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> list[Item]:
    """The pending recommendations (accepted, not implemented), oldest report first."""
    pending = items(
        session,
        organization=organization,
        status="pending",
        as_at=as_at,
        window=window,
        long_outstanding=long_outstanding,
    )
    return oldest_first(pending)
