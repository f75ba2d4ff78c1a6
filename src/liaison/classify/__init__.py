"""Suggesting SDG goals and targets and WSIS Action Lines for a text, with the evidence.

The classifier writes suggestions, never final tags: a person (or an explicit ``--accept``)
promotes them. See :mod:`liaison.classify.lexical` for the fast mode.
"""

from liaison.classify.result import Classification, GoalSuggestion, LineSuggestion

__all__ = ["Classification", "GoalSuggestion", "LineSuggestion"]
