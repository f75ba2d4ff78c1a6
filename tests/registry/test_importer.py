"""Import is validated, atomic and idempotent, on every backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput
from liaison.model import AuditEntry, Event, Initiative, Record, Role, Tag
from liaison.registry import dump, exporter
from liaison.registry.importer import import_paths
from liaison.storage.database import Database

GOOD = """\
events:
  - id: test-summit-2017
    name: Test Summit on Digital Cooperation
    short_name: Test Summit
    kind: summit
    date: 2017-06-06/2017-06-09
    place: Geneva, Switzerland
    organizers: [itu]
    participants:
      - {org: itu, role: co-organizer, contribution: chaired a panel}
      - {org: unesco}
    tags: [sdg:9, wsis:C2]
initiatives:
  - id: test-partnership
    name: Test Partnership for Connectivity
    kind: partnership
    period: 2016/
    status: active
    partners:
      - {org: itu, role: lead}
      - {org: unesco, role: partner}
    sources: [{note: written for the tests}]
roles:
  - {holder: itu, role: chair, body: unesco, period: 2015/2017}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(database: Database) -> tuple[str, int]:
    """Everything the registry holds, plus how many audit entries it has."""
    with database.session() as session:
        data = dump.text(session, "json")
        audits = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return data, audits


def test_import_creates_records_with_partial_dates(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    with database.session() as session:
        result = import_paths(session, [path])
    assert result.created == {"events": 1, "initiatives": 1, "roles": 1}
    with database.session() as session:
        event = session.get(Event, "test-summit-2017")
        assert event is not None
        assert (event.starts, event.ends, str(event.earliest)) == (
            "2017-06-06",
            "2017-06-09",
            "2017-06-06",
        )
        role = session.get(Role, "itu.chair.unesco.2015")
        assert role is not None and str(role.dates) == "2015/2017"
        initiative = session.get(Initiative, "test-partnership")
        assert initiative is not None and initiative.latest is None
        tags = session.scalars(select(Tag.taxon_id).where(Tag.record_id == event.id)).all()
        assert sorted(tags) == ["sdg:9", "wsis:C2"]
        assert event.origin == f"{path}:2"


def test_reimporting_the_same_file_changes_nothing(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    with database.session() as session:
        import_paths(session, [path])
    before = snapshot(database)
    with database.session() as session:
        result = import_paths(session, [path])
    assert not result.changed and sum(result.unchanged.values()) == 3
    assert snapshot(database) == before


def test_changed_file_updates_and_audits_from_and_to(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        import_paths(session, [write(tmp_path, "a.yaml", GOOD)])
    changed = GOOD.replace("place: Geneva, Switzerland", "place: New York")
    with database.session(actor="tester") as session:
        result = import_paths(session, [write(tmp_path, "b.yaml", changed)])
    assert result.updated == {"events": 1}
    with database.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.actor == "tester", AuditEntry.action == "update")
        ).one()
        assert entry.record_id == "test-summit-2017"
        assert entry.changes == {"place": ["Geneva, Switzerland", "New York"]}


BAD_FILES = {
    "bad-vocabulary.yaml": (GOOD.replace("kind: summit", "kind: party"), "kind", 5),
    "bad-date.yaml": (GOOD.replace("2017-06-06/2017-06-09", "June 2017"), "date", 6),
    "bad-reference.yaml": (
        GOOD.replace("{org: unesco}", "{org: nowhere}"),
        "participants[1].org",
        11,
    ),
    "bad-taxon.yaml": (GOOD.replace("wsis:C2", "wsis:C99"), "tags[1]", 12),
    "bad-field.yaml": (GOOD.replace("status: active", "state: active"), "state", 18),
    "bad-id.yaml": (GOOD.replace("id: test-partnership", "id: Test Partnership"), "id", 14),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_refused_naming_file_record_field_and_line(
    database: Database, tmp_path: Path, name: str
) -> None:
    text, field, line = BAD_FILES[name]
    with database.session() as session:
        import_paths(session, [write(tmp_path, "good.yaml", GOOD.replace("test-", "keep-"))])
    before = snapshot(database)
    path = write(tmp_path, name, text)
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_paths(session, [path])
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    assert problem.record is not None and "[" in problem.record
    assert problem.field == field
    assert problem.line == line
    assert str(path) in caught.value.message
    assert snapshot(database) == before


def test_one_bad_file_among_good_ones_changes_nothing(database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder, "a-good.yaml", GOOD)
    write(folder, "b-bad.yaml", "events:\n  - {id: x, name: X, kind: summit, date: soon}\n")
    before = snapshot(database)
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_paths(session, [folder])
    assert "b-bad.yaml" in caught.value.message
    assert snapshot(database) == before


def test_duplicate_ids_kind_clashes_and_cycles_are_refused(
    database: Database, tmp_path: Path
) -> None:
    text = """\
organizations:
  - {id: org-a, name: A, kind: network, parent: org-b}
  - {id: org-b, name: B, kind: network, parent: org-a}
  - {id: org-b, name: B again, kind: network}
events:
  - {id: itu, name: Not ITU, kind: meeting, date: "2017"}
"""
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_paths(session, [write(tmp_path, "clash.yaml", text)])
    message = caught.value.message
    assert "the id 'org-b' is also used at" in message
    assert "the id 'itu' already belongs to a organization" in message
    assert "parents form a cycle" in message


def test_json_and_csv_files_import_like_yaml(database: Database, tmp_path: Path) -> None:
    json_path = write(
        tmp_path,
        "records.json",
        json.dumps({"activities": [{"id": "act-1", "org": "itu", "text": "Did a thing."}]}),
    )
    csv_path = write(
        tmp_path,
        "organizations.csv",
        'id,name,kind,aliases\ntest-net,Test Network,network,"[""TN"", ""T-Net""]"\n',
    )
    with database.session() as session:
        result = import_paths(session, [json_path, csv_path])
    assert result.created == {"activities": 1, "organizations": 1}
    with database.session() as session:
        assert session.get(Record, "test-net") is not None


def test_csv_file_must_be_named_after_its_kind(database: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="named after the kind"), database.session() as s:
        import_paths(s, [write(tmp_path, "stuff.csv", "id,name\nx,y\n")])


def test_missing_path_and_empty_folder_are_reported(database: Database, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_paths(session, [tmp_path / "nope.yaml", tmp_path / "empty"])
    assert "no such file" in caught.value.message
    assert "no .yaml" in caught.value.message


def test_rolled_back_session_sees_its_own_import(session: Session, tmp_path: Path) -> None:
    import_paths(session, [write(tmp_path, "good.yaml", GOOD)])
    assert session.get(Event, "test-summit-2017") is not None


def test_progress_is_reported_up_to_the_total(database: Database, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    with database.session() as session:
        import_paths(
            session,
            [write(tmp_path, "good.yaml", GOOD)],
            progress=lambda done, total: calls.append((done, total)),
        )
    # Told after each batch of records written, rising to all of them; files are read as they
    # come, so the total is not known (0).
    assert calls[-1] == (3, 0)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


FEWER = """\
events:
  - id: test-summit-2017
    name: Test Summit on Digital Cooperation
    kind: summit
    date: 2017-06-06/2017-06-09
    participants:
      - {org: unesco, contribution: spoke on open science}
"""


def _event(database: Database) -> dict[str, object]:
    with database.session() as session:
        plain = exporter.plain(exporter.dataset(session, ids=["test-summit-2017"]))
    return plain["events"][0]


def test_a_reimport_with_fewer_fields_merges_and_removes_nothing(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        import_paths(session, [write(tmp_path, "a.yaml", GOOD)])
    with database.session(actor="merger") as session:
        result = import_paths(session, [write(tmp_path, "b.yaml", FEWER)])
    assert result.updated == {"events": 1}
    event = _event(database)
    # Left out: kept. Said again with more: replaced in place. Nothing removed.
    assert event["place"] == "Geneva, Switzerland" and event["short_name"] == "Test Summit"
    assert event["tags"] == ["sdg:9", "wsis:C2"] and event["organizers"] == ["itu"]
    assert event["participants"] == [
        {"org": "itu", "role": "co-organizer", "contribution": "chaired a panel"},
        {"org": "unesco", "contribution": "spoke on open science"},
    ]
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.actor == "merger")).one()
    assert entry.changes["participations"] == {
        "added": [{"organization_id": "unesco", "role": "participant",
                   "contribution": "spoke on open science"}],
        "removed": [{"organization_id": "unesco", "role": "participant"}],
    }  # fmt: skip


def test_replace_makes_the_record_what_the_file_says(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        import_paths(session, [write(tmp_path, "a.yaml", GOOD)])
        session.add(Tag(record_id="test-summit-2017", taxon_id="sdg:4", state="suggested",
                        score=0.8, suggested_by="liaison-lexical 2"))  # fmt: skip
    with database.session() as session:
        result = import_paths(session, [write(tmp_path, "b.yaml", FEWER)], replace=True)
    assert result.updated == {"events": 1}
    event = _event(database)
    assert "place" not in event and "organizers" not in event
    assert event["participants"] == [{"org": "unesco", "contribution": "spoke on open science"}]
    # A classifier's suggestion the file does not mention is kept; the people's tags are not.
    assert event["tags"] == [
        {"taxon": "sdg:4", "state": "suggested", "score": 0.8, "suggested_by": "liaison-lexical 2"}
    ]
    with database.session() as session:
        again = import_paths(session, [write(tmp_path, "b.yaml", FEWER)], replace=True)
    assert not again.changed


def test_an_import_keeps_the_search_index_and_version_current(
    database: Database, tmp_path: Path
) -> None:
    from liaison.services.search import search

    with database.session() as session:
        import_paths(session, [write(tmp_path, "a.yaml", GOOD)])
    changed = GOOD.replace("Test Summit on Digital Cooperation", "Test Summit on Quantum Links")
    with database.session() as session:
        import_paths(session, [write(tmp_path, "b.yaml", changed)])
    with database.session() as session:
        assert [h.id for h in search(session, "quantum").hits] == ["test-summit-2017"]
        assert not search(session, "digital cooperation").hits
        event = session.get(Event, "test-summit-2017")
        assert event is not None and event.version == 2
