"""Where a statement goes in the report when it names no section: decided from the records it
relates to, by the groupings of ``reference/data/report.yaml``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from liaison.reference.report_layout import report_layout
from liaison.report.fact_types import Org


def section_of(
    related: list[str],
    tagged: bool,
    orgs: Mapping[str, Org],
    document_kinds: Mapping[str, str],
    follow_up: set[str],
    context: bool = False,
) -> str:
    """The section of a statement, from what it relates to (most related records win).

    ``document_kinds`` gives the kind of related documents; ``follow_up`` the related events
    that are sessions of the follow-up body. A context statement, or a statement related to
    nothing but tagged, goes to the SDG section; one related to nothing, to the introduction."""
    layout = report_layout()
    docs = {r: document_kinds[r] for r in related if r in document_kinds}
    if "jiu-report" in docs.values() or layout.oversight_body in related:
        return "jiu"
    if layout.follow_up_body in related or follow_up & set(related):
        return "agenda-2030"
    votes: Counter[str] = Counter()
    for record_id in related:
        kind = orgs[record_id].kind if record_id in orgs else docs.get(record_id, "")
        section = layout.section_of_kind.get(kind)
        if section:
            votes[section] += 1
    if votes and not context:
        best = max(votes.values())
        return next(s for s in layout.section_order if votes[s] == best)
    return "agenda-2030" if tagged or context else "introduction"
