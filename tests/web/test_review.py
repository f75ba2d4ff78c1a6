"""The review queue of suggested tags, and the report drafted from the browser."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from liaison.errors import InvalidRequest
from liaison.model import Tag
from liaison.services.tag_review import review, suggestion_page
from liaison.storage.database import Database
from tests.web.conftest import Site, csrf_of

CLASSIFIER = "liaison-lexical 1"
# (record, taxon, state, score, suggested_by): a classifier's suggestions waiting, one it
# suggested and a person already rejected, and a tag a person entered.
TAGS = [
    ("wha70", "sdg:3", "suggested", 0.95, CLASSIFIER),
    ("wha70", "sdg:3.8", "suggested", 0.85, CLASSIFIER),
    ("wha70", "wsis:C7", "suggested", 0.40, CLASSIFIER),
    ("wha70", "sdg:17", "suggested", 0.20, CLASSIFIER),
    ("wha70", "sdg:16", "rejected", 0.90, CLASSIFIER),
    ("wha70", "sdg:10", "accepted", None, None),
]


@pytest.fixture
def queued(site: Site) -> Site:
    with site.database.session(actor="tests") as session:
        for record, taxon, state, score, by in TAGS:
            stored = session.get(Tag, (record, taxon))
            if stored is not None:
                session.delete(stored)
                session.flush()
            session.add(
                Tag(record_id=record, taxon_id=taxon, state=state, score=score,
                    evidence=f"evidence for {taxon}", suggested_by=by)
            )  # fmt: skip
    return site


def _states(database: Database) -> dict[str, str]:
    with database.session() as session:
        rows = session.execute(select(Tag.taxon_id, Tag.state).where(Tag.record_id == "wha70"))
        return {taxon: state for taxon, state in rows}


def test_the_queue_shows_waiting_suggestions_best_first(queued: Site) -> None:
    answer = queued.client.get("/tags/review.json", headers=queued.as_role("editor"))
    assert answer.status_code == 200
    queue = answer.json()["queue"]
    assert [s["id"] for s in queue["items"]] == [
        "wha70/sdg:3", "wha70/sdg:3.8", "wha70/wsis:C7", "wha70/sdg:17"
    ]  # fmt: skip
    assert queue["total"] == 4 and queue["by_scheme"] == {"sdg": 3, "wsis": 1}
    first = queue["items"][0]
    assert first["record_kind"] == "events" and "Health Assembly" in first["record_title"]
    assert first["taxon_label"]
    only_wsis = queued.client.get(
        "/tags/review.json?scheme=wsis", headers=queued.as_role("editor")
    ).json()["queue"]
    assert [s["id"] for s in only_wsis["items"]] == ["wha70/wsis:C7"]
    page = queued.client.get("/tags/review?min_score=0.5", headers=queued.as_role("editor"))
    assert 'data-tag="wha70/sdg:3.8"' in page.text and 'data-tag="wha70/sdg:17"' not in page.text


def test_a_reader_cannot_review(queued: Site) -> None:
    assert queued.client.get("/tags/review", headers=queued.as_role("reader")).status_code == 403
    answer = queued.client.post(
        "/tags/review", data={"tag": "wha70/sdg:3", "decision": "accept"},
        headers=queued.as_role("reader"),
    )  # fmt: skip
    assert answer.status_code == 403
    assert _states(queued.database)["sdg:3"] == "suggested"


def test_an_editor_accepts_one_suggestion_from_the_page(queued: Site) -> None:
    client = queued.sign_in("editor")
    page = client.get("/tags/review")
    form = {"csrf_token": csrf_of(page.text), "tag": "wha70/sdg:3", "decision": "accept"}
    forged = client.post("/tags/review", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 403 and _states(queued.database)["sdg:3"] == "suggested"
    done = client.post("/tags/review", data=form)
    assert done.status_code == 200 and 'class="flash"' in done.text
    assert "Accepted 1, rejected 0" in done.text
    assert 'data-tag="wha70/sdg:3"' not in done.text
    with queued.database.session() as session:
        tag = session.get(Tag, ("wha70", "sdg:3"))
        assert tag is not None and tag.state == "accepted" and tag.reviewed_by == "web:editor"
    record = client.get("/api/events/wha70").json()["record"]
    # The import format leaves out the state of an accepted tag: it is the default.
    (shown,) = [t for t in record["tags"] if isinstance(t, dict) and t["taxon"] == "sdg:3"]
    assert shown.get("state", "accepted") == "accepted" and shown["suggested_by"] == CLASSIFIER


def test_bulk_decisions_add_up_and_never_touch_a_persons_tags(queued: Site) -> None:
    client = queued.sign_in("editor")
    page = client.get("/tags/review")
    answer = client.post(
        "/tags/review/bulk",
        data={"csrf_token": csrf_of(page.text), "scheme": "sdg", "accept_above": "0.8",
              "reject_below": "0.5"},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert "accepted=2" in location and "rejected=1" in location and "unchanged=0" in location
    assert _states(queued.database) == {
        "sdg:3": "accepted", "sdg:3.8": "accepted", "sdg:17": "rejected",
        "wsis:C7": "suggested",  # another scheme
        "sdg:16": "rejected",  # decided before: a bulk decision does not revisit it
        "sdg:10": "accepted", "theme:health": "accepted",  # a person's own tags
    }  # fmt: skip


def test_one_decision_per_tag(queued: Site) -> None:
    with queued.database.session() as session:
        with pytest.raises(InvalidRequest, match="not both"):
            review(session, "r", accept=["wha70/sdg:3"], reject=["wha70/sdg:3"])
        with pytest.raises(InvalidRequest, match="overlap"):
            review(session, "r", accept_above=0.3, reject_below=0.5)
        # Named singly, a tag is decided as named even where a threshold says otherwise.
        outcome = review(session, "r", reject=["wha70/sdg:3", "wha70/sdg:10"], accept_above=0.0)
        assert (outcome.accepted, outcome.rejected, outcome.unchanged) == (3, 2, 0)
        again = review(session, "r", reject=["wha70/sdg:3"])
        assert (again.accepted, again.rejected, again.unchanged) == (0, 0, 1)
        assert suggestion_page(session).total == 0


def test_bad_review_input_is_a_problem_not_an_error(queued: Site) -> None:
    headers = {**queued.as_role("editor"), "Accept": "application/json"}
    for data in ({"tag": "wha70/sdg:3", "decision": "maybe"}, {"decision": "accept"},
                 {"tag": "nonsense", "decision": "accept"}):  # fmt: skip
        answer = queued.client.post("/tags/review", data=data, headers=headers)
        assert answer.status_code == 400, data
        assert answer.json()["detail"]
    missing = queued.client.post(
        "/tags/review", data={"tag": "wha70/sdg:99", "decision": "accept"}, headers=headers
    )
    assert missing.status_code == 404
    bulk = queued.client.post("/tags/review/bulk", data={"accept_above": "2"}, headers=headers)
    assert bulk.status_code == 400 and "between 0 and 1" in bulk.json()["detail"]
    bad = queued.client.get("/tags/review.json?scheme=xyz", headers=headers)
    assert bad.status_code == 400


def _draft(site: Site, **fields: str) -> object:
    client = site.sign_in("reader")
    form = client.get("/report")
    assert form.status_code == 200 and 'id="draft-report"' in form.text
    data = {"csrf_token": csrf_of(form.text), "start": "2017-01", "end": "2018-04", **fields}
    return client.post("/report", data=data)


def test_the_form_starts_from_the_latest_recorded_report_of_the_series(site: Site) -> None:
    defaults = site.client.get("/report.json", headers=site.as_role("reader")).json()["defaults"]
    assert (defaults["start"], defaults["end"], defaults["recorded"]) == (
        "2017-01", "2018-04", "C18/INF/4"
    )  # fmt: skip


def test_a_reader_drafts_and_downloads_the_report(site: Site) -> None:
    markdown = _draft(site, format="md")
    assert markdown.status_code == 200  # type: ignore[attr-defined]
    disposition = markdown.headers["content-disposition"]  # type: ignore[attr-defined]
    assert disposition == 'attachment; filename="report-2017-01-2018-04.md"'
    text = markdown.text  # type: ignore[attr-defined]
    assert "United Nations" in text and "World Health Assembly" in text
    docx = _draft(site, format="docx", figures="on", symbol="C99/INF/1")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as package:  # type: ignore[attr-defined]
        assert "C99/INF/1" in package.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"format": "xml"}, "unknown report format"), ({"format": "pdf", "start": "May"}, "YYYY-MM"),
     ({"format": "pdf", "date": "tomorrow"}, "YYYY-MM-DD"),
     ({"format": "md", "start": "2018-04", "end": "2017-01"}, "bad period")],
)  # fmt: skip
def test_bad_report_requests_are_explained(
    site: Site, fields: dict[str, str], message: str
) -> None:
    answer = _draft(site, **fields)
    assert answer.status_code == 400, answer.text  # type: ignore[attr-defined]
    assert message in answer.text  # type: ignore[attr-defined]


def test_the_report_form_needs_its_csrf_token(site: Site) -> None:
    client = site.sign_in("reader")
    answer = client.post("/report", data={"start": "2017-01", "end": "2018-04", "format": "md"})
    assert answer.status_code == 403
