"""Suggested tags on records: stored with provenance, reviewed, never duplicated or revived."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from liaison.classify.records import suggest_tags
from liaison.dates import DateRange
from liaison.demo import data_folder
from liaison.errors import NotFound
from liaison.model import AuditEntry, Tag
from liaison.registry.importer import import_paths
from liaison.report.facts import gather
from liaison.services.tag_review import review, suggestions
from liaison.storage.database import Database


def test_suggestions_are_stored_as_suggested_with_provenance(demo_database: Database) -> None:
    with demo_database.session(actor="tester") as session:
        summary = suggest_tags(session, ["initiatives"])
    assert summary.records == 21 and summary.suggested > 0
    with demo_database.session() as session:
        tags = session.scalars(select(Tag).where(Tag.state == "suggested")).all()
        assert tags and all(t.suggested_by == "liaison-neural 1" for t in tags)
        assert all(t.score is not None and t.evidence for t in tags)
        assert not session.scalars(
            select(Tag).where(Tag.state == "accepted", Tag.suggested_by.is_not(None))
        ).all()


def test_rerunning_adds_nothing_and_never_revives_a_rejection(demo_database: Database) -> None:
    with demo_database.session() as session:
        suggest_tags(session, ["initiatives"])
    with demo_database.session() as session:
        first = suggestions(session)[0]
        review(session, "reviewer", reject=[first.id])
    with demo_database.session() as session:
        again = suggest_tags(session, ["initiatives"])
    assert again.suggested == 0
    with demo_database.session() as session:
        record_id, taxon = first.id.split("/")
        tag = session.get(Tag, (record_id, taxon))
        assert tag is not None and tag.state == "rejected" and tag.reviewed_by == "reviewer"


def _coverage(database: Database) -> dict[int, int]:
    with database.session() as session:
        return gather(session, "itu", DateRange.parse("2017-01/2018-04")).sdg_counts


def test_bulk_review_and_only_accepted_tags_reach_the_report(demo_database: Database) -> None:
    before = _coverage(demo_database)
    with demo_database.session() as session:
        suggest_tags(session, ["initiatives"])
    assert _coverage(demo_database) == before  # suggestions alone change nothing
    with demo_database.session() as session:
        scores = sorted(s.score or 0 for s in suggestions(session))
        # The lowest suggestions are rejected and the better half accepted: one decision each.
        outcome = review(
            session, "reviewer", accept_above=scores[len(scores) // 2], reject_below=scores[1]
        )
    assert outcome.accepted > 0 and outcome.rejected > 0
    after = _coverage(demo_database)
    assert sum(after.values()) > sum(before.values())
    with demo_database.session() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "tags", AuditEntry.action == "update")
        ).all()
    assert audit  # each review is in the audit trail


def test_sdg_scores_share_one_scale_and_bulk_review_can_keep_to_one_scheme(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        suggest_tags(session, ["initiatives"])
    with demo_database.session() as session:
        sdg = {s.taxon_id: s.score for s in suggestions(session, scheme="sdg")}
        wsis = suggestions(session, scheme="wsis")
        assert sdg and wsis and all(t.startswith("sdg:") for t in sdg)
        for item in suggestions(session, scheme="sdg"):
            if "." in item.taxon_id:  # a target carries its goal's probability
                goal = item.taxon_id.split(".")[0]
                same = [s for s in suggestions(session) if s.id == f"{item.record_id}/{goal}"]
                assert not same or same[0].score == item.score
        outcome = review(session, "reviewer", reject_below=1.01, scheme="wsis")
    assert outcome.accepted == 0 and outcome.rejected == len(wsis)
    with demo_database.session() as session:
        assert suggestions(session, scheme="wsis") == []
        assert (
            len(suggestions(session, scheme="sdg"))
            == len([s for s in suggestions(session) if s.taxon_id.startswith("sdg:")])
            > 0
        )


def test_review_names_tags_clearly(demo_database: Database) -> None:
    with pytest.raises(NotFound), demo_database.session() as session:
        review(session, "r", accept=["equals/sdg:99"])


def test_reimporting_the_demo_keeps_the_suggestions(demo_database: Database) -> None:
    with demo_database.session() as session:
        summary = suggest_tags(session, ["initiatives"])
    with demo_database.session() as session:
        import_paths(session, [data_folder()], base=data_folder())
    with demo_database.session() as session:
        assert len(suggestions(session)) == summary.suggested


def test_since_selects_recent_records(demo_database: Database, tmp_path: Path) -> None:
    with demo_database.session() as session:
        summary = suggest_tags(session, since=date(2999, 1, 1))
    assert summary.records == 0
