"""What a classifier returns for one text; ``as_line`` is the public line format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """The sentence of the text and the taxon text it matched."""

    sentence: str
    matched: str
    taxon: str


@dataclass(frozen=True)
class TargetSuggestion:
    code: str
    score: float


@dataclass(frozen=True)
class GoalSuggestion:
    goal: int
    score: float
    targets: tuple[TargetSuggestion, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True)
class LineSuggestion:
    code: str
    score: float
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Classification:
    id: str
    sdgs: tuple[GoalSuggestion, ...]
    wsis: tuple[LineSuggestion, ...]
    classifier: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_line(self) -> dict[str, Any]:
        """The public line format: ``{"id", "sdgs": [{"goal", "score", "targets", "evidence"}],
        "wsis": [{"code", "score", "evidence"}]}``, scores rounded to 4 places."""

        def evidence(e: Evidence | None) -> dict[str, str] | None:
            return (
                None
                if e is None
                else {"sentence": e.sentence, "matched": e.matched, "taxon": e.taxon}
            )

        return {
            "id": self.id,
            "sdgs": [
                {
                    "goal": g.goal,
                    "score": round(g.score, 4),
                    "targets": [{"code": t.code, "score": round(t.score, 4)} for t in g.targets],
                    "evidence": evidence(g.evidence),
                }
                for g in self.sdgs
            ],
            "wsis": [
                {"code": w.code, "score": round(w.score, 4), "evidence": evidence(w.evidence)}
                for w in self.wsis
            ],
        }
