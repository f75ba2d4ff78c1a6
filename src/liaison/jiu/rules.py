"""The JIU's rules, as pure functions over plain data: where a recommendation stands for an
organization on a date, and the acceptance and implementation rates that follow.

* An update counts as at a date when it is dated on or before it: its last possible day is on or
  before the date's last day (an update known only to 2018 does not count as at April 2018; one of
  March 2018 does). Updates are taken in date order; of two with the same date, the one recorded
  later wins.
* A recommendation stands, for an organization, at the acceptance and the implementation last
  stated by the updates that count (an update may state only one of them).
* It is *addressed* to the organization when at least one update counts, less those that stand
  at ``not-relevant``. Acceptance rate = accepted ÷ addressed (under consideration, not accepted
  and no acceptance yet stay in the denominator); implementation rate = implemented ÷ accepted.
  An accepted recommendation with no implementation stated counts as not started.
* *Pending* = accepted and not implemented; *long-outstanding* = pending, from a report issued
  ``long_outstanding`` (default 5) or more calendar years before the date's year.
* A *window* of N years keeps the reports issued in the N calendar years ending with the date's
  year; a recommendation whose report has no known year is then left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from liaison.reference.vocabulary import vocabulary

LONG_OUTSTANDING_YEARS = 5
#: The group of recommendations whose addressee is not recorded.
UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Update:
    """One dated update of a recommendation's status by an organization."""

    organization: str
    on: str  # the date as written: 2018, 2018-03 or 2018-03-08
    earliest: date
    latest: date
    acceptance: str | None = None
    implementation: str | None = None
    note: str | None = None
    #: Its place among the recommendation's updates as recorded (ties of date keep this order).
    position: int = 0


@dataclass(frozen=True)
class Recommendation:
    id: str
    report: str
    number: int
    report_symbol: str | None = None
    report_title: str | None = None
    #: The year its report was issued, when known.
    issued: int | None = None
    addressee: str | None = None
    scope: str | None = None
    text: str | None = None
    #: Every organization's updates.
    updates: tuple[Update, ...] = ()

    @property
    def report_label(self) -> str:
        return self.report_symbol or self.report


@dataclass(frozen=True)
class Standing:
    """Where a recommendation stands for one organization as at a date."""

    organization: str
    acceptance: str | None
    implementation: str | None
    #: The date of the last update that counts.
    last_update: str
    updates: int

    @property
    def accepted(self) -> bool:
        return self.acceptance == "accepted"

    @property
    def implemented(self) -> bool:
        return self.accepted and self.implementation == "implemented"

    @property
    def pending(self) -> bool:
        return self.accepted and not self.implemented


def in_date_order(updates: Iterable[Update]) -> list[Update]:
    return sorted(updates, key=lambda u: (u.earliest, u.latest, u.position))


def standing(
    recommendation: Recommendation, organization: str, as_at: date | None = None
) -> Standing | None:
    """The status of ``recommendation`` for ``organization`` as at the last day ``as_at`` (all
    updates when None), or None when no update counts."""
    counted = [
        u
        for u in in_date_order(recommendation.updates)
        if u.organization == organization and (as_at is None or u.latest <= as_at)
    ]
    if not counted:
        return None
    acceptance = next((u.acceptance for u in reversed(counted) if u.acceptance), None)
    implementation = next((u.implementation for u in reversed(counted) if u.implementation), None)
    return Standing(organization, acceptance, implementation, counted[-1].on, len(counted))


def is_long_outstanding(
    recommendation: Recommendation,
    state: Standing,
    as_at: date | None,
    years: int = LONG_OUTSTANDING_YEARS,
) -> bool:
    if not state.pending or recommendation.issued is None:
        return False
    year = (as_at or date.today()).year
    return year - recommendation.issued >= years


def in_window(recommendation: Recommendation, as_at: date | None, window: int | None) -> bool:
    """Whether the recommendation's report was issued in the ``window`` calendar years ending
    with the year of ``as_at`` (always, without a window)."""
    if window is None:
        return True
    if recommendation.issued is None:
        return False
    last = (as_at or date.today()).year
    return last - window < recommendation.issued <= last


@dataclass
class Rates:
    """The JIU's figures for one group of recommendations; the keys of ``liaison jiu rates``."""

    group: str
    addressed: int = 0
    accepted: int = 0
    not_accepted: int = 0
    under_consideration: int = 0
    not_relevant: int = 0
    implemented: int = 0
    in_progress: int = 0
    not_started: int = 0
    pending: int = 0
    long_outstanding: int = 0
    acceptance_rate: float | None = field(default=None)
    implementation_rate: float | None = field(default=None)

    def count(self, state: Standing, long_outstanding: bool) -> None:
        if state.acceptance == "not-relevant":
            self.not_relevant += 1
            return
        self.addressed += 1
        if state.acceptance == "not-accepted":
            self.not_accepted += 1
        elif state.acceptance == "under-consideration":
            self.under_consideration += 1
        elif state.accepted:
            self.accepted += 1
            if state.implementation == "implemented":
                self.implemented += 1
            elif state.implementation == "in-progress":
                self.in_progress += 1
            else:
                self.not_started += 1
            self.pending += not state.implemented
            self.long_outstanding += long_outstanding
        self.acceptance_rate = self.accepted / self.addressed if self.addressed else None
        self.implementation_rate = self.implemented / self.accepted if self.accepted else None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


GROUPINGS = ("addressee", "report", "year")


def _group_key(grouping: str | None) -> Callable[[Recommendation], tuple[object, str]]:
    """For a grouping, the sort key and the label of a recommendation's group."""
    if grouping is None:
        return lambda r: (0, "all")
    if grouping == "addressee":
        addressees = list(vocabulary("jiu_addressee"))  # in the vocabulary's order

        def addressee(r: Recommendation) -> tuple[object, str]:
            if r.addressee in addressees:
                return addressees.index(r.addressee), r.addressee
            return len(addressees), UNSPECIFIED

        return addressee
    if grouping == "report":
        return lambda r: ((r.issued or 0, r.report_label), r.report_label)
    if grouping == "year":
        return lambda r: (r.issued or 0, str(r.issued) if r.issued else "unknown")
    raise ValueError(f"unknown grouping '{grouping}': use one of {', '.join(GROUPINGS)}")


def rates(
    recommendations: Sequence[Recommendation],
    organization: str,
    as_at: date | None = None,
    *,
    window: int | None = None,
    by: str | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> list[Rates]:
    """The rates for ``organization`` as at ``as_at``, one per group (one ``all`` group without
    ``by``; no group is empty). Without ``by`` there is always one group, even with nothing."""
    key = _group_key(by)
    groups: dict[str, tuple[object, Rates]] = {}
    if by is None:
        groups["all"] = (0, Rates("all"))
    for recommendation in recommendations:
        if not in_window(recommendation, as_at, window):
            continue
        state = standing(recommendation, organization, as_at)
        if state is None:
            continue
        order, label = key(recommendation)
        entry = groups.setdefault(label, (order, Rates(label)))
        outstanding = is_long_outstanding(recommendation, state, as_at, long_outstanding)
        entry[1].count(state, outstanding)
    return [rates for _, rates in sorted(groups.values(), key=lambda e: e[0])]  # type: ignore[arg-type,return-value]


def first_year(
    recommendations: Sequence[Recommendation], organization: str, as_at: date
) -> int | None:
    """The first year with an update of ``organization`` that counts as at ``as_at``."""
    years = [
        u.earliest.year
        for r in recommendations
        for u in r.updates
        if u.organization == organization and u.latest <= as_at
    ]
    return min(years, default=None)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def trend(
    recommendations: Sequence[Recommendation],
    organization: str,
    first: int,
    last: int,
    *,
    window: int | None = None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
    until: date | None = None,
) -> list[Rates]:
    """The rates as at the end of each year from ``first`` to ``last``, one group per year; the
    year of ``until`` (default: today) is taken as at ``until``."""
    until = until or date.today()
    out = []
    for year in range(first, last + 1):
        as_at = until if year == until.year else year_end(year)
        (figures,) = rates(
            recommendations, organization, as_at, window=window, long_outstanding=long_outstanding
        )
        figures.group = str(year)
        out.append(figures)
    return out


#: What ``liaison jiu list --status`` can ask for.
STATUS_FILTERS = (
    "pending",
    "long-outstanding",
    "awaiting",
    "accepted",
    "not-accepted",
    "under-consideration",
    "not-relevant",
    "implemented",
    "in-progress",
    "not-started",
)


def matches(
    recommendation: Recommendation,
    state: Standing,
    status: str,
    as_at: date | None,
    long_outstanding: int = LONG_OUTSTANDING_YEARS,
) -> bool:
    """Whether a recommendation standing at ``state`` is in the list ``status`` asks for."""
    if status == "pending":
        return state.pending
    if status == "long-outstanding":
        return is_long_outstanding(recommendation, state, as_at, long_outstanding)
    if status == "awaiting":
        return state.acceptance is None
    if status in ("implemented", "in-progress", "not-started"):
        implementation = state.implementation or "not-started"
        return state.accepted and implementation == status
    if status in ("accepted", "not-accepted", "under-consideration", "not-relevant"):
        return state.acceptance == status
    raise ValueError(f"unknown status '{status}': use one of {', '.join(STATUS_FILTERS)}")
