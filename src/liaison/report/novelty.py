"""What is new in a report: compared with the previous report of the series when one is
recorded with its period, else with the previous period of the same length.

An item is new only when nothing of its kind and identity was stated for the comparison period:
a session of a recurring body (the World Health Assembly) or an edition of a series is the same
item as the year before, and a document, initiative or statement already reported is not new
again. When the comparison period states nothing at all, nothing is marked, and the legend says
there is no earlier report to compare with.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.report.fact_types import ReportFacts
from liaison.report.identities import identities
from liaison.report.series import previous_report
from liaison.report.wording import period_label


@dataclass(frozen=True)
class Novelty:
    new_ids: frozenset[str]
    legend: str | None


def novelty(session: Session, organization: str, facts: ReportFacts) -> Novelty:
    """The ids of the items new in ``facts``, and the legend that says against what."""
    previous = previous_report(facts.series, facts.period)
    if previous is not None and previous.covers is not None:
        compared: DateRange | None = previous.covers
        against = (
            f"the previous report, {previous.symbol}" if previous.symbol else "the previous report"
        )
    else:
        compared = facts.period.previous()
        against = (
            f"the report for the previous period ({period_label(compared)})" if compared else ""
        )
    if compared is None:
        return Novelty(frozenset(), NO_EARLIER)
    before, recorded = identities(session, organization, compared)
    if not recorded:
        if previous is None:
            return Novelty(frozenset(), NO_EARLIER)
        return Novelty(
            frozenset(),
            f"Nothing of the period of {against} is on file to compare with, so no item is "
            "marked as new.",
        )
    new = frozenset(record_id for record_id, identity in facts.items() if identity not in before)
    return Novelty(new, f"An item in bold followed by “(new)” was not in {against}.")


NO_EARLIER = (
    "No earlier report of the series is recorded for comparison, so no item is marked as new."
)
