"""The fast classifier's word space, applied with numpy alone.

Words and word pairs of the comparison texts, English stop words removed, weighed as
scikit-learn's ``TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True,
strip_accents="unicode")`` weighs them: text lower-cased, accents stripped (NFKD, combining marks
dropped), words of two or more word characters, stop words dropped before pairs are formed, term
weight ``(1 + ln count) × idf``, each text scaled to unit length. scikit-learn fits the space
(vocabulary, idf, stop words) once; the fit is cached on disk beside the classifier's model, so a
process that finds it does not import scikit-learn (about a second on the project's machine).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from itertools import pairwise
from pathlib import Path

import numpy as np

from liaison.classify.runtime import cache_dir, save_cached

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class Fit:
    """What scikit-learn learnt from the comparison texts."""

    terms: tuple[str, ...]  # in the order of their columns
    idf: np.ndarray
    stop_words: frozenset[str]


def fit(texts: Sequence[str]) -> Fit:
    """The fit for ``texts``: from the cache, else by scikit-learn (then cached)."""
    digest = hashlib.sha256("\n".join([_sklearn_version(), *texts]).encode()).hexdigest()
    path = cache_dir() / "words" / f"tfidf-{digest[:24]}.npz"
    try:
        with np.load(path) as saved:
            return Fit(
                tuple(str(t) for t in saved["terms"]),
                np.asarray(saved["idf"], dtype=np.float64),
                frozenset(str(w) for w in saved["stop_words"]),
            )
    except (OSError, ValueError, KeyError):
        pass
    found = fit_with_sklearn(texts)
    _save(path, found)
    return found


def fit_with_sklearn(texts: Sequence[str]) -> Fit:
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
        ENGLISH_STOP_WORDS,
        TfidfVectorizer,
    )

    vectorizer = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"
    )
    vectorizer.fit(list(texts))
    terms = tuple(str(t) for t in vectorizer.get_feature_names_out())
    return Fit(terms, np.asarray(vectorizer.idf_, dtype=np.float64), frozenset(ENGLISH_STOP_WORDS))


def _sklearn_version() -> str:
    try:
        return version("scikit-learn")
    except Exception:  # not installed: the cache is all there is
        return "unknown"


def _save(path: Path, found: Fit) -> None:
    terms, stop_words = np.array(found.terms), np.array(sorted(found.stop_words))
    save_cached(
        path, lambda file: np.savez(file, terms=terms, idf=found.idf, stop_words=stop_words)
    )


class Space:
    """The comparison texts as unit vectors of term weights; other texts compared with them."""

    def __init__(self, texts: Sequence[str]) -> None:
        found = fit(texts)
        self.column = {term: i for i, term in enumerate(found.terms)}
        self.idf = found.idf
        self.stop_words = found.stop_words
        # The comparison texts' weights grouped by term: the texts that have each term.
        self.count = len(texts)
        indptr, columns, weights = self.weights(texts)
        by_term = np.argsort(columns, kind="stable")
        self.term_documents = np.repeat(np.arange(len(texts)), np.diff(indptr))[by_term]
        self.term_weights = weights[by_term]
        per_term = np.bincount(columns, minlength=len(found.terms))
        self.term_starts = np.concatenate([[0], np.cumsum(per_term)])

    def terms(self, text: str) -> list[str]:
        """The words and word pairs of a text, stop words dropped before pairing."""
        text = text.lower()
        if not text.isascii():
            decomposed = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in decomposed if not unicodedata.combining(c))
        words = [w for w in _TOKEN.findall(text) if w not in self.stop_words]
        return words + [f"{a} {b}" for a, b in pairwise(words)]

    def weights(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The texts' unit vectors, compressed by row: where each text's entries start (and
        the end), the entries' columns (ascending within a text) and their weights."""
        starts = [0]
        columns: list[int] = []
        counts: list[int] = []
        for text in texts:
            found = Counter(self.column[t] for t in self.terms(text) if t in self.column)
            ordered = sorted(found)
            columns += ordered
            counts += [found[c] for c in ordered]
            starts.append(len(columns))
        indptr = np.array(starts, dtype=np.int64)
        where = np.array(columns, dtype=np.int64)
        weights = np.log(np.array(counts, dtype=np.float64)) + 1.0
        weights *= self.idf[where]
        lengths = np.diff(indptr)
        filled = lengths > 0
        norms = np.ones(len(texts))
        if filled.any():
            squares = np.add.reduceat(weights * weights, indptr[:-1][filled])
            norms[filled] = np.sqrt(squares)
        weights /= np.repeat(norms, lengths)
        return indptr, where, weights

    def similarity(self, texts: Sequence[str]) -> np.ndarray:
        """The cosine similarity of each text with each comparison text: for each of a text's
        terms, its weight times that term's weight in each comparison text that has it."""
        indptr, columns, weights = self.weights(texts)
        rows = np.repeat(np.arange(len(texts)), np.diff(indptr))
        shared = self.term_starts[columns + 1] - self.term_starts[columns]
        total = int(shared.sum())
        offsets = np.repeat(self.term_starts[columns] - (np.cumsum(shared) - shared), shared)
        entries = np.arange(total) + offsets  # into the comparison texts' entries, by term
        documents = self.count
        cells = np.repeat(rows, shared) * documents + self.term_documents[entries]
        products = np.repeat(weights, shared) * self.term_weights[entries]
        flat = np.bincount(cells, weights=products, minlength=len(texts) * documents)
        return flat.reshape(len(texts), documents)
