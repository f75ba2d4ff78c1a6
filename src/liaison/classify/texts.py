"""The texts a text is compared with, and how a text is cut into sentences.

The comparison texts are every goal, target and indicator text of the SDG framework, each phrase
of Liaison's own glossary of the goals (``data/sdg_glossary.yaml``), and every WSIS Action Line
text, all from data shipped in the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from liaison.reference import load_scheme

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Doc:
    """One comparison text and what a match with it counts for."""

    taxon: str  # sdg:9.c, sdg:9 (a glossary phrase) or wsis:C2
    group: str  # the goal ("9") or the action line ("C2") it counts for
    target: str | None  # the target ("9.c") an SDG text belongs to
    text: str

    @property
    def is_sdg(self) -> bool:
        return self.taxon.startswith("sdg:")


def _glossary() -> dict[int, list[str]]:
    path = resources.files("liaison.classify") / "data" / "sdg_glossary.yaml"
    goals = yaml.safe_load(path.read_text(encoding="utf-8"))["goals"]
    return {int(goal): list(phrases) for goal, phrases in goals.items()}


@cache
def documents() -> tuple[Doc, ...]:
    docs: list[Doc] = []
    for taxon in load_scheme("sdg"):
        goal = taxon.code.split(".")[0]
        target = ".".join(taxon.code.split(".")[:2]) if "." in taxon.code else None
        text = f"{taxon.label}. {taxon.text}" if taxon.label else taxon.text
        docs.append(Doc(taxon.id, goal, target, text))
    for number, phrases in sorted(_glossary().items()):
        docs += [Doc(f"sdg:{number}", str(number), None, phrase) for phrase in phrases]
    for taxon in load_scheme("wsis"):
        text = f"{taxon.label}. {taxon.text}" if taxon.label else taxon.text
        docs.append(Doc(taxon.id, taxon.code, None, text))
    return tuple(docs)


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of a text; the text itself when it has no break."""
    parts = [p.strip() for p in _SENTENCE.split(text) if p and p.strip()]
    return [p for p in parts if len(p) > 2] or ([text.strip()] if text.strip() else [])
