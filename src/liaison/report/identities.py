"""What a report of a period states, as the identities a later report compares with.

Light queries of ids and dates only (no text, no coverage): ``--mark-new`` reads the
comparison period this way rather than gathering its whole report.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.model import (
    Activity,
    Document,
    Event,
    Initiative,
    InitiativePartner,
    Reflection,
    Restatement,
    Role,
)
from liaison.report.fact_types import event_identity
from liaison.report.facts import Gatherer, current, overlaps
from liaison.report.jiu_facts import jiu_reports


def identities(
    session: Session, organization: str, period: DateRange
) -> tuple[set[tuple[str, str]], bool]:
    """The identities of what a report of the period states (see the fact types), and
    whether the period was recorded itself: an event or document of it, or a statement,
    role or initiative dated within it (undated or multi-year records run through every
    period, so they are no sign of it). Light queries: no text, no coverage."""
    g = Gatherer(session, organization, period)
    first, last = period.earliest(), period.latest()
    found: set[tuple[str, str]] = set()
    own = False

    def within(earliest: date | None, latest: date | None) -> bool:
        return (
            earliest is not None
            and latest is not None
            and (first is None or earliest >= first)
            and (last is None or latest <= last)
        )

    takes_part = g.takes_part()
    events = select(Event.id, Event.session_of_id, Event.series_id).where(
        overlaps(Event, period), takes_part
    )
    for event, body, series in session.execute(events):
        found.add(event_identity(event, body, series))
        own = True
    roles = select(Role.body_id, Role.role, Role.earliest, Role.latest).where(
        Role.holder_id.in_(g.units), current(Role, period)
    )
    for body, role, earliest, latest in session.execute(roles):
        found.add(("role", f"{body} {role}"))
        own |= within(earliest, latest)
    partner = exists().where(
        InitiativePartner.initiative_id == Initiative.id,
        InitiativePartner.organization_id.in_(g.units),
    )
    initiatives = select(Initiative.id, Initiative.earliest, Initiative.latest).where(
        current(Initiative, period), partner
    )
    for initiative, earliest, latest in session.execute(initiatives):
        found.add(("initiative", initiative))
        own |= within(earliest, latest)
    mine = and_(Activity.organization_id.in_(g.units), Activity.kind == "activity")
    activities = select(Activity.id, Activity.earliest, Activity.latest).where(
        or_(mine, Activity.kind == "context"), current(Activity, period)
    )
    restating = []
    for activity, earliest, latest in session.execute(activities):
        found.add(("activity", activity))
        own |= within(earliest, latest)
        restating.append(activity)
    restated = (
        select(Restatement.record_id)
        .join(Document, Document.id == Restatement.record_id)
        .where(Restatement.activity_id.in_(restating))
    )
    # The governance documents a report would name: those that reflect something, or
    # that the organization issued.
    reflecting = exists().where(Reflection.document_id == Document.id)
    documents = select(Document.id).where(
        overlaps(Document, period),
        Document.kind.in_(g.layout.governance_documents),
        or_(reflecting, Document.issued_by_id.in_(g.units)),
    )
    governance = set(session.scalars(documents))
    own |= bool(governance)
    found |= {("document", d) for d in governance}
    found |= {("document", d) for d in session.scalars(restated)}
    found |= {d.identity for d in jiu_reports(session, period)}
    return found, own
