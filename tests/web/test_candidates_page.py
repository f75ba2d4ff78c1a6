"""The candidates page: what ``liaison ingest`` kept, beside its paragraph, accepted or rejected
from the browser."""

from __future__ import annotations

import re

import pytest

from liaison.ingest.candidates import Candidate, Evidence
from liaison.ingest.review import candidate_page, store
from liaison.model import StoredCandidate
from liaison.storage.database import Database
from liaison.web.candidates import excerpts, shown_fields
from tests.web.conftest import Site, csrf_of

ROLES_PARAGRAPH = (
    "ITU takes part as an observer in the <b>Economic and Social Council</b> & its "
    "commissions, and in a body that does not exist."
)
EVENTS_PARAGRAPH = "In February 2017 ITU spoke at the Example Forum on Data, a made-up meeting."
PARTNERS_PARAGRAPH = "EQUALS: ITU and UN Women are partners."


def _candidate(
    kind: str,
    fields: dict[str, object],
    paragraph: str,
    span: str,
    score: float,
    key: str,
    matches: tuple[str, ...] = (),
    locator: str = "para. 1",
) -> Candidate:
    start = paragraph.index(span)
    evidence = Evidence(locator, start, start + len(span), span, paragraph)
    return Candidate(kind, fields, evidence, score, f"{kind}s", matches, key)


ECOSOC = _candidate(
    "role", {"holder": "itu", "role": "observer", "body": "ecosoc"}, ROLES_PARAGRAPH,
    "Economic and Social Council", 0.85, "role:itu|observer|ecosoc",
    ("itu.observer.ecosoc",), "para. 3.1",
)  # fmt: skip
FORUM = _candidate(
    "event", {"name": "Example Forum on Data", "kind": "forum", "date": "2017-02"},
    EVENTS_PARAGRAPH, "Example Forum on Data", 0.8, "event:example-forum", locator="para. 4.1",
)  # fmt: skip
EQUALS = _candidate(
    "initiative",
    {"name": "EQUALS", "kind": "partnership",
     "partners": [{"org": "itu", "role": "partner"}, {"org": "un-women", "role": "partner"}]},
    PARTNERS_PARAGRAPH, "EQUALS", 0.7, "initiative:equals", ("equals",), "para. 6.2, item 1",
)  # fmt: skip
NOWHERE = _candidate(
    "role", {"holder": "itu", "role": "observer", "body": "no-such-body"}, ROLES_PARAGRAPH,
    "a body that does not exist", 0.6, "role:itu|observer|no-such-body",
)  # fmt: skip


@pytest.fixture
def kept(site: Site) -> Site:
    with site.database.session(actor="tests") as session:
        store(session, "doc.txt", None, [ECOSOC, FORUM, NOWHERE])
        store(session, "reports/other.txt", None, [EQUALS])
    return site


def _ids(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {c.key: c.id for c in session.query(StoredCandidate)}


def _states(database: Database) -> dict[str, tuple[str, str | None]]:
    with database.session() as session:
        return {c.key: (c.state, c.record_id) for c in session.query(StoredCandidate)}


def _block(html: str, candidate: int) -> str:
    """The candidate's part of the page."""
    found = re.search(
        rf'<li class="candidate[^"]*" id="candidate-{candidate}".*?</li>\n', html, re.S
    )
    assert found, f"candidate {candidate} is not on the page"
    return found.group(0)


def test_the_page_lists_candidates_best_first_beside_their_paragraph(kept: Site) -> None:
    ids = _ids(kept.database)
    editor = kept.as_role("editor")
    answer = kept.client.get("/candidates.json", headers=editor)
    assert answer.status_code == 200
    page = answer.json()["candidates"]
    assert [c["key"] for c in page["items"]] == [ECOSOC.key, FORUM.key, EQUALS.key, NOWHERE.key]
    assert page["total"] == 4 and page["offset"] == 0 and page["limit"] == 50
    assert page["by_kind"] == {"event": 1, "initiative": 1, "role": 2}
    assert page["by_document"] == {"doc.txt": 3, "reports/other.txt": 1}
    first = page["items"][0]
    assert first["text"] == "Economic and Social Council" and first["paragraph"] == ROLES_PARAGRAPH
    assert first["matches"] == ["itu.observer.ecosoc"] and first["state"] == "suggested"
    assert page["items"][2]["document_name"] == "other.txt"

    html = kept.client.get("/candidates", headers=editor)
    assert html.status_code == 200
    text = html.text
    assert text.index(f'id="candidate-{ids[ECOSOC.key]}"') < text.index(
        f'id="candidate-{ids[FORUM.key]}"'
    )
    ecosoc = _block(text, ids[ECOSOC.key])
    # The span marked, the paragraph around it shown as text, never as markup.
    assert "<mark>Economic and Social Council</mark>" in ecosoc
    assert "the &lt;b&gt;<mark>" in ecosoc and "</mark>&lt;/b&gt; &amp; its" in ecosoc
    assert "<b>" not in ecosoc
    assert "doc.txt" in ecosoc and "para. 3.1" in ecosoc and "0.85" in ecosoc
    assert '<a href="/records/itu.observer.ecosoc">itu.observer.ecosoc</a>' in ecosoc
    assert "<dt>body</dt><dd>ecosoc</dd>" in ecosoc and "roles" in ecosoc
    equals = _block(text, ids[EQUALS.key])
    assert "<li>itu (partner)</li>" in equals and "<li>un-women (partner)</li>" in equals
    assert "other.txt" in equals and "reports/" not in equals
    assert "no record yet" in _block(text, ids[FORUM.key])


def test_filters_and_the_state_to_look_back(kept: Site) -> None:
    editor = kept.as_role("editor")

    def keys(query: str) -> list[str]:
        answer = kept.client.get(f"/candidates.json?{query}", headers=editor)
        assert answer.status_code == 200, answer.text
        return [c["key"] for c in answer.json()["candidates"]["items"]]

    assert keys("kind=role") == [ECOSOC.key, NOWHERE.key]
    assert keys("min_score=0.75") == [ECOSOC.key, FORUM.key]
    assert keys("document=reports/other.txt") == [EQUALS.key]
    assert keys("kind=role&min_score=0.7&document=doc.txt") == [ECOSOC.key]
    assert keys("state=rejected") == []
    counted = kept.client.get("/candidates.json?min_score=0.75", headers=editor).json()
    assert counted["candidates"]["by_kind"] == {"event": 1, "role": 1}
    for bad in ("kind=person", "state=maybe", "min_score=2", "min_score=x", "offset=x"):
        assert kept.client.get(f"/candidates.json?{bad}", headers=editor).status_code == 400, bad
    page = kept.client.get("/candidates?kind=role", headers=editor).text
    assert '<option value="role" selected>' in page and "Roles <span" in page


def test_an_editor_accepts_one_candidate_from_the_page(kept: Site) -> None:
    ids = _ids(kept.database)
    client = kept.sign_in("editor")
    page = client.get("/candidates?kind=event")
    form = {"csrf_token": csrf_of(page.text), "candidate": str(ids[FORUM.key]),
            "decision": "accept", "kind": "event"}  # fmt: skip
    done = client.post("/candidates/decide", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == "/candidates?kind=event&accepted=1&rejected=0&unchanged=0"
    shown = client.get(done.headers["location"])
    assert 'class="flash"' in shown.text and "Accepted 1." in shown.text
    assert f'id="candidate-{ids[FORUM.key]}"' not in shown.text
    state, record_id = _states(kept.database)[FORUM.key]
    assert state == "accepted" and record_id == "example-forum-on-data-2017-02"
    record = client.get(f"/records/{record_id}.json").json()["record"]["data"]
    assert record["name"] == "Example Forum on Data"
    looked_back = client.get("/candidates.json?state=accepted").json()["candidates"]["items"]
    assert [(c["key"], c["decided_by"]) for c in looked_back] == [(FORUM.key, "web:editor")]
    # Accepting a role it matches merges it into that record, citing the paragraph.
    client.post("/candidates/decide", data={**form, "candidate": str(ids[ECOSOC.key])})
    assert _states(kept.database)[ECOSOC.key] == ("accepted", "itu.observer.ecosoc")
    role = client.get("/records/itu.observer.ecosoc.json").json()["record"]["data"]
    assert {"locator": "para. 3.1", "note": "doc.txt, para. 3.1"} in role["sources"]


def test_an_editor_rejects_one(kept: Site) -> None:
    ids = _ids(kept.database)
    client = kept.sign_in("editor")
    csrf = csrf_of(client.get("/candidates").text)
    done = client.post(
        "/candidates/decide",
        data={"csrf_token": csrf, "candidate": str(ids[NOWHERE.key]), "decision": "reject"},
    )
    assert done.status_code == 200 and "Rejected 1." in done.text
    assert _states(kept.database)[NOWHERE.key] == ("rejected", None)
    back = client.get("/candidates?state=rejected")
    block = _block(back.text, ids[NOWHERE.key])
    assert "web:editor" in block and 'value="accept"' in block and 'value="reject"' not in block


def test_accepting_in_bulk_over_a_score_of_one_kind(kept: Site) -> None:
    client = kept.sign_in("editor")
    csrf = csrf_of(client.get("/candidates").text)
    done = client.post(
        "/candidates/decide",
        data={"csrf_token": csrf, "kind": "role", "accept_above": "0.7"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and "accepted=1" in done.headers["location"]
    states = _states(kept.database)
    assert states[ECOSOC.key][0] == "accepted"
    assert states[NOWHERE.key][0] == "suggested"  # under the score
    assert states[FORUM.key][0] == states[EQUALS.key][0] == "suggested"  # another kind
    # Of one document only, when the page shows one.
    again = client.post(
        "/candidates/decide",
        data={"csrf_token": csrf, "accept_above": "0.5", "document": "reports/other.txt"},
        follow_redirects=False,
    )
    assert "accepted=1" in again.headers["location"]
    assert "document=reports%2Fother.txt" in again.headers["location"]
    states = _states(kept.database)
    assert states[EQUALS.key] == ("accepted", "equals") and states[FORUM.key][0] == "suggested"


def test_a_candidate_the_import_refuses_changes_nothing(kept: Site) -> None:
    ids = _ids(kept.database)
    client = kept.sign_in("editor")
    csrf = csrf_of(client.get("/candidates").text)
    one = client.post(
        "/candidates/decide",
        data={"csrf_token": csrf, "candidate": str(ids[NOWHERE.key]), "decision": "accept"},
    )
    assert one.status_code == 400, one.text[-3000:]
    block = _block(one.text, ids[NOWHERE.key])
    assert 'class="candidate refused"' in block
    assert "body: no record has the id &#39;no-such-body&#39;" in block
    assert "Nothing was accepted or rejected" in one.text
    # In bulk, the ones the import takes are not accepted either.
    bulk = client.post(
        "/candidates/decide", data={"csrf_token": csrf, "kind": "role", "accept_above": "0.5"}
    )
    assert bulk.status_code == 400 and "no-such-body" in bulk.text
    assert {state for state, _ in _states(kept.database).values()} == {"suggested"}
    with kept.database.session() as session:
        from liaison.registry.exporter import dataset

        assert dataset(session, ids=["itu.observer.no-such-body"]).roles == []
        ecosoc = dataset(session, ids=["itu.observer.ecosoc"]).roles[0]
        assert all(s.note != "doc.txt, para. 3.1" for s in ecosoc.sources)
    # A script is told the problem as a problem document.
    scripted = kept.client.post(
        "/candidates/decide",
        data={"candidate": str(ids[NOWHERE.key]), "decision": "accept"},
        headers={**kept.as_role("editor"), "Accept": "application/json"},
    )
    assert scripted.status_code == 422 and scripted.json()["problems"][0]["field"] == "body"


def test_readers_and_anonymous_visitors_are_refused(kept: Site) -> None:
    ids = _ids(kept.database)
    reader = kept.as_role("reader")
    assert kept.client.get("/candidates", headers=reader).status_code == 403
    assert kept.client.get("/candidates.json", headers=reader).status_code == 403
    posted = kept.client.post(
        "/candidates/decide",
        data={"candidate": str(ids[FORUM.key]), "decision": "accept"},
        headers=reader,
    )
    assert posted.status_code == 403
    assert kept.client.get("/candidates.json").status_code == 401
    to_sign_in = kept.client.get("/candidates?kind=role", follow_redirects=False)
    assert to_sign_in.status_code == 303 and to_sign_in.headers["location"].startswith("/login")
    assert 'href="/candidates"' not in kept.client.get("/", headers=reader).text
    assert 'href="/candidates"' in kept.client.get("/", headers=kept.as_role("editor")).text
    assert _states(kept.database)[FORUM.key][0] == "suggested"


def test_a_form_without_the_csrf_token_is_refused(kept: Site) -> None:
    ids = _ids(kept.database)
    client = kept.sign_in("editor")
    for token in (None, "forged"):
        data = {"candidate": str(ids[FORUM.key]), "decision": "accept"}
        if token:
            data["csrf_token"] = token
        assert client.post("/candidates/decide", data=data).status_code == 403
    assert _states(kept.database)[FORUM.key][0] == "suggested"


def test_bad_decisions_are_problems_not_errors(kept: Site) -> None:
    ids = _ids(kept.database)
    headers = {**kept.as_role("editor"), "Accept": "application/json"}
    for data in ({}, {"candidate": str(ids[FORUM.key]), "decision": "maybe"},
                 {"candidate": "x", "decision": "accept"}, {"accept_above": "1.5"},
                 {"accept_above": "0.5", "kind": "person"}):  # fmt: skip
        answer = kept.client.post("/candidates/decide", data=data, headers=headers)
        assert answer.status_code == 400, data
    missing = kept.client.post(
        "/candidates/decide", data={"candidate": "99999", "decision": "reject"}, headers=headers
    )
    assert missing.status_code == 404


def test_pages_of_fifty(site: Site) -> None:
    many = [
        _candidate("event", {"name": f"Meeting {n}", "kind": "meeting", "date": "2017"},
                   EVENTS_PARAGRAPH, "Example Forum", n / 100, f"event:{n}")
        for n in range(60)
    ]  # fmt: skip
    with site.database.session(actor="tests") as session:
        store(session, "many.txt", None, many)
        page = candidate_page(session, limit=50, offset=50)
        assert page.total == 60 and len(page.items) == 10 and page.items[0].key == "event:9"
    editor = site.as_role("editor")
    first = site.client.get("/candidates", headers=editor).text
    assert first.count('class="candidate"') == 50 and "offset=50" in first
    second = site.client.get("/candidates.json?offset=50", headers=editor).json()["candidates"]
    assert [c["key"] for c in second["items"]][-1] == "event:0"
    # Past the end (the last ones decided): the last page there is.
    past = site.client.get("/candidates.json?offset=100", headers=editor).json()["candidates"]
    assert past["offset"] == 50 and len(past["items"]) == 10


def test_a_long_paragraph_is_shown_around_its_span() -> None:
    paragraph = " ".join(f"word{n}" for n in range(300)) + " SPAN " + "tail " * 200
    start = paragraph.index("SPAN")
    short, whole = excerpts(paragraph, start, start + 4)
    assert short.span == whole.span == "SPAN" and short.cut and not whole.cut
    assert short.before.startswith("… ") and short.after.endswith(" …")
    assert len(short.before) < 300 and len(short.after) < 300
    assert whole.before + whole.span + whole.after == paragraph
    tiny, _ = excerpts("abc", 5, 9)  # a span past the end is clamped, not an error
    assert (tiny.before, tiny.span, tiny.after, tiny.cut) == ("abc", "", "", False)
    assert shown_fields({"partners": [{"org": "itu", "role": "lead"}], "date": None}) == [
        ("partners", ["itu (lead)"])
    ]
