"""A JIU recommendation's dated status history, organization by organization, for its page.

A status entry is one dated update (acceptance, implementation, a note) of a recommendation by an
organization. The entries are read through :func:`liaison.jiu.store.load` and put in the order
the rules take them (:func:`liaison.jiu.rules.in_date_order`), so the last entry shown is the one
that decides where the recommendation stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.jiu.rules import in_date_order
from liaison.jiu.store import load
from liaison.model import Organization


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
    #: In date order, oldest first (entries of one date in the order they were recorded).
    entries: list[StatusEntry]


def status_history(session: Session, recommendation: str) -> list[OrganizationHistory]:
    """The dated status history of a recommendation, per organization (by name); empty when
    the recommendation is unknown or has no update."""
    found = load(session, ids=[recommendation])
    if not found:
        return []
    updates = in_date_order(found[0].updates)
    ids = sorted({u.organization for u in updates})
    query = select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    names = {org: name for org, name in session.execute(query)}
    histories = [
        OrganizationHistory(
            org,
            names.get(org, org),
            [
                StatusEntry(u.on or None, u.acceptance, u.implementation, u.note)
                for u in updates
                if u.organization == org
            ],
        )
        for org in ids
    ]
    return sorted(histories, key=lambda h: (h.organization_name, h.organization))
