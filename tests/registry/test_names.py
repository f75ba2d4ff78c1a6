"""Names over time: an organization keeps its earlier names, each with its period, as one
record; every output names it as it was named at the time it speaks of."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput
from liaison.registry.exporter import dataset, plain
from liaison.registry.importer import import_paths
from liaison.registry.names import names_on
from liaison.services.records import get_record
from liaison.services.search import search

RENAMED = """
organizations:
  - id: renamed-network
    name: Digital Things Network
    acronym: DTHN
    kind: network
    names:
      - {name: Computing Network, acronym: CN, period: "/2018-09", note: "its first name"}
      - {name: Digital Things Network, acronym: DTHN, period: "2018-10/"}
      - {name: Things Brand, kind: brand, period: "2016/2019"}
"""


@pytest.fixture
def renamed(session: Session, tmp_path: Path) -> Session:
    path = tmp_path / "renamed.yaml"
    path.write_text(RENAMED, "utf-8")
    import_paths(session, [path])
    session.commit()
    return session


def test_the_name_in_use_on_a_day(renamed: Session) -> None:
    assert names_on(renamed, date(2018, 4, 30))["renamed-network"] == ("Computing Network", "CN")
    assert names_on(renamed, date(2018, 10, 1))["renamed-network"] == (
        "Digital Things Network",
        "DTHN",
    )
    # A brand name is not the body's name; bodies without dated names keep their own.
    assert names_on(renamed, date(2017, 1, 1))["renamed-network"][0] == "Computing Network"
    assert names_on(renamed, date(2017, 1, 1))["itu"] == (
        "International Telecommunication Union",
        "ITU",
    )


def test_names_round_trip_and_show(renamed: Session) -> None:
    exported = plain(dataset(renamed, ["renamed-network"], kinds=["organizations"]))
    names = exported["organizations"][0]["names"]
    assert names == yaml.safe_load(RENAMED)["organizations"][0]["names"]
    shown = get_record(renamed, "renamed-network")
    assert shown.data["names"][1]["period"] == "2018-10/"


def test_search_finds_a_body_by_an_earlier_name(renamed: Session) -> None:
    assert [h.id for h in search(renamed, "computing network").hits] == ["renamed-network"]
    assert [h.id for h in search(renamed, "things brand").hits] == ["renamed-network"]


def test_the_reference_data_records_the_renames_the_seed_needs(session: Session) -> None:
    on = names_on(session, date(2018, 4, 30))
    assert on["unsdg"] == ("United Nations Development Group", "UNDG")
    assert on["ict-network"][1] == "ICT Network"
    assert on["gwg-big-data"][1] == "GWG"
    later = names_on(session, date(2019, 6, 1))
    assert later["unsdg"][1] == "UNSDG" and later["ict-network"][1] == "DTN"
    assert later["undrr"][1] == "UNDRR" and on["undrr"][1] == "UNISDR"


def test_a_bad_name_is_refused_with_its_line(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RENAMED.replace("kind: brand", "kind: nickname"), "utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_paths(session, [path])
    problem = caught.value.problems[0]
    assert problem.field == "names[2].kind" and problem.line == 10
