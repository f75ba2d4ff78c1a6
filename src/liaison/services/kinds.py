"""How each kind of record is listed and filtered: its table, title, columns and links.

The names and list columns of each kind are declared once, as plain data, in
:mod:`liaison.services.kind_columns`; here they become the model's columns, with the filters and
the links to organizations that only the model knows. Read by the listing, the search facets
and the web pages alike.
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
from liaison.services.kind_columns import KIND_COLUMNS, kind_key

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


def _model_of_table(table: str) -> type[Any]:
    for mapper in Record.registry.mappers:
        if mapper.local_table.name == table:  # type: ignore[attr-defined]
            return mapper.class_
    raise LookupError(f"no model has the table {table}")


def _view(model: type[Record], **model_only: Any) -> KindView:
    """A kind's view: its names and list columns from :data:`KIND_COLUMNS`, as ``model``'s
    columns, with what only the model knows (filters, links to organizations)."""
    declared = KIND_COLUMNS[str(model.__tablename__)]
    partners = None
    if declared.partners is not None:
        link = _model_of_table(declared.partners.table)
        partners = OrgLink(
            getattr(link, declared.partners.owner), getattr(link, declared.partners.organization)
        )
    return KindView(
        declared.table,
        declared.singular,
        model,
        getattr(model, declared.title),
        {name: getattr(model, column) for name, column in declared.columns.items()},
        partners=partners,
        date_field=declared.date_field,
        **model_only,
    )


VIEWS: dict[str, KindView] = {
    view.kind: view
    for view in (
        _view(Organization, body=Organization.parent_id, state=Organization.kind),
        _view(
            Role,
            body=Role.body_id,
            state=Role.role,
            org_columns=(Role.holder_id, Role.body_id),
        ),
        _view(
            Event,
            body=Event.session_of_id,
            state=Event.kind,
            org_links=(
                OrgLink(Participation.event_id, Participation.organization_id),
                OrgLink(EventOrganizer.event_id, EventOrganizer.organization_id),
            ),
        ),
        _view(
            Initiative,
            state=Initiative.status,
            org_links=(
                OrgLink(InitiativePartner.initiative_id, InitiativePartner.organization_id),
            ),
        ),
        _view(
            Document,
            body=Document.issued_by_id,
            state=Document.kind,
            org_columns=(Document.issued_by_id,),
        ),
        _view(
            Activity,
            body=Activity.organization_id,
            state=Activity.kind,
            org_columns=(Activity.organization_id,),
        ),
        _view(
            JiuRecommendation,
            state=JiuRecommendation.scope,
            org_links=(OrgLink(JiuStatus.recommendation_id, JiuStatus.organization_id),),
        ),
    )
}
assert tuple(VIEWS) == KINDS == tuple(KIND_COLUMNS), "every kind of the import format has a view"
BY_RECORD_TYPE = {view.record_type: view for view in VIEWS.values()}


def kind_named(name: str) -> str:
    """The record kind a user means (``event``, ``events``, ``jiu-recommendations``…)."""
    key = kind_key(name)
    if key is None:
        raise InvalidRequest(f"unknown kind '{name}': use one of {', '.join(VIEWS)}")
    return key


def view_of(kind: str) -> KindView:
    return VIEWS[kind_named(kind)]
