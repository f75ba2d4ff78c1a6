"""Names over time: what an organization was called on a given day.

An organization keeps its current official name and acronym in ``name``/``acronym`` and the
names it bore over periods in ``organization_names``. On a day, its name is the official name in
use then (the one that started last, if periods overlap), else its current name. Brand names
("UN Environment") are kept for search and reading documents, not for naming the body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import Organization, OrganizationName


@dataclass(frozen=True)
class DatedName:
    name: str
    acronym: str | None
    kind: str
    earliest: date | None
    latest: date | None

    def in_use_on(self, day: date) -> bool:
        return (self.earliest is None or self.earliest <= day) and (
            self.latest is None or day <= self.latest
        )


def name_on(
    current: tuple[str, str | None], names: Iterable[DatedName], day: date
) -> tuple[str, str | None]:
    """The (name, acronym) in use on ``day``, given the current ones and the dated names."""
    in_use = [n for n in names if n.kind == "official" and n.in_use_on(day)]
    if not in_use:
        return current
    latest = max(in_use, key=lambda n: n.earliest or date.min)
    return latest.name, latest.acronym


def dated_names(session: Session) -> dict[str, list[DatedName]]:
    """Every organization's dated names, by organization id."""
    query = select(
        OrganizationName.organization_id,
        OrganizationName.name,
        OrganizationName.acronym,
        OrganizationName.kind,
        OrganizationName.earliest,
        OrganizationName.latest,
    ).order_by(OrganizationName.organization_id, OrganizationName.position)
    names: dict[str, list[DatedName]] = {}
    for row in session.execute(query):
        names.setdefault(row.organization_id, []).append(
            DatedName(row.name, row.acronym, row.kind, row.earliest, row.latest)
        )
    return names


def names_on(session: Session, day: date) -> dict[str, tuple[str, str | None]]:
    """The (name, acronym) of every organization on ``day``."""
    names = dated_names(session)
    return {
        row.id: name_on((row.name, row.acronym), names.get(row.id, ()), day)
        for row in session.execute(select(Organization.id, Organization.name, Organization.acronym))
    }
