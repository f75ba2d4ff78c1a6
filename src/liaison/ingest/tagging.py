"""SDG and WSIS tags for candidates, through the existing classifier.

The candidates that describe work (events, initiatives, activities) carry the classifier's
suggestions for the paragraph they were read in, as tags in state ``suggested`` with their score,
evidence and classifier: accepting a candidate brings them in as suggestions, still to be
reviewed with ``liaison tags review``, never as accepted tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from liaison.classify.analysis import Options
from liaison.classify.modes import classifier_for
from liaison.classify.records import wanted_tags
from liaison.ingest.candidates import Candidate

#: The kinds of candidate the classifier tags.
TAGGED = ("event", "initiative", "activity")


def with_tags(candidates: Sequence[Candidate], mode: str) -> list[Candidate]:
    """The candidates, those of :data:`TAGGED` kinds with the classifier's suggested tags."""
    chosen = [c for c in candidates if c.kind in TAGGED]
    if not chosen:
        return list(candidates)
    classifier = classifier_for(Options(mode=mode))
    texts = [(str(i), c.evidence.paragraph or c.evidence.text) for i, c in enumerate(chosen)]
    tags = {
        int(result.id): [
            {"taxon": taxon, "state": "suggested", "score": round(score, 4),
             "evidence": evidence, "suggested_by": classifier.label}
            for taxon, score, evidence in wanted_tags(result)
        ]
        for result in classifier.classify_many(texts)
    }  # fmt: skip
    tagged = {id(c): tags.get(i, []) for i, c in enumerate(chosen)}
    return [
        replace(c, fields={**c.fields, "tags": tagged[id(c)]}) if tagged.get(id(c)) else c
        for c in candidates
    ]
