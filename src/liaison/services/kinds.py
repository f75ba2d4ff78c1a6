"""How each kind of record is listed and filtered: its table, title, columns and links.

One declaration per kind, read by the listing, the search facets and the web pages alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import InstrumentedAttribute

from liaison.errors import InvalidRequest
from liaison.model import (
    Activity,
    Document,
    Event,
    EventOrganizer,
    Initiative,
    InitiativePartner,
    JiuRecommendation,
    JiuStatus,
    Organization,
    Participation,
    Record,
    Role,
)
from liaison.registry.schema import KINDS

Column = InstrumentedAttribute[Any]


@dataclass(frozen=True)
class OrgLink:
    """A child table that links a record to an organization (partners, participants…)."""

    owner: Column
    organization: Column


@dataclass(frozen=True)
class KindView:
    kind: str
    singular: str
    model: type[Record]
    title: Column
    #: The columns a list shows, by the import format's field name.
    columns: dict[str, Column]
    #: The column the ``body`` filter compares (the body a role is in, the body a session is of).
    body: Column | None = None
    #: The column the ``state`` filter compares.
    state: Column | None = None
    #: Columns and child tables that tie the record to an organization.
    org_columns: tuple[Column, ...] = ()
    org_links: tuple[OrgLink, ...] = ()
    #: List-valued columns, read for the records of a page only.
    partners: OrgLink | None = None
    #: The field its dates are in (``date`` or ``period``); None for kinds without dates.
    date_field: str | None = None

    @property
    def record_type(self) -> str:
        return str(self.model.__mapper__.polymorphic_identity)


VIEWS: dict[str, KindView] = {
    view.kind: view
    for view in (
        KindView(
            "organizations",
            "organization",
            Organization,
            Organization.name,
            {
                "acronym": Organization.acronym,
                "name": Organization.name,
                "kind": Organization.kind,
                "category": Organization.category,
                "parent": Organization.parent_id,
            },
            body=Organization.parent_id,
            state=Organization.kind,
        ),
        KindView(
            "roles",
            "role",
            Role,
            Role.role,
            {"holder": Role.holder_id, "role": Role.role, "body": Role.body_id},
            body=Role.body_id,
            state=Role.role,
            org_columns=(Role.holder_id, Role.body_id),
            date_field="period",
        ),
        KindView(
            "events",
            "event",
            Event,
            Event.name,
            {
                "short_name": Event.short_name,
                "name": Event.name,
                "kind": Event.kind,
                "place": Event.place,
                "session_of": Event.session_of_id,
            },
            body=Event.session_of_id,
            state=Event.kind,
            org_links=(
                OrgLink(Participation.event_id, Participation.organization_id),
                OrgLink(EventOrganizer.event_id, EventOrganizer.organization_id),
            ),
            date_field="date",
        ),
        KindView(
            "initiatives",
            "initiative",
            Initiative,
            Initiative.name,
            {
                "short_name": Initiative.short_name,
                "name": Initiative.name,
                "kind": Initiative.kind,
                "status": Initiative.status,
            },
            state=Initiative.status,
            org_links=(
                OrgLink(InitiativePartner.initiative_id, InitiativePartner.organization_id),
            ),
            partners=OrgLink(InitiativePartner.initiative_id, InitiativePartner.organization_id),
            date_field="period",
        ),
        KindView(
            "documents",
            "document",
            Document,
            Document.title,
            {
                "symbol": Document.symbol,
                "title": Document.title,
                "kind": Document.kind,
                "issued_by": Document.issued_by_id,
            },
            body=Document.issued_by_id,
            state=Document.kind,
            org_columns=(Document.issued_by_id,),
            date_field="date",
        ),
        KindView(
            "activities",
            "activity",
            Activity,
            Activity.text,
            {"org": Activity.organization_id, "kind": Activity.kind, "text": Activity.text},
            body=Activity.organization_id,
            state=Activity.kind,
            org_columns=(Activity.organization_id,),
            date_field="date",
        ),
        KindView(
            "jiu_recommendations",
            "JIU recommendation",
            JiuRecommendation,
            JiuRecommendation.text,
            {
                "report": JiuRecommendation.report_id,
                "number": JiuRecommendation.number,
                "addressed_to": JiuRecommendation.addressed_to,
                "scope": JiuRecommendation.scope,
            },
            state=JiuRecommendation.scope,
            org_links=(OrgLink(JiuStatus.recommendation_id, JiuStatus.organization_id),),
        ),
    )
}
assert tuple(VIEWS) == KINDS, "every kind of the import format has a view"
BY_RECORD_TYPE = {view.record_type: view for view in VIEWS.values()}

_SINGULAR = {view.singular.replace(" ", "_").lower(): view.kind for view in VIEWS.values()} | {
    "jiu": "jiu_recommendations",
    "jiu_recommendation": "jiu_recommendations",
}


def kind_named(name: str) -> str:
    """The record kind a user means (``event``, ``events``, ``jiu-recommendations``…)."""
    key = name.strip().lower().replace("-", "_")
    key = _SINGULAR.get(key, key)
    if key not in VIEWS:
        raise InvalidRequest(f"unknown kind '{name}': use one of {', '.join(VIEWS)}")
    return key


def view_of(kind: str) -> KindView:
    return VIEWS[kind_named(kind)]
