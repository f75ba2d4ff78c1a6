"""What both classifier modes share: a text measured against the goals, then calibrated.

A mode first *analyses* each text: its raw similarity to each of the 17 goals (one vector per
way it measures), the evidence and best targets under each goal, and its WSIS lines. The
calibration of the mode (:mod:`liaison.classify.calibration`) turns the raw similarities of a
batch into probabilities, and the goals at or above the threshold become the suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np

from liaison.classify.calibration import GOALS, Calibration
from liaison.classify.result import (
    Classification,
    Evidence,
    GoalSuggestion,
    LineSuggestion,
    TargetSuggestion,
)
from liaison.ingest.language import looks_like_language
from liaison.reference import load_links


@dataclass(frozen=True)
class Options:
    """How suggestions are chosen: the classifier mode and its thresholds (``None``: the
    calibrated default). Small and picklable, so worker processes build the same classifier."""

    mode: str = "accurate"
    sdg_threshold: float | None = None
    wsis_threshold: float = 0.05
    max_goals: int = 5
    max_lines: int = 3


@dataclass
class Analysis:
    """One text measured against the goals, before calibration."""

    id: str
    raw: list[np.ndarray] = field(default_factory=list)  # one (17,) vector per measure
    evidence: dict[int, Evidence] = field(default_factory=dict)
    targets: dict[int, tuple[TargetSuggestion, ...]] = field(default_factory=dict)
    wsis: tuple[LineSuggestion, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing in the text matched anything: no goal can be suggested."""
        return not self.raw or not any(float(vector.max()) > 0 for vector in self.raw)


def language_only(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (id, text) pairs with every text that is not language (random bytes, strings of
    random letters) emptied, so that it matches nothing and gets no suggestion."""
    return [(key, text if looks_like_language(text) else "") for key, text in items]


def calibrated(
    analyses: Sequence[Analysis], calibration: Calibration, options: Options, label: str
) -> list[Classification]:
    """The suggestions for a batch of analysed texts, goals ranked by calibrated probability."""
    threshold = calibration.threshold if options.sdg_threshold is None else options.sdg_threshold
    measured = [i for i, a in enumerate(analyses) if not a.empty]
    probabilities = np.zeros((len(analyses), GOALS))
    if measured:
        measures = range(len(analyses[measured[0]].raw))
        stacked = [np.stack([analyses[i].raw[k] for i in measured]) for k in measures]
        probabilities[measured] = calibration.probabilities(stacked)
    results = []
    for analysis, row in zip(analyses, probabilities, strict=True):
        order = np.argsort(-row, kind="stable")[: options.max_goals]
        sdgs = tuple(
            GoalSuggestion(
                int(index) + 1,
                float(row[index]),
                analysis.targets.get(int(index) + 1, ()),
                analysis.evidence.get(int(index) + 1),
            )
            for index in order
            if row[index] >= threshold and row[index] > 0
        )
        wsis = tuple(w for w in _linked(analysis.wsis, row) if w.score >= options.wsis_threshold)
        results.append(Classification(analysis.id, sdgs, wsis[: options.max_lines], label))
    return results


@cache
def _goals_of_lines() -> dict[str, tuple[int, ...]]:
    """The goals each WSIS line is linked to in the reference data (``C7.e-health`` → 3)."""
    goals: dict[str, list[int]] = {}
    for link in load_links():
        if link.source.startswith("wsis:") and link.target.startswith("sdg:"):
            code, goal = link.source.removeprefix("wsis:"), link.target.removeprefix("sdg:")
            goals.setdefault(code, []).append(int(goal.split(".")[0]))
    return {code: tuple(found) for code, found in goals.items()}


def _linked(lines: Sequence[LineSuggestion], goals: np.ndarray) -> list[LineSuggestion]:
    """WSIS lines re-weighed by the SDG links: a line's similarity grows by the probability of
    the most likely goal it is linked to (at most doubling, capped at 1), then lines are
    ranked again."""
    linked = _goals_of_lines()
    weighed = []
    for line in lines:
        boost = max((float(goals[g - 1]) for g in linked.get(line.code, ())), default=0.0)
        weighed.append(replace(line, score=min(1.0, line.score * (1.0 + boost))))
    return sorted(weighed, key=lambda line: -line.score)
