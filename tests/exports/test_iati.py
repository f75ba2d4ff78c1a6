"""The IATI 2.03 activity export, validated against the official schema (from the pyIATI 0.4.1
source distribution that scripts/test-tools.sh unpacks into tests/.cache), plus the IATI rules
the schema cannot check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import select

from liaison.dates import DateRange, PartialDate
from liaison.errors import InvalidRequest
from liaison.exports.iati import ROLE_CODES, START_TYPES, iati_activities, role_code
from liaison.model import Initiative, InitiativePartner, Tag
from liaison.storage.database import Database

SCHEMAS = (
    Path(__file__).resolve().parents[1]
    / ".cache/pyiati/pyIATI-0.4.1/iati/resources/standard/2-03/schemas"
)
DEMO_ACTIVITY = "XM-DAC-41303-global-e-waste-monitor-2017"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMAS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SCHEMAS} is missing: scripts/test-tools.sh fetches it")
        pytest.skip(
            f"the IATI 2.03 schemas are not unpacked ({SCHEMAS}): run scripts/test-tools.sh"
        )
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "iati-activities-schema.xsd")))


def export(database: Database, **narrowed: object) -> bytes:
    with database.session() as session:
        return iati_activities(session, organization="itu", **narrowed)  # type: ignore[arg-type]


def check(data: bytes, schema: etree.XMLSchema) -> etree._Element:
    """The parsed document, once it is valid and keeps the rules the schema cannot check."""
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    schema.assertValid(root)
    assert root.get("version") == "2.03"
    for activity in root.iter("iati-activity"):
        types = {d.get("type") for d in activity.iter("activity-date")}
        assert types & START_TYPES, activity.findtext("iati-identifier")
        assert activity.findall("sector"), activity.findtext("iati-identifier")
        for vocabulary in {s.get("vocabulary") for s in activity.iter("sector")}:
            shares = [float(s.get("percentage", "0")) for s in activity.iter("sector")
                      if s.get("vocabulary") == vocabulary]  # fmt: skip
            assert round(sum(shares), 2) == 100
    return root


def test_demo_export_is_valid(demo_database: Database, schema: etree.XMLSchema) -> None:
    data = export(demo_database)
    root = check(data, schema)
    activities = {a.findtext("iati-identifier"): a for a in root.iter("iati-activity")}
    assert DEMO_ACTIVITY in activities
    activity = activities[DEMO_ACTIVITY]
    assert activity.find("reporting-org").get("ref") == "XM-DAC-41303"
    assert activity.find("reporting-org").get("type") == "40"
    assert activity.find("activity-status").get("code") == "3"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")]
    assert dates == [("2", "2017-01-01"), ("4", "2017-12-31")]  # a year: its first and last day
    sectors = [(s.get("vocabulary"), s.get("code")) for s in activity.iter("sector")]
    assert sorted(sectors) == [("8", "11.6"), ("8", "12.5")]
    tags = {
        (t.get("vocabulary"), t.get("code"), t.get("vocabulary-uri")) for t in activity.iter("tag")
    }
    assert ("3", "12.5", None) in tags and ("3", "11.6", None) in tags
    assert ("99", "C7.e-environment", "urn:liaison:taxonomy:wsis") in tags
    assert ("99", "e-waste", "urn:liaison:taxonomy:theme") in tags
    assert {p.get("role") for p in activity.iter("participating-org")} == {"4"}
    # Initiatives that cannot be valid activities are named, never given invented values.
    comment = next(node for node in root.iterchildren() if isinstance(node, etree._Comment))
    assert "start date" in str(comment.text)
    assert export(demo_database) == data  # the same records give the same bytes


def test_roles_goals_and_dates(demo_database: Database, schema: etree.XMLSchema) -> None:
    """Every partner role, SDG goals beside targets, and a month-only active period."""
    with demo_database.session() as session:
        initiative = session.get(Initiative, "be-healthy-be-mobile")
        assert initiative is not None
        initiative.dates = DateRange(PartialDate(2013, 5), None)
        partners = session.scalars(
            select(InitiativePartner).where(InitiativePartner.initiative_id == initiative.id)
        ).all()
        position = max(p.position for p in partners) + 1
        for offset, (org, role) in enumerate(
            [
                ("undp", "coordinator"),
                ("unicef", "supporter"),
                ("fao", "member"),
                ("ilo", "partner"),
            ]
        ):
            session.add(
                InitiativePartner(
                    initiative_id=initiative.id,
                    organization_id=org,
                    role=role,
                    position=position + offset,
                )
            )
        session.commit()
        goals = {
            t.taxon_id for t in session.scalars(select(Tag).where(Tag.record_id == initiative.id))
        }
        assert "sdg:3" in goals and "sdg:3.4" in goals
    root = check(export(demo_database), schema)
    activity = next(
        a for a in root.iter("iati-activity")
        if a.findtext("iati-identifier") == "XM-DAC-41303-be-healthy-be-mobile"
    )  # fmt: skip
    roles = {p.findtext("narrative"): p.get("role") for p in activity.iter("participating-org")}
    assert set(roles.values()) == {"2", "3", "4"}
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")]
    assert dates == [("2", "2013-05-01")]  # active: actual start, no end recorded
    assert "month" in str(activity.find("activity-date").findtext("narrative"))
    sectors = {
        (s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in activity.iter("sector")
    }
    assert ("7", "3", "100.00") in sectors
    assert {(v, c) for v, c, _ in sectors} >= {("8", "3.4"), ("8", "3.a")}
    tags = {(t.get("vocabulary"), t.get("code")) for t in activity.iter("tag")}
    assert {("2", "3"), ("3", "3.4"), ("3", "3.a"), ("99", "C7.e-health")} <= tags


def test_period_narrows(demo_database: Database, schema: etree.XMLSchema) -> None:
    data = export(demo_database, period=DateRange.parse("2017"))
    root = check(data, schema)
    assert DEMO_ACTIVITY in {a.findtext("iati-identifier") for a in root.iter("iati-activity")}


def test_role_codes() -> None:
    assert ROLE_CODES == {
        "lead": "2", "co-lead": "2", "coordinator": "3",
        "partner": "4", "supporter": "4", "member": "4",
    }  # fmt: skip
    assert role_code("something new") == "4"


def test_reporter_needs_an_iati_identifier(demo_database: Database) -> None:
    with demo_database.session() as session, pytest.raises(InvalidRequest, match="iati"):
        iati_activities(session, organization="unesco")
