"""The registry's organizations, roles and events as Popolo JSON (docs/formats/popolo.md).

Popolo (https://www.popoloproject.com/specs/) describes organizations, the memberships that
tie a member to an organization over a period, the posts held through them, and events. The
document has four lists, each sorted by id:

- ``organizations``: every organization, with its acronym, aliases and dated names as
  ``other_names`` (a rename keeps one id), its kind as ``classification``, its ISO 3166 codes as
  ``identifiers`` and its other classifications (CEB, UN System Chart, JIU, network category) in
  the extension ``liaison_classifications``, since those are classes, not issued identifiers;
- ``memberships``: one per role — the body is the ``organization_id``, the holder is the
  ``member`` (an organization, which Popolo allows through ``member``), the role and its period;
- ``posts``: one per body and positional role (chair, vice-chair, co-chair, secretariat) that
  some role fills, referred to by the memberships' ``post_id``;
- ``events``: every event, with the body it is a session of (else its only organizer) as
  ``organization_id``.

Dates are written as stored: Popolo's reduced ISO 8601 dates (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``) are exactly Liaison's partial dates, so no precision is gained or lost. Each
table is read with one query.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import (
    Classification,
    Document,
    Event,
    EventOrganizer,
    Organization,
    OrganizationAlias,
    OrganizationName,
    Record,
    RecordSource,
    Role,
)
from liaison.reference.vocabulary import vocabulary

#: Classification schemes whose values are codes issued by an authority: Popolo ``identifiers``.
IDENTIFIER_SCHEMES = frozenset({"iso3166-alpha2", "iso3166-alpha3", "iso3166-numeric"})
#: Roles that fill a position existing apart from its holder: a Popolo ``Post``.
POST_ROLES = ("chair", "vice-chair", "co-chair", "secretariat")
#: The extension property for the classifications that are not issued identifiers.
CLASSIFICATIONS = "liaison_classifications"

_Sources = dict[str, list[dict[str, str]]]


def popolo(session: Session) -> dict[str, Any]:
    """The registry as one Popolo JSON document: organizations, memberships, posts, events."""
    organizations = sorted(session.scalars(select(Organization)), key=lambda o: o.id)
    roles = sorted(session.scalars(select(Role)), key=lambda r: r.id)
    events = sorted(session.scalars(select(Event)), key=lambda e: e.id)
    sources = _sources(session)
    names = {org.id: org.name for org in organizations}
    posts = _posts(roles, names)
    return {
        "organizations": _organizations(session, organizations, sources),
        "memberships": [_membership(role, sources) for role in roles],
        "posts": posts,
        "events": _events(session, events, sources),
    }


def post_id(body_id: str, role: str) -> str:
    """The id of the post ``role`` in ``body_id``. A slash never occurs in a Liaison id, so a
    post id never names a record."""
    return f"{body_id}/{role}"


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """The object without its unknown (None) and empty values."""
    return {key: value for key, value in values.items() if value not in (None, [], {}, "")}


def _text(value: str | None) -> str | None:
    """Free text on one line (folded YAML keeps line breaks in some notes)."""
    return " ".join(value.split()) if value else None


def _sources(session: Session) -> _Sources:
    """The web addresses each organization, role and event is sourced from, as Popolo links:
    the source's own URL, else the URL of the document it cites, with the document's symbol
    and the locator as note. A source with no address at all cannot be a Popolo link."""
    kinds = [str(model.__mapper__.polymorphic_identity) for model in (Organization, Role, Event)]
    rows = session.execute(
        select(
            RecordSource.record_id,
            RecordSource.position,
            RecordSource.url,
            RecordSource.locator,
            Document.url,
            Document.symbol,
        )
        .outerjoin(Document, Document.id == RecordSource.document_id)
        .where(RecordSource.record_id.in_(select(Record.id).where(Record.record_type.in_(kinds))))
    )
    found: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for record_id, position, url, locator, document_url, symbol in rows:
        address = url or document_url
        if not address:
            continue
        cited = symbol if not url and symbol else None
        note = ", ".join(part for part in (cited, locator) if part)
        found[record_id].append((position, _compact({"url": address, "note": note})))
    return {key: [link for _, link in sorted(links)] for key, links in found.items()}


def _organizations(
    session: Session, organizations: list[Organization], sources: _Sources
) -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in session.scalars(select(OrganizationAlias)):
        aliases[alias.organization_id].append(alias.alias)
    classes: dict[str, list[Classification]] = defaultdict(list)
    for classification in session.scalars(select(Classification)):
        classes[classification.organization_id].append(classification)
    dated: dict[str, list[OrganizationName]] = defaultdict(list)
    for name in session.scalars(select(OrganizationName)):
        dated[name.organization_id].append(name)
    name_kinds = vocabulary("name_kind")

    documents = []
    for org in organizations:
        other_names: list[dict[str, Any]] = []
        if org.acronym and org.acronym != org.name:
            other_names.append({"name": org.acronym, "note": "acronym"})
        other_names += [{"name": alias, "note": "alias"} for alias in sorted(aliases[org.id])]
        for name in sorted(dated[org.id], key=lambda n: n.position):
            other_names += _dated_names(name, name_kinds.get(name.kind, f"{name.kind} name"))
        schemes = sorted(classes[org.id], key=lambda c: c.scheme)
        identifiers = [
            {"scheme": c.scheme, "identifier": c.value}
            for c in schemes
            if c.scheme in IDENTIFIER_SCHEMES
        ]
        others = [
            {"scheme": c.scheme, "classification": c.value}
            for c in schemes
            if c.scheme not in IDENTIFIER_SCHEMES
        ]
        if org.category:
            others.append({"scheme": "category", "classification": org.category})
        documents.append(
            _compact(
                {
                    "id": org.id,
                    "name": org.name,
                    "other_names": other_names,
                    "identifiers": identifiers,
                    "classification": org.kind,
                    CLASSIFICATIONS: others,
                    "parent_id": org.parent_id,
                    "dissolution_date": org.retired,
                    "links": [{"url": org.url, "note": "home page"}] if org.url else [],
                    "sources": sources.get(org.id, []),
                }
            )
        )
    return documents


def _dated_names(name: OrganizationName, kind: str) -> list[dict[str, Any]]:
    """A name the organization bore over a period, and its acronym over the same period."""
    dates = {"start_date": name.starts, "end_date": name.ends}
    note = _text(name.note)
    entries = [_compact({"name": name.name, **dates, "note": f"{kind}; {note}" if note else kind})]
    if name.acronym and name.acronym != name.name:
        entries.append(_compact({"name": name.acronym, **dates, "note": f"acronym of the {kind}"}))
    return entries


def _posts(roles: list[Role], names: dict[str, str]) -> list[dict[str, Any]]:
    pairs = sorted({(role.body_id, role.role) for role in roles if role.role in POST_ROLES})
    return [
        {
            "id": post_id(body_id, role),
            "label": f"{role.capitalize()}, {names.get(body_id, body_id)}",
            "role": role,
            "organization_id": body_id,
        }
        for body_id, role in pairs
    ]


def _membership(role: Role, sources: _Sources) -> dict[str, Any]:
    return _compact(
        {
            "id": role.id,
            "role": role.role,
            "member": {"@type": "Organization", "id": role.holder_id},
            "organization_id": role.body_id,
            "post_id": post_id(role.body_id, role.role) if role.role in POST_ROLES else None,
            "start_date": role.starts,
            "end_date": role.ends,
            "sources": sources.get(role.id, []),
        }
    )


def _events(session: Session, events: list[Event], sources: _Sources) -> list[dict[str, Any]]:
    organizers: dict[str, list[str]] = defaultdict(list)
    for organizer in session.scalars(select(EventOrganizer)):
        organizers[organizer.event_id].append(organizer.organization_id)
    documents = []
    for event in events:
        only = organizers[event.id][0] if len(organizers[event.id]) == 1 else None
        documents.append(
            _compact(
                {
                    "id": event.id,
                    "name": event.name,
                    "description": _text(event.description),
                    "classification": event.kind,
                    "start_date": event.starts,
                    "end_date": event.ends,
                    "location": event.place,
                    "organization_id": event.session_of_id or only,
                    "sources": sources.get(event.id, []),
                }
            )
        )
    return documents
