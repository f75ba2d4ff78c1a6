"""Fit the classifier's calibration on the development split of the SDG benchmark, and only there.

For each mode, Liaison analyses the 313 dev rows' texts (the rows whose id starts with 0, 1, 2
or 3, see :func:`benchmarks.sdg.run.split_of`), fits the logistic calibration of its raw goal
scores against the experts' labels and chooses the default threshold by cross-validation on
those rows (:func:`liaison.classify.calibration.fit`). The held-out rows are never read. The
result is written to ``src/liaison/classify/data/calibration.json``. From the repository root::

    benchmarks/sdg/setup.sh
    benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.calibrate
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import numpy as np

from benchmarks.sdg.run import load_rows, split_of
from liaison.classify.calibration import GOALS, fit
from liaison.classify.lexical import LexicalClassifier
from liaison.classify.neural import NeuralClassifier

OUTPUT = Path(__file__).resolve().parents[2] / "src/liaison/classify/data/calibration.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="fast,accurate", help="comma-separated")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    dev = [row for row in load_rows() if split_of(row.id) == "dev"]
    goals = np.array([row.sdg for row in dev])
    labels = np.array([row.label for row in dev])
    entries = json.loads(args.output.read_text()) if args.output.exists() else {}
    for mode in args.modes.split(","):
        classifier = LexicalClassifier() if mode == "fast" else NeuralClassifier()
        analyses = classifier.analyse([(row.id, row.text) for row in dev])
        measures = max(len(a.raw) for a in analyses)
        matrices = [
            np.stack([a.raw[k] if a.raw else np.zeros(GOALS) for a in analyses])
            for k in range(measures)
        ]
        calibration = fit(mode, matrices, goals, labels)
        entry = calibration.as_json()
        entry["provenance"] |= {
            "classifier": classifier.label,
            "fitted_on": "SDG Classification Benchmark 1.0.0, development split (ids 0-3)",
            "date": date.today().isoformat(),
        }
        entries[mode] = entry
        print(
            f"{mode}: threshold {calibration.threshold}, cross-validated dev macro accuracy "
            f"{calibration.provenance['cross_validated_macro_accuracy']}"
        )
    args.output.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
