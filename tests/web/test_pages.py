"""The pages a person uses: forms that validate as the import does, stale edits, search."""

from __future__ import annotations

from tests.web.conftest import Site, csrf_of


def test_an_editor_adds_an_event_with_a_participant_and_edits_it(site: Site) -> None:
    client = site.sign_in("editor")
    page = client.get("/events/new")
    assert page.status_code == 200 and 'name="participants.0.org"' in page.text
    form = {"csrf_token": csrf_of(page.text), "id": "form-made-event", "name": "Form event",
            "kind": "meeting", "date": "2018-02", "participants.0.org": "nobody-at-all",
            "participants.0.role": "participant"}  # fmt: skip
    refused = client.post("/events/new", data=form)
    assert refused.status_code == 422 and "Nothing was saved" in refused.text
    assert "nobody-at-all" in refused.text  # the message names the unknown reference
    assert client.get("/api/events/form-made-event").status_code == 404
    made = client.post(
        "/events/new", data={**form, "participants.0.org": "unesco"}, follow_redirects=False
    )
    assert made.status_code == 303 and made.headers["location"].startswith("/events/form-made")
    shown = client.get("/events/form-made-event")
    assert "Form event" in shown.text and "unesco" in shown.text

    edit = client.get("/events/form-made-event/edit")
    fields = {"csrf_token": csrf_of(edit.text), "version": "1", "name": "Form event, renamed",
              "kind": "meeting", "date": "2018-02", "participants.0.org": "unesco"}  # fmt: skip
    assert client.post("/events/form-made-event/edit", data=fields).status_code == 200
    stale = client.post("/events/form-made-event/edit", data={**fields, "name": "Other"})
    assert stale.status_code == 409 and "changed by someone else" in stale.text
    record = client.get("/api/events/form-made-event").json()["record"]
    assert record["name"] == "Form event, renamed"


def test_a_new_organization_like_an_existing_one_is_questioned(site: Site) -> None:
    client = site.sign_in("editor")
    page = client.get("/organizations/new")
    form = {"csrf_token": csrf_of(page.text), "id": "who-again",
            "name": "World Health Organisation", "kind": "specialized-agency"}  # fmt: skip
    warned = client.post("/organizations/new", data=form)
    assert warned.status_code == 409 and "already on record" in warned.text
    assert client.get("/api/organizations/who-again").status_code == 404


def test_search_page_marks_matches_and_escapes_the_rest(site: Site) -> None:
    client = site.sign_in("reader")
    page = client.get("/search", params={"q": "broadband <script>"})
    assert page.status_code == 200 and "<script>" not in page.text.split("<main>")[1]
    page = client.get("/search", params={"q": "broadband"})
    assert "<mark>Broadband</mark>" in page.text
    data = client.get("/search.json", params={"q": "broadband"}).json()
    assert data["search"]["total"] >= 1


def test_every_kind_lists_and_shows(site: Site) -> None:
    client = site.sign_in("reader")
    for kind in ("organizations", "roles", "events", "initiatives", "documents", "activities",
                 "jiu_recommendations"):  # fmt: skip
        listing = client.get(f"/{kind}.json").json()
        assert client.get(f"/{kind}").status_code == 200
        for item in listing["page"]["items"][:3]:
            assert client.get(f"/{kind}/{item['id']}").status_code == 200, (kind, item["id"])
    itu = client.get("/organizations/itu.json").json()
    assert itu["involved"]["initiatives"]["total"] > 0
    assert client.get("/index.json").json()["dashboard"]["counts"]["events"] > 0


def test_organization_fields_and_the_taxon_filter_offer_names_as_one_types(site: Site) -> None:
    client = site.sign_in("editor")
    form = client.get("/events/new").text
    assert 'name="participants.0.org"' in form
    org_input = form.split('name="participants.0.org"')[1].split(">")[0]
    assert 'data-lookup="/api/lookup/organizations?q="' in org_input
    assert "data-lookup" not in form.split('name="name"')[1].split(">")[0]
    assert '<script src="/static/autocomplete.js" defer></script>' in form
    listing = client.get("/events").text
    assert 'data-lookup="taxa"' in listing
    # What the script asks for answers with ids and names.
    found = client.get("/api/lookup/organizations?q=unes").json()
    assert {"unesco"} <= {m["id"] for m in found} and all(m["name"] for m in found)
    assert client.get("/static/autocomplete.js").status_code == 200


def test_vocabulary_fields_are_choices(site: Site) -> None:
    client = site.sign_in("editor")
    event = client.get("/events/new").text
    assert '<select name="kind" id="kind"' in event
    assert '<option value="session">' in event.split('<select name="kind"')[1].split("</select>")[0]
    assert '<select name="participants.0.role"' in event
    assert '<select name="role" id="role"' in client.get("/roles/new").text


def test_an_organizations_roles_name_the_body_or_the_holder(site: Site) -> None:
    page = site.client.get("/organizations/itu", headers=site.as_role("reader")).text
    roles = page.split("<h2>Roles")[1].split("</section>")[0]
    assert 'in <a href="/organizations/' in roles
