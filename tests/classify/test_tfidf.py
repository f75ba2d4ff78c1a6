"""The fast classifier's word space, applied with numpy alone, gives scikit-learn's similarities;
scikit-learn's fit is cached on disk so that a run need not import it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from liaison.classify import tfidf
from liaison.classify.lexical import word_space
from liaison.classify.texts import documents

TEXTS = [
    "Affordable Internet access for the least developed countries.",
    "Clean water and sanitation; clean water for all, and water again.",
    "Café naïve RÉSUMÉ coöperation ﬁnancial inclusion for ÉCOLES",
    "the and of it",  # stop words only
    "",
    "x",
    "Ωμέγα 水 ☃ telemedicine telemedicine telemedicine",
    "Early warning systems for tsunamis using submarine cables. " * 40,
]


def test_similarities_are_scikit_learns() -> None:
    vectorizer = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"
    )
    comparison = vectorizer.fit_transform([d.text for d in documents()])
    theirs = (vectorizer.transform(TEXTS) @ comparison.T).toarray()
    ours = word_space().similarity(TEXTS)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 1e-12
    assert ours[0].max() > 0.2 and not ours[3].any() and not ours[4].any()
    assert word_space().similarity([]).shape == (0, len(documents()))


def test_the_fit_is_cached_and_what_is_cached_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIAISON_CLASSIFIER_CACHE", str(tmp_path))
    texts = ["Water for all.", "Schools for girls and boys.", "Water and schools."]
    fitted = tfidf.fit(texts)
    (cached,) = (tmp_path / "words").glob("tfidf-*.npz")
    assert fitted.terms == (
        "boys",
        "girls",
        "girls boys",
        "schools",
        "schools girls",
        "water",
        "water schools",
    )
    assert "for" in fitted.stop_words and "and" in fitted.stop_words
    again = tfidf.fit(texts)
    assert again.terms == fitted.terms and again.stop_words == fitted.stop_words
    assert np.array_equal(again.idf, fitted.idf)
    monkeypatch.setattr(tfidf, "fit_with_sklearn", lambda texts: pytest.fail("not cached"))
    space = tfidf.Space(texts)
    assert space.similarity(["water"])[0].argmax() == 0
    cached.write_bytes(b"damaged")
    monkeypatch.undo()
    monkeypatch.setenv("LIAISON_CLASSIFIER_CACHE", str(tmp_path))
    assert tfidf.fit(texts).terms == fitted.terms  # fitted again and cached again
    assert np.load(cached)["terms"].tolist() == list(fitted.terms)
