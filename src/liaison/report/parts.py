"""The parts of each section of the report, built from the facts: each fact stated once.

A part is what one template macro writes (the bodies followed as observer, the events, the
networks table, one statement…), with the order the layout (``report.yaml``) gives it in its
section. The rules that keep the report from repeating itself live here:

* a statement that restates records (``restates:``) states them: the part that would have
  named them leaves them out, and the statement takes that part's place unless it was placed;
* statements of one section that say the same thing of different organizations ("ITU
  cooperated closely with ICAO on …", "… with IMO on …") become one sentence;
* documents that reflect the same items are named in one statement;
* an event that is an edition of a listed initiative is named with the initiative.

Texts are markup (links and name tokens) written through a :class:`Writer`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from liaison.reference.report_layout import report_layout
from liaison.reference.vocabulary import vocabulary
from liaison.report.fact_types import (
    ActivityFact,
    DocumentFact,
    EventFact,
    InitiativeFact,
    Org,
    ReportFacts,
    RoleFact,
)
from liaison.report.mentions import takes_article
from liaison.report.parts_text import Writer, bullet, document_list, event_group, role_changes
from liaison.report.wording import date_label, join_and, lower_first


@dataclass(frozen=True)
class Part:
    kind: str
    order: float
    data: dict[str, Any] = field(default_factory=dict)


class Parts:
    """Builds the parts of every section, and remembers which records each statement stands
    for (so that the annex cites their sources too)."""

    def __init__(self, facts: ReportFacts, writer: Writer) -> None:
        self.facts = facts
        self.w = writer
        self.layout = report_layout()
        self.also: dict[str, set[str]] = {}  # id a text links to → other ids it states
        self.sections: dict[str, list[Part]] = {s: [] for s in self.layout.sections}
        self.restated: dict[str, ActivityFact] = {}
        self._statement_order: dict[str, float] = {}
        self._quoted: set[str] = set()
        self.timeline: list[EventFact] = []  # the events the summits section lists
        for activity in facts.activities:
            for record_id in activity.restates:
                self.restated.setdefault(record_id, activity)
                self.also.setdefault(activity.id, set()).add(record_id)

    def add(
        self, section: str, kind: str, data: dict[str, Any], order: float | None = None
    ) -> None:
        at = self.layout.order(section, kind) if order is None else order
        self.sections[section].append(Part(kind, at, data))

    def build(self) -> dict[str, list[Part]]:
        self._roles()
        self._documents()
        self._events()
        self._initiatives()
        self._statements()
        self._closing()
        return {
            s: sorted(parts, key=lambda p: (p.order, p.kind == "statement"))
            for s, parts in self.sections.items()
        }

    def _free(self, record_id: str) -> bool:
        """Whether no statement restates the record."""
        return record_id not in self.restated

    # --- roles ----------------------------------------------------------------------------
    def _part_of_role(self, role: RoleFact) -> tuple[str, str]:
        group = self.layout.group_of(role.body.kind)
        if group == "governing":
            return ("governance", "observed" if role.role == "observer" else "governing-roles")
        if group == "mechanism" and role.role == "member":
            return ("inter-agency", "mechanisms")
        if group in ("mechanism", "network") and role.role in ("lead", "co-chair"):
            return ("inter-agency", "leads")
        if group == "network":
            return ("inter-agency", "networks")
        return ("inter-agency", "other-roles")

    def _roles(self) -> None:
        by_part: dict[tuple[str, str], list[RoleFact]] = {}
        for role in self.facts.roles:
            part = self._part_of_role(role)
            if self._free(role.id) or part[1] == "networks":
                by_part.setdefault(part, []).append(role)
        for (section, kind), roles in by_part.items():
            bodies = _unique([r.body for r in roles])
            if kind == "networks":
                restated = any(not self._free(r.id) for r in roles)
                self.add(section, "networks", {"restated": restated, "count": len(bodies)})
                self.add(section, "networks-table", {})
            elif kind in ("governing-roles", "other-roles"):
                phrases = [f"{vocabulary('role')[r.role]} of {self.w.name(r.body)}" for r in roles]
                self.add(section, kind, {"roles": phrases})
            else:
                self.add(section, kind, {"bodies": [self.w.name(b) for b in bodies]})
        changes: dict[str, list[RoleFact]] = {}
        for role in self.facts.roles:
            group = self.layout.group_of(role.body.kind)
            changes.setdefault("governance" if group == "governing" else "inter-agency", []).append(
                role
            )
        for section, roles in changes.items():
            sentences = role_changes(self.w, self.facts.organization, roles, self.facts.period)
            if sentences:
                self.add(section, "role-changes", {"sentences": sentences})

    # --- documents ------------------------------------------------------------------------
    def document_groups(self, documents: Sequence[DocumentFact]) -> list[dict[str, Any]]:
        """Documents that reflect the same items, each group with what it reflects."""
        groups: dict[tuple[str, ...], list[DocumentFact]] = {}
        for doc in documents:
            groups.setdefault(tuple(sorted(doc.reflects)), []).append(doc)
        out = []
        for reflects, docs in groups.items():
            items = [t for t in (self._item(r) for r in reflects) if t]
            themes = _unique([self.w.prose(lower_first(t)) for d in docs for t in d.themes])
            out.append(
                {
                    "documents": document_list(self.w, docs),
                    "count": len(docs),
                    "items": [text for _, text in sorted(items)],
                    "themes": themes,
                }
            )
        return out

    def _item(self, record_id: str) -> tuple[str, str] | None:
        """A record a document reflects, as (sort key, linked name)."""
        if (org := self.facts.organizations.get(record_id)) is not None:
            return org.name.lower(), self.w.name(org)
        items: list[InitiativeFact | EventFact] = [*self.facts.initiatives, *self.facts.events]
        for item in items:
            if item.id == record_id:
                return _sort_key(item.name), self.w.ref(item.id, _with_article(item.name))
        return None

    def _documents(self) -> None:
        free = [d for d in self.facts.documents if self._free(d.id)]
        for group in self.document_groups(free):
            self.add("governance", "documents", group)

    # --- events ---------------------------------------------------------------------------
    def _events(self) -> None:
        listed = {i.id for i in self.facts.initiatives if self._free(i.id)}
        groups: dict[str, list[EventFact]] = {}
        for event in self.facts.events:
            section = event.placement.section
            if not self._free(event.id) or (event.series_id in listed and section is None):
                continue
            if section is None or section == "summits":
                groups.setdefault(event.label, []).append(event)
            elif section == "initiatives":
                text = self._event_bullet(event) + "."
                self.add(section, "bullet", {"text": text, "name": event.name})
            else:
                self.add(
                    section, "event", {"text": self._event_bullet(event)}, event.placement.order
                )
        texts = []
        for events in groups.values():
            self.timeline += events
            self.also.setdefault(events[0].id, set()).update(e.id for e in events[1:])
            texts.append(event_group(self.w, events))
        if texts:
            self.add("summits", "events", {"groups": texts})

    def _event_bullet(self, event: EventFact) -> str:
        where = ", ".join(x for x in (event.place, _when(event)) if x)
        text = self.w.ref(event.id, event.name) + (f" ({where})" if where else "")
        mine = [r for r in event.roles if r in ("organizer", "co-organizer", "host")]
        me = self.w.name(self.facts.organization)
        if mine:
            text += (
                f", {mine[0].replace('organizer', 'organized').replace('host', 'hosted')} by {me}"
            )
        alongside = [self.w.ref(i, f"the {label}") for i, label in event.held_with]
        if alongside:
            text += f" and held with {join_and(alongside)}"
        others = [p for p in event.others if p.role == "participant"]
        names = join_and(self.w.name(p.org) for p in others)
        said = {p.contribution for p in others}
        if others and len(said) == 1 and None not in said:
            text += f", where {names} {self.w.prose(str(said.pop()))}"
        elif others:
            text += f", with the participation of {names}"
        return text

    # --- initiatives ----------------------------------------------------------------------
    def _initiatives(self) -> None:
        editions: dict[str, list[EventFact]] = {}
        for event in self.facts.events:
            if event.series_id and self._free(event.id) and event.placement.section is None:
                editions.setdefault(event.series_id, []).append(event)
        units = {self.facts.organization.id}
        agreements = []
        for initiative in self.facts.initiatives:
            if not self._free(initiative.id):
                continue
            for event in editions.get(initiative.id, []):
                self.also.setdefault(initiative.id, set()).add(event.id)
            text = bullet(
                self.w, initiative, editions.get(initiative.id, []), units, self.facts.period
            )
            section = initiative.placement.section
            if initiative.kind in self.layout.agreement_kinds and section is None:
                agreements.append(self.w.ref(initiative.id, _with_article(initiative.name)))
            elif section is None or section == "initiatives":
                self.add("initiatives", "bullet", {"text": text, "name": initiative.name})
            else:
                self.add(section, "event", {"text": text}, initiative.placement.order)
        bullets = [p for p in self.sections["initiatives"] if p.kind == "bullet"]
        self.sections["initiatives"] = [
            p for p in self.sections["initiatives"] if p.kind != "bullet"
        ]
        if bullets:
            ordered = sorted(bullets, key=lambda p: _sort_key(p.data["name"]))
            self.add("initiatives", "initiatives", {"items": [p.data["text"] for p in ordered]})
        if agreements:
            self.add("initiatives", "agreements", {"agreements": agreements})

    # --- statements -----------------------------------------------------------------------
    def _statements(self) -> None:
        by_section: dict[str, list[ActivityFact]] = {}
        for activity in self.facts.activities:
            section, order = self._place(activity)
            by_section.setdefault(section, []).append(activity)
            self._statement_order[activity.id] = order
        for section, activities in by_section.items():
            for group in _alike(activities):
                first = group[0]
                text = _merged_text(group) if len(group) > 1 else first.text
                for other in group[1:]:
                    self.also.setdefault(first.id, set()).add(other.id)
                self.add(
                    section,
                    "statement",
                    self._statement(first, text),
                    self._statement_order[first.id],
                )

    def _place(self, activity: ActivityFact) -> tuple[str, float]:
        """The section and order of a statement: where it was placed; else, for one that
        restates records, the place of the part that would have stated them; else the guess."""
        if not activity.placed and activity.restates:
            places = [p for r in activity.restates if (p := self._part_of(r)) is not None]
            if places:
                section = min((s for s, _ in places), key=list(self.layout.sections).index)
                order = min(self.layout.order(section, k) for s, k in places if s == section)
                return section, (activity.order if activity.order is not None else order)
        section = activity.section
        if activity.order is not None:
            return section, activity.order
        default = "context" if activity.kind == "context" else "statements"
        return section, self.layout.order(section, default)

    def _part_of(self, record_id: str) -> tuple[str, str] | None:
        for role in self.facts.roles:
            if role.id == record_id:
                return self._part_of_role(role)
        if any(e.id == record_id for e in self.facts.events):
            return ("summits", "events")
        if any(d.id == record_id for d in self.facts.documents):
            return ("governance", "documents")
        if any(d.id == record_id for d in self.facts.jiu.reports):
            return ("jiu", "jiu-reports")
        if any(i.id == record_id for i in self.facts.initiatives):
            return ("initiatives", "initiatives")
        return None

    def _statement(self, activity: ActivityFact, text: str) -> dict[str, Any]:
        text = self.w.prose(text)
        if activity.lists_related and activity.related_orgs:
            names = join_and(self.w.plain(o) for o in activity.related_orgs)
            text = f"{text.rstrip(' .')} {names}."
        restated = set(activity.restates)
        kinds = self.layout.governance_documents
        documents = [
            d
            for d in (*self.facts.documents, *self.facts.attached)
            if d.id in restated and d.kind in kinds
        ]
        return {
            "item": activity,
            "text": self.w.ref(activity.id, text),
            "quotes": self._quotation(activity.quotes),
            "groups": self.document_groups(documents) if documents else [],
        }

    def _quotation(self, document: DocumentFact | None) -> dict[str, str] | None:
        if document is None or not document.quotation or document.id in self._quoted:
            return None
        self._quoted.add(document.id)
        where = ", ".join(x for x in (document.symbol, document.quotation_locator) if x)
        title = document.short_title or document.title
        cited = self.w.ref(document.id, ("the " if takes_article(title) else "") + title)
        return {"source": cited + (f" ({where})" if where else ""), "words": document.quotation}

    # --- the closing parts of sections ----------------------------------------------------
    def _closing(self) -> None:
        f = self.facts
        if f.series:
            self.add(
                "introduction",
                "series",
                {"reports": [self.w.ref(r.id, r.symbol or r.title) for r in f.series]},
            )
        if f.sdg_counts or f.wsis_counts:
            self.add("agenda-2030", "coverage", {})
        reports = [d for d in f.jiu.reports if self._free(d.id)]
        if reports:
            self.add(
                "jiu",
                "jiu-reports",
                {"reports": [self.w.ref(d.id, _cited(d)) for d in reports]},
            )
        if f.jiu.rates is not None:
            self.add("jiu", "jiu-rates", self._jiu_rates())

    def _jiu_rates(self) -> dict[str, Any]:
        """The organization's rates, by addressee when both are recorded, and the figures of the
        period's reports addressed to it alone."""
        jiu = self.facts.jiu
        addressees = vocabulary("jiu_addressee")
        by_addressee = [r for r in jiu.by_addressee if r.group in addressees and r.addressed]
        reviews = [
            {
                "report": self.w.ref(review.report.id, _cited(review.report)),
                "figures": review.figures,
            }
            for review in jiu.reviews
        ]
        only_from = None
        if (
            len(reviews) == 1
            and jiu.rates
            and jiu.reviews[0].figures.addressed == jiu.rates.addressed
        ):
            only_from, reviews = reviews[0]["report"], []  # one sentence says it all
        return {
            "rates": jiu.rates,
            "by_addressee": [(addressees[r.group], r) for r in by_addressee]
            if len(by_addressee) > 1
            else [],
            "reviews": reviews,
            "only_from": only_from,
            "trend": len(jiu.trend) > 1,
        }


def _cited(document: DocumentFact) -> str:
    """A JIU report as the section names it: JIU/REP/2016/1 “Review of …”."""
    return f"{document.symbol} “{document.title}”" if document.symbol else document.title


def _unique(items: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def _sort_key(name: str) -> str:
    lowered = name.lower()
    return lowered[4:] if lowered.startswith("the ") else lowered


def _with_article(name: str) -> str:
    return ("the " if takes_article(name) else "") + name


def _when(event: EventFact) -> str:
    return date_label(event.dates)


def _normalized(activity: ActivityFact) -> str | None:
    """The text with its one related organization taken out, when it names it."""
    if len(activity.related_orgs) != 1 or activity.restates or activity.lists_related:
        return None
    org: Org = activity.related_orgs[0]
    for written in (org.acronym, org.name):
        if written and re.search(rf"(?<![\w-]){re.escape(written)}(?![\w-])", activity.text):
            return re.sub(
                rf"(?<![\w-]){re.escape(written)}(?![\w-])", "\x00", activity.text, count=1
            )
    return None


def _alike(activities: list[ActivityFact]) -> list[list[ActivityFact]]:
    """Statements grouped when they say the same thing of different organizations."""
    groups: dict[Any, list[ActivityFact]] = {}
    for activity in activities:
        key = _normalized(activity)
        groups.setdefault(key if key is not None else activity.id, []).append(activity)
    return list(groups.values())


def _merged_text(group: list[ActivityFact]) -> str:
    text = _normalized(group[0]) or group[0].text
    names = [a.related_orgs[0].acronym or a.related_orgs[0].name for a in group]
    return text.replace("\x00", join_and(sorted(names)))
