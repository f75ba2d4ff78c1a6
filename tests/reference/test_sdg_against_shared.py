"""The shipped SDG data equals the shared MIT-licensed reference copy (open-sdg/sdg-translations).

The reference lives outside the repository, beside it in ``shared/reference/sdg``; the test is
skipped where it is absent. Texts are compared after collapsing runs of whitespace to one space.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from liaison.reference.taxonomy import load_scheme

SHARED_SDG = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "sdg"
KEY = re.compile(r"(?P<code>[0-9]+(?:-[0-9a-z]+){0,2})-(?P<field>title|short)")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _reference() -> tuple[dict[str, str], dict[str, str]]:
    """Texts and goal short titles of the reference, by dotted code."""
    if not SHARED_SDG.is_dir():
        pytest.skip(f"shared SDG reference not found at {SHARED_SDG}")
    texts: dict[str, str] = {}
    shorts: dict[str, str] = {}
    for name in ("global_goals.yml", "global_targets.yml", "global_indicators.yml"):
        data = yaml.safe_load((SHARED_SDG / name).read_text(encoding="utf-8"))
        assert isinstance(data, dict), name
        for key, value in data.items():
            match = KEY.fullmatch(str(key))
            assert match is not None, f"{name}: unexpected key {key!r}"
            code = match["code"].replace("-", ".")
            target = texts if match["field"] == "title" else shorts
            assert code not in target, f"{name}: {code} given twice"
            target[code] = _collapse(str(value))
    return texts, shorts


def test_every_reference_code_and_text_matches() -> None:
    texts, shorts = _reference()
    sdg = load_scheme("sdg")
    differences = []
    for code, text in sorted(texts.items()):
        taxon = sdg.get(code)
        if taxon is None:
            differences.append(f"{code}: missing from the project")
        elif _collapse(taxon.text) != text:
            differences.append(f"{code}: text {taxon.text!r} != reference {text!r}")
    for code, short in sorted(shorts.items()):
        taxon = sdg.get(code)
        if taxon is None or taxon.label is None or _collapse(taxon.label) != short:
            label = None if taxon is None else taxon.label
            differences.append(f"{code}: label {label!r} != reference {short!r}")
    assert not differences, "\n".join(differences)


def test_project_has_no_code_the_reference_lacks() -> None:
    texts, shorts = _reference()
    extra = [t.code for t in load_scheme("sdg") if t.code not in texts]
    assert not extra, f"codes not in the reference: {extra}"
    goals = [t.code for t in load_scheme("sdg") if t.parent is None]
    assert sorted(goals, key=int) == sorted(shorts, key=int)


def test_reference_counts() -> None:
    texts, shorts = _reference()
    levels = [code.count(".") for code in texts]
    assert (levels.count(0), levels.count(1), levels.count(2)) == (17, 169, 252)
    assert len(shorts) == 17
