"""What a report states, as plain data: organizations, events, roles, initiatives, documents,
activities and the JIU follow-up of one period, and the whole of them (:class:`ReportFacts`).

Filled by :func:`liaison.report.facts.gather`; read by the composer and the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from liaison.dates import DateRange


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

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class RoleFact:
    id: str
    body: Org
    role: str
    dates: DateRange | None
    note: str | None


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

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class DocumentFact:
    id: str
    symbol: str | None
    title: str
    kind: str
    dates: DateRange | None
    reflects: tuple[str, ...]


@dataclass(frozen=True)
class ActivityFact:
    id: str
    text: str
    dates: DateRange | None
    section: str


@dataclass(frozen=True)
class JiuFacts:
    reports: tuple[DocumentFact, ...]
    recommendations: int
    accepted: int
    not_relevant: int
    implemented: int

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted over recommendations that are relevant, as the JIU computes it."""
        relevant = self.recommendations - self.not_relevant
        return self.accepted / relevant if relevant else None

    @property
    def implementation_rate(self) -> float | None:
        """Implemented over accepted, as the JIU computes it."""
        return self.implemented / self.accepted if self.accepted else None


@dataclass
class ReportFacts:
    organization: Org
    period: DateRange
    series: list[DocumentFact]
    events: list[EventFact]
    roles: list[RoleFact]
    initiatives: list[InitiativeFact]
    documents: list[DocumentFact]
    activities: list[ActivityFact]
    jiu: JiuFacts
    sdg_counts: dict[int, int]
    wsis_counts: dict[str, int]
    sdg_records: int = 0
    organizations: dict[str, Org] = field(default_factory=dict)

    def record_ids(self) -> set[str]:
        """Every record the report can state (to tell what is new since another period)."""
        groups: list[Sequence[Any]] = [
            self.events,
            self.roles,
            self.initiatives,
            self.documents,
            self.activities,
            self.jiu.reports,
        ]
        return {item.id for group in groups for item in group}
