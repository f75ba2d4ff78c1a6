"""The two classifier modes, chosen by name: ``accurate`` (the default) and ``fast``.

``accurate`` (:mod:`liaison.classify.neural`) reads meaning with a small sentence-embedding
model; ``fast`` (:mod:`liaison.classify.lexical`) reads words only, with no neural model.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from liaison.classify.analysis import Options
from liaison.classify.result import Classification
from liaison.config import CLASSIFIER_MODES
from liaison.errors import LiaisonError

MODES = CLASSIFIER_MODES


class Classifier(Protocol):
    @property
    def label(self) -> str: ...

    def classify(self, text: str, record_id: str = "") -> Classification: ...

    def classify_many(self, items: Sequence[tuple[str, str]]) -> list[Classification]: ...


@cache
def classifier_for(options: Options) -> Classifier:
    """The classifier of ``options.mode``, built once per process and options."""
    if options.mode == "fast":
        from liaison.classify.lexical import LexicalClassifier

        return LexicalClassifier(options)
    if options.mode == "accurate":
        from liaison.classify.neural import NeuralClassifier

        return NeuralClassifier(options)
    raise LiaisonError(f"unknown classifier mode {options.mode!r} (use {' or '.join(MODES)})")
