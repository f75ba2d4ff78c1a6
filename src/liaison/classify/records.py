"""Suggesting tags for records: the classifier's suggestions stored with their provenance.

Suggestions are stored as tags in state ``suggested`` with score, evidence and the classifier's
name and version; never as accepted tags. A taxon a record already has a tag for, in any state,
is left alone: re-running adds nothing twice and never brings back a rejected suggestion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.classify.analysis import Options
from liaison.classify.modes import Classifier, classifier_for
from liaison.classify.result import Classification
from liaison.model import RECORD_TYPES, Record, Tag
from liaison.model.hooks import search_rows

BATCH = 200


@dataclass
class SuggestionSummary:
    records: int = 0
    suggested: int = 0
    already_tagged: int = 0


def wanted_tags(result: Classification) -> list[tuple[str, float, str]]:
    """(taxon id, score, evidence) to store for one classified record: each suggested goal and
    its best target, both with the goal's calibrated probability (so that every SDG score is on
    one scale), and each suggested WSIS line with its similarity. The classifier has already
    applied the thresholds."""
    wanted = []
    for goal in result.sdgs:
        evidence = goal.evidence.sentence if goal.evidence else ""
        wanted.append((f"sdg:{goal.goal}", goal.score, evidence))
        wanted += [(f"sdg:{t.code}", goal.score, evidence) for t in goal.targets[:1]]
    for line in result.wsis:
        wanted.append(
            (f"wsis:{line.code}", line.score, line.evidence.sentence if line.evidence else "")
        )
    return wanted


def suggest_tags(
    session: Session,
    kinds: Sequence[str] = (),
    since: date | None = None,
    classifier: Classifier | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SuggestionSummary:
    """Classify the records of ``kinds`` (all when empty) changed since ``since``."""
    classifier = classifier or classifier_for(Options())
    query = select(Record.id).order_by(Record.id)
    if kinds:
        query = query.where(Record.record_type.in_([RECORD_TYPES[k] for k in kinds]))
    if since is not None:
        query = query.where(Record.updated_at >= datetime.combine(since, time(), UTC))
    ids = list(session.scalars(query))
    summary = SuggestionSummary()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        texts = [(row["record_id"], row["body"]) for row in search_rows(session, chunk)]
        existing: dict[str, set[str]] = {}
        for record_id, taxon in session.execute(
            select(Tag.record_id, Tag.taxon_id).where(Tag.record_id.in_(chunk))
        ):
            existing.setdefault(record_id, set()).add(taxon)
        for result in classifier.classify_many(texts):
            summary.records += 1
            for taxon, score, evidence in wanted_tags(result):
                if taxon in existing.get(result.id, set()):
                    summary.already_tagged += 1
                    continue
                session.add(
                    Tag(
                        record_id=result.id,
                        taxon_id=taxon,
                        state="suggested",
                        score=round(score, 4),
                        evidence=evidence,
                        suggested_by=classifier.label,
                    )
                )
                existing.setdefault(result.id, set()).add(taxon)
                summary.suggested += 1
        session.flush()
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    return summary
