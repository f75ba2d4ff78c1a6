"""The Popolo JSON export, on the demo data of both backends, checked against the JSON Schema
written from the Popolo specification (tests/exports/popolo.schema.json)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from liaison.exports.popolo import popolo, post_id
from liaison.model import Event, Role
from liaison.registry.importer import import_paths
from liaison.storage.database import Database

SCHEMA = json.loads(Path(__file__).with_name("popolo.schema.json").read_text("utf-8"))

RENAMED = """
organizations:
  - id: renamed-body
    name: Digital Things Network
    acronym: DTHN
    kind: network
    parent: hlcm
    retired: "2021-06"
    names:
      - {name: Computing Network, acronym: CN, period: "/2018-09", note: "its first name"}
      - {name: Digital Things Network, acronym: DTHN, period: "2018-10/"}
roles:
  - id: itu.co-chair.renamed-body.2017-03
    holder: itu
    role: co-chair
    body: renamed-body
    period: "2017-03/2018-10-15"
"""

Document = dict[str, Any]


def validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(SCHEMA, validate_formats=True)


def errors(document: Document) -> list[str]:
    return [str(error) for error in validator().iter_errors(document)]


def export(database: Database) -> Document:
    with database.session() as session:
        return popolo(session)


def by_id(items: list[Document]) -> dict[str, Document]:
    found = {item["id"]: item for item in items}
    assert len(found) == len(items), "ids repeat"
    return found


def names_of(organization: Document) -> set[str]:
    return {organization["name"], *(n["name"] for n in organization.get("other_names", []))}


@pytest.fixture
def renamed(session: Session, tmp_path: Path) -> Session:
    path = tmp_path / "renamed.yaml"
    path.write_text(RENAMED, "utf-8")
    import_paths(session, [path])
    session.flush()
    return session


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema_rs.meta.is_valid(SCHEMA)


def test_the_demo_export_validates_and_is_plain_json(demo_database: Database) -> None:
    document = export(demo_database)
    assert errors(document) == []
    assert json.loads(json.dumps(document)) == document
    assert list(document) == ["organizations", "memberships", "posts", "events"]
    for items in document.values():
        assert [item["id"] for item in items] == sorted(item["id"] for item in items)
    assert export(demo_database) == document  # the same records give the same document


def test_every_role_is_one_membership(demo_database: Database) -> None:
    document = export(demo_database)
    with demo_database.session() as session:
        roles = {role.id: role for role in session.scalars(select(Role))}
    assert len(roles) == 45
    memberships = by_id(document["memberships"])
    assert set(memberships) == set(roles)
    organizations = by_id(document["organizations"])
    posts = by_id(document["posts"])
    for role_id, role in roles.items():
        membership = memberships[role_id]
        assert membership["member"] == {"@type": "Organization", "id": role.holder_id}
        assert membership["organization_id"] == role.body_id
        assert membership["role"] == role.role
        assert {role.holder_id, role.body_id} <= set(organizations)
        if "post_id" in membership:
            post = posts[membership["post_id"]]
            assert (post["organization_id"], post["role"]) == (role.body_id, role.role)
    # Only positional roles are posts: the two chairs of the demo; "lead" and "member" are not.
    assert sorted(posts) == ["ict-network/chair", "unissig/chair"]
    assert posts["ict-network/chair"]["label"] == "Chair, Digital & Technology Network"
    assert "post_id" not in memberships["itu.lead.hlcp"]
    assert {m["post_id"] for m in memberships.values() if "post_id" in m} == set(posts)


def test_dates_keep_their_precision(demo_database: Database) -> None:
    document = export(demo_database)
    chair = by_id(document["memberships"])["itu.chair.ict-network.2015"]
    assert (chair["start_date"], chair["end_date"]) == ("2015", "2017")
    undated = by_id(document["memberships"])["itu.observer.unga"]
    assert "start_date" not in undated and "end_date" not in undated
    events = by_id(document["events"])
    assert (events["wha70"]["start_date"], events["wha70"]["end_date"]) == ("2017-05", "2017-05")
    iot = events["iot-week-2017"]
    assert (iot["start_date"], iot["end_date"]) == ("2017-06-06", "2017-06-09")
    with demo_database.session() as session:
        stored = {e.id: (e.starts, e.ends) for e in session.scalars(select(Event))}
    assert {key: (e.get("start_date"), e.get("end_date")) for key, e in events.items()} == stored


def test_events_name_their_body_or_their_only_organizer(demo_database: Database) -> None:
    events = by_id(export(demo_database)["events"])
    assert len(events) == 20
    wha = events["wha70"]
    assert (wha["organization_id"], wha["classification"]) == ("wha", "session")
    assert wha["location"]
    assert events["who-ncd-conference-2017"]["organization_id"] == "who"
    # Six organizers: Popolo's one organization_id cannot say it, so it is left out.
    assert "organization_id" not in events["green-standards-week-2018"]


def test_identifiers_are_issued_codes_and_other_classes_stay_classes(
    demo_database: Database,
) -> None:
    organizations = by_id(export(demo_database)["organizations"])
    switzerland = organizations["country-ch"]
    assert switzerland["identifiers"] == [
        {"scheme": "iso3166-alpha2", "identifier": "CH"},
        {"scheme": "iso3166-alpha3", "identifier": "CHE"},
        {"scheme": "iso3166-numeric", "identifier": "756"},
    ]
    assert switzerland["classification"] == "member-state"
    unep = organizations["unep"]
    assert "identifiers" not in unep
    assert {"scheme": "jiu", "classification": "participating"} in unep["liaison_classifications"]
    network = organizations["ict-network"]
    assert network["parent_id"] == "hlcm"
    assert network["liaison_classifications"] == [
        {"scheme": "category", "classification": "management"}
    ]
    assert organizations["itu"]["links"] == [{"url": "https://www.itu.int", "note": "home page"}]


def test_a_renamed_body_keeps_one_id_with_its_dated_names(renamed: Session) -> None:
    document = popolo(renamed)
    assert errors(document) == []
    organizations = document["organizations"]
    for earlier in ("Computing Network", "CN"):
        assert [o["id"] for o in organizations if earlier in names_of(o)] == ["renamed-body"]
    body = by_id(organizations)["renamed-body"]
    assert body["name"] == "Digital Things Network"
    assert body["dissolution_date"] == "2021-06"
    dated = [n for n in body["other_names"] if "start_date" in n or "end_date" in n]
    assert dated == [
        {
            "name": "Computing Network",
            "end_date": "2018-09",
            "note": "official name; its first name",
        },
        {"name": "CN", "end_date": "2018-09", "note": "acronym of the official name"},
        {"name": "Digital Things Network", "start_date": "2018-10", "note": "official name"},
        {"name": "DTHN", "start_date": "2018-10", "note": "acronym of the official name"},
    ]
    assert {"name": "DTHN", "note": "acronym"} in body["other_names"]
    # The co-chair held through the rename is one membership of the one body, dated as written.
    membership = by_id(document["memberships"])["itu.co-chair.renamed-body.2017-03"]
    assert membership["organization_id"] == "renamed-body"
    assert (membership["start_date"], membership["end_date"]) == ("2017-03", "2018-10-15")
    assert membership["post_id"] == post_id("renamed-body", "co-chair")
    assert by_id(document["posts"])[membership["post_id"]]["organization_id"] == "renamed-body"


def test_the_export_reads_each_table_once(demo_database: Database) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(demo_database.engine, "before_cursor_execute", count)
    try:
        export(demo_database)
    finally:
        event.remove(demo_database.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # organizations, aliases, classifications, names, roles, events, organizers, sources.
    assert len(selects) == 8, selects


def _drop(key: str) -> Callable[[Document], None]:
    return lambda document: document.pop(key)


def _edit(kind: str, item_id: str, **changes: Any) -> Callable[[Document], None]:
    def edit(document: Document) -> None:
        item = by_id(document[kind])[item_id]
        for key, value in changes.items():
            if value is None:
                del item[key]
            else:
                item[key] = value

    return edit


BROKEN = {
    "a list missing": _drop("posts"),
    "a membership without its organization": _edit(
        "memberships", "itu.chair.ict-network.2015", organization_id=None
    ),
    "a membership without a member": _edit(
        "memberships", "itu.chair.ict-network.2015", member=None
    ),
    "a member of no known type": _edit(
        "memberships", "itu.chair.ict-network.2015", member={"@type": "Body", "id": "itu"}
    ),
    "a date in words": _edit("memberships", "itu.chair.ict-network.2015", start_date="May 2015"),
    "a thirteenth month": _edit("events", "wha70", start_date="2017-13"),
    "a time on a membership": _edit(
        "memberships", "itu.chair.ict-network.2015", end_date="2017-12-31T00:00Z"
    ),
    "a term Popolo does not have": _edit("memberships", "itu.chair.ict-network.2015", start="2015"),
    "an organization without a name": _edit("organizations", "itu", name=None),
    "an other name without its name": _edit(
        "organizations", "ict-network", other_names=[{"note": "acronym"}]
    ),
    "a link that is no address": _edit("organizations", "itu", links=[{"url": "not an address"}]),
    "an identifier as a bare string": _edit("organizations", "country-ch", identifiers=["CH"]),
    "a post without its role": _edit("posts", "ict-network/chair", role=None),
    "an event without a name": _edit("events", "wha70", name=None),
}


@pytest.fixture
def demo_document(demo_database: Database) -> Document:
    return export(demo_database)


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_a_broken_document_fails_the_schema(demo_document: Document, breakage: str) -> None:
    broken = copy.deepcopy(demo_document)
    BROKEN[breakage](broken)
    assert errors(broken), f"the schema let through {breakage}"
