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
        outcome = ingest_files(session, [seed], "itu", store=True)
        equals = next(c for c in outcome.candidates[str(seed)] if c.fields.get("name") == "EQUALS")
        assert equals.matches == ("equals",)
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
