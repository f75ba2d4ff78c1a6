"""Stored candidates on a real registry (SQLite and PostgreSQL): kept once, never revived once
rejected, and accepted through the import's validation, merged into the records they match."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.ingest_seed import SEED
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, InvalidRequest
from liaison.ingest.candidates import Candidate, Evidence
from liaison.ingest.review import decide, store, waiting
from liaison.ingest.run import ingest_files
from liaison.model import Initiative, Role, StoredCandidate
from liaison.storage.database import Database


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip("the seed is not here (../shared/seed)")
    return SEED


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_ingesting_again_adds_nothing_and_never_revives_a_rejected_one(
    session: Session, seed: Path
) -> None:
    first = ingest_files(session, [seed], "itu", store=True)
    assert first.added > 80 and first.known == 0
    rejected = waiting(session, kind="event")[0]
    decide(session, "tests", reject=[rejected.id])
    again = ingest_files(session, [seed], "itu", store=True)
    assert (again.added, again.known) == (0, first.added)
    assert session.get(StoredCandidate, rejected.id).state == "rejected"  # type: ignore[union-attr]
    assert _count(session, StoredCandidate) == first.added


def test_accepting_makes_records_that_cite_the_paragraph(session: Session, seed: Path) -> None:
    ingest_files(session, [seed], "itu", store=True)
    done = decide(session, "tests", accept_above=0.5)
    assert done.accepted == _count(session, StoredCandidate)
    assert _count(session, Role) == 45
    chair = session.scalars(select(Role).where(Role.role == "chair", Role.body_id == "unissig"))
    (role,) = chair.all()
    assert role.starts == "2011" and role.ends == "2017"
    stored = session.scalars(select(StoredCandidate).where(StoredCandidate.record_id == role.id))
    assert stored.one().state == "accepted"
    again = decide(session, "tests", accept_above=0.5)
    assert (again.accepted, again.unchanged) == (0, 0)  # nothing waits any more


def test_accepting_merges_into_the_record_it_matches(demo_database: Database, seed: Path) -> None:
    with demo_database.session(actor="tests") as session:
        initiatives = _count(session, Initiative)
        found = ingest_files(session, [seed], "itu").candidates[str(seed)]
        equals = next(c for c in found if c.fields.get("name") == "EQUALS")
        assert equals.matches == ("equals",)
        ingest_files(session, [seed], "itu", store=True)
        decide(session, "tests", accept_above=0.5)
    with demo_database.session() as session:
        assert _count(session, Initiative) == initiatives  # merged, not duplicated
        record = session.get(Initiative, "equals")
        assert record is not None
        from liaison.services.records import get_record

        detail = get_record(session, "equals")
        locators = [s.get("locator") for s in detail.data["sources"]]
        assert "para. 6.2, item 1" in locators


def test_a_candidate_the_import_refuses_writes_nothing(session: Session) -> None:
    bad = Candidate(
        "role",
        {"holder": "itu", "role": "member", "body": "no-such-body"},
        Evidence("para. 1", 0, 4, "text", "text of the paragraph"),
        0.9,
        "roles",
        key="role:itu|member|no-such-body|",
    )
    store(session, "made-up.txt", None, [bad])
    (row,) = waiting(session)
    with pytest.raises(InvalidInput) as refused:
        decide(session, "tests", accept=[row.id])
    assert "no-such-body" in str(refused.value)
    assert _count(session, Role) == 0
    with pytest.raises(InvalidRequest):
        decide(session, "tests", accept=[row.id], reject=[row.id])


def test_a_batch_names_each_bad_file_and_goes_on(
    capsys: pytest.CaptureFixture[str], db_url: str, seed: Path, tmp_path: Path
) -> None:
    from liaison.cli.app import main

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-report.txt").write_text(seed.read_text("utf-8"), "utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "d-corrupt.docx").write_bytes(b"PK\x03\x04 not a real archive")
    (folder / "e-report.md").write_text(seed.read_text("utf-8"), "utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--database", db_url, "ingest", str(folder), "--workers", "2"])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    for bad in ("b-empty.txt", "c-binary.txt", "d-corrupt.docx"):
        assert bad in err
    assert "Traceback" not in err and "from 2 documents" in out
    database = Database(db_url)
    with database.session() as session:
        documents = set(session.scalars(select(StoredCandidate.document)))
    database.dispose()
    assert documents == {"a-report.txt", "e-report.md"}


def test_workers_give_the_same_candidates_in_the_same_order(
    session: Session, seed: Path, tmp_path: Path
) -> None:
    for n in range(4):
        (tmp_path / f"copy-{n}.txt").write_text(seed.read_text("utf-8"), "utf-8")
    one = ingest_files(session, [tmp_path], "itu")
    two = ingest_files(session, [tmp_path], "itu", workers=2)
    assert list(one.candidates) == list(two.candidates)
    assert one.candidates == two.candidates


def test_tags_come_in_as_suggestions_never_accepted(session: Session, seed: Path) -> None:
    from liaison.model import Tag

    ingest_files(session, [seed], "itu", store=True, tags="fast")
    (equals,) = [c for c in waiting(session, kind="initiative") if c.fields["name"] == "EQUALS"]
    assert "sdg:5" in {t["taxon"] for t in equals.fields["tags"]}
    decide(session, "tests", accept=[equals.id])
    tags = session.scalars(select(Tag).where(Tag.record_id == equals.record_id)).all()
    assert tags and {t.state for t in tags} == {"suggested"}
    assert "sdg:5" in {t.taxon_id for t in tags}
