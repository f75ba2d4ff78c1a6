"""The JSON API: paging, filters, the write cycle with versions, and one shape for every error."""

from __future__ import annotations

import json
from pathlib import Path

from tests.web.conftest import Site

OPENAPI = Path(__file__).parents[2] / "docs" / "openapi.json"


def test_cursor_pages_cover_the_list_once_in_order(site: Site) -> None:
    headers = site.as_role("reader")
    seen: list[str] = []
    cursor = None
    total = None
    while True:
        params = {"limit": 7, "sort": "-date", **({"cursor": cursor} if cursor else {})}
        page = site.client.get("/api/events", params=params, headers=headers).json()
        total = page["total"]
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == total and total > 7
    whole = site.client.get("/api/events", params={"limit": 1000, "sort": "-date"}, headers=headers)
    assert [item["id"] for item in whole.json()["items"]] == seen


def test_filters_narrow_the_list(site: Site) -> None:
    headers = site.as_role("reader")
    every = site.client.get("/api/events", headers=headers).json()["total"]
    in_2018 = site.client.get("/api/events", params={"period": "2018"}, headers=headers).json()
    assert 0 < in_2018["total"] < every
    assert all(item["fields"]["date"].startswith("2018") for item in in_2018["items"])
    with_who = site.client.get("/api/initiatives", params={"organization": "who"}, headers=headers)
    assert all("who" in item["fields"]["partners"] for item in with_who.json()["items"])
    bad = site.client.get("/api/events", params={"period": "soon"}, headers=headers)
    assert bad.status_code == 400 and bad.json()["type"].endswith("invalid-request")


def test_create_replace_with_version_and_delete(site: Site) -> None:
    headers = site.as_role("editor")
    event = {
        "id": "test-expert-meeting",
        "name": "Expert meeting on testing",
        "kind": "meeting",
        "date": "2018-03",
        "participants": [{"org": "unesco", "role": "participant"}],
    }
    made = site.client.post("/api/events", json=event, headers=headers)
    assert made.status_code == 201 and made.headers["etag"] == '"1"'
    again = site.client.post("/api/events", json=event, headers=headers)
    assert again.status_code == 409 and "already taken" in again.json()["detail"]

    changed = {**event, "place": "Geneva"}
    no_version = site.client.put("/api/events/test-expert-meeting", json=changed, headers=headers)
    assert no_version.status_code == 428
    replaced = site.client.put(
        "/api/events/test-expert-meeting", json=changed, headers={**headers, "If-Match": '"1"'}
    )
    assert replaced.status_code == 200 and replaced.json()["version"] == 2
    stale = site.client.put(
        "/api/events/test-expert-meeting",
        json={**event, "place": "Paris"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert stale.status_code == 409 and "version 2" in stale.json()["detail"]
    got = site.client.get("/api/events/test-expert-meeting", headers=headers).json()
    assert got["record"]["place"] == "Geneva"

    gone = site.client.delete(
        "/api/events/test-expert-meeting", headers={**headers, "If-Match": '"2"'}
    )
    assert gone.status_code == 204
    assert site.client.get("/api/events/test-expert-meeting", headers=headers).status_code == 404


def test_invalid_records_answer_the_import_problems_and_save_nothing(site: Site) -> None:
    headers = site.as_role("editor")
    bad = {"id": "bad-event", "name": "X", "kind": "picnic", "date": "2018-13"}
    answer = site.client.post("/api/events", json=bad, headers=headers)
    body = answer.json()
    assert (
        answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    )
    assert {"type", "title", "status", "detail", "problems"} <= set(body)
    assert {p["field"] for p in body["problems"]} == {"kind", "date"}
    dangling = {"id": "lost-event", "name": "X", "kind": "meeting", "date": "2018",
                "participants": [{"org": "no-such-body"}]}  # fmt: skip
    answer = site.client.post("/api/events", json=dangling, headers=headers)
    assert answer.status_code == 422
    assert any("no-such-body" in p["message"] for p in answer.json()["problems"])
    assert site.client.get("/api/events/lost-event", headers=headers).status_code == 404


def test_a_record_others_refer_to_is_not_deleted(site: Site) -> None:
    headers = site.as_role("editor")
    unesco = site.client.get("/api/organizations/unesco", headers=headers)
    version = unesco.headers["etag"]
    answer = site.client.delete(
        "/api/organizations/unesco", headers={**headers, "If-Match": version}
    )
    assert answer.status_code == 409 and "refer to it" in answer.json()["detail"]


def test_search_has_offset_facets_and_marked_matches(site: Site) -> None:
    headers = site.as_role("reader")
    first = site.client.get("/api/search", params={"q": "united", "limit": 3}, headers=headers)
    second = site.client.get(
        "/api/search", params={"q": "united", "limit": 3, "offset": 3}, headers=headers
    )
    a, b = first.json(), second.json()
    assert a["total"] == b["total"] > 6
    assert not {h["id"] for h in a["hits"]} & {h["id"] for h in b["hits"]}
    assert "\ue000" in a["hits"][0]["title_marked"]
    assert sum(f["count"] for f in a["facets"]["kind"]) == a["total"]


def test_close_organization_names_are_found(site: Site) -> None:
    headers = site.as_role("reader")
    found = site.client.get(
        "/api/lookup/organizations", params={"q": "World Health Organisation", "close": True},
        headers=headers,
    ).json()  # fmt: skip
    assert found and found[0]["id"] == "who"


def test_the_committed_openapi_schema_is_the_served_one(site: Site) -> None:
    served = site.client.get("/api/openapi.json").json()
    committed = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert served == committed, "run `python -m liaison.web.openapi` and commit docs/openapi.json"
