"""The browsing views: events' timeline and calendar, coverage, partner network, JIU follow-up."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from liaison.dates import PartialDate
from tests.web.conftest import Site


def _get(site: Site, path: str, role: str | None = "reader") -> Any:
    answer = site.client.get(path, headers=site.as_role(role))
    assert answer.status_code == 200, answer.text
    return answer.json() if ".json" in path else answer.text


def _scalar(site: Site, sql: str, **params: Any) -> Any:
    with site.database.session() as session:
        return session.execute(text(sql), params).scalar()


# --- events: calendar and timeline -----------------------------------------------------------
def test_the_calendar_of_may_2017_has_wha70_as_known_to_the_month_only(site: Site) -> None:
    shown = _get(site, "/events/calendar.json?month=2017-05")["calendar"]
    assert (shown["month"], shown["previous"], shown["next"]) == ("2017-05", "2017-04", "2017-06")
    # WHA 70 is dated 2017-05: it is in the month but on none of its days.
    assert "wha70" in [e["id"] for e in shown["without_day"]]
    days = [day for week in shown["weeks"] for day in week]
    assert all(len(week) == 7 for week in shown["weeks"])
    assert [d["day"] for d in days if d["in_month"]] == [
        date(2017, 5, n).isoformat() for n in range(1, 32)
    ]
    assert not any(e["id"] == "wha70" for d in days for e in d["events"])
    page = _get(site, "/events/calendar?month=2017-05")
    assert "Events in May 2017" in page and 'href="/events/wha70"' in page
    assert 'href="/events/calendar?month=2017-04"' in page
    assert 'href="/events/calendar?month=2017-06"' in page


def test_an_event_known_to_the_day_spans_its_days_in_the_calendar(site: Site) -> None:
    starts, ends = (
        _scalar(site, f"SELECT {side} FROM events WHERE id = 'global-iot-summit-2017'")
        for side in ("starts", "ends")
    )
    first, last = PartialDate.parse(starts).earliest(), PartialDate.parse(ends).latest()
    shown = _get(site, f"/events/calendar.json?month={first:%Y-%m}")["calendar"]
    on = {
        d["day"]: e
        for week in shown["weeks"]
        for d in week
        for e in d["events"]
        if e["id"] == "global-iot-summit-2017"
    }
    wanted = [
        date.fromordinal(n).isoformat() for n in range(first.toordinal(), last.toordinal() + 1)
    ]
    assert sorted(on) == wanted and len(wanted) > 1
    assert on[wanted[0]]["starts"] and not on[wanted[0]]["ends"]
    assert on[wanted[-1]]["ends"] and not on[wanted[-1]]["starts"]
    assert "global-iot-summit-2017" not in [e["id"] for e in shown["without_day"]]


def test_the_calendar_shows_the_month_of_the_latest_event_by_default(site: Site) -> None:
    latest = _scalar(site, "SELECT MAX(earliest) FROM events")
    latest = date.fromisoformat(str(latest)[:10])
    assert _get(site, "/events/calendar.json")["calendar"]["month"] == f"{latest:%Y-%m}"


@pytest.mark.parametrize(
    "month", ["2017-13", "2017", "2017-05-02", "May", "2017-00", "9999-12", "0001-01"]
)
def test_a_bad_month_is_a_problem_not_a_crash(site: Site, month: str) -> None:
    headers = site.as_role("reader")
    answer = site.client.get(f"/events/calendar.json?month={month}", headers=headers)
    assert answer.status_code == 400
    problem = answer.json()
    assert problem["status"] == 400 and "month" in problem["detail"]
    page = site.client.get(f"/events/calendar?month={month}", headers=headers)
    assert page.status_code == 400 and "Traceback" not in page.text and "month" in page.text


def test_the_timeline_is_newest_first_and_filtered_in_the_query(site: Site) -> None:
    timeline = _get(site, "/events/timeline.json")["timeline"]
    events = [e for y in timeline["years"] for m in y["months"] for e in m["events"]]
    dated = _scalar(site, "SELECT COUNT(*) FROM events WHERE earliest IS NOT NULL")
    assert timeline["total"] == len(events) == dated
    starts = [e["earliest"] for e in events]
    assert starts == sorted(starts, reverse=True)
    for year in timeline["years"]:
        assert all(
            e["earliest"].startswith(str(year["year"])) for m in year["months"] for e in m["events"]
        )
    page = _get(site, "/events/timeline")
    assert all(f'href="/events/{e["id"]}"' in page for e in events)

    may = _get(site, "/events/timeline.json?period=2017-05")["timeline"]
    ids = {e["id"] for y in may["years"] for m in y["months"] for e in m["events"]}
    in_may = _scalar(
        site,
        "SELECT COUNT(*) FROM events WHERE earliest <= :last AND latest >= :first",
        first=date(2017, 5, 1),
        last=date(2017, 5, 31),
    )
    assert "wha70" in ids and "green-standards-week-2018" not in ids and len(ids) == in_may
    of_wha = _get(site, "/events/timeline.json?body=wha")["timeline"]
    assert [e["id"] for y in of_wha["years"] for m in y["months"] for e in m["events"]] == ["wha70"]


@pytest.mark.parametrize("path", ["/events/timeline", "/coverage", "/network"])
def test_a_bad_period_is_a_problem_not_a_crash(site: Site, path: str) -> None:
    for suffix in (".json", ""):
        answer = site.client.get(f"{path}{suffix}?period=nonsense", headers=site.as_role("reader"))
        assert answer.status_code == 400, answer.text
        assert "period" in answer.text and "Traceback" not in answer.text


# --- coverage ----------------------------------------------------------------------------------
def _records_tagged(site: Site, taxon: str, scope: str = "", **params: Any) -> int:
    """Records with an accepted tag on the taxon or any taxon under it, counted in SQL."""
    count = _scalar(
        site,
        "SELECT COUNT(DISTINCT t.record_id) FROM tags t " + scope + " WHERE t.state = 'accepted' "
        "AND (t.taxon_id = :taxon OR t.taxon_id LIKE :under)",
        taxon=taxon,
        under=taxon + ".%",
        **params,
    )
    return int(count)


def test_coverage_counts_are_those_of_the_tags(site: Site) -> None:
    coverage = _get(site, "/coverage.json")["coverage"]
    goals = {g["goal"]: g for g in coverage["goals"]}
    assert sorted(goals) == list(range(1, 18))
    for goal, found in goals.items():
        assert found["records"] == _records_tagged(site, f"sdg:{goal}"), goal
        for target in found["targets"]:
            assert target["records"] == _records_tagged(site, target["id"]) > 0
    lines = {line["code"]: line for line in coverage["lines"]}
    for code, found in lines.items():
        assert found["records"] == _records_tagged(site, f"wsis:{code}"), code
    assert lines["C7.e-health"]["parent"] == "C7"
    assert coverage["goal_gaps"] == [g for g, found in goals.items() if found["records"] == 0]
    assert coverage["line_gaps"] == [c for c, found in lines.items() if found["records"] == 0]
    assert sum(g["records"] for g in goals.values()) > 0

    page = _get(site, "/coverage")
    assert page.count("<svg") >= 2 and "<table" in page
    nine = goals[9]
    plural = "" if nine["records"] == 1 else "s"
    assert f"<title>Goal 9 — {nine['label']}: {nine['records']} record{plural}</title>" in page


def test_coverage_narrowed_to_a_kind_and_a_period(site: Site) -> None:
    coverage = _get(site, "/coverage.json?kind=events&period=2017")["coverage"]
    assert coverage["kinds"] == ["events"] and coverage["period"] == "2017"
    scope = "JOIN events e ON e.id = t.record_id AND e.earliest <= :last AND e.latest >= :first"
    bounds = {"first": date(2017, 1, 1), "last": date(2017, 12, 31)}
    for found in coverage["goals"]:
        assert found["records"] == _records_tagged(site, found["id"], scope, **bounds)
    for found in coverage["lines"]:
        assert found["records"] == _records_tagged(site, found["id"], scope, **bounds)
    covered = [g for g in coverage["goals"] if g["records"]]
    assert covered
    page = _get(site, "/coverage?kind=events&period=2017")
    for found in covered:  # the page links each goal to the list it counted
        listed = _get(site, f"/events.json?taxon={found['id']}&period=2017")["page"]
        assert listed["total"] == found["records"]
        assert f'href="/events?taxon={found["id"].replace(":", "%3A")}&amp;period=2017"' in page
    everything = _get(site, "/coverage.json")["coverage"]
    assert coverage["tagged_records"] < everything["tagged_records"]
    headers = site.as_role("reader")
    for bad in ("kind=nothing", "kind=organizations&period=2017"):
        answer = site.client.get(f"/coverage.json?{bad}", headers=headers)
        assert answer.status_code == 400, answer.text


# --- partner network ---------------------------------------------------------------------------
def test_the_network_links_itu_to_its_partners(site: Site) -> None:
    partner = _scalar(
        site,
        "SELECT MIN(b.organization_id) FROM initiative_partners a JOIN initiative_partners b "
        "ON a.initiative_id = b.initiative_id WHERE a.organization_id = 'itu' "
        "AND b.organization_id <> 'itu'",
    )
    assert partner
    network = _get(site, "/network.json")["network"]
    nodes = {n["id"]: n for n in network["nodes"]}
    assert "itu" in nodes and partner in nodes
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in nodes.values())
    pair = tuple(sorted(("itu", partner)))
    edge = next(e for e in network["edges"] if (e["source"], e["target"]) == pair)
    shared = _scalar(
        site,
        "SELECT COUNT(*) FROM initiative_partners a JOIN initiative_partners b "
        "ON a.initiative_id = b.initiative_id AND a.organization_id = :a "
        "AND b.organization_id = :b",
        a=pair[0],
        b=pair[1],
    )
    assert len(edge["initiatives"]) == shared > 0
    degree = sum(1 for e in network["edges"] if "itu" in (e["source"], e["target"]))
    assert nodes["itu"]["degree"] == degree
    assert _get(site, "/network.json")["network"] == network  # the layout has a fixed seed

    page = _get(site, "/network")
    assert f'href="/organizations/{partner}"' in page and 'href="/organizations/itu"' in page
    assert '<script src="/static/network.js"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and " style=" not in page
    assert site.client.get("/static/network.js").status_code == 200


def test_the_network_of_a_period_keeps_what_is_current_in_it(site: Site) -> None:
    everything = _get(site, "/network.json")["network"]
    later = _get(site, "/network.json?period=2030")["network"]
    events = {i for e in later["edges"] for i in e["events"]}
    assert not events  # no event of the demo is dated 2030
    assert len(later["edges"]) < len(everything["edges"])


# --- JIU recommendations -----------------------------------------------------------------------
RECOMMENDATION = {
    "id": "jiu-rep-2016-1-rec-9",
    "report": "jiu-rep-2016-1",
    "number": 9,
    "text": "The Secretary-General should publish the follow-up of every recommendation.",
    "statuses": [
        {"org": "itu", "date": "2018-03-15", "implementation": "implemented", "note": "Done."},
        {"org": "itu", "date": "2016-09-01", "acceptance": "under-consideration"},
        {"org": "itu", "date": "2017-04-20", "acceptance": "accepted",
         "implementation": "in-progress"},
        {"org": "unesco", "date": "2017-01-10", "acceptance": "not-accepted"},
    ],
}  # fmt: skip


@pytest.fixture
def recommendation(site: Site) -> str:
    made = site.client.post(
        "/api/jiu_recommendations", json=RECOMMENDATION, headers=site.as_role("editor")
    )
    assert made.status_code == 201, made.text
    # Stored positions against the dates: the history must follow the dates, not the order.
    with site.database.session(write=True) as session:
        session.execute(
            text("UPDATE jiu_statuses SET position = 100 - position WHERE recommendation_id = :r"),
            {"r": RECOMMENDATION["id"]},
        )
    return str(RECOMMENDATION["id"])


def test_a_recommendation_page_shows_its_history_in_date_order(
    site: Site, recommendation: str
) -> None:
    shown = _get(site, f"/jiu_recommendations/{recommendation}.json")
    history = {h["organization"]: h for h in shown["status_history"]}
    assert sorted(history) == ["itu", "unesco"]
    dates = [e["date"] for e in history["itu"]["entries"]]
    assert dates == ["2016-09-01", "2017-04-20", "2018-03-15"]
    assert history["itu"]["entries"][-1]["note"] == "Done."
    page = _get(site, f"/jiu_recommendations/{recommendation}")
    assert "Status history" in page
    positions = [page.index(f'<time datetime="{d}">') for d in dates]
    assert positions == sorted(positions)


def test_anonymous_readers_are_refused_the_views(site: Site) -> None:
    for path in ("/events/calendar.json", "/events/timeline.json", "/coverage.json",
                 "/network.json", "/jiu.json"):  # fmt: skip
        assert site.client.get(path).status_code == 401
