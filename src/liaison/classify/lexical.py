"""The fast classifier: no neural model, only the words of the SDG and WSIS texts themselves.

Each goal, target and indicator text of the SDG framework, and each WSIS Action Line text, is a
document of a TF-IDF space (words and word pairs, English stop words removed). A text is split
into sentences; each sentence (and the text as a whole) is compared with every document, and a
goal's score is its best cosine similarity over its own texts, so the evidence is the sentence
and the target or indicator it matched. Built from the reference data in well under a second;
nothing is downloaded. Scores are similarities in 0..1, not yet calibrated probabilities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from liaison.classify.result import (
    Classification,
    Evidence,
    GoalSuggestion,
    LineSuggestion,
    TargetSuggestion,
)
from liaison.reference import load_scheme

NAME = "liaison-lexical"
VERSION = "1"
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class _Doc:
    taxon: str  # sdg:9.c or wsis:C2
    group: str  # the goal ("9") or the action line ("C2") it counts for
    target: str | None  # the target ("9.c") an SDG text belongs to
    text: str


def _documents() -> list[_Doc]:
    docs: list[_Doc] = []
    for taxon in load_scheme("sdg"):
        goal = taxon.code.split(".")[0]
        target = ".".join(taxon.code.split(".")[:2]) if "." in taxon.code else None
        text = f"{taxon.label}. {taxon.text}" if taxon.label else taxon.text
        docs.append(_Doc(taxon.id, goal, target, text))
    for taxon in load_scheme("wsis"):
        text = f"{taxon.label}. {taxon.text}" if taxon.label else taxon.text
        docs.append(_Doc(taxon.id, taxon.code, None, text))
    return docs


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text) if p and p.strip()]
    return [p for p in parts if len(p) > 2] or ([text.strip()] if text.strip() else [])


class LexicalClassifier:
    """Suggests goals, targets and action lines from word overlap with their official texts."""

    name = NAME
    version = VERSION

    def __init__(self, min_score: float = 0.05, max_goals: int = 5, max_lines: int = 3) -> None:
        self.min_score = min_score
        self.max_goals = max_goals
        self.max_lines = max_lines
        self.docs = _documents()
        self.vectorizer = TfidfVectorizer(
            stop_words="english",
            ngram_range=(1, 2),
            sublinear_tf=True,
            strip_accents="unicode",
        )
        self.matrix = self.vectorizer.fit_transform([d.text for d in self.docs])
        self.is_sdg = np.array([d.taxon.startswith("sdg:") for d in self.docs])

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def classify(self, text: str, record_id: str = "") -> Classification:
        return self.classify_many([(record_id, text)])[0]

    def classify_many(self, items: Sequence[tuple[str, str]]) -> list[Classification]:
        """Classify several (id, text) pairs in one pass over the TF-IDF space."""
        units: list[str] = []
        spans: list[tuple[int, int]] = []
        for _, text in items:
            parts = sentences(text)
            start = len(units)
            units += parts + ([text] if len(parts) > 1 else [])
            spans.append((start, len(units)))
        if not units:
            return [Classification(i, (), (), self.label) for i, _ in items]
        similarity = (self.vectorizer.transform(units) @ self.matrix.T).toarray()
        return [
            self._one(record_id, units[start:end], similarity[start:end])
            for (record_id, _), (start, end) in zip(items, spans, strict=True)
        ]

    def _one(self, record_id: str, units: list[str], sims: np.ndarray) -> Classification:
        if not units:
            return Classification(record_id, (), (), self.label)
        best_unit = sims.argmax(axis=0)  # for each document, the sentence that matched it best
        best = sims.max(axis=0)
        goals: dict[str, tuple[float, int]] = {}
        targets: dict[str, dict[str, float]] = {}
        lines: dict[str, tuple[float, int]] = {}
        for index, doc in enumerate(self.docs):
            score = float(best[index])
            if score <= 0:
                continue
            bucket = goals if self.is_sdg[index] else lines
            if score > bucket.get(doc.group, (0.0, -1))[0]:
                bucket[doc.group] = (score, index)
            if doc.target:
                per_goal = targets.setdefault(doc.group, {})
                per_goal[doc.target] = max(per_goal.get(doc.target, 0.0), score)

        def evidence(index: int) -> Evidence:
            doc = self.docs[index]
            return Evidence(units[int(best_unit[index])], doc.text, doc.taxon)

        ranked_goals = sorted(goals.items(), key=lambda kv: -kv[1][0])
        sdgs = tuple(
            GoalSuggestion(
                int(goal),
                score,
                tuple(
                    TargetSuggestion(code, s)
                    for code, s in sorted(targets.get(goal, {}).items(), key=lambda kv: -kv[1])[:3]
                ),
                evidence(index),
            )
            for goal, (score, index) in ranked_goals[: self.max_goals]
            if score >= self.min_score
        )
        ranked_lines = sorted(lines.items(), key=lambda kv: -kv[1][0])
        wsis = tuple(
            LineSuggestion(code, score, evidence(index))
            for code, (score, index) in ranked_lines[: self.max_lines]
            if score >= self.min_score
        )
        return Classification(record_id, sdgs, wsis, self.label)


@cache
def default_classifier() -> LexicalClassifier:
    return LexicalClassifier()
