"""The JSON API: paging, filters, the write cycle with versions, and one shape for every error."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from liaison.errors import InvalidInput
from liaison.registry.reader import validated
from liaison.web.models import EXAMPLES
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
        if cursor:
            assert page["total"] is None  # only the first page counts the list
        else:
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
    params = {"q": "united", "limit": 3, "facets": "true"}
    first = site.client.get("/api/search", params=params, headers=headers)
    second = site.client.get(
        "/api/search", params={"q": "united", "limit": 3, "offset": 3}, headers=headers
    )
    a, b = first.json(), second.json()
    assert a["total"] == b["total"] > 6
    assert not {h["id"] for h in a["hits"]} & {h["id"] for h in b["hits"]}
    assert "\ue000" in a["hits"][0]["title_marked"]
    assert sum(f["count"] for f in a["facets"]["kind"]) == a["total"]
    assert b["facets"] == {}  # facets are counted only when asked for


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


def test_errors_are_documented_as_the_problem_documents_they_are(site: Site) -> None:
    schema = site.client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert set(response["content"]) == {"application/problem+json"}, (
                        f"{method} {path} {status}"
                    )
    missing = site.client.get("/api/events/no-such-event", headers=site.as_role("reader"))
    assert missing.headers["content-type"] == "application/problem+json"


def test_moments_carry_their_offset_on_every_backend(site: Site) -> None:
    headers = site.as_role("admin")
    made = site.client.post(
        "/api/events",
        json={"id": "timed-event", "name": "Timed", "kind": "meeting", "date": "2018"},
        headers=headers,
    ).json()
    token = site.client.get("/api/tokens", headers=headers).json()[0]
    change = site.client.get("/api/audit", params={"limit": 1}, headers=headers).json()
    moments = [made["created_at"], made["last_change"]["at"], token["created_at"]]
    moments.append(change["items"][0]["at"])
    for moment in moments:
        assert datetime.fromisoformat(moment).utcoffset() is not None, moment


def test_a_method_not_allowed_names_every_allowed_one(site: Site) -> None:
    answer = site.client.patch("/api/events/wha70", headers=site.as_role("editor"))
    assert answer.status_code == 405
    assert answer.headers["allow"] == "DELETE, GET, PUT"
    assert answer.json()["status"] == 405


def test_text_no_database_can_store_is_refused_not_a_server_error(site: Site) -> None:
    headers = site.as_role("editor")
    for path, params in [
        ("/api/events/wha%0070", {}),
        ("/api/events", {"q": "a\x00b"}),
        ("/api/search", {"q": "\x00"}),
        ("/api/lookup/organizations", {"q": "who\x00"}),
    ]:
        answer = site.client.get(path, params=params, headers=headers)
        assert answer.status_code == 400 and "NUL" in answer.json()["detail"], path
    event = {"id": "nul-event", "name": "Nul\x00", "kind": "meeting", "date": "2018",
             "participants": [{"org": "who", "contribution": "\x00"}]}  # fmt: skip
    answer = site.client.post("/api/events", json=event, headers=headers)
    assert answer.status_code == 422
    fields = {p["field"] for p in answer.json()["problems"] if "NUL" in p["message"]}
    assert fields == {"name", "participants[0].contribution"}
    # PostgreSQL stores no NUL; and a YAML or JSON import file may hold a lone surrogate (\ud800).
    with pytest.raises(InvalidInput) as refused:
        validated("one.json", {"events": [{**event, "name": "Nul\ud800"}]})
    assert {p.field for p in refused.value.problems} == {"name", "participants[0].contribution"}


def test_a_token_number_out_of_range_is_invalid_input(site: Site) -> None:
    answer = site.client.delete(f"/api/tokens/{2**70}", headers=site.as_role("editor"))
    assert answer.status_code == 422 and answer.json()["problems"][0]["field"] == "token_id"


def test_list_items_and_audit_rows_keep_the_services_shapes(site: Site) -> None:
    schemas = site.client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(schemas["RecordRow"]["properties"]) == {"id", "kind", "title", "version", "fields"}
    audit = {"id", "at", "actor", "action", "table", "record_id", "changes"}
    assert set(schemas["AuditRow"]["properties"]) == audit
    assert schemas["AuditRow"]["properties"]["at"]["format"] == "date-time"
    page = site.client.get("/api/roles", params={"limit": 2}, headers=site.as_role("reader"))
    assert set(page.json()["items"][0]) == {"id", "kind", "title", "version", "fields"}


def test_the_schema_shows_a_new_record_of_each_kind_the_demo_registry_accepts(site: Site) -> None:
    headers = site.as_role("editor")
    operations = site.client.get("/api/openapi.json").json()["paths"]
    for kind, example in EXAMPLES.items():
        body = operations[f"/api/{kind}"]["post"]["requestBody"]["content"]["application/json"]
        assert body["examples"]["new"]["value"] == example
        answer = site.client.post(f"/api/{kind}", json=example, headers=headers)
        assert answer.status_code == 201, answer.text


def test_a_record_sent_as_json_has_the_json_types_its_schema_says(site: Site) -> None:
    headers = site.as_role("editor")
    event = {"id": "typed-event", "name": "Typed", "kind": "meeting", "date": "2018"}
    for wrong in ({"order": False}, {"order": "3"}, {"tags": [{"taxon": "sdg:9", "score": "1"}]}):
        answer = site.client.post("/api/events", json={**event, **wrong}, headers=headers)
        assert answer.status_code == 422, wrong
        assert answer.json()["problems"][-1]["message"].startswith("Input should be a valid")
    answer = site.client.post("/api/events", json={**event, "order": 3}, headers=headers)
    assert answer.status_code == 201 and answer.json()["record"]["order"] == 3


def test_a_role_without_an_id_gets_one_but_a_null_id_is_refused(site: Site) -> None:
    headers = site.as_role("editor")
    role = {"holder": "itu", "role": "observer", "body": "unesco", "period": "2019"}
    answer = site.client.post("/api/roles", json={**role, "id": None}, headers=headers)
    assert answer.status_code == 422 and answer.json()["problems"][0]["field"] == "id"
    made = site.client.post("/api/roles", json=role, headers=headers)
    assert made.status_code == 201 and made.json()["id"] == "itu.observer.unesco.2019"
