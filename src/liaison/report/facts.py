"""Gathering, for one organization and one period, every fact the Council report states.

The result is plain data (no session): the composer and the template read it, the renderers
never see it. Which records belong to a period: those whose dates overlap it; a record dated on
one side only (``2016/``, ``/2018-09``) is current until or from that date, and roles,
initiatives and statements without dates count as current. Organizations are named as they
were named at the end of the period.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, or_, select, true
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange
from liaison.errors import NotFound
from liaison.model import (
    Activity,
    Document,
    Event,
    EventOrganizer,
    Initiative,
    InitiativePartner,
    Organization,
    Participation,
    Record,
    RecordRelation,
    Role,
    Tag,
    Taxon,
)
from liaison.reference.report_layout import report_layout
from liaison.registry.names import dated_names, name_on
from liaison.report.coverage_facts import coverage
from liaison.report.fact_types import (
    ActivityFact,
    DocumentFact,
    EventFact,
    InitiativeFact,
    Org,
    Participant,
    Partner,
    Placement,
    ReportFacts,
    RoleFact,
)
from liaison.report.jiu_facts import jiu_facts
from liaison.report.markup import inert, inert_facts
from liaison.report.placement import section_of
from liaison.report.series import series_reports
from liaison.services.organizations import units_under

CHUNK = 500


def _dated(model: Any) -> Any:
    return or_(model.earliest.is_not(None), model.latest.is_not(None))


def current(model: Any, period: DateRange) -> Any:
    """Rows current in the period: their dates (either side may be open) overlap it."""
    start, end = period.earliest(), period.latest()
    conditions = []
    if end is not None:
        conditions.append(or_(model.earliest.is_(None), model.earliest <= end))
    if start is not None:
        conditions.append(or_(model.latest.is_(None), model.latest >= start))
    return and_(true(), *conditions)


def overlaps(model: Any, period: DateRange) -> Any:
    """Dated rows whose dates overlap the period (undated rows never do)."""
    return and_(_dated(model), current(model, period))


def _placement(record: Record) -> Placement:
    return Placement(record.report_section, record.report_order)


class Gatherer:
    """Reads, for one organization and one period, what a report of it states."""

    def __init__(self, session: Session, organization: str, period: DateRange) -> None:
        self.session = session
        self.period = period
        self.layout = report_layout()
        found = session.get(Organization, organization)
        if found is None:
            raise NotFound(f"no organization has the id '{organization}'")
        self.organization = found
        day = period.latest() or date.today()
        names = dated_names(session)
        columns = select(
            Organization.id,
            Organization.name,
            Organization.acronym,
            Organization.kind,
            Organization.category,
            Organization.parent_id,
        )
        self.orgs: dict[str, Org] = {}
        children: dict[str, list[str]] = {}
        acronyms: dict[str, set[tuple[str, str]]] = {}
        for row in session.execute(columns):
            name, acronym = name_on((row.name, row.acronym), names.get(row.id, ()), day)
            name, acronym = inert(name), inert(acronym) if acronym else None
            self.orgs[row.id] = Org(row.id, name, acronym, row.kind, row.category)
            if row.parent_id:
                children.setdefault(row.parent_id, []).append(row.id)
            known = [(name, acronym), (row.name, row.acronym)]
            known += [(n.name, n.acronym) for n in names.get(row.id, ()) if n.kind == "official"]
            for long, short in known:
                if short and short != long:
                    acronyms.setdefault(inert(short), set()).add((row.id, inert(long)))
        # An acronym two bodies share says nothing on its own: it is never expanded.
        self.acronyms = {
            short: next(iter(owners))
            for short, owners in acronyms.items()
            if len({owner for owner, _ in owners}) == 1 and len(owners) == 1
        }
        self.units = units_under(organization, children)

    def ref(self, org_id: str | None) -> Org | None:
        return self.orgs.get(org_id) if org_id else None

    def _load(self, model: Any, ids: list[str], *relationships: Any) -> list[Any]:
        """Records of ``ids`` with only the child rows the report needs, in id order."""
        found: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            query = (
                select(model)
                .where(model.id.in_(ids[start : start + CHUNK]))
                .options(*(selectinload(r) for r in relationships))
            )
            found += self.session.scalars(query)
        return sorted(found, key=lambda obj: str(obj.id))

    def _rows(self, query: Any, ids: list[str], key: Any) -> list[Any]:
        """Rows of ``query`` for ``ids`` (matched on ``key``), 500 ids at a time."""
        rows: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            rows += self.session.execute(query.where(key.in_(ids[start : start + CHUNK]))).all()
        return rows

    def _relations(self, ids: list[str]) -> dict[str, list[str]]:
        related: dict[str, list[str]] = {}
        relations = select(RecordRelation.record_id, RecordRelation.related_id)
        for record_id, related_id in self._rows(relations, ids, RecordRelation.record_id):
            related.setdefault(record_id, []).append(related_id)
        return related

    # --- events ---------------------------------------------------------------------------
    def takes_part(self) -> Any:
        """Events the organization took part in or organized."""
        return or_(
            exists().where(
                Participation.event_id == Event.id, Participation.organization_id.in_(self.units)
            ),
            exists().where(
                EventOrganizer.event_id == Event.id,
                EventOrganizer.organization_id.in_(self.units),
            ),
        )

    def events(self) -> list[EventFact]:
        takes_part = self.takes_part()
        ids = list(
            self.session.scalars(select(Event.id).where(overlaps(Event, self.period), takes_part))
        )
        roles_of: dict[str, set[str]] = {}
        others: dict[str, list[Participant]] = {}
        taking_part = select(
            Participation.event_id,
            Participation.organization_id,
            Participation.role,
            Participation.contribution,
        )
        for event_id, org_id, role, contribution in self._rows(
            taking_part, ids, Participation.event_id
        ):
            if org_id in self.units:
                roles_of.setdefault(event_id, set()).add(role)
            elif (org := self.ref(org_id)) is not None:
                others.setdefault(event_id, []).append(Participant(org, role, contribution))
        organizing = select(EventOrganizer.event_id).where(
            EventOrganizer.organization_id.in_(self.units)
        )
        for (event_id,) in self._rows(organizing, ids, EventOrganizer.event_id):
            roles_of.setdefault(event_id, set()).add("organizer")
        related = self._relations(ids)
        facts = []
        for event in self._load(Event, ids):
            roles = roles_of.get(event.id)
            if not roles:
                continue
            facts.append(
                EventFact(
                    event.id,
                    event.name,
                    event.short_name,
                    event.dates,
                    event.place,
                    self.ref(event.session_of_id),
                    tuple(sorted(roles)),
                    tuple((r, "") for r in sorted(related.get(event.id, []))),
                    event.kind,
                    event.series_id,
                    tuple(sorted(others.get(event.id, []), key=lambda p: p.org.label.lower())),
                    _placement(event),
                )
            )
        return self._held_with(
            sorted(facts, key=lambda e: (e.dates.earliest() or date.min, e.label))
        )

    def _held_with(self, facts: list[EventFact]) -> list[EventFact]:
        """Keep, for each event, the related events the report does not list on their own."""
        listed = {f.id for f in facts}
        wanted = {i for f in facts for i, _ in f.held_with if i not in listed}
        labels = {
            e.id: e.short_name or e.name
            for e in self.session.scalars(select(Event).where(Event.id.in_(sorted(wanted))))
        }
        return [
            replace(f, held_with=tuple((i, labels[i]) for i, _ in f.held_with if i in labels))
            for f in facts
        ]

    # --- roles and initiatives ------------------------------------------------------------
    def roles(self) -> list[RoleFact]:
        query = select(Role).where(Role.holder_id.in_(self.units), current(Role, self.period))
        facts = [
            RoleFact(role.id, body, role.role, role.dates, role.note, _placement(role))
            for role in self.session.scalars(query)
            if (body := self.ref(role.body_id)) is not None
        ]
        return sorted(facts, key=lambda r: (r.body.name.lower(), r.role, r.id))

    def initiatives(self) -> list[InitiativeFact]:
        partner = exists().where(
            InitiativePartner.initiative_id == Initiative.id,
            InitiativePartner.organization_id.in_(self.units),
        )
        query = select(Initiative.id).where(current(Initiative, self.period), partner)
        ids = list(self.session.scalars(query))
        goals = self._goals(ids)
        facts = []
        for initiative in self._load(Initiative, ids, Initiative.partners):
            partners = tuple(
                Partner(org, p.role, p.note)
                for p in initiative.partners
                if (org := self.ref(p.organization_id)) is not None
            )
            facts.append(
                InitiativeFact(
                    initiative.id,
                    initiative.name,
                    initiative.short_name,
                    initiative.kind,
                    initiative.description,
                    partners,
                    tuple(goals.get(initiative.id, ())),
                    initiative.purpose,
                    tuple(initiative.key_figures or ()),
                    tuple(initiative.outputs or ()),
                    initiative.dates,
                    initiative.status,
                    _placement(initiative),
                )
            )
        return sorted(facts, key=lambda i: _sort_name(i.name))

    def _goals(self, ids: list[str]) -> dict[str, list[int]]:
        goals: dict[str, set[int]] = {}
        query = select(Tag.record_id, Tag.taxon_id).where(
            Tag.state == "accepted", Tag.taxon_id.like("sdg:%")
        )
        for record_id, taxon in self._rows(query, ids, Tag.record_id):
            goals.setdefault(record_id, set()).add(int(taxon.split(":")[1].split(".")[0]))
        return {k: sorted(v) for k, v in goals.items()}

    # --- documents ------------------------------------------------------------------------
    def _documents(self, ids: list[str]) -> list[DocumentFact]:
        themes: dict[str, list[str]] = {}
        query = (
            select(Tag.record_id, Taxon.label)
            .join(Taxon, Taxon.id == Tag.taxon_id)
            .where(Tag.state == "accepted", Taxon.scheme == "theme")
            .order_by(Taxon.position)
        )
        for record_id, label in self._rows(query, ids, Tag.record_id):
            themes.setdefault(record_id, []).append(label)
        return [
            DocumentFact(
                doc.id,
                doc.symbol,
                doc.title,
                doc.kind,
                doc.dates,
                tuple(r.record_id for r in doc.reflections),
                doc.short_title,
                tuple(themes.get(doc.id, ())),
                doc.quotation,
                doc.quotation_locator,
                doc.url,
            )
            for doc in self._load(Document, ids, Document.reflections)
        ]

    def documents(self, stated: set[str]) -> list[DocumentFact]:
        """Documents of the period that reflect the organization's work or name it."""
        kinds = self.layout.governance_documents
        query = select(Document.id, Document.issued_by_id).where(
            overlaps(Document, self.period), Document.kind.in_(kinds)
        )
        issuers: dict[str, str | None] = {
            row.id: row.issued_by_id for row in self.session.execute(query)
        }
        facts = [
            d
            for d in self._documents(list(issuers))
            if set(d.reflects) & (stated | self.units) or issuers[d.id] in self.units
        ]
        return sorted(facts, key=lambda d: (d.kind, d.symbol or d.title))

    # --- statements -----------------------------------------------------------------------
    def activities(self) -> list[ActivityFact]:
        mine = and_(Activity.organization_id.in_(self.units), Activity.kind == "activity")
        query = select(Activity.id).where(
            or_(mine, Activity.kind == "context"), current(Activity, self.period)
        )
        ids = list(self.session.scalars(query))
        accepted = select(Tag.record_id).where(Tag.state == "accepted")
        tagged_ids = {row.record_id for row in self._rows(accepted, ids, Tag.record_id)}
        loaded = self._load(Activity, ids, Record.relations, Activity.restatements)
        related_ids = sorted({r.related_id for a in loaded for r in a.relations})
        docs: dict[str, str] = {}
        follow_up: set[str] = set()
        quoted: set[str] = set()
        for start in range(0, len(related_ids), CHUNK):
            chunk = related_ids[start : start + CHUNK]
            documents = select(Document.id, Document.kind, Document.quotation).where(
                Document.id.in_(chunk)
            )
            for row in self.session.execute(documents):
                docs[row.id] = row.kind
                if row.quotation:
                    quoted.add(row.id)
            follow_up.update(
                self.session.scalars(
                    select(Event.id).where(
                        Event.id.in_(chunk), Event.session_of_id == self.layout.follow_up_body
                    )
                )
            )
        quotations = {d.id: d for d in self._documents(sorted(quoted))}
        facts = []
        for activity in loaded:
            related = [r.related_id for r in activity.relations]
            section = activity.report_section or section_of(
                related,
                activity.id in tagged_ids,
                self.orgs,
                docs,
                follow_up,
                context=activity.kind == "context",
            )
            orgs = [self.orgs[r] for r in related if r in self.orgs]
            facts.append(
                ActivityFact(
                    activity.id,
                    activity.text,
                    activity.dates,
                    section,
                    activity.kind,
                    activity.report_order,
                    tuple(r.record_id for r in activity.restatements),
                    tuple(sorted(orgs, key=lambda o: _sort_name(o.label))),
                    activity.lists_related,
                    next((quotations[r] for r in related if r in quotations), None),
                    activity.report_section is not None,
                )
            )
        return sorted(facts, key=lambda a: ((a.dates and a.dates.earliest()) or date.min, a.id))

    def attached(self, activities: list[ActivityFact], listed: set[str]) -> list[DocumentFact]:
        """Documents the statements restate, when not already among the listed documents."""
        ids = sorted({r for a in activities for r in a.restates} - listed)
        query = select(Document.id).where(Document.id.in_(ids))
        return self._documents(list(self.session.scalars(query)))


def _sort_name(name: str) -> str:
    """The key a list sorts a name by: case and a leading article ignored."""
    lowered = name.lower()
    return lowered[4:] if lowered.startswith("the ") else lowered


def gather(session: Session, organization: str, period: DateRange) -> ReportFacts:
    """Every fact the report for ``organization`` over ``period`` states."""
    g = Gatherer(session, organization, period)
    events, roles, initiatives = g.events(), g.roles(), g.initiatives()
    activities = g.activities()
    stated = {x.id for x in events} | {x.id for x in roles} | {x.id for x in initiatives}
    stated |= {x.id for x in activities}
    documents = g.documents(stated)
    series = series_reports(session, g.units)
    facts = ReportFacts(
        organization=g.orgs[g.organization.id],
        period=period,
        series=[s for s in series if s.covers != period and _before(s, period)],
        events=events,
        roles=roles,
        initiatives=initiatives,
        documents=documents,
        activities=activities,
        jiu=jiu_facts(session, g.organization.id, period),
        sdg_counts={},
        wsis_counts={},
        attached=g.attached(activities, {d.id for d in documents}),
        this_report=next((s for s in series if s.covers == period), None),
    )
    counted = {x.id for x in events} | {x.id for x in initiatives} | {x.id for x in activities}
    facts.sdg_counts, facts.wsis_counts = coverage(session, counted)
    # The names of organizations were made inert as they were read; the rest is made so here.
    facts = inert_facts(facts)
    facts.organizations, facts.acronyms = g.orgs, g.acronyms
    return facts


def _before(report: Any, period: DateRange) -> bool:
    """Whether a report of the series came out before the period ended."""
    end = period.latest()
    first = report.dates.earliest() if report.dates else None
    return end is None or (first is not None and first <= end)
