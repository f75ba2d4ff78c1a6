"""The shipped UN system entities and member states are complete, consistent and well-formed."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "liaison" / "reference" / "data"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ORGANIZATION_FIELDS = {
    "id",
    "name",
    "acronym",
    "kind",
    "parent",
    "aliases",
    "category",
    "classifications",
    "url",
    "description",
    "tags",
    "sources",
    "names",
}

# The networks of the seed report's section 5.3, in its order, with the column it puts them in.
SEED_NETWORKS: tuple[tuple[str, str], ...] = (
    ("ceb-task-force-sexual-harassment", "management"),
    ("enmo", "management"),
    ("human-resources-network", "management"),
    ("finance-and-budget-network", "management"),
    ("procurement-network", "management"),
    ("legal-network", "management"),
    ("iasmn", "management"),
    ("un-strategic-planning-network", "management"),
    ("ict-network", "management"),
    ("unissig", "management"),
    ("uncg", "management"),
    ("un-governing-bodies-secretariat-group", "management"),
    ("un-ris", "management"),
    ("iamladp", "management"),
    ("ecesa", "thematic"),
    ("ianwge", "thematic"),
    ("ianyd", "thematic"),
    ("iasg-crpd", "thematic"),
    ("iacg-ldcs-sids", "thematic"),
    ("iatf-africa", "thematic"),
    ("iatt-technology-bank", "thematic"),
    ("iatt-stis", "thematic"),
    ("iatf-ffd", "thematic"),
    ("un-space", "thematic"),
    ("uniatf-ncds", "thematic"),
    ("iasc-emergency-telecommunications", "thematic"),
    ("emg", "thematic"),
    ("iaeg-sdgs", "thematic"),
    ("gwg-big-data", "thematic"),
    ("iaeg-gs", "thematic"),
)

CEB_MEMBERS = {
    "un", "ilo", "fao", "unesco", "icao", "who", "wbg", "imf", "upu", "itu", "wmo", "imo",
    "wipo", "ifad", "unido", "unwto", "iaea", "wto", "iom", "unctad", "undp", "unep", "unfpa",
    "unhcr", "unicef", "unodc", "unops", "unrwa", "un-habitat", "un-women", "wfp",
}  # fmt: skip

JIU_PARTICIPATING = {
    "un", "unaids", "unctad", "itc", "undp", "unep", "unfpa", "un-habitat", "unhcr", "unicef",
    "unodc", "unops", "unrwa", "un-women", "wfp", "fao", "iaea", "icao", "ilo", "imo", "itu",
    "unesco", "unido", "unwto", "upu", "who", "wipo", "wmo",
}  # fmt: skip

# Bodies named in the seed report's sections 3 (governance) and 4 (summits and conferences).
SEED_GOVERNANCE_BODIES = {
    "unga", "ecosoc", "cstd", "csw", "csd", "statistical-commission", "icsc", "unido-gc",
    "broadband-commission", "hlpf", "copuos", "copuos-stsc", "copuos-lsc", "unidir", "undrr",
    "wha", "ilc", "who", "unfccc", "unfccc-cop", "unea", "igf", "unsd", "itu-council",
}  # fmt: skip

# Everything else the seed report names: mechanisms (5.1-5.2), partners (2, 6) and ITU's units.
SEED_OTHER_BODIES = {
    "ceb", "hlcm", "hlcp", "unsdg", "itu", "itu-gs", "itu-un-liaison-office", "itu-isc-tf", "jiu",
    "fao", "ilo", "itc", "unep", "unesco", "unido", "unicef", "unu", "un-women", "wbg", "wef",
    "gsma", "gesi", "global-compact", "global-pulse", "ohchr", "unctad", "undesa", "undp",
    "unece", "un-habitat", "unodc", "un-ohrlls", "unoosa", "upu", "wipo", "wmo", "wto", "unu-cs",
    "iswa", "cbd", "eclac", "uneca", "unep-fi", "unu-egov", "unesco-ioc", "basel-convention",
    "icao", "imo", "osaa",
}  # fmt: skip

PRINCIPAL_ORGANS = {"unga", "unsc", "ecosoc", "trusteeship-council", "icj", "un-secretariat"}
FUNCTIONAL_COMMISSIONS = {
    "statistical-commission", "cpd", "csocd", "csw", "cnd", "ccpcj", "cstd", "unff",
}  # fmt: skip
REGIONAL_COMMISSIONS = {"uneca", "unece", "eclac", "escap", "escwa"}
NON_MEMBER_CODES = {"PS", "VA", "TW", "EH", "XK", "PR", "GL", "HK"}


def _load(name: str) -> list[dict[str, Any]]:
    document = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    assert set(document) == {"organizations"}, f"{name}: only `organizations` is expected"
    records = document["organizations"]
    assert isinstance(records, list)
    return records


@pytest.fixture(scope="module")
def organizations() -> list[dict[str, Any]]:
    return _load("organizations.yaml")


@pytest.fixture(scope="module")
def countries() -> list[dict[str, Any]]:
    return _load("countries.yaml")


@pytest.fixture(scope="module")
def everything(
    organizations: list[dict[str, Any]], countries: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    return organizations + countries


@pytest.fixture(scope="module")
def by_id(everything: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in everything}


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, dict[str, str]]:
    loaded = yaml.safe_load((DATA / "vocabularies.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_ids_are_well_formed_and_unique(everything: list[dict[str, Any]]) -> None:
    ids = [record.get("id") for record in everything]
    bad = [i for i in ids if not isinstance(i, str) or not ID_RE.match(i)]
    assert bad == []
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    assert duplicates == []


def test_records_use_only_import_format_fields(everything: list[dict[str, Any]]) -> None:
    unknown = {r["id"]: sorted(set(r) - ORGANIZATION_FIELDS) for r in everything}
    assert {k: v for k, v in unknown.items() if v} == {}


def test_dated_names_have_periods_and_cite_their_sources(everything: list[dict[str, Any]]) -> None:
    dated = {r["id"]: r["names"] for r in everything if r.get("names")}
    assert {"ict-network", "unsdg", "gwg-big-data", "unep", "undrr"} <= set(dated)
    for record_id, names in dated.items():
        assert all(n.get("period") for n in names), record_id
        # Each rename cites where it comes from (a name that merely continues may not).
        assert any("https://" in n.get("note", "") or "http://" in n.get("note", "") for n in names)
    assert any(n.get("kind") == "brand" for n in dated["unep"])


def test_text_fields_are_strings(everything: list[dict[str, Any]]) -> None:
    for record in everything:
        assert isinstance(record.get("name"), str) and record["name"].strip(), record["id"]
        for field in ("acronym", "url", "description", "parent", "category"):
            if field in record:
                assert isinstance(record[field], str) and record[field].strip(), (
                    record["id"],
                    field,
                )
        aliases = record.get("aliases", [])
        assert isinstance(aliases, list), record["id"]
        assert all(isinstance(a, str) and a.strip() for a in aliases), record["id"]
        assert len(set(aliases)) == len(aliases), record["id"]
        assert record["name"] not in aliases, record["id"]
        if "acronym" in record:
            assert record["acronym"] not in aliases, record["id"]
        classifications = record.get("classifications", {})
        assert isinstance(classifications, dict), record["id"]
        assert all(isinstance(v, str) for v in classifications.values()), record["id"]


def test_every_organization_has_a_description(organizations: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in organizations if not r.get("description")] == []


def test_urls_are_https(everything: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in everything if "url" in r and not r["url"].startswith("https://")] == []


def test_every_parent_resolves_without_cycles(by_id: dict[str, dict[str, Any]]) -> None:
    dangling = {
        i: r["parent"] for i, r in by_id.items() if "parent" in r and r["parent"] not in by_id
    }
    assert dangling == {}
    for start in by_id:
        seen = {start}
        current = by_id[start].get("parent")
        while current is not None:
            assert current not in seen, f"parent cycle through {start}"
            seen.add(current)
            current = by_id[current].get("parent")


def test_kinds_and_categories_come_from_the_vocabularies(
    everything: list[dict[str, Any]], vocabularies: dict[str, dict[str, str]]
) -> None:
    kinds = set(vocabularies["organization_kind"])
    categories = set(vocabularies["network_category"])
    assert [r["id"] for r in everything if r.get("kind") not in kinds] == []
    assert [
        r["id"] for r in everything if "category" in r and r["category"] not in categories
    ] == []
    assert [r["id"] for r in everything if "category" in r and r["kind"] != "network"] == []


def test_no_acronym_is_shared(everything: list[dict[str, Any]]) -> None:
    acronyms = Counter(r["acronym"].casefold() for r in everything if "acronym" in r)
    assert sorted(a for a, n in acronyms.items() if n > 1) == []


def test_the_ceb_has_31_members(organizations: list[dict[str, Any]]) -> None:
    members = {
        r["id"] for r in organizations if r.get("classifications", {}).get("ceb") == "member"
    }
    assert len(members) == 31
    assert members == CEB_MEMBERS


def test_the_jiu_has_28_participating_organizations(organizations: list[dict[str, Any]]) -> None:
    participating = {
        r["id"] for r in organizations if r.get("classifications", {}).get("jiu") == "participating"
    }
    assert participating == JIU_PARTICIPATING


def test_the_networks_of_the_seed_report_are_present_with_their_category(
    by_id: dict[str, dict[str, Any]],
) -> None:
    assert len(SEED_NETWORKS) == 30
    for network_id, category in SEED_NETWORKS:
        assert network_id in by_id, network_id
        assert by_id[network_id]["kind"] == "network", network_id
        assert by_id[network_id].get("category") == category, network_id
    categories = Counter(category for _, category in SEED_NETWORKS)
    assert categories == {"management": 14, "thematic": 16}
    tagged = [r for r in by_id.values() if "category" in r]
    assert {r["id"] for r in tagged} == {network_id for network_id, _ in SEED_NETWORKS}


@pytest.mark.parametrize(
    ("network_id", "parent"),
    [
        ("human-resources-network", "hlcm"),
        ("finance-and-budget-network", "hlcm"),
        ("procurement-network", "hlcm"),
        ("ict-network", "hlcm"),
        ("iasmn", "hlcm"),
        ("ceb-task-force-sexual-harassment", "ceb"),
        ("iaeg-sdgs", "statistical-commission"),
        ("gwg-big-data", "statistical-commission"),
        ("iaeg-gs", "statistical-commission"),
        ("emg", "unep"),
    ],
)
def test_networks_sit_under_their_mechanism(
    by_id: dict[str, dict[str, Any]], network_id: str, parent: str
) -> None:
    assert by_id[network_id]["parent"] == parent


def test_every_body_the_seed_report_names_is_present(by_id: dict[str, dict[str, Any]]) -> None:
    missing = sorted((SEED_GOVERNANCE_BODIES | SEED_OTHER_BODIES) - set(by_id))
    assert missing == []


@pytest.mark.parametrize(
    ("record_id", "spelling"),
    [
        ("unep", "UN Environment"),
        ("un-habitat", "UN-HABITAT"),
        ("un-women", "UN-Women"),
        ("undrr", "UNISDR"),
        ("unsdg", "UNDG"),
        ("ict-network", "ICT-Network"),
        ("ict-network", "ICT Network"),
        ("undesa", "UNDESA"),
        ("wbg", "World Bank"),
        ("unesco-ioc", "UNESCO-IOC"),
        ("unwto", "UN Tourism"),
    ],
)
def test_the_seed_spellings_resolve_to_one_record(
    everything: list[dict[str, Any]], record_id: str, spelling: str
) -> None:
    holders = [
        r["id"]
        for r in everything
        if spelling in {r["name"], r.get("acronym"), *r.get("aliases", [])}
    ]
    assert holders == [record_id]


def test_principal_organs_and_commissions(by_id: dict[str, dict[str, Any]]) -> None:
    for organ in PRINCIPAL_ORGANS:
        assert by_id[organ]["kind"] == "principal-organ"
        assert by_id[organ]["parent"] == "un"
    for commission in FUNCTIONAL_COMMISSIONS:
        assert by_id[commission]["kind"] == "functional-commission"
        assert by_id[commission]["parent"] == "ecosoc"
        assert by_id[commission]["classifications"]["un-chart"] == "functional-commissions"
    for commission in REGIONAL_COMMISSIONS:
        assert by_id[commission]["kind"] == "regional-commission"
        assert by_id[commission]["parent"] == "ecosoc"
    assert {r["id"] for r in by_id.values() if r["kind"] == "principal-organ"} == PRINCIPAL_ORGANS
    assert {
        r["id"] for r in by_id.values() if r["kind"] == "regional-commission"
    } == REGIONAL_COMMISSIONS


def test_itu_and_its_units(by_id: dict[str, dict[str, Any]]) -> None:
    assert by_id["itu"]["kind"] == "specialized-agency"
    assert by_id["itu-council"]["parent"] == "itu"
    assert by_id["itu-pp"]["parent"] == "itu"
    assert by_id["itu-isc-tf"]["kind"] == "internal-unit"
    assert by_id["itu-un-liaison-office"]["kind"] == "internal-unit"
    assert by_id["broadband-commission"]["kind"] == "partnership"


def test_there_are_193_member_states(countries: list[dict[str, Any]]) -> None:
    assert len(countries) == 193
    assert {r["kind"] for r in countries} == {"member-state"}
    assert [r["id"] for r in countries if "parent" in r] == []


def test_member_state_codes_are_unique_and_match_the_ids(countries: list[dict[str, Any]]) -> None:
    alpha2 = [r["classifications"]["iso3166-alpha2"] for r in countries]
    alpha3 = [r["classifications"]["iso3166-alpha3"] for r in countries]
    numeric = [r["classifications"]["iso3166-numeric"] for r in countries]
    assert len(set(alpha2)) == len(set(alpha3)) == len(set(numeric)) == 193
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in alpha2)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in alpha3)
    assert all(re.fullmatch(r"[0-9]{3}", code) for code in numeric)
    assert [r["id"] for r in countries] == [f"country-{code.lower()}" for code in alpha2]
    assert NON_MEMBER_CODES.isdisjoint(alpha2)


def test_member_states_only_in_countries_file(organizations: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in organizations if r["kind"] == "member-state"] == []
    assert [r["id"] for r in organizations if r["id"].startswith("country-")] == []


@pytest.mark.parametrize(
    ("record_id", "un_name"),
    [
        ("country-tr", "Türkiye"),
        ("country-ci", "Côte d'Ivoire"),
        ("country-us", "United States of America"),
        ("country-gb", "United Kingdom of Great Britain and Northern Ireland"),
        ("country-kr", "Republic of Korea"),
        ("country-cd", "Democratic Republic of the Congo"),
        ("country-bo", "Bolivia (Plurinational State of)"),
        ("country-ch", "Switzerland"),
    ],
)
def test_un_short_names_are_kept(
    by_id: dict[str, dict[str, Any]], record_id: str, un_name: str
) -> None:
    record = by_id[record_id]
    assert un_name in {record["name"], *record.get("aliases", [])}
