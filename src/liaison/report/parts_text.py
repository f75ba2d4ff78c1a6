"""The English of the report's composed phrases: an initiative and its partners, a list of
documents, a group of sessions with their months, the roles that began or ended.

Everything is written through a :class:`Writer`, which turns records into markup: links to
what a phrase states and name tokens that the parser spells out at first mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from liaison.dates import DateRange
from liaison.reference.report_layout import report_layout
from liaison.reference.vocabulary import vocabulary
from liaison.report.fact_types import DocumentFact, EventFact, InitiativeFact, Org, RoleFact
from liaison.report.wording import date_label, join_and, lower_first, months_label, plural


class Writer(Protocol):
    def ref(self, record_id: str, text: str) -> str: ...
    def name(self, org: Org) -> str: ...
    def plain(self, org: Org) -> str: ...
    def prose(self, text: str) -> str: ...


# --- initiatives --------------------------------------------------------------------------


def partner_phrases(w: Writer, initiative: InitiativeFact, units: set[str]) -> list[str]:
    """Who runs an initiative, as English: "led by ITU and UNESCO", "coordinated by ITU and
    UNECE, supported by CBD, ECLAC …", "by ITU in partnership with UNU and ISWA"."""
    by_role: dict[str, list[Org]] = {}
    for partner in initiative.partners:
        by_role.setdefault(partner.role, []).append(partner.org)

    def names(orgs: Iterable[Org]) -> str:
        return join_and(w.name(o) for o in orgs)

    phrases = []
    for role, phrase in (
        ("lead", "led by"),
        ("co-lead", "run jointly by"),
        ("coordinator", "coordinated by"),
    ):
        if by_role.get(role):
            phrases.append(f"{phrase} {names(by_role[role])}")
    partners = by_role.get("partner", [])
    mine = [o for o in partners if o.id in units]
    others = [o for o in partners if o.id not in units]
    if mine and not others and not phrases:
        verb = "is a partner" if len(mine) == 1 else "are partners"
        phrases.append(f"in which {names(mine)} {verb}")
    elif mine and not phrases:
        phrases.append(f"by {names(mine)} in partnership with {names(others)}")
    elif others:
        phrases.append(f"in partnership with {names(others)}")
    if by_role.get("supporter"):
        phrases.append(f"supported by {names(by_role['supporter'])}")
    members = by_role.get("member", [])
    if members and all(o.id in units for o in members):
        phrases.append(f"in which {names(members)} {'takes' if len(members) == 1 else 'take'} part")
    elif members:
        phrases.append(f"with the participation of {names(members)}")
    return phrases


def bullet(
    w: Writer,
    initiative: InitiativeFact,
    editions: Sequence[EventFact],
    units: set[str],
    period: DateRange,
) -> str:
    """One key initiative: its name (with its editions of the period), who runs it, what it is
    for, its key figures and outputs, and whether it began or ended in the period."""
    text = w.ref(initiative.id, initiative.name)
    for event in editions:
        year = event.dates.start.year if event.dates.start else ""
        where = ", ".join(x for x in (event.place, date_label(event.dates)) if x)
        text += f" ({w.ref(event.id, f'{year} edition')}{', ' + where if where else ''})"
    clauses = partner_phrases(w, initiative, units)
    if initiative.purpose:
        clauses.append(w.prose(initiative.purpose.rstrip(".")))
    clauses += [w.prose(f.rstrip(".")) for f in initiative.key_figures]
    if clauses:
        text += ", " + ", ".join(clauses)
    if initiative.outputs:
        outputs = join_and(w.prose(lower_first(o.rstrip("."))) for o in initiative.outputs)
        text += f"; its work includes {outputs}"
    change = _began_or_ended(initiative.dates, period, "launched", "ended")
    return text + (f" ({change})" if change else "") + "."


def _began_or_ended(dates: DateRange | None, period: DateRange, began: str, ended: str) -> str:
    if dates is None:
        return ""
    first, last = period.earliest(), period.latest()
    starts = dates.start is not None and _within(dates.earliest(), first, last)
    ends = dates.end is not None and _within(dates.latest(), first, last)
    if starts and ends:
        return ""
    if starts and not ends and dates.start is not None:
        return f"{began} in {date_label(dates.start)}"
    if ends and not starts and dates.end is not None:
        return f"{ended} in {date_label(dates.end)}"
    return ""


def _within(day: object, first: object, last: object) -> bool:
    return (first is None or day >= first) and (last is None or day <= last)  # type: ignore[operator]


# --- documents and events -----------------------------------------------------------------


def document_list(w: Writer, documents: Sequence[DocumentFact]) -> str:
    """``resolutions A/RES/72/200 “…” (20 December 2017) and E/RES/2017/22 “…”, and the
    reports of the Secretary-General A/72/64 “…”``: by kind, in the order given."""
    labels = vocabulary("document_kind")
    by_kind: dict[str, list[DocumentFact]] = {}
    for doc in documents:
        by_kind.setdefault(doc.kind, []).append(doc)
    groups = []
    for kind, docs in by_kind.items():
        label = labels.get(kind, kind)
        items = []
        for doc in docs:
            when = f" ({date_label(doc.dates)})" if doc.dates else ""
            name = f"{doc.symbol} “{doc.title}”" if doc.symbol else f"“{doc.title}”"
            items.append(w.ref(doc.id, name) + when)
        groups.append(f"the {_plural_kind(label, len(docs))} {join_and(items)}")
    # Each group is already a list with "and": the groups are joined so as to stay apart.
    return ", as well as ".join(groups)


def _plural_kind(label: str, count: int) -> str:
    if count == 1:
        return label
    head, space, rest = label.partition(" ")
    return head + ("s" if not head.endswith("s") else "") + space + rest


def event_group(w: Writer, events: Sequence[EventFact]) -> str:
    """Sessions that share a name, with their months: ``COPUOS (January, March and June
    2017)``, and the events held alongside."""
    when = months_label([e.dates for e in events])
    alongside = [w.ref(i, f"the {label}") for e in events for i, label in e.held_with]
    if alongside:
        when += f", held with {join_and(alongside)}"
    return f"{w.ref(events[0].id, events[0].label)} ({when})"


# --- roles that began or ended ------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    verb: str
    role: str
    when: str


def role_changes(w: Writer, org: Org, roles: Sequence[RoleFact], period: DateRange) -> list[str]:
    """ "ITU's chairmanships of the ICT Network and UNISSIG ended in 2017." — one sentence for
    the roles of one kind that began, or ended, at the same time in the period."""
    offices = report_layout().role_offices
    changes: dict[_Change, list[RoleFact]] = {}
    first, last = period.earliest(), period.latest()
    for role in roles:
        dates = role.dates
        if dates is None:
            continue
        if dates.end is not None and _within(dates.latest(), first, last):
            changes.setdefault(_Change("ended", role.role, date_label(dates.end)), []).append(role)
        if dates.start is not None and _within(dates.earliest(), first, last):
            changes.setdefault(_Change("began", role.role, date_label(dates.start)), []).append(
                role
            )
    sentences = []
    for change, held in changes.items():
        bodies = join_and(w.ref(r.id, w.plain(r.body)) for r in held)
        if change.verb == "ended":
            office = plural(offices[change.role], len(held))
            sentences.append(f"{w.plain(org)}'s {office} of {bodies} ended in {change.when}.")
        else:
            label = vocabulary("role")[change.role]
            article = (
                "a "
                if change.role in ("member", "participant")
                else "an "
                if change.role == "observer"
                else ""
            )
            sentences.append(
                f"{w.plain(org)} became {article}{label} of {bodies} in {change.when}."
            )
    return sentences
