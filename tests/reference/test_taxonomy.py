"""The shipped taxonomies load, hold what they should, and bad data files are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from liaison.reference import taxonomy
from liaison.reference.taxonomy import (
    SCHEMES,
    Scheme,
    Taxon,
    TaxonLink,
    TaxonomyError,
    all_taxa,
    load_links,
    load_scheme,
    taxon_by_id,
)

C7_APPLICATIONS = (
    "e-government",
    "e-business",
    "e-learning",
    "e-health",
    "e-employment",
    "e-environment",
    "e-agriculture",
    "e-science",
)
INDICATOR_COUNT = 252  # entries in the source list, repeated texts and all


def _levels(scheme: Scheme) -> tuple[list[Taxon], list[Taxon], list[Taxon]]:
    goals = [t for t in scheme if t.parent is None]
    targets = [t for t in scheme if t.code.count(".") == 1]
    indicators = [t for t in scheme if t.code.count(".") == 2]
    return goals, targets, indicators


# --- SDG ----------------------------------------------------------------------------------


def test_sdg_counts() -> None:
    goals, targets, indicators = _levels(load_scheme("sdg"))
    assert [g.code for g in goals] == [str(n) for n in range(1, 18)]
    assert len(targets) == 169
    assert len(indicators) == INDICATOR_COUNT
    assert len(load_scheme("sdg")) == 17 + 169 + INDICATOR_COUNT


def test_sdg_codes_and_parents() -> None:
    sdg = load_scheme("sdg")
    for taxon in sdg:
        assert re.fullmatch(r"\d{1,2}(\.(\d{1,2}|[a-z]))?(\.\d{1,2})?", taxon.code), taxon.code
        if taxon.parent is None:
            assert taxon.label, f"goal {taxon.code} has no short title"
        else:
            assert taxon.code.rsplit(".", 1)[0] == taxon.parent
            assert taxon.label is None
    assert sdg.get("9.c.1") is not None
    assert sdg.get("9.c.1").parent == "9.c"  # type: ignore[union-attr]
    assert sdg.get("9.c").parent == "9"  # type: ignore[union-attr]


def test_sdg_official_order() -> None:
    codes = [t.code for t in load_scheme("sdg").children("1")]
    assert codes == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    order = [t.code for t in load_scheme("sdg")]
    # each target is followed by its own indicators, then the next target
    assert order[order.index("9.c") + 1] == "9.c.1"
    assert order[order.index("9.c.1") + 1] == "10"
    assert order.index("17.19") < order.index("17.19.2")


def test_sdg_known_texts() -> None:
    goal = taxon_by_id("sdg:9")
    assert goal is not None
    assert goal.label == "Industry, innovation and infrastructure"
    assert goal.text == (
        "Build resilient infrastructure, promote inclusive and sustainable industrialization "
        "and foster innovation"
    )
    target = taxon_by_id("sdg:9.c")
    assert target is not None and target.text.startswith("Significantly increase access to")
    indicator = taxon_by_id("sdg:17.8.1")
    assert indicator is not None
    assert indicator.text == "Proportion of individuals using the Internet"
    for taxon in load_scheme("sdg"):
        assert (
            taxon.text == taxon.text.strip() and "  " not in taxon.text and "\n" not in taxon.text
        )


def test_sdg_repeated_indicator_texts_are_kept() -> None:
    # The framework repeats some indicators under several targets, each with its own code.
    texts = [taxon_by_id(f"sdg:{code}") for code in ("1.5.1", "11.5.1", "13.1.1")]
    assert all(t is not None for t in texts)
    assert len({t.text for t in texts if t is not None}) == 1


# --- WSIS ---------------------------------------------------------------------------------


def test_wsis_action_lines() -> None:
    wsis = load_scheme("wsis")
    assert [t.code for t in wsis.children()] == [f"C{n}" for n in range(1, 12)]
    assert wsis.get("C2") is not None
    assert wsis.get("C2").label == "Information and communication infrastructure"  # type: ignore[union-attr]
    assert wsis.get("C9").label == "Media"  # type: ignore[union-attr]
    for taxon in wsis:
        assert taxon.label and len(taxon.text) > 150, taxon.code


def test_wsis_c7_children() -> None:
    wsis = load_scheme("wsis")
    children = wsis.children("C7")
    assert [t.code for t in children] == [f"C7.{app}" for app in C7_APPLICATIONS]
    assert all(t.parent == "C7" and t.parent_id == "wsis:C7" for t in children)
    assert len(wsis) == 11 + 8
    health = taxon_by_id("wsis:C7.e-health")
    assert health is not None and health.label == "E-health"


# --- themes ---------------------------------------------------------------------------------


def test_themes() -> None:
    themes = load_scheme("theme")
    assert themes.name == "Themes"
    for code in ("gender", "digital-skills", "ai", "iot", "e-waste", "climate-change", "youth"):
        assert code in themes, code
    for taxon in themes:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", taxon.code), taxon.code
        assert taxon.parent is None and taxon.label and taxon.text


# --- links and lookups ------------------------------------------------------------------------


def test_every_link_resolves() -> None:
    links = load_links()
    assert links
    assert len(set(links)) == len(links)
    for link in links:
        source, target = taxon_by_id(link.source), taxon_by_id(link.target)
        assert source is not None, link
        assert target is not None, link
        assert source.scheme == "wsis" and target.scheme == "sdg"
    assert TaxonLink("wsis:C7.e-health", "sdg:3") in links


def test_lookups() -> None:
    assert taxon_by_id("sdg:9.c.1") is not None
    assert taxon_by_id("theme:gender") is not None
    assert taxon_by_id("sdg:18") is None
    assert taxon_by_id("nope:9") is None
    assert taxon_by_id("9.c") is None
    assert taxon_by_id("") is None
    assert load_scheme("sdg") is load_scheme("sdg")
    ids = [t.id for t in all_taxa()]
    assert len(ids) == len(set(ids))
    assert len(ids) == sum(len(load_scheme(code)) for code in SCHEMES)
    assert ids[0] == "sdg:1" and ids[-1].startswith("theme:")
    with pytest.raises(TaxonomyError, match="unknown taxonomy scheme"):
        load_scheme("iso3166")


def test_taxon_and_scheme_values() -> None:
    taxon = Taxon(scheme="sdg", code="9.c", text="t", parent="9")
    assert taxon.id == "sdg:9.c" and taxon.parent_id == "sdg:9" and taxon.title == "t"
    assert Taxon(scheme="sdg", code="9", text="t", label="L").title == "L"
    scheme = Scheme(code="x", name="X", source="s", taxa=(taxon,))
    assert scheme.get("9.c") is taxon and scheme.get("9") is None
    assert hash(scheme) == hash(Scheme(code="x", name="X", source="s", taxa=(taxon,)))


# --- broken files ---------------------------------------------------------------------------------

GOOD = """\
scheme: demo
name: Demo
source: tests
taxa:
  - {code: "1", label: One, text: First}
  - {code: "1.a", parent: "1", text: First a}
links:
  - {from: "1.a", to: "sdg:9"}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_good_file(tmp_path: Path) -> None:
    loaded = taxonomy._load_scheme_file(_write(tmp_path, GOOD))
    assert [t.id for t in loaded.scheme] == ["demo:1", "demo:1.a"]
    assert loaded.links == (TaxonLink("demo:1.a", "sdg:9"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('"1.a", parent', '"1", parent'), r"'1': code is used twice"),
        (GOOD.replace('parent: "1"', 'parent: "2"'), r"'1.a': parent '2' does not exist"),
        (GOOD.replace('"1.a", parent: "1"', '"2.a", parent: "1"'), r"'2.a': code must start"),
        (GOOD.replace("text: First a", "label: A"), r"'1.a': missing field\(s\) text"),
        (GOOD.replace("label: One", "colour: red"), r"'1': unknown field\(s\) colour"),
        (GOOD.replace('code: "1", label', "code: 1, label"), r"'code' must be a string"),
        (GOOD.replace("name: Demo\n", ""), r"missing field\(s\) name"),
        (GOOD.replace("text: First}", "text: ''}"), r"'1': 'text' must be a non-empty"),
        (GOOD.replace('from: "1.a"', 'from: "1.b"'), r"'from' '1.b' is not a taxon"),
        (GOOD.replace('to: "sdg:9"', 'to: "9"'), r"must be a taxon id"),
        (GOOD + '  - {from: "1.a", to: "sdg:9"}\n', r"listed twice"),
        ("taxa: [\n", r"not valid YAML"),
        ("- just a list\n", r"must be a mapping"),
    ],
)
def test_broken_file_raises(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TaxonomyError, match=message) as caught:
        taxonomy._load_scheme_file(path)
    assert str(path) in str(caught.value)


def test_link_to_unknown_taxon_raises(tmp_path: Path) -> None:
    sdg = taxonomy._load_builtin("sdg")
    good = taxonomy._load_scheme_file(_write(tmp_path, GOOD))
    assert taxonomy._checked_links([good, sdg]) == (TaxonLink("demo:1.a", "sdg:9"),)
    for target in ("sdg:18", "iso:CH"):
        bad = taxonomy._load_scheme_file(_write(tmp_path, GOOD.replace("sdg:9", target)))
        with pytest.raises(TaxonomyError, match=f"points to unknown taxon '{target}'") as caught:
            taxonomy._checked_links([bad, sdg])
        assert str(tmp_path / "demo.yaml") in str(caught.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot be read"):
        taxonomy._load_scheme_file(tmp_path / "absent.yaml")


def test_taxonomy_error_is_a_value_error() -> None:
    assert issubclass(TaxonomyError, ValueError)
