"""Composing the report: facts → template → markup → the plain report object.

The Jinja2 template decides the wording and order (``templates/council.md.j2``, or a file the
user gives); this module prepares what it reads, builds the tables and figures it asks for,
marks what is new since the previous period and collects the annex of sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.errors import LiaisonError
from liaison.reference import load_scheme
from liaison.reference.vocabulary import vocabulary
from liaison.report import figures, markup
from liaison.report.document import (
    Block,
    BulletList,
    Paragraph,
    Report,
    Span,
    Table,
    Text,
)
from liaison.report.fact_types import EventFact, InitiativeFact, ReportFacts
from liaison.report.facts import gather, stated_ids
from liaison.report.placement import GOVERNING_KINDS, MECHANISM_KINDS, NETWORK_KINDS
from liaison.report.sources import annex
from liaison.report.wording import FirstMention, date_label, join_and, months_label

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "council.md.j2"
# The partner network draws at most this many initiatives (those with most partners): beyond
# that a picture stops being legible; the text still lists every initiative.
NETWORK_INITIATIVES = 20
PARTNER_PHRASES = (
    ("lead", "led by"),
    ("co-lead", "co-led by"),
    ("coordinator", "coordinated by"),
    ("partner", "with"),
    ("member", "with the participation of"),
    ("supporter", "supported by"),
)


@dataclass(frozen=True)
class ReportOptions:
    organization: str
    period: DateRange
    mark_new: bool = False
    figures: bool = True
    template: Path | None = None
    date: date | None = None
    symbol: str | None = None


def build_report(session: Session, options: ReportOptions) -> Report:
    """Gather the facts of the period, compose them with the template, return the report."""
    facts = gather(session, options.organization, options.period)
    new_ids: frozenset[str] = frozenset()
    if options.mark_new:
        before = options.period.previous()
        if before is not None:
            earlier = stated_ids(session, options.organization, before)
            new_ids = frozenset(facts.record_ids() - earlier)
    composer = _Composer(facts, options, new_ids)
    text = composer.render()
    with figures.png_only():  # every renderer reads the PNG; SVG would double the drawing time
        summary, action, sections = markup.parse(
            text, new_ids, composer.block, composer.resolve_name
        )
    stated = {s.record_id for sec in sections for b in sec.blocks for s in _spans(b) if s.record_id}
    return Report(
        organization=facts.organization.name,
        title="Collaboration with the United Nations system",
        period=composer.period_label,
        date=(options.date or date.today()).strftime("%-d %B %Y"),
        symbol=options.symbol,
        author="Report by the Secretary-General",
        purpose="For information",
        summary=summary,
        action_required=action,
        sections=sections,
        sources=annex(session, stated),
    )


def _spans(block: Block) -> list[Span]:
    if isinstance(block, Paragraph):
        return list(block.spans)
    if isinstance(block, BulletList):
        return [s for item in block.items for s in item]
    if isinstance(block, Table):
        return [s for row in block.rows for cell in row for line in cell for s in line]
    return []


class _Composer:
    def __init__(self, facts: ReportFacts, options: ReportOptions, new_ids: frozenset[str]):
        self.facts = facts
        self.options = options
        self.new_ids = new_ids
        self.mention = FirstMention()
        self.period_label = _period_label(options.period)

    # --- what the template calls -------------------------------------------------------
    def ref(self, record: Any, text: str | None = None) -> str:
        """``text`` (the record's label by default) linked to the record it states."""
        if isinstance(record, dict):
            return markup.link(text if text is not None else record["label"], record["id"])
        return markup.link(text if text is not None else record.label, record.id)

    def name(self, org: Any) -> str:
        """The organization's name, linked: in full with its acronym the first time it is
        read, the acronym afterwards."""
        return markup.link(markup.name_token(org.id), org.id)

    def plain(self, org: Any) -> str:
        """The same, without a link (for use inside a ``ref`` text)."""
        return markup.name_token(org.id)

    def resolve_name(self, org_id: str) -> str:
        org = self.facts.organizations.get(org_id)
        if org is None:
            return org_id
        text = self.mention(org.id, org.name, org.acronym)
        if text != org.acronym and _takes_article(org.name):
            text = "the " + text
        return text

    # --- the context ---------------------------------------------------------------------
    def render(self) -> str:
        loader = (
            jinja2.FileSystemLoader(str(self.options.template.parent))
            if self.options.template
            else jinja2.FileSystemLoader(str(TEMPLATES))
        )
        env = jinja2.Environment(
            loader=loader,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is markup for Liaison, escaped by each renderer
        )
        name = self.options.template.name if self.options.template else DEFAULT_TEMPLATE
        try:
            template = env.get_template(name)
            return template.render(**self.context())
        except jinja2.TemplateError as exc:
            where = getattr(exc, "lineno", None)
            raise LiaisonError(
                f"the report template {name}{f':{where}' if where else ''} failed: {exc}"
            ) from None

    def context(self) -> dict[str, Any]:
        f = self.facts
        org = f.organization
        roles = f.roles
        observed = [r for r in roles if r.role == "observer"]
        governing = [
            r for r in roles if r.body.kind in GOVERNING_KINDS and r.role not in ("observer",)
        ]
        mechanisms = [r for r in roles if r.body.kind in MECHANISM_KINDS and r.role == "member"]
        leads = [
            r
            for r in roles
            if r.body.kind in MECHANISM_KINDS + NETWORK_KINDS and r.role in ("lead", "co-chair")
        ]
        networks = list({r.body.id: r for r in roles if r.body.kind in NETWORK_KINDS}.values())
        chairs = [
            r for r in roles if r.body.kind in NETWORK_KINDS and r.role in ("chair", "vice-chair")
        ]
        activities: dict[str, list[Any]] = {
            k: []
            for k in (
                "introduction",
                "agenda-2030",
                "governance",
                "inter-agency",
                "initiatives",
                "jiu",
            )
        }
        for activity in f.activities:
            activities.setdefault(activity.section, []).append(activity)
        return {
            "org": org,
            "period_label": self.period_label,
            "period_end_label": date_label(f.period.end) if f.period.end else "",
            "ref": self.ref,
            "name": self.name,
            "plain": self.plain,
            "join_and": join_and,
            "date_label": date_label,
            "months": months_label,
            "percent": lambda x: f"{round(x * 100)} per cent" if x is not None else "",
            "activities": activities,
            "series": f.series,
            "series_refs": [self.ref(d, d.symbol) for d in f.series],
            "observed": [self.name(r.body) for r in observed],
            "governing_roles": [f"{r.role} of {self.name(r.body)}" for r in governing],
            "resolutions": [self._document(d) for d in f.documents],
            "event_groups": self._event_groups(),
            "event_count": len(f.events),
            "mechanisms": [self.name(r.body) for r in mechanisms],
            "leads": leads,
            "networks": networks,
            "chairs": [
                self.ref(r, f"{r.body.label} ({date_label(r.dates)})" if r.dates else r.body.label)
                for r in chairs
            ],
            "initiatives": [self._initiative(i) for i in f.initiatives],
            "jiu": f.jiu,
            "jiu_reports": [self.ref(d, f"{d.symbol} “{d.title}”") for d in f.jiu.reports],
            "top_goals": self._top_goals(),
            "top_wsis": self._top_wsis(),
            "tagged_records": f.sdg_records,
        }

    def _document(self, doc: Any) -> dict[str, Any]:
        labels = vocabulary("document_kind")
        reflected = []
        for record_id in doc.reflects:
            org = self.facts.organizations.get(record_id)
            stated: list[Any] = [*self.facts.initiatives, *self.facts.events]
            found = next((x for x in stated if x.id == record_id), None)
            if org is not None:
                reflected.append(self.name(org))
            elif found is not None:
                reflected.append(self.ref(found))
        return {
            "id": doc.id,
            "label": doc.symbol or doc.title,
            "kind_label": labels.get(doc.kind, doc.kind).capitalize(),
            "symbol": doc.symbol,
            "title": doc.title,
            "dates": doc.dates,
            "reflected": reflected or [f"the work of {self.facts.organization.label}"],
        }

    def _event_groups(self) -> list[dict[str, Any]]:
        """Events by the name a report uses, each with its months: ``COPUOS (January, March
        and June 2017)``."""
        groups: dict[str, list[Any]] = {}
        for event in self.facts.events:
            groups.setdefault(event.label, []).append(event)
        out = []
        for label, events in groups.items():
            when = months_label([e.dates for e in events])
            alongside = [
                markup.link(f"the {other}", other_id)
                for e in events
                for other_id, other in e.held_with
            ]
            if alongside:
                when += f", held with {join_and(alongside)}"
            out.append(
                {"text": f"{self.ref(events[0], label)} ({when})", "ids": [e.id for e in events]}
            )
        return out

    def _initiative(self, initiative: InitiativeFact) -> dict[str, Any]:
        phrases = []
        for role, phrase in PARTNER_PHRASES:
            names = [self.name(p.org) for p in initiative.partners if p.role == role]
            if names:
                phrases.append(f"{phrase} {join_and(names)}")
        return {
            "id": initiative.id,
            "label": initiative.label,
            "name": initiative.name,
            "partner_text": "; ".join(phrases) or "with other UN entities",
        }

    def _top_goals(self, count: int = 3) -> list[str]:
        sdg = load_scheme("sdg")
        ranked = sorted(self.facts.sdg_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
        out = []
        for goal, _n in ranked:
            taxon = sdg.get(str(goal))
            out.append(f"SDG {goal} ({taxon.label})" if taxon and taxon.label else f"SDG {goal}")
        return out

    def _top_wsis(self, count: int = 3) -> list[str]:
        wsis = load_scheme("wsis")
        ranked = sorted(self.facts.wsis_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
        out = []
        for code, _n in ranked:
            taxon = wsis.get(code)
            out.append(f"{code} ({taxon.label})" if taxon and taxon.label else code)
        return out

    # --- blocks the template asks for ----------------------------------------------------
    def block(self, directive: str) -> Block | None:
        kind, _, name = directive.partition(" ")
        if kind == "table" and name == "networks":
            return self._networks_table()
        if kind == "figure" and self.options.figures:
            make: Callable[[], Block | None] | None = getattr(self, f"_figure_{name}", None)
            return make() if make else None
        return None

    def _networks_table(self) -> Table | None:
        categories = vocabulary("network_category")
        columns: dict[str, list[tuple[Text, ...]]] = {c: [] for c in categories}
        chairs = {r.body.id: r for r in self.facts.roles if r.role in ("chair", "vice-chair")}
        seen: set[str] = set()
        for role in self.facts.roles:
            body = role.body
            if body.kind not in NETWORK_KINDS or body.id in seen:
                continue
            seen.add(body.id)
            text = self.resolve_name(body.id).removeprefix("the ")
            chair = chairs.get(body.id)
            if chair is not None:
                text += f" (chaired by {self.facts.organization.label}"
                text += f" {date_label(chair.dates)})" if chair.dates else ")"
            cell = markup.spans(markup.link(text, body.id), self.new_ids)
            columns.setdefault(body.category or "thematic", []).append((cell,))
        if not any(columns.values()):
            return None
        keys = list(columns)
        height = max(len(v) for v in columns.values())
        rows = tuple(
            tuple(columns[k][i] if i < len(columns[k]) else () for k in keys) for i in range(height)
        )
        return Table(
            caption="Inter-agency networks and groups",
            header=tuple(categories.get(k, k) for k in keys),
            rows=rows,
        )

    def _figure_timeline(self) -> Block | None:
        items = [
            figures.TimelineItem(
                e.label, e.dates.earliest() or date.min, e.dates.latest() or date.max, _lane(e)
            )
            for e in self.facts.events
        ]
        start, end = self.facts.period.earliest(), self.facts.period.latest()
        if not items or start is None or end is None:
            return None
        return figures.events_timeline(items, (start, end), "Events of the period")

    def _figure_coverage(self) -> Block | None:
        return figures.coverage(
            self.facts.sdg_counts,
            self.facts.wsis_counts,
            "Records of the period by SDG and WSIS Action Line",
        )

    def _figure_partners(self) -> Block | None:
        initiatives = sorted(self.facts.initiatives, key=lambda i: (-len(i.partners), i.label))
        caption = "Partners of the key initiatives"
        if len(initiatives) > NETWORK_INITIATIVES:
            initiatives = initiatives[:NETWORK_INITIATIVES]
            caption += f" (the {NETWORK_INITIATIVES} with most partners)"
        edges = [(i.label, p.org.label, p.role) for i in initiatives for p in i.partners]
        if not edges:
            return None
        return figures.partner_network(edges, caption, highlight=self.facts.organization.label)


def _lane(event: EventFact) -> str:
    """The band of the timeline an event is drawn in."""
    if event.body is not None and event.body.kind in GOVERNING_KINDS:
        return "Sessions of governing bodies"
    if event.kind in ("summit", "conference", "forum"):
        return "Summits, conferences and forums"
    if event.kind in ("symposium", "workshop", "side-event", "exhibition"):
        return "Events of joint initiatives"
    return "Meetings and missions"


# Names that read as common nouns take "the" ("the Economic and Social Council"); names
# that begin with a proper name or an acronym do not ("UN Women", "ITU").
_NO_ARTICLE = ("UN ", "UN-", "ITU", "UNESCO", "UNIDO", "UNICEF", "GSM", "Bill ")


def _takes_article(name: str) -> bool:
    return not name.startswith(_NO_ARTICLE) and name[:1].isupper()


def _period_label(period: DateRange) -> str:
    start, end = period.start, period.end
    if start and end:
        return f"{start.label()} to {end.label()}"
    return date_label(period)
