"""Suggesting SDG goals and targets and WSIS Action Lines for a text, with the evidence.

Two modes (:mod:`liaison.classify.modes`): ``accurate`` (:mod:`liaison.classify.neural`,
sentence embeddings) and ``fast`` (:mod:`liaison.classify.lexical`, words only), both calibrated
on the development split of the SDG Classification Benchmark
(:mod:`liaison.classify.calibration`). The classifier writes suggestions, never final tags: a
person (or an explicit ``--accept``) promotes them.
"""

from liaison.classify.result import Classification, GoalSuggestion, LineSuggestion

__all__ = ["Classification", "GoalSuggestion", "LineSuggestion"]
