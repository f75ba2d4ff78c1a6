"""Calibration: fitted on labelled rows, it turns raw similarities into probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from liaison.classify.calibration import (
    CalibrationMissing,
    fit,
    load_calibration,
    macro_accuracy,
    relative_features,
)


def _rows(count: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Texts whose raw score for the true goal is high: goals asked and answers, half yes."""
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.0, 0.3, size=(count, 17))
    truth = rng.integers(1, 18, size=count)
    raw[np.arange(count), truth - 1] += 0.4
    asked = np.where(rng.random(count) < 0.5, truth, rng.integers(1, 18, size=count))
    return raw, asked, asked == truth


def test_fit_learns_a_separable_signal_and_chooses_a_threshold_by_cross_validation() -> None:
    raw, asked, labels = _rows(400, seed=1)
    calibration = fit("test", [raw], asked, labels)
    assert calibration.provenance["cross_validated_macro_accuracy"] > 95
    assert 0 < calibration.threshold < 1
    fresh, fresh_asked, fresh_labels = _rows(200, seed=2)
    probabilities = calibration.probabilities([fresh])
    assert probabilities.shape == (200, 17) and ((probabilities >= 0) & (probabilities <= 1)).all()
    said = probabilities[np.arange(200), fresh_asked - 1] >= calibration.threshold
    assert macro_accuracy(said, fresh_asked, fresh_labels) > 95


def test_relative_features_see_the_rank_of_each_goal() -> None:
    features = relative_features([np.array([[0.1, 0.5, 0.3] + [0.0] * 14])])
    assert features.shape == (1, 17, 4)
    best, second = features[0, 1], features[0, 2]
    assert best[1] == 0 and best[2] == 1 and best[3] == 0
    assert (
        second[1] == pytest.approx(-0.2)
        and second[2] == 0
        and second[3] == pytest.approx(np.log(2))
    )


def test_both_modes_ship_a_calibration_fitted_on_the_dev_split() -> None:
    for mode, measures in (("fast", 1), ("accurate", 3)):
        calibration = load_calibration(mode)
        assert len(calibration.means) == measures and len(calibration.coef) == 4 * measures
        assert "development split" in calibration.provenance["fitted_on"]
        assert calibration.provenance["rows"] == 313
    with pytest.raises(CalibrationMissing):
        load_calibration("telepathic")
    with pytest.raises(ValueError, match="expects 3"):
        load_calibration("accurate").probabilities([np.zeros((1, 17))])
