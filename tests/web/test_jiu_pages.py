"""The JIU follow-up pages on the real application and database (SQLite and PostgreSQL): the
rates of one organization as at a date, their trend, the lists to work from, and the form that
adds a dated status update to a recommendation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from liaison.reference.vocabulary import vocabulary
from liaison.registry.importer import import_paths
from tests.web.conftest import Site, csrf_of

# Two JIU reports and six recommendations with UNESCO's dated updates (the demo has none of
# UNESCO's, so the figures below follow from these alone). As at 30 June 2018:
#   old-1 (2012, executive head)    accepted 2013-03, in progress 2016-05-10   pending, LO
#   old-2 (2012, legislative organ) accepted 2013-03                           pending, LO
#   old-3 (2012, executive head)    under consideration 2013 (not accepted only from 2018-09-30)
#   new-1 (2017, executive head)    accepted 2017-11, implemented 2018-02-15
#   new-2 (2017, legislative organ) not relevant 2018-01: left out of "addressed"
#   new-3 (2017, not recorded)      accepted "2018": counts only from 31 December 2018
# LO = long-outstanding: pending from a report issued 5 or more years before 2018.
SEED = {
    "documents": [
        {"id": "rep-old", "title": "An older review", "symbol": "JIU/REP/2012/99",
         "kind": "jiu-report", "issued_by": "jiu", "date": "2012"},
        {"id": "rep-new", "title": "A newer review", "symbol": "JIU/REP/2017/99",
         "kind": "jiu-report", "issued_by": "jiu", "date": "2017"},
    ],
    "jiu_recommendations": [
        {"id": "old-1", "report": "rep-old", "number": 1, "addressed_to": "executive-head",
         "text": "Strengthen the mediation <b>function</b>.",
         "statuses": [
             {"org": "unesco", "date": "2013-03", "acceptance": "accepted"},
             {"org": "unesco", "date": "2016-05-10", "implementation": "in-progress"},
             {"org": "unesco", "date": "2019-06", "implementation": "implemented"}]},
        {"id": "old-2", "report": "rep-old", "number": 2, "addressed_to": "legislative-organ",
         "statuses": [{"org": "unesco", "date": "2013-03", "acceptance": "accepted"}]},
        {"id": "old-3", "report": "rep-old", "number": 3, "addressed_to": "executive-head",
         "statuses": [
             {"org": "unesco", "date": "2013", "acceptance": "under-consideration"},
             {"org": "unesco", "date": "2018-09-30", "acceptance": "not-accepted"}]},
        {"id": "new-1", "report": "rep-new", "number": 1, "addressed_to": "executive-head",
         "statuses": [
             {"org": "unesco", "date": "2017-11", "acceptance": "accepted"},
             {"org": "unesco", "date": "2018-02-15", "implementation": "implemented"}]},
        {"id": "new-2", "report": "rep-new", "number": 2, "addressed_to": "legislative-organ",
         "statuses": [{"org": "unesco", "date": "2018-01", "acceptance": "not-relevant"}]},
        {"id": "new-3", "report": "rep-new", "number": 3,
         "statuses": [{"org": "unesco", "date": "2018", "acceptance": "accepted"}]},
    ],
}  # fmt: skip

PAGE_KEYS = {
    "organization", "as_at", "filters", "rates", "by_addressee", "trend", "long_outstanding",
    "pending", "recommendations", "reports", "statuses",
}  # fmt: skip
RATE_KEYS = {
    "group", "addressed", "accepted", "not_accepted", "under_consideration", "not_relevant",
    "implemented", "in_progress", "not_started", "pending", "long_outstanding",
    "acceptance_rate", "implementation_rate",
}  # fmt: skip


@pytest.fixture
def seeded(site: Site, tmp_path: Path) -> Site:
    path = tmp_path / "jiu.yaml"
    path.write_text(yaml.safe_dump(SEED, sort_keys=False), "utf-8")
    with site.database.session(actor="tests") as session:
        import_paths(session, [path])
    return site


def _get(site: Site, path: str, role: str | None = "reader", status: int = 200) -> Any:
    answer = site.client.get(path, headers=site.as_role(role))
    assert answer.status_code == status, answer.text
    return answer.json() if ".json" in path else answer.text


def _counts(rates: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rates.items() if k not in ("acceptance_rate", "implementation_rate")}


# --- The page and its JSON twin -----------------------------------------------------------------
def test_the_rates_as_at_a_date_between_updates_follow_from_the_statuses(seeded: Site) -> None:
    page = _get(seeded, "/jiu.json?org=UNESCO&as_at=2018-06")
    assert set(page) == PAGE_KEYS
    assert page["organization"]["id"] == "unesco" and page["as_at"] == "2018-06-30"
    assert page["filters"] == {
        "org": "unesco", "as_at": "2018-06", "window": None, "long_outstanding": 5,
        "status": None, "report": None,
    }  # fmt: skip
    overall = page["rates"]
    assert set(overall) == RATE_KEYS
    assert _counts(overall) == {
        "group": "all", "addressed": 4, "accepted": 3, "not_accepted": 0,
        "under_consideration": 1, "not_relevant": 1, "implemented": 1, "in_progress": 1,
        "not_started": 1, "pending": 2, "long_outstanding": 2,
    }  # fmt: skip
    assert overall["acceptance_rate"] == pytest.approx(3 / 4)
    assert overall["implementation_rate"] == pytest.approx(1 / 3)
    # By addressee, in the vocabulary's order; new-3 (no addressee) does not count yet.
    by = {r["group"]: r for r in page["by_addressee"]}
    assert list(by) == ["legislative-organ", "executive-head"]
    assert (by["legislative-organ"]["addressed"], by["legislative-organ"]["not_relevant"]) == (1, 1)
    assert by["legislative-organ"]["long_outstanding"] == 1
    assert (by["executive-head"]["addressed"], by["executive-head"]["accepted"]) == (3, 2)
    assert by["executive-head"]["acceptance_rate"] == pytest.approx(2 / 3)
    assert by["executive-head"]["implementation_rate"] == pytest.approx(1 / 2)

    html = _get(seeded, "/jiu?org=unesco&as_at=2018-06")
    assert "as at 2018-06-30" in html
    total = re.search(r'<tr class="total">(.*?)</tr>', html, re.S)
    assert total is not None
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', total.group(1))
    assert cells == ["4", "3", "0", "1", "1", "1", "1", "1", "2", "2", "75%", "33%"]
    # The recommendation's text is escaped, never markup.
    assert "Strengthen the mediation &lt;b&gt;function&lt;/b&gt;." in html


def test_a_later_date_counts_the_later_updates(seeded: Site) -> None:
    overall = _get(seeded, "/jiu.json?org=unesco&as_at=2018")["rates"]
    # From 31 December 2018: new-3 accepted (year only), old-3 not accepted.
    assert (overall["addressed"], overall["accepted"], overall["not_accepted"]) == (5, 4, 1)
    assert overall["under_consideration"] == 0
    window = _get(seeded, "/jiu.json?org=unesco&as_at=2018&window=3")
    assert window["rates"]["addressed"] == 2  # only the report of 2017: new-1 and new-3
    assert [i["recommendation"] for i in window["pending"]] == ["new-3"]


def test_the_trend_runs_from_the_first_update_to_the_as_at_date(seeded: Site) -> None:
    trend = _get(seeded, "/jiu.json?org=unesco&as_at=2018-06")["trend"]
    assert [(t["year"], t["as_at"]) for t in trend] == [
        (2013, "2013-12-31"), (2014, "2014-12-31"), (2015, "2015-12-31"), (2016, "2016-12-31"),
        (2017, "2017-12-31"), (2018, "2018-06-30"),
    ]  # fmt: skip
    first, before, last = trend[0], trend[4], trend[5]
    assert (first["addressed"], first["accepted"], first["implemented"]) == (3, 2, 0)
    assert first["acceptance_rate"] == pytest.approx(2 / 3)
    assert first["long_outstanding"] == 0  # 2013 is one year after the report
    assert (before["addressed"], before["accepted"], before["long_outstanding"]) == (4, 3, 2)
    assert before["implementation_rate"] == 0
    assert last["implementation_rate"] == pytest.approx(1 / 3)
    # At most ten years back.
    later = _get(seeded, "/jiu.json?org=unesco&as_at=2030")["trend"]
    assert [t["year"] for t in later] == list(range(2021, 2031))
    html = _get(seeded, "/jiu?org=unesco&as_at=2018-06")
    assert '<img src="/jiu/trend.svg?org=unesco&amp;as_at=2018-06"' in html
    assert 'alt="Line chart of the acceptance and implementation rates of UNESCO' in html


def test_the_trend_picture_is_svg(seeded: Site) -> None:
    answer = seeded.client.get(
        "/jiu/trend.svg?org=unesco&as_at=2018-06", headers=seeded.as_role("reader")
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in answer.content and b"<script" not in answer.content
    bad = seeded.client.get("/jiu/trend.svg?as_at=June", headers=seeded.as_role("reader"))
    assert bad.status_code == 400
    anonymous = seeded.client.get("/jiu/trend.svg", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")


def test_the_long_outstanding_and_pending_lists_are_oldest_first(seeded: Site) -> None:
    page = _get(seeded, "/jiu.json?org=unesco&as_at=2018-06")
    assert [i["recommendation"] for i in page["long_outstanding"]] == ["old-1", "old-2"]
    assert [i["recommendation"] for i in page["pending"]] == ["old-1", "old-2"]
    later = _get(seeded, "/jiu.json?org=unesco&as_at=2018")
    assert [i["recommendation"] for i in later["pending"]] == ["old-1", "old-2", "new-3"]
    assert [i["recommendation"] for i in later["long_outstanding"]] == ["old-1", "old-2"]
    # A higher threshold: the 2012 report is not long-outstanding in 2018.
    patient = _get(seeded, "/jiu.json?org=unesco&as_at=2018-06&long_outstanding=7")
    assert patient["long_outstanding"] == [] and patient["rates"]["long_outstanding"] == 0
    html = _get(seeded, "/jiu?org=unesco&as_at=2018-06")
    section = html.split('id="long-outstanding"')[1].split('id="pending"')[0]
    links = re.findall(r'href="/jiu_recommendations/([^"]+)"', section)
    assert links == ["old-1", "old-2"]


def test_the_recommendations_filter_by_status_and_report(seeded: Site) -> None:
    base = "/jiu.json?org=unesco&as_at=2018-06"
    listed = _get(seeded, base)["recommendations"]
    assert [i["recommendation"] for i in listed] == ["old-1", "old-2", "old-3", "new-1", "new-2"]
    statuses = {i["recommendation"]: (i["acceptance"], i["implementation"]) for i in listed}
    assert statuses["old-3"] == ("under-consideration", None)
    assert statuses["new-1"] == ("accepted", "implemented")
    implemented = _get(seeded, base + "&status=implemented")["recommendations"]
    assert [i["recommendation"] for i in implemented] == ["new-1"]
    of_old = _get(seeded, base + "&report=rep-old&status=pending")["recommendations"]
    assert [i["recommendation"] for i in of_old] == ["old-1", "old-2"]
    assert _get(seeded, base)["reports"] == [
        {"id": "rep-old", "label": "JIU/REP/2012/99", "issued": 2012},
        {"id": "rep-new", "label": "JIU/REP/2017/99", "issued": 2017},
    ]
    html = _get(seeded, "/jiu?org=unesco&as_at=2018-06&status=not-started")
    section = html.split('id="recommendations"')[1]
    assert re.findall(r'href="/jiu_recommendations/([^"]+)"', section) == ["old-2"]
    assert '<option value="not-started" selected>' in section


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("as_at=2018-13", "is not a real date"),
        ("as_at=yesterday", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("window=0", "window"),
        ("long_outstanding=many", "long-outstanding"),
        ("org=nobody", "no organization has the id or acronym 'nobody'"),
        ("status=late", "status: 'late'"),
        ("report=rep-none", "report: 'rep-none'"),
    ],
)
def test_bad_values_are_a_clear_400(seeded: Site, query: str, message: str) -> None:
    problem = _get(seeded, f"/jiu.json?org=unesco&{query}", status=400)
    assert problem["status"] == 400 and message in problem["detail"]
    html = _get(seeded, f"/jiu?org=unesco&{query}", status=400)
    assert "Invalid request" in html and message.replace("'", "&#39;") in html


def test_the_default_organization_is_the_settings_one(
    seeded: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LIAISON_ORGANIZATION", raising=False)
    page = _get(seeded, "/jiu.json")
    assert page["organization"]["id"] == "itu" and page["filters"]["as_at"] is None
    monkeypatch.setenv("LIAISON_ORGANIZATION", "UNESCO")
    assert _get(seeded, "/jiu.json?as_at=2018-06")["rates"]["addressed"] == 4


def test_the_page_shows_each_organizations_status_as_at_the_date(site: Site) -> None:
    """Moved from test_views (the overview of the latest status), adapted to this page."""
    recommendation = {
        "id": "jiu-rep-2016-1-rec-9", "report": "jiu-rep-2016-1", "number": 9,
        "text": "The Secretary-General should publish the follow-up of every recommendation.",
        "statuses": [
            {"org": "itu", "date": "2018-03-15", "implementation": "implemented", "note": "Done."},
            {"org": "itu", "date": "2016-09-01", "acceptance": "under-consideration"},
            {"org": "itu", "date": "2017-04-20", "acceptance": "accepted",
             "implementation": "in-progress"},
            {"org": "unesco", "date": "2017-01-10", "acceptance": "not-accepted"},
        ],
    }  # fmt: skip
    made = site.client.post(
        "/api/jiu_recommendations", json=recommendation, headers=site.as_role("editor")
    )
    assert made.status_code == 201, made.text
    with site.database.session(write=True) as session:  # stored order against the dates
        session.execute(
            text("UPDATE jiu_statuses SET position = 100 - position WHERE recommendation_id = :r"),
            {"r": recommendation["id"]},
        )
    listed = _get(site, "/jiu.json?org=itu")["recommendations"]
    found = next(i for i in listed if i["recommendation"] == recommendation["id"])
    # The last update states only the implementation: the acceptance is the one stated before.
    assert (found["last_update"], found["updates"]) == ("2018-03-15", 3)
    assert (found["acceptance"], found["implementation"]) == ("accepted", "implemented")
    assert found["report_symbol"] == "JIU/REP/2016/1"
    earlier = _get(site, "/jiu.json?org=itu&as_at=2017-12")["recommendations"]
    found = next(i for i in earlier if i["recommendation"] == recommendation["id"])
    assert (found["acceptance"], found["implementation"]) == ("accepted", "in-progress")
    of_unesco = _get(site, "/jiu.json?organization=unesco")["recommendations"]
    assert [(i["recommendation"], i["acceptance"]) for i in of_unesco] == [
        (recommendation["id"], "not-accepted")
    ]
    page = _get(site, "/jiu?org=itu")
    assert f'href="/jiu_recommendations/{recommendation["id"]}"' in page and "implemented" in page


# --- The status update form -------------------------------------------------------------------
def _record_page(site: Site, recommendation: str = "old-2") -> str:
    answer = site.client.get(f"/jiu_recommendations/{recommendation}")
    assert answer.status_code == 200, answer.text
    return str(answer.text)


def test_an_editor_adds_an_update_through_the_form(seeded: Site) -> None:
    client = seeded.sign_in("editor")
    page = _record_page(seeded)
    assert "Add a status update" in page
    # The choices are the vocabularies'.
    form = page.split('id="status-update"')[1].split("</form>")[0]
    for name, scheme in (
        ("acceptance", "jiu_acceptance"),
        ("implementation", "jiu_implementation"),
    ):
        select = form.split(f'name="{name}"')[1].split("</select>")[0]
        assert re.findall(r'<option value="([^"]+)"', select) == list(vocabulary(scheme))
    answer = client.post(
        "/jiu_recommendations/old-2/status",
        data={
            "csrf_token": csrf_of(page),
            "organization": "UNESCO",
            "date": "2018-05-02",
            "implementation": "implemented",
            "acceptance": "",
            "note": "Reported <done> to the Council.",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/jiu_recommendations/old-2?update=added#status-update"
    shown = client.get(answer.headers["location"]).text
    assert "The status update was added to the history." in shown
    assert '<time datetime="2018-05-02">' in shown
    assert "Reported &lt;done&gt; to the Council." in shown
    history = client.get("/jiu_recommendations/old-2.json").json()["status_history"]
    assert [e["date"] for e in history[0]["entries"]] == ["2013-03", "2018-05-02"]
    # The rates as at June 2018 count it: two implemented, one pending left.
    overall = client.get("/jiu.json?org=unesco&as_at=2018-06").json()["rates"]
    assert (overall["implemented"], overall["pending"], overall["long_outstanding"]) == (2, 1, 1)
    assert overall["implementation_rate"] == pytest.approx(2 / 3)
    # Not yet as at April.
    assert client.get("/jiu.json?org=unesco&as_at=2018-04").json()["rates"]["implemented"] == 1
    # The same organization and date again replaces it.
    again = client.post(
        "/jiu_recommendations/old-2/status",
        data={"csrf_token": csrf_of(page), "organization": "unesco", "date": "2018-05-02",
              "implementation": "in-progress"},
        follow_redirects=False,
    )  # fmt: skip
    assert again.headers["location"].endswith("?update=replaced#status-update")
    audit = client.get("/jiu_recommendations/old-2.json").json()["record"]
    assert audit["last_change"]["actor"] == "web:editor"


def test_a_bad_update_shows_the_problem_on_the_page_with_the_values_kept(seeded: Site) -> None:
    client = seeded.sign_in("editor")
    page = _record_page(seeded)
    before = client.get("/jiu_recommendations/old-2.json").json()
    for fields, message in (
        ({"date": "May 2018", "acceptance": "accepted"}, "is not a date of the form"),
        ({"date": "2018-05", "acceptance": "sure"}, "acceptance: &#39;sure&#39; is not one of"),
        ({"date": "2018-05"}, "an update states an acceptance, an implementation or a note"),
        ({"date": "2018-05", "acceptance": "accepted", "organization": "nobody"},
         "no organization has the id or acronym"),
    ):  # fmt: skip
        sent = {"csrf_token": csrf_of(page), "organization": "unesco", "note": "", **fields}
        answer = client.post("/jiu_recommendations/old-2/status", data=sent)
        assert answer.status_code == 400, answer.text
        assert message in answer.text
        assert f'name="date" value="{fields["date"]}"' in answer.text
        assert "Status history" in answer.text  # the recommendation's page, not an error page
    after = client.get("/jiu_recommendations/old-2.json").json()
    assert after["status_history"] == before["status_history"]
    assert after["record"]["version"] == before["record"]["version"]
    missing = client.post(
        "/jiu_recommendations/no-such/status",
        data={"csrf_token": csrf_of(page), "organization": "unesco", "date": "2018",
              "acceptance": "accepted"},
    )  # fmt: skip
    assert missing.status_code == 404


def test_readers_see_no_form_and_their_updates_are_refused(seeded: Site) -> None:
    page = _get(seeded, "/jiu_recommendations/old-2")
    assert "Add a status update" not in page and "/status" not in page
    update = {"organization": "unesco", "date": "2018-05-02", "implementation": "implemented"}
    anonymous = seeded.client.post("/jiu_recommendations/old-2/status", data=update)
    assert anonymous.status_code == 401
    refused = seeded.client.post(
        "/jiu_recommendations/old-2/status", data=update, headers=seeded.as_role("reader")
    )
    assert refused.status_code == 403
    client = seeded.sign_in("reader")
    page = _record_page(seeded)
    assert "Add a status update" not in page
    signed_in = client.post(
        "/jiu_recommendations/old-2/status", data={**update, "csrf_token": csrf_of(page)}
    )
    assert signed_in.status_code == 403
    history = _get(seeded, "/jiu_recommendations/old-2.json")["status_history"]
    assert [e["date"] for e in history[0]["entries"]] == ["2013-03"]


def test_an_update_without_the_csrf_token_is_refused(seeded: Site) -> None:
    client = seeded.sign_in("editor")
    update = {"organization": "unesco", "date": "2018-05-02", "implementation": "implemented"}
    for token in ({}, {"csrf_token": "forged"}):
        answer = client.post("/jiu_recommendations/old-2/status", data={**update, **token})
        assert answer.status_code == 403
        assert "did not come from this site" in answer.text
    history = client.get("/jiu_recommendations/old-2.json").json()["status_history"]
    assert [e["date"] for e in history[0]["entries"]] == ["2013-03"]
