"""Composing the report: facts → parts → template → markup → the plain report object.

The Jinja2 template decides the wording (``templates/council.md.j2``, or a file the user gives);
the parts (:mod:`liaison.report.parts`) decide what each section states, once, in the order of
the layout; this module runs the template in Jinja2's sandbox, builds the tables and figures it
asks for, marks what is new and collects the annex of sources.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.errors import InvalidRequest
from liaison.reference import load_scheme
from liaison.reference.report_layout import report_layout
from liaison.reference.vocabulary import vocabulary
from liaison.report import figures, markup
from liaison.report.document import Block, Report, Table, Text
from liaison.report.fact_types import EventFact, Org, ReportFacts, SeriesReport
from liaison.report.facts import gather
from liaison.report.mentions import Mentions
from liaison.report.novelty import novelty
from liaison.report.parts import Parts
from liaison.report.series import previous_report
from liaison.report.sources import annex
from liaison.report.wording import date_label, join_and, months_label, period_label

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "council.md.j2"
# The partner network draws at most this many initiatives (those with most partners): beyond
# that a picture stops being legible; the text still lists every initiative.
NETWORK_INITIATIVES = 20
DEFAULT_LANGUAGES = "English only"
# The title block refers to at most this many earlier reports of the series.
REFERENCES = 12


@dataclass(frozen=True)
class ReportOptions:
    organization: str
    period: DateRange
    mark_new: bool = False
    figures: bool = True
    template: Path | None = None
    date: date | None = None
    symbol: str | None = None
    session: str | None = None
    venue: str | None = None
    languages: str | None = None


#: The years a report's period may reach: the report also reads years before it (the JIU trend,
#: the previous period of --mark-new), which must stay within the calendar.
REPORT_YEARS = (1900, 2999)


def check_period(period: DateRange) -> None:
    """Refuse a period the report cannot cover (:data:`REPORT_YEARS`)."""
    first, last = REPORT_YEARS
    for side in (period.start, period.end):
        if side is not None and not first <= side.year <= last:
            raise InvalidRequest(
                f"a report covers a period within the years {first} to {last}, not {side}"
            )


def build_report(session: Session, options: ReportOptions) -> Report:
    """Gather the facts of the period, compose them with the template, return the report."""
    check_period(options.period)
    facts = gather(session, options.organization, options.period)
    new_ids: frozenset[str] = frozenset()
    legend = None
    if options.mark_new:
        found = novelty(session, options.organization, facts)
        new_ids, legend = found.new_ids, found.legend
    composer = _Composer(facts, options, new_ids)
    text = composer.render()
    with figures.png_only():  # every renderer reads the PNG; SVG would double the drawing time
        summary, action, sections = markup.parse(text, new_ids, composer.block, composer.mentions)
    recorded = facts.this_report
    references, earlier = _references(facts.series)
    return Report(
        organization=facts.organization.name,
        title="Collaboration with the United Nations system",
        period=period_label(options.period),
        date=_date(options, recorded),
        symbol=options.symbol or (recorded.symbol if recorded else None),
        author="Report by the Secretary-General",
        purpose="For information",
        summary=summary,
        action_required=action,
        sections=sections,
        sources=annex(session, sections, composer.parts.also),
        session=options.session or (recorded.session if recorded else None),
        venue=options.venue or (recorded.venue if recorded else None),
        languages=options.languages
        or (recorded.languages if recorded else None)
        or DEFAULT_LANGUAGES,
        references=references,
        earlier_references=earlier,
        legend=legend,
    )


def _references(series: list[SeriesReport]) -> tuple[tuple[str, ...], int]:
    """The earlier reports of the series the title block refers to (the latest
    :data:`REFERENCES` of them), and how many earlier ones it leaves out."""
    symbols = [r.symbol for r in series if r.symbol]
    return tuple(symbols[-REFERENCES:]), max(0, len(symbols) - REFERENCES)


def _date(options: ReportOptions, recorded: SeriesReport | None) -> str | None:
    """The date on the report: given, or that of the recorded report; never today's by
    default (a draft is not dated)."""
    if options.date is not None:
        return options.date.strftime("%-d %B %Y")
    if recorded is not None and recorded.dates is not None and recorded.dates.start:
        return date_label(recorded.dates.start)
    return None


class _Composer:
    """What the template calls, and the blocks (table, figures) it asks for."""

    def __init__(self, facts: ReportFacts, options: ReportOptions, new_ids: frozenset[str]):
        self.facts = facts
        self.options = options
        self.new_ids = new_ids
        self.mentions = Mentions(facts.organizations, facts.acronyms)
        self.parts = Parts(facts, self)
        self.sections = self.parts.build()

    # --- the Writer the parts use, and the template's functions ---------------------------
    def ref(self, record_id: str, text: str) -> str:
        return markup.link(text, record_id)

    def name(self, org: Org) -> str:
        """The organization's name, linked: in full with its acronym the first time it is
        read, the acronym afterwards."""
        return markup.link(markup.name_token(org.id), org.id)

    def plain(self, org: Org) -> str:
        """The same, without a link (for use inside a linked text)."""
        return markup.name_token(org.id)

    def prose(self, text: str) -> str:
        """Running text from a record, its abbreviations spelled out at first use."""
        return self.mentions.tokens(text)

    # --- the template ---------------------------------------------------------------------
    def render(self) -> str:
        folder = self.options.template.parent if self.options.template else TEMPLATES
        env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(folder)),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # the output is markup for Liaison; record text is inert already
        )
        name = self.options.template.name if self.options.template else DEFAULT_TEMPLATE
        try:
            return env.get_template(name).render(**self.context())
        except SecurityError as exc:
            raise InvalidRequest(
                f"the report template {name} is not allowed to do that: {exc} "
                "(templates run in a sandbox and may only use the data and functions given)"
            ) from None
        except jinja2.TemplateError as exc:
            where = getattr(exc, "lineno", None)
            raise InvalidRequest(
                f"the report template {name}{f':{where}' if where else ''} failed: {exc}"
            ) from None
        except Exception as exc:  # a template's own arithmetic or logic failed
            raise InvalidRequest(f"the report template {name} failed: {exc}") from None

    def context(self) -> dict[str, Any]:
        f = self.facts
        org = f.organization
        previous = previous_report(f.series, f.period) or next(
            (r for r in reversed(f.series) if r.session), None
        )
        since = f"since {previous.session}" if previous and previous.session else ""
        return {
            "org": org,
            "me": self.name(org),
            "org_label": org.label,
            "period_label": period_label(f.period),
            "period_end_label": date_label(f.period.end) if f.period.end else "",
            "since": since or f"from {period_label(f.period)}",
            "section_title": lambda key: vocabulary("report_section")[key],
            "parts": lambda key: self.sections.get(key, []),
            "ref": self.ref,
            "name": self.name,
            "plain": self.plain,
            "join_and": join_and,
            "date_label": date_label,
            "months": months_label,
            "percent": lambda x: f"{round(x * 100)} per cent" if x is not None else "",
            "jiu": f.jiu,
            "top_goals": self._top_goals(),
            "top_wsis": self._top_wsis(),
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
            label = taxon.label if taxon else None
            if "." in code and taxon is not None and (parent := wsis.get(code.split(".")[0])):
                label = f"{parent.label} – {(taxon.label or '').lower()}"
            out.append(f"{code.split('.')[0]} ({label})" if label else code)
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
        layout = report_layout()
        categories = vocabulary("network_category")
        columns: dict[str, list[tuple[Text, ...]]] = {c: [] for c in categories}
        networks = layout.kinds("network")
        chairs = {r.body.id: r for r in self.facts.roles if r.role in ("chair", "vice-chair")}
        bodies = {r.body.id: r.body for r in self.facts.roles if r.body.kind in networks}
        for body in sorted(bodies.values(), key=lambda b: b.name.lower()):
            # A table is looked up, not read through: every row names its body in full.
            self.mentions.seen.add(body.id)
            text = f"{body.name} ({body.acronym})" if body.acronym else body.name
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
            for e in self.parts.timeline
        ]
        start, end = self.facts.period.earliest(), self.facts.period.latest()
        if not items or start is None or end is None:
            return None
        return figures.events_timeline(
            items, (start, end), "Conferences, summits and meetings of the period"
        )

    def _figure_coverage(self) -> Block | None:
        return figures.coverage(
            self.facts.sdg_counts,
            self.facts.wsis_counts,
            "Activities and initiatives of the period by SDG and WSIS Action Line",
        )

    def _figure_jiu_trend(self) -> Block | None:
        points = [
            figures.RatePoint(int(r.group), r.acceptance_rate, r.implementation_rate)
            for r in self.facts.jiu.trend
        ]
        end = self.facts.period.end
        if points and end is not None and end.month not in (None, 12):
            month = calendar.month_name[end.month]
            points[-1] = replace(points[-1], label=f"{end.year} (to {month})")
        caption = (
            "Acceptance and implementation of JIU recommendations by "
            f"{self.facts.organization.label}, at the end of each year"
        )
        return figures.jiu_trend(points, caption) if len(points) > 1 else None

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
    layout = report_layout()
    for lane in layout.timeline_lanes:
        if lane.bodies is not None:
            if event.body is not None and event.body.kind in layout.kinds(lane.bodies):
                return lane.name
        elif lane.events:
            if event.kind in lane.events:
                return lane.name
        else:
            return lane.name
    return "Meetings and missions"
