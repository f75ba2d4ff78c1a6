"""The demo dataset holds every fact of the seed report, and an export shows them all.

Two checks: the checklist in ``seed_facts.yaml`` (record by record), and, when the shared seed
report is present, the seed's own lists of events (section 4) and networks (section 5.3) parsed
from its text and looked up in the export.
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from liaison.registry import exporter
from liaison.storage.database import Database

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1].parent / "shared" / "seed" / "000_f18562a23ebae53b.txt"
FACTS = yaml.safe_load((HERE / "seed_facts.yaml").read_text("utf-8"))
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


@pytest.fixture
def export(demo_database: Database) -> dict[str, dict[str, dict[str, Any]]]:
    """The demo database exported as JSON and read back: kind → id → record."""
    with demo_database.session() as session:
        plain = exporter.plain(exporter.dataset(session))
    return {kind: {r["id"]: r for r in records} for kind, records in plain.items()}


def normal(name: str) -> str:
    name = re.sub(r"\([^()]*\)", "", re.sub(r"\([^()]*\([^()]*\)[^()]*\)", "", name))
    return re.sub(r"[\s\-\u2013]+", " ", name).strip().lower()


def names_of(org: dict[str, Any]) -> set[str]:
    return {normal(n) for n in [org["name"], org.get("acronym") or "", *org.get("aliases", [])]}


def roles_of(export: dict[str, dict[str, dict[str, Any]]], body: str) -> set[str]:
    return {
        r["role"] for r in export["roles"].values() if r["holder"] == "itu" and r["body"] == body
    }


def test_checklist_events_with_their_months(export: dict[str, Any]) -> None:
    for fact in FACTS["events"]:
        event = export["events"][fact["id"]]
        assert normal(fact["name"]) in {normal(event["name"]), normal(event.get("short_name", ""))}
        assert event["date"].startswith(fact["month"]), fact
        assert event.get("session_of") == fact.get("session_of"), fact


def test_checklist_bodies_mechanisms_and_networks(export: dict[str, Any]) -> None:
    for fact in FACTS["bodies_followed"]:
        assert "observer" in roles_of(export, fact["body"]), fact
    for fact in FACTS["mechanisms"]:
        assert fact["role"] in roles_of(export, fact["body"]), fact
    for fact in FACTS["networks"]:
        network = export["organizations"][fact["body"]]
        assert network["category"] == fact["category"], fact
        assert normal(fact["seed_name"]) in names_of(network), fact
        assert fact["role"] in roles_of(export, fact["body"]), fact
        if "chair" in fact:
            assert export["roles"][fact["chair"]["id"]]["period"] == fact["chair"]["period"]
    categories = [f["category"] for f in FACTS["networks"]]
    assert (categories.count("management"), categories.count("thematic")) == (14, 16)


def test_checklist_initiatives_partners_and_leads(export: dict[str, Any]) -> None:
    for fact in FACTS["initiatives"]:
        initiative = export["initiatives"][fact["id"]]
        partners = initiative.get("partners", [])
        assert {p["org"] for p in partners} >= set(fact["partners"]), fact["id"]
        leads = {p["org"] for p in partners if p.get("role", "partner") in ("lead", "co-lead")}
        assert leads >= set(fact["leads"]), fact["id"]
        coordinators = {p["org"] for p in partners if p.get("role") == "coordinator"}
        assert coordinators >= set(fact.get("coordinators", [])), fact["id"]


def test_checklist_documents_including_the_series(export: dict[str, Any]) -> None:
    symbols = {d.get("symbol"): d for d in export["documents"].values()}
    for fact in FACTS["documents"]:
        assert symbols[fact["symbol"]]["kind"] == fact["kind"], fact


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed report is not beside the repo")
def test_every_event_of_section_4_with_its_months(export: dict[str, Any]) -> None:
    text = SEED.read_text("utf-8")
    paragraph = next(line for line in text.splitlines() if line.startswith("4.1"))
    found = re.findall(r"([^;,:()]+?) \(([A-Za-z ,]+\d{4})\)", paragraph)
    assert len(found) == 12
    events = list(export["events"].values())
    for name, when in found:
        name = re.sub(r"^(and the|and) ", "", name.strip())
        year = when[-4:]
        months = {MONTHS[m] for m in re.findall(r"[A-Z][a-z]+", when)}
        matching = [
            e
            for e in events
            if normal(name) in {normal(e["name"]), normal(e.get("short_name", ""))}
        ]
        got = {int(e["date"][5:7]) for e in matching if e["date"].startswith(year)}
        assert got == months, (name, when, [e["id"] for e in matching])
        for event in matching:
            assert "itu" in {p["org"] for p in event.get("participants", [])}, event["id"]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed report is not beside the repo")
def test_every_network_of_section_5_3_in_its_column(export: dict[str, Any]) -> None:
    text = SEED.read_text("utf-8")
    section = text[text.index("5.3\t") : text.index("6.\t")]
    bullets = [
        line.strip()[1:].strip() for line in section.splitlines() if line.strip().startswith("·")
    ]
    assert len(bullets) == 30
    organizations = list(export["organizations"].values())
    for position, bullet in enumerate(bullets):
        category = "management" if position < 14 else "thematic"
        matching = [o for o in organizations if normal(bullet) in names_of(o)]
        assert len(matching) == 1, bullet
        assert matching[0]["category"] == category, bullet
        assert roles_of(export, matching[0]["id"]), bullet
