"""Calibrated goal scores: from a mode's raw similarities to the probability that a text is about
each goal, and the default threshold for suggesting a goal.

A mode measures a text against the 17 goals in one or more ways, each an ``(n, 17)`` matrix of
raw similarities. Each matrix is standardised with the mean and spread it has on the development
split, and four features are read for every (text, goal): the standardised score, its distance
below the text's best goal, whether it is the best goal, and the logarithm of its rank. A
logistic regression over those features gives the probability. It is fitted, and the threshold
chosen by cross-validation, on the development split of the SDG Classification Benchmark only
(``benchmarks/sdg/calibrate.py``); the result ships as ``data/calibration.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

GOALS = 17
FEATURES_PER_MATRIX = 4


class CalibrationMissing(LookupError):
    """The shipped calibration file has no entry for a mode."""


@dataclass(frozen=True)
class Calibration:
    """What turns one mode's raw similarities into probabilities, fitted on the dev split."""

    mode: str
    means: tuple[float, ...]
    stds: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, matrices: Sequence[np.ndarray]) -> np.ndarray:
        """The ``(n, 17)`` probabilities for the ``(n, 17)`` raw matrices of ``n`` texts."""
        features = relative_features(self.standardise(matrices))
        logits = features @ np.asarray(self.coef) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logits)))

    def standardise(self, matrices: Sequence[np.ndarray]) -> list[np.ndarray]:
        if len(matrices) != len(self.means):
            raise ValueError(f"{self.mode} calibration expects {len(self.means)} score matrices")
        return [
            (m - mean) / std for m, mean, std in zip(matrices, self.means, self.stds, strict=True)
        ]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def relative_features(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """For ``m`` standardised ``(n, 17)`` matrices, the ``(n, 17, 4m)`` features of each goal."""
    columns: list[np.ndarray] = []
    for scores in matrices:
        rank = (-scores).argsort(axis=1, kind="stable").argsort(axis=1)
        columns += [
            scores,
            scores - scores.max(axis=1, keepdims=True),
            (rank == 0).astype(float),
            np.log1p(rank),
        ]
    return np.stack(columns, axis=2)


def macro_accuracy(decisions: np.ndarray, goals: np.ndarray, labels: np.ndarray) -> float:
    """The benchmark's metric: accuracy per asked goal, averaged over the goals present."""
    per_goal = [
        float((decisions[goals == g] == labels[goals == g]).mean()) for g in np.unique(goals)
    ]
    return 100.0 * float(np.mean(per_goal))


def fit(
    mode: str,
    matrices: Sequence[np.ndarray],
    goals: np.ndarray,
    labels: np.ndarray,
    *,
    regularisation: float = 0.1,
    folds: int = 5,
    repeats: int = 5,
) -> Calibration:
    """Fit a mode's calibration on labelled rows: ``matrices[k][i]`` are text ``i``'s raw scores,
    ``goals[i]`` the goal (1..17) it was checked against and ``labels[i]`` the experts' answer.

    The threshold is the one that maximises the macro accuracy of cross-validated probabilities
    (averaged over ``repeats`` shuffled ``folds``-fold splits), so it is not chosen on the very
    predictions the final model would make of its own training rows.
    """
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

    means = tuple(float(m.mean()) for m in matrices)
    stds = tuple(float(m.std()) or 1.0 for m in matrices)
    standardised = [(m - mu) / sd for m, mu, sd in zip(matrices, means, stds, strict=True)]
    rows = np.arange(len(goals))
    features = relative_features(standardised)[rows, goals - 1]

    def model() -> Any:
        return LogisticRegression(C=regularisation, max_iter=2000)

    held_out = np.zeros(len(goals))
    for seed in range(repeats):
        splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
        for train, test in splitter.split(features, labels):
            fitted = model().fit(features[train], labels[train])
            held_out[test] += fitted.predict_proba(features[test])[:, 1] / repeats
    candidates = np.unique(held_out)
    accuracies = [macro_accuracy(held_out >= t, goals, labels) for t in candidates]
    best = int(np.argmax(accuracies))
    final = model().fit(features, labels)
    return Calibration(
        mode=mode,
        means=means,
        stds=stds,
        coef=tuple(float(c) for c in final.coef_[0]),
        intercept=float(final.intercept_[0]),
        threshold=round(float(candidates[best]), 4),
        provenance={
            "rows": len(goals),
            "cross_validated_macro_accuracy": round(accuracies[best], 1),
            "regularisation": regularisation,
        },
    )


@cache
def load_calibration(mode: str) -> Calibration:
    """The shipped calibration of ``mode`` (``fast`` or ``accurate``)."""
    path = resources.files("liaison.classify") / "data" / "calibration.json"
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    if mode not in entries:
        raise CalibrationMissing(f"no calibration for the {mode} classifier in {path}")
    entry = entries[mode]
    return Calibration(
        mode=mode,
        means=tuple(entry["means"]),
        stds=tuple(entry["stds"]),
        coef=tuple(entry["coef"]),
        intercept=float(entry["intercept"]),
        threshold=float(entry["threshold"]),
        provenance=dict(entry.get("provenance", {})),
    )
