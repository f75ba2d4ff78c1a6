"""Where things go in the report: the kinds of bodies each section speaks of, and the section
an activity belongs to, decided from the records it relates to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from liaison.report.fact_types import Org

# The body where the 2030 Agenda is followed up and reviewed: activities related to it belong
# to the report's section on the SDGs.
FOLLOW_UP_BODY = "hlpf"
MECHANISM_KINDS = ("inter-agency-mechanism",)
NETWORK_KINDS = ("network",)
GOVERNING_KINDS = (
    "principal-organ",
    "subsidiary-body",
    "functional-commission",
    "regional-commission",
    "expert-body",
    "governing-body",
)
GOVERNANCE_DOCUMENTS = ("resolution", "decision", "sg-report")
# The report section an activity belongs to, by the kind of the records it relates to; when
# several sections tie, the first in SECTION_ORDER wins.
SECTION_ORDER = ("inter-agency", "governance", "initiatives", "agenda-2030")
SECTION_OF_KIND = {
    **dict.fromkeys(MECHANISM_KINDS + NETWORK_KINDS, "inter-agency"),
    **dict.fromkeys(GOVERNING_KINDS + GOVERNANCE_DOCUMENTS, "governance"),
    **dict.fromkeys(
        (
            "specialized-agency",
            "fund-programme",
            "secretariat-office",
            "related-organization",
            "research-training",
            "convention-secretariat",
        ),
        "initiatives",
    ),
    **dict.fromkeys(("non-governmental", "partnership", "publication"), "agenda-2030"),
}


def section_of(
    related: list[str],
    tagged: bool,
    orgs: Mapping[str, Org],
    document_kinds: Mapping[str, str],
    follow_up: set[str],
) -> str:
    """The section of an activity, from what it relates to (most related records win).

    ``document_kinds`` gives the kind of related documents; ``follow_up`` the related events
    that are sessions of the follow-up body. An activity related to nothing goes to the SDG
    section when it is tagged, to the introduction otherwise."""
    docs = {r: document_kinds[r] for r in related if r in document_kinds}
    if "jiu-report" in docs.values() or any(
        (orgs[r].acronym or "") == "JIU" for r in related if r in orgs
    ):
        return "jiu"
    if FOLLOW_UP_BODY in related or follow_up & set(related):
        return "agenda-2030"
    votes: Counter[str] = Counter()
    for record_id in related:
        kind = orgs[record_id].kind if record_id in orgs else docs.get(record_id, "")
        section = SECTION_OF_KIND.get(kind)
        if section:
            votes[section] += 1
    if votes:
        best = max(votes.values())
        return next(s for s in SECTION_ORDER if votes[s] == best)
    return "agenda-2030" if tagged else "introduction"
