"""What a report states, as plain data: organizations (named as they were at the end of the
period), events, roles, initiatives, documents, statements and the JIU follow-up of one period,
and the whole of them (:class:`ReportFacts`).

Filled by :func:`liaison.report.facts.gather`; read by the composer and the template. Every text
here comes from records and is made inert (:func:`liaison.report.markup.inert`) before a
template sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from liaison.dates import DateRange
from liaison.jiu.rules import Rates


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    acronym: str | None
    kind: str
    category: str | None = None

    @property
    def label(self) -> str:
        return self.acronym or self.name


@dataclass(frozen=True)
class Placement:
    """Where a record asked to be stated: a report section and an order among its parts."""

    section: str | None = None
    order: int | None = None


@dataclass(frozen=True)
class Participant:
    org: Org
    role: str
    contribution: str | None


@dataclass(frozen=True)
class EventFact:
    id: str
    name: str
    short_name: str | None
    dates: DateRange
    place: str | None
    body: Org | None
    roles: tuple[str, ...]
    held_with: tuple[tuple[str, str], ...] = ()  # (id, label) of events held alongside
    kind: str = "meeting"
    series_id: str | None = None
    others: tuple[Participant, ...] = ()  # the other organizations taking part
    placement: Placement = Placement()

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def identity(self) -> tuple[str, str]:
        return event_identity(self.id, self.body.id if self.body else None, self.series_id)


def event_identity(event_id: str, body: str | None, series: str | None) -> tuple[str, str]:
    """What makes two events the same item of a report: sessions of one body or editions of
    one series are the same recurring item."""
    if body is not None:
        return ("recurring", body)
    if series is not None:
        return ("recurring", series)
    return ("event", event_id)


@dataclass(frozen=True)
class RoleFact:
    id: str
    body: Org
    role: str
    dates: DateRange | None
    note: str | None
    placement: Placement = Placement()

    @property
    def identity(self) -> tuple[str, str]:
        return ("role", f"{self.body.id} {self.role}")


@dataclass(frozen=True)
class Partner:
    org: Org
    role: str
    note: str | None


@dataclass(frozen=True)
class InitiativeFact:
    id: str
    name: str
    short_name: str | None
    kind: str
    description: str | None
    partners: tuple[Partner, ...]
    goals: tuple[int, ...]
    purpose: str | None = None
    key_figures: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    dates: DateRange | None = None
    status: str | None = None
    placement: Placement = Placement()

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def identity(self) -> tuple[str, str]:
        return ("initiative", self.id)


@dataclass(frozen=True)
class DocumentFact:
    id: str
    symbol: str | None
    title: str
    kind: str
    dates: DateRange | None
    reflects: tuple[str, ...]
    short_title: str | None = None
    themes: tuple[str, ...] = ()  # the labels of the themes it is tagged with
    quotation: str | None = None
    quotation_locator: str | None = None
    url: str | None = None

    @property
    def identity(self) -> tuple[str, str]:
        return ("document", self.id)


@dataclass(frozen=True)
class SeriesReport:
    """A report of the series (C17/INF/10): its symbol, date, the period it covers and the
    meeting it is for."""

    id: str
    symbol: str | None
    title: str
    dates: DateRange | None
    covers: DateRange | None
    session: str | None = None
    venue: str | None = None
    languages: str | None = None


@dataclass(frozen=True)
class ActivityFact:
    id: str
    text: str
    dates: DateRange | None
    section: str
    kind: str = "activity"
    order: int | None = None
    restates: tuple[str, ...] = ()
    related_orgs: tuple[Org, ...] = ()
    lists_related: bool = False
    quotes: DocumentFact | None = None  # a related document whose quotation opens the text
    placed: bool = False  # the section was chosen by a person, not guessed

    @property
    def identity(self) -> tuple[str, str]:
        return ("activity", self.id)


@dataclass(frozen=True)
class JiuReview:
    """A JIU report of the period addressed to the organization alone, with its figures."""

    report: DocumentFact
    figures: Rates


@dataclass(frozen=True)
class JiuFacts:
    """The JIU reports of the period and, as at its end, the organization's rates (computed by
    :mod:`liaison.jiu`; ``rates`` is None when no recommendation is addressed to it)."""

    reports: tuple[DocumentFact, ...]
    rates: Rates | None = None
    by_addressee: tuple[Rates, ...] = ()
    reviews: tuple[JiuReview, ...] = ()
    #: The rates at the end of each year up to the period's end (empty for a single year).
    trend: tuple[Rates, ...] = ()


@dataclass
class ReportFacts:
    organization: Org
    period: DateRange
    series: list[SeriesReport]
    events: list[EventFact]
    roles: list[RoleFact]
    initiatives: list[InitiativeFact]
    documents: list[DocumentFact]  # the governance documents that reflect the work
    activities: list[ActivityFact]
    jiu: JiuFacts
    sdg_counts: dict[int, int]
    wsis_counts: dict[str, int]
    attached: list[DocumentFact] = field(default_factory=list)  # restated or quoted documents
    this_report: SeriesReport | None = None  # the recorded report of this very period
    organizations: dict[str, Org] = field(default_factory=dict)
    acronyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # acronym → (id, name)

    def items(self) -> list[tuple[str, tuple[str, str]]]:
        """(id, identity) of everything the report states; the identity is what a later
        report compares to tell whether an item is new."""
        groups: tuple[Sequence[_Stated], ...] = (
            self.events,
            self.roles,
            self.initiatives,
            self.documents,
            self.attached,
            self.activities,
            self.jiu.reports,
        )
        return [(item.id, item.identity) for group in groups for item in group]


_Stated = EventFact | RoleFact | InitiativeFact | DocumentFact | ActivityFact
