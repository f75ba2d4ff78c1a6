"""The fast classifier: no neural model, only the words of the SDG and WSIS texts themselves.

Each goal, target and indicator text of the SDG framework, each phrase of Liaison's own glossary
of the goals (``data/sdg_glossary.yaml``), and each WSIS Action Line text is a document of a
TF-IDF space (words and word pairs, English stop words removed). A text is split into
sentences; each sentence (and the text as a whole) is compared with every document, and a goal's
raw score is its best cosine similarity over its own texts, so the evidence is the sentence and
the target, indicator or phrase it matched. The calibration of the ``fast`` mode turns the raw
scores into probabilities. Built from the shipped data (:mod:`liaison.classify.tfidf`); nothing is
downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from liaison.classify.analysis import Analysis, Options, calibrated, language_only
from liaison.classify.calibration import GOALS, load_calibration
from liaison.classify.result import Classification, Evidence, LineSuggestion, TargetSuggestion
from liaison.classify.texts import Doc, documents, sentences
from liaison.classify.tfidf import Space

NAME = "liaison-lexical"
VERSION = "2"


def best_targets(scores: dict[str, float], count: int = 3) -> tuple[TargetSuggestion, ...]:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:count]
    return tuple(TargetSuggestion(code, score) for code, score in ranked)


class LexicalClassifier:
    """Suggests goals, targets and action lines from word overlap with their texts."""

    name = NAME
    version = VERSION
    mode = "fast"

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options(mode=self.mode)
        self.docs: tuple[Doc, ...] = documents()
        self.space = word_space()

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def classify(self, text: str, record_id: str = "") -> Classification:
        return self.classify_many([(record_id, text)])[0]

    def classify_many(self, items: Sequence[tuple[str, str]]) -> list[Classification]:
        """Classify several (id, text) pairs in one pass over the TF-IDF space."""
        return calibrated(
            self.analyse(items), load_calibration(self.mode), self.options, self.label
        )

    def analyse(self, items: Sequence[tuple[str, str]], gated: bool = False) -> list[Analysis]:
        """Each text's raw similarity to each goal, with evidence, targets and WSIS lines (a
        text that is not language matches nothing; ``gated``: the caller emptied those)."""
        items = items if gated else language_only(items)
        units: list[str] = []
        spans: list[tuple[int, int]] = []
        for _, text in items:
            parts = sentences(text)
            start = len(units)
            units += parts + ([text] if len(parts) > 1 else [])
            spans.append((start, len(units)))
        if not units:
            return [Analysis(record_id) for record_id, _ in items]
        similarity = self.space.similarity(units)
        return [
            self._one(record_id, units[start:end], similarity[start:end])
            for (record_id, _), (start, end) in zip(items, spans, strict=True)
        ]

    def _one(self, record_id: str, units: list[str], sims: np.ndarray) -> Analysis:
        if not units:
            return Analysis(record_id)
        best_unit = sims.argmax(axis=0)  # for each document, the sentence that matched it best
        best = sims.max(axis=0)
        raw = np.zeros(GOALS)
        goal_doc: dict[int, int] = {}
        targets: dict[int, dict[str, float]] = {}
        lines: dict[str, tuple[float, int]] = {}
        for index, doc in enumerate(self.docs):
            score = float(best[index])
            if score <= 0:
                continue
            if not doc.is_sdg:
                if score > lines.get(doc.group, (0.0, -1))[0]:
                    lines[doc.group] = (score, index)
                continue
            goal = int(doc.group)
            if score > raw[goal - 1]:
                raw[goal - 1] = score
                goal_doc[goal] = index
            if doc.target:
                per_goal = targets.setdefault(goal, {})
                per_goal[doc.target] = max(per_goal.get(doc.target, 0.0), score)

        def evidence(index: int) -> Evidence:
            doc = self.docs[index]
            return Evidence(units[int(best_unit[index])], doc.text, doc.taxon)

        ranked_lines = sorted(lines.items(), key=lambda kv: -kv[1][0])
        return Analysis(
            record_id,
            [raw],
            {goal: evidence(index) for goal, index in goal_doc.items()},
            {goal: best_targets(scores) for goal, scores in targets.items()},
            tuple(LineSuggestion(code, score, evidence(i)) for code, (score, i) in ranked_lines),
        )


@cache
def word_space() -> Space:
    """The TF-IDF space of the comparison texts, built once per process."""
    return Space([d.text for d in documents()])
