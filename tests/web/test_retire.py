"""Retiring a record: it stays, with its history and references, but is no longer current."""

from __future__ import annotations

from sqlalchemy import select

from liaison.model import AuditEntry
from liaison.registry.exporter import dataset, plain
from tests.web.conftest import Site, csrf_of


def _retire(site: Site, path: str, **fields: str) -> int:
    client = site.sign_in("editor")
    page = client.get(path)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page.text), "version": version, **fields}
    answer = client.post(f"{path}/retire", data=data, follow_redirects=False)
    return answer.status_code


def test_an_editor_retires_an_organization_and_makes_it_current_again(site: Site) -> None:
    headers = site.as_role("reader")
    offered = site.client.get("/api/lookup/organizations?q=unidir", headers=headers).json()
    assert "unidir" in {m["id"] for m in offered}
    assert _retire(site, "/organizations/unidir", on="2019-05") == 303
    shown = site.client.get("/organizations/unidir")
    assert "Retired since 2019-05" in shown.text and "Make current again" in shown.text
    assert site.client.get("/api/organizations/unidir").json()["record"]["retired"] == "2019-05"
    # Not offered for new references, but still found, listed and referred to.
    offered = site.client.get("/api/lookup/organizations?q=unidir", headers=headers).json()
    assert "unidir" not in {m["id"] for m in offered}
    retired = site.client.get("/organizations.json?retired=true").json()["page"]["items"]
    assert [r["id"] for r in retired] == ["unidir"]
    by_api = site.client.get("/api/organizations?retired=true", headers=headers).json()
    assert [r["id"] for r in by_api["items"]] == ["unidir"]
    current = site.client.get("/organizations.json?retired=false&q=unidir").json()["page"]
    assert current["items"] == []
    assert site.client.get("/organizations.json?retired=").status_code == 200
    with site.database.session() as session:
        by_editor = (AuditEntry.record_id == "unidir", AuditEntry.actor == "web:editor")
        assert session.scalars(select(AuditEntry).where(*by_editor)).all()
        exported = plain(dataset(session, ["unidir"]))["organizations"][0]
        assert exported["retired"] == "2019-05"  # the import format carries it

    client = site.client
    page = client.get("/organizations/unidir")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    back = client.post(
        "/organizations/unidir/retire",
        data={"csrf_token": csrf_of(page.text), "version": version, "restore": "1"},
        follow_redirects=False,
    )
    assert back.status_code == 303
    assert "retired" not in site.client.get("/api/organizations/unidir").json()["record"]


def test_a_bad_retirement_date_saves_nothing_and_a_reader_cannot_retire(site: Site) -> None:
    assert _retire(site, "/events/wha70", on="2019-13-45") == 422
    assert "retired" not in site.client.get("/api/events/wha70").json()["record"]
    client = site.sign_in("reader")
    page = client.get("/events/wha70")
    assert "Retire this" not in page.text
    answer = client.post("/events/wha70/retire", data={"version": "1", "csrf_token": "x"})
    assert answer.status_code == 403
