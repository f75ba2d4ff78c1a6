"""The closed vocabularies of the domain (``data/vocabularies.yaml``), loaded once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def vocabularies() -> dict[str, dict[str, str]]:
    import yaml  # here, not at import: read once, when a vocabulary is first needed

    text = files("liaison.reference").joinpath("data/vocabularies.yaml").read_text("utf-8")
    loaded = yaml.safe_load(text)
    if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
        raise ValueError("vocabularies.yaml must map each vocabulary to a mapping of codes")
    return {name: {str(k): str(v) for k, v in codes.items()} for name, codes in loaded.items()}


def vocabulary(name: str) -> dict[str, str]:
    """The codes of one vocabulary and their labels."""
    return vocabularies()[name]
