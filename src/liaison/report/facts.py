"""Gathering, for one organization and one period, every fact the Council report states.

The result is plain data (no session): the composer and the template read it, the renderers
never see it. Which records belong to a period: those whose dates overlap it; roles and
initiatives without dates count as current.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, or_, select, true
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange, PartialDate
from liaison.errors import NotFound
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
    RecordRelation,
    Role,
    Tag,
)
from liaison.report.fact_types import (
    ActivityFact,
    DocumentFact,
    EventFact,
    InitiativeFact,
    JiuFacts,
    Org,
    Partner,
    ReportFacts,
    RoleFact,
)
from liaison.report.placement import (
    FOLLOW_UP_BODY,
    GOVERNANCE_DOCUMENTS,
    section_of,
)


def _overlaps(model: Any, period: DateRange) -> Any:
    """Rows whose dates overlap the period (rows without dates never do)."""
    start, end = period.earliest(), period.latest()
    conditions = []
    if end is not None:
        conditions.append(model.earliest <= end)
    if start is not None:
        conditions.append(or_(model.latest.is_(None), model.latest >= start))
    return conditions


def _current(model: Any, period: DateRange) -> Any:
    """Rows current in the period: overlapping it, or undated."""
    return or_(model.earliest.is_(None), and_(true(), *_overlaps(model, period)))


def _org(obj: Organization) -> Org:
    return Org(obj.id, obj.name, obj.acronym, obj.kind, obj.category)


class _Gatherer:
    def __init__(self, session: Session, organization: str, period: DateRange) -> None:
        self.session = session
        self.period = period
        found = session.get(Organization, organization)
        if found is None:
            raise NotFound(f"no organization has the id '{organization}'")
        self.organization = found
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
        for row in session.execute(columns):
            self.orgs[row.id] = Org(row.id, row.name, row.acronym, row.kind, row.category)
            if row.parent_id:
                children.setdefault(row.parent_id, []).append(row.id)
        self.units = self._units(organization, children)

    @staticmethod
    def _units(root: str, children: dict[str, list[str]]) -> set[str]:
        """The organization and every body under it (its council, secretariat, offices)."""
        units, stack = {root}, [root]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in units:
                    units.add(child)
                    stack.append(child)
        return units

    def ref(self, org_id: str | None) -> Org | None:
        return self.orgs.get(org_id) if org_id else None

    def _load(self, model: Any, ids: list[str], *relationships: Any) -> list[Any]:
        """Records of ``ids`` with only the child rows the report needs, in id order."""
        found: list[Any] = []
        for start in range(0, len(ids), 500):
            query = (
                select(model)
                .where(model.id.in_(ids[start : start + 500]))
                .options(*(selectinload(r) for r in relationships))
            )
            found += self.session.scalars(query)
        return sorted(found, key=lambda obj: str(obj.id))

    # --- which records: the ids, also all that --mark-new needs of the previous period ----
    def event_ids(self) -> list[str]:
        takes_part = or_(
            exists().where(
                Participation.event_id == Event.id, Participation.organization_id.in_(self.units)
            ),
            exists().where(
                EventOrganizer.event_id == Event.id,
                EventOrganizer.organization_id.in_(self.units),
            ),
        )
        query = select(Event.id).where(*_overlaps(Event, self.period), takes_part)
        return list(self.session.scalars(query))

    def initiative_ids(self) -> list[str]:
        partner = exists().where(
            InitiativePartner.initiative_id == Initiative.id,
            InitiativePartner.organization_id.in_(self.units),
        )
        query = select(Initiative.id).where(_current(Initiative, self.period), partner)
        return list(self.session.scalars(query))

    def role_ids(self) -> list[str]:
        query = select(Role.id).where(Role.holder_id.in_(self.units), _current(Role, self.period))
        return list(self.session.scalars(query))

    def activity_ids(self) -> list[str]:
        query = select(Activity.id).where(
            Activity.organization_id.in_(self.units), _current(Activity, self.period)
        )
        return list(self.session.scalars(query))

    def stated_ids(self) -> set[str]:
        """The ids of the records a report of this period states (less its documents)."""
        return {
            *self.event_ids(),
            *self.initiative_ids(),
            *self.role_ids(),
            *self.activity_ids(),
        }

    def _rows(self, query: Any, ids: list[str], key: Any) -> list[Any]:
        """Rows of ``query`` for ``ids`` (matched on ``key``), 500 ids at a time."""
        rows: list[Any] = []
        for start in range(0, len(ids), 500):
            rows += self.session.execute(query.where(key.in_(ids[start : start + 500]))).all()
        return rows

    def events(self) -> list[EventFact]:
        ids = self.event_ids()
        roles_of: dict[str, set[str]] = {}
        mine = Participation.organization_id.in_(self.units)
        taking_part = select(Participation.event_id, Participation.role).where(mine)
        for event_id, role in self._rows(taking_part, ids, Participation.event_id):
            roles_of.setdefault(event_id, set()).add(role)
        organizing = select(EventOrganizer.event_id).where(
            EventOrganizer.organization_id.in_(self.units)
        )
        for (event_id,) in self._rows(organizing, ids, EventOrganizer.event_id):
            roles_of.setdefault(event_id, set()).add("organizer")
        related: dict[str, list[str]] = {}
        relations = select(RecordRelation.record_id, RecordRelation.related_id)
        for record_id, related_id in self._rows(relations, ids, RecordRelation.record_id):
            related.setdefault(record_id, []).append(related_id)
        facts = []
        for event in self._load(Event, ids):
            roles = roles_of.get(event.id)
            if roles:
                body = self.ref(event.session_of_id)
                facts.append(
                    EventFact(
                        event.id,
                        event.name,
                        event.short_name,
                        event.dates,
                        event.place,
                        body,
                        tuple(sorted(roles)),
                        tuple((r, "") for r in sorted(related.get(event.id, []))),
                        event.kind,
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

    def roles(self) -> list[RoleFact]:
        facts = []
        for role in self._load(Role, self.role_ids()):
            body = self.ref(role.body_id)
            if body is not None:
                facts.append(RoleFact(role.id, body, role.role, role.dates, role.note))
        return sorted(facts, key=lambda r: (r.body.label.lower(), r.role, r.id))

    def initiatives(self) -> list[InitiativeFact]:
        ids = self.initiative_ids()
        goals = self._goals(ids)
        facts = []
        for initiative in self._load(Initiative, ids, Initiative.partners):
            partners = tuple(
                Partner(org, p.role, p.note)
                for p in initiative.partners
                if (org := self.ref(p.organization_id)) is not None
            )
            if any(p.org.id in self.units for p in partners):
                facts.append(
                    InitiativeFact(
                        initiative.id,
                        initiative.name,
                        initiative.short_name,
                        initiative.kind,
                        initiative.description,
                        partners,
                        tuple(goals.get(initiative.id, ())),
                    )
                )
        return facts

    def _goals(self, ids: list[str]) -> dict[str, list[int]]:
        goals: dict[str, list[int]] = {}
        query = select(Tag.record_id, Tag.taxon_id).where(
            Tag.record_id.in_(ids), Tag.state == "accepted", Tag.taxon_id.like("sdg:%")
        )
        for record_id, taxon in self.session.execute(query):
            goal = int(taxon.split(":")[1].split(".")[0])
            if goal not in goals.setdefault(record_id, []):
                goals[record_id].append(goal)
        return {k: sorted(v) for k, v in goals.items()}

    def documents(self, stated: set[str]) -> list[DocumentFact]:
        """Documents of the period that reflect the organization's work or name it."""
        query = select(Document.id).where(
            *_overlaps(Document, self.period), Document.kind.in_(GOVERNANCE_DOCUMENTS)
        )
        ids = list(self.session.scalars(query))
        facts = []
        for doc in self._load(Document, ids, Document.reflections):
            reflects = tuple(r.record_id for r in doc.reflections)
            if doc.kind in GOVERNANCE_DOCUMENTS and (
                set(reflects) & (stated | self.units) or doc.issued_by_id in self.units
            ):
                facts.append(_document(doc, reflects))
        return sorted(facts, key=lambda d: (d.kind, d.symbol or d.title))

    def series(self) -> list[DocumentFact]:
        """The organization's earlier reports of the series, dated before the period ends."""
        end = self.period.latest()
        query = select(Document).where(
            Document.kind == "council-report",
            Document.issued_by_id.in_(self.units),
            Document.symbol.is_not(None),
        )
        docs = [
            _document(d, ())
            for d in self.session.scalars(query)
            if end is None or (d.earliest is not None and d.earliest <= end)
        ]
        return sorted(docs, key=lambda d: (d.dates.earliest() if d.dates else date.min) or date.min)

    def activities(self) -> list[ActivityFact]:
        ids = self.activity_ids()
        tagged = set(
            self.session.scalars(
                select(Tag.record_id).where(Tag.record_id.in_(ids), Tag.state == "accepted")
            )
        )
        loaded = self._load(Activity, ids, Record.relations)
        related_ids = sorted({r.related_id for a in loaded for r in a.relations})
        docs: dict[str, str] = {}
        follow_up: set[str] = set()
        for start in range(0, len(related_ids), 500):
            chunk = related_ids[start : start + 500]
            query = select(Document.id, Document.kind).where(Document.id.in_(chunk))
            docs.update({row.id: row.kind for row in self.session.execute(query)})
            follow_up.update(
                self.session.scalars(
                    select(Event.id).where(
                        Event.id.in_(chunk), Event.session_of_id == FOLLOW_UP_BODY
                    )
                )
            )
        facts = []
        for activity in loaded:
            related = [r.related_id for r in activity.relations]
            section = section_of(related, activity.id in tagged, self.orgs, docs, follow_up)
            facts.append(ActivityFact(activity.id, activity.text, activity.dates, section))
        return sorted(facts, key=lambda a: ((a.dates and a.dates.earliest()) or date.min, a.id))

    def jiu(self) -> JiuFacts:
        """JIU reports of the period and the two years before it, and the rates as at its end."""
        end = self.period.latest()
        start = self.period.start
        window = DateRange(PartialDate(start.year - 2) if start else None, self.period.end)
        reports = [
            _document(d, ())
            for d in self.session.scalars(select(Document).where(Document.kind == "jiu-report"))
            if d.dates is not None and d.dates.overlaps(window)
        ]
        counts: Counter[str] = Counter()
        total = 0
        addressed = exists().where(
            JiuStatus.recommendation_id == JiuRecommendation.id,
            JiuStatus.organization_id.in_(self.units),
        )
        ids = list(self.session.scalars(select(JiuRecommendation.id).where(addressed)))
        for rec in self._load(JiuRecommendation, ids, JiuRecommendation.statuses):
            history = [
                s
                for s in rec.statuses
                if s.organization_id in self.units
                and (end is None or (s.earliest and s.earliest <= end))
            ]
            if not history:
                continue
            total += 1
            latest = max(history, key=lambda s: s.earliest or date.min)
            counts[latest.acceptance or "none"] += 1
            if latest.acceptance == "accepted" and latest.implementation == "implemented":
                counts["implemented"] += 1
        return JiuFacts(
            tuple(sorted(reports, key=lambda d: d.symbol or d.title)),
            total,
            counts["accepted"],
            counts["not-relevant"],
            counts["implemented"],
        )

    def coverage(self, ids: set[str]) -> tuple[dict[int, int], dict[str, int], int]:
        sdg: Counter[int] = Counter()
        wsis: Counter[str] = Counter()
        query = select(Tag.record_id, Tag.taxon_id).where(
            Tag.record_id.in_(sorted(ids)), Tag.state == "accepted"
        )
        seen: set[tuple[str, object]] = set()
        for record_id, taxon in self.session.execute(query):
            scheme, code = taxon.split(":", 1)
            if scheme == "sdg":
                key: object = int(code.split(".")[0])
                if (record_id, key) not in seen:
                    sdg[int(code.split(".")[0])] += 1
            elif scheme == "wsis":
                key = code
                wsis[code] += 1
            else:
                continue
            seen.add((record_id, key))
        mapped = {record_id for record_id, key in seen if isinstance(key, int)}
        return dict(sdg), dict(wsis), len(mapped)


def _document(doc: Document, reflects: tuple[str, ...]) -> DocumentFact:
    return DocumentFact(doc.id, doc.symbol, doc.title, doc.kind, doc.dates, reflects)


def stated_ids(session: Session, organization: str, period: DateRange) -> set[str]:
    """The ids of what a report of ``period`` states, without gathering the facts."""
    return _Gatherer(session, organization, period).stated_ids()


def gather(session: Session, organization: str, period: DateRange) -> ReportFacts:
    """Every fact the report for ``organization`` over ``period`` states."""
    g = _Gatherer(session, organization, period)
    events, roles, initiatives = g.events(), g.roles(), g.initiatives()
    activities = g.activities()
    stated_records: list[Any] = [*events, *roles, *initiatives, *activities]
    stated = {x.id for x in stated_records}
    documents = g.documents(stated)
    facts = ReportFacts(
        organization=_org(g.organization),
        period=period,
        series=g.series(),
        events=events,
        roles=roles,
        initiatives=initiatives,
        documents=documents,
        activities=activities,
        jiu=g.jiu(),
        sdg_counts={},
        wsis_counts={},
        organizations=g.orgs,
    )
    facts.sdg_counts, facts.wsis_counts, facts.sdg_records = g.coverage(facts.record_ids())
    return facts
