"""Terms a report spells out at first use (``data/glossary.yaml``), loaded once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class Term:
    """An abbreviation and its spelled-out form; the plural shares the singular's first use."""

    short: str
    long: str
    plural: str | None = None
    long_plural: str | None = None

    def forms(self) -> dict[str, str]:
        """Each written form → what it stands for."""
        forms = {self.short: self.long}
        if self.plural:
            forms[self.plural] = self.long_plural or self.long
        return forms


@cache
def glossary() -> tuple[Term, ...]:
    text = files("liaison.reference").joinpath("data/glossary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list):
        raise ValueError("glossary.yaml must hold a list of terms")
    loaded = []
    for i, entry in enumerate(terms):
        if not isinstance(entry, dict) or not {"short", "long"} <= set(entry):
            raise ValueError(f"glossary.yaml: terms[{i}] needs a short and a long form")
        unknown = set(entry) - {"short", "long", "plural", "long_plural"}
        if unknown:
            raise ValueError(f"glossary.yaml: terms[{i}] has unknown keys {sorted(unknown)}")
        loaded.append(Term(**{k: str(v) for k, v in entry.items()}))
    return tuple(loaded)
