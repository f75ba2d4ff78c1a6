"""Who may do what: every route for every role, sign-in, the first administrator, CSRF."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from liaison.web import accounts, api, candidates, jiu, pages, review, views
from liaison.web.accounts import setup_link
from liaison.web.security import safe_next
from tests.web.conftest import PASSWORD, Site, csrf_of

# Every route and the permission it needs; a route missing here fails the test below.
NEEDS = {
    "read": [
        ("GET", "/"), ("GET", "/index.json"), ("GET", "/search"), ("GET", "/search.json"),
        ("GET", "/events"), ("GET", "/events.json"), ("GET", "/events/wha70"),
        ("GET", "/events/wha70.json"), ("GET", "/records/wha70"), ("GET", "/records/wha70.json"),
        ("GET", "/api/events"), ("GET", "/api/events/wha70"), ("GET", "/api/search?q=itu"),
        ("GET", "/api/taxa/sdg"), ("GET", "/api/lookup/organizations?q=who"), ("GET", "/api/me"),
        ("GET", "/report"), ("GET", "/report.json"), ("POST", "/report"),
        ("GET", "/events/timeline"), ("GET", "/events/timeline.json"),
        ("GET", "/events/calendar"), ("GET", "/events/calendar.json"), ("GET", "/coverage"),
        ("GET", "/coverage.json"), ("GET", "/network"), ("GET", "/network.json"), ("GET", "/jiu"),
        ("GET", "/jiu.json"), ("GET", "/jiu/trend.svg"),
    ],
    "edit": [
        ("GET", "/events/new"), ("GET", "/events/wha70/edit"), ("POST", "/api/events"),
        ("PUT", "/api/events/wha70"), ("DELETE", "/api/events/wha70"),
        ("GET", "/tags/review"), ("GET", "/tags/review.json"), ("POST", "/tags/review"),
        ("POST", "/tags/review/bulk"),
        ("POST", "/jiu_recommendations/jiu-rep-2016-1-rec-176/status"),
        ("GET", "/candidates"), ("GET", "/candidates.json"), ("POST", "/candidates/decide"),
    ],
    "administer": [
        ("GET", "/audit"), ("GET", "/audit.json"), ("GET", "/audit.csv"), ("GET", "/admin"),
        ("GET", "/api/audit"),
    ],
}  # fmt: skip
# Routes whose rules are their own (sign-in, set-up, one's own tokens) and tested below.
OWN_RULES = {
    "/login", "/logout", "/setup", "/account", "/account/tokens",
    "/account/tokens/{token_id}/revoke", "/admin/settings", "/api/tokens",
    "/api/tokens/{token_id}", "/api/openapi.json", "/{kind}/new", "/{kind}/{record_id}/edit",
    "/{kind}/{record_id}/delete", "/{kind}/{record_id}/retire",
}  # fmt: skip
ALLOWED = {
    None: set(),
    "reader": {"read"},
    "editor": {"read", "edit"},
    "admin": {"read", "edit", "administer"},
}


def _template(path: str) -> str:
    path = path.split("?")[0]
    path = re.sub(r"^/api/(?!search|taxa|lookup|me|audit)[a-z_]+", "/api/{kind}", path)
    path = re.sub(r"^/api/\{kind\}/[^/]+$", "/api/{kind}/{record_id}", path)
    path = re.sub(r"^/api/taxa/[^/]+$", "/api/taxa/{scheme}", path)
    path = re.sub(r"^/records/[^/.]+(\.json)?$", r"/records/{record_id}\1", path)
    path = re.sub(r"^/events/new$", "/{kind}/new", path)
    path = re.sub(r"^/events/wha70/edit$", "/{kind}/{record_id}/edit", path)
    path = re.sub(r"^/events/wha70(\.json)?$", r"/{kind}/{record_id}\1", path)
    path = re.sub(
        r"^/jiu_recommendations/[^/]+/status$", "/jiu_recommendations/{recommendation}/status", path
    )
    return re.sub(r"^/events(\.json)?$", r"/{kind}\1", path)


def test_every_route_is_in_the_matrix(site: Site) -> None:
    declared = {_template(path) for rows in NEEDS.values() for _, path in rows} | OWN_RULES
    served = {"/api/openapi.json"}
    for router in (
        api.router,
        accounts.router,
        views.router,
        jiu.router,
        review.router,
        candidates.router,
        pages.router,
    ):
        for route in router.routes:
            assert isinstance(route, APIRoute)
            kinds = r"^/api/(?!search|taxa|lookup|me|audit|tokens)[a-z_]+"
            served.add(re.sub(kinds, "/api/{kind}", route.path))
    assert served - declared == set(), "declare the permission of each new route in NEEDS"


@pytest.mark.parametrize("role", [None, "reader", "editor", "admin"])
def test_each_role_reaches_exactly_what_it_may(site: Site, role: str | None) -> None:
    for permission, rows in NEEDS.items():
        for method, path in rows:
            answer = site.client.request(
                method, path, headers={**site.as_role(role), "Accept": "application/json"},
                json={"id": "wha70", "name": "x", "kind": "session", "date": "2017"}
                if method in ("POST", "PUT") else None, follow_redirects=False,
            )  # fmt: skip
            code = answer.status_code
            if permission in ALLOWED[role]:
                assert code not in (401, 403), f"{role} {method} {path}: {code}"
            else:
                assert code == (401 if role is None else 403), f"{role} {method} {path}: {code}"


def test_first_administrator_from_the_one_time_link(site: Site, demo_database: object) -> None:
    from liaison.storage.database import Database

    assert isinstance(demo_database, Database)
    with demo_database.session() as session:
        from liaison.model import User

        session.query(User).filter(User.role == "admin").delete()
    link = setup_link(demo_database, "http://testserver")
    assert link is not None
    path = link.removeprefix("http://testserver")
    page = site.client.get(path)
    assert page.status_code == 200
    form = {"csrf_token": csrf_of(page.text), "token": path.split("token=")[1],
            "username": "root", "password": "short", "confirm": "short"}  # fmt: skip
    weak = site.client.post("/setup", data=form)
    assert weak.status_code == 422 and "12 characters" in weak.text
    form |= {"password": PASSWORD, "confirm": PASSWORD}
    made = site.client.post("/setup", data=form, follow_redirects=False)
    assert made.status_code == 303
    cookie = made.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert site.client.get("/admin").status_code == 200
    assert site.client.get(path).status_code == 403  # used once
    assert setup_link(demo_database, "http://testserver") is None


def test_sign_in_throttle_and_csrf(site: Site) -> None:
    page = site.client.get("/login")
    csrf = csrf_of(page.text)
    for _ in range(5):
        wrong = site.client.post(
            "/login", data={"username": "editor", "password": "wrong password", "csrf_token": csrf}
        )
        assert wrong.status_code == 401
    blocked = site.client.post(
        "/login", data={"username": "editor", "password": PASSWORD, "csrf_token": csrf}
    )
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    forged = site.client.post(
        "/login", data={"username": "reader", "password": PASSWORD, "csrf_token": "x"}
    )
    assert forged.status_code == 403

    client = site.sign_in("admin")
    no_token = client.post("/admin/settings", data={"anonymous_read": "on"})
    assert no_token.status_code == 403
    settings = client.get("/admin")
    saved = client.post(
        "/admin/settings",
        data={"anonymous_read": "on", "csrf_token": csrf_of(settings.text)},
        follow_redirects=False,
    )
    assert saved.status_code == 303


def test_anonymous_reading_is_off_until_an_admin_turns_it_on(site: Site) -> None:
    assert site.client.get("/api/events").status_code == 401
    assert (
        site.client.get("/events", follow_redirects=False)
        .headers["location"]
        .startswith("/login?next=")
    )
    client = site.sign_in("admin")
    page = client.get("/admin")
    client.post("/admin/settings", data={"anonymous_read": "on", "csrf_token": csrf_of(page.text)})
    client.cookies.clear()
    assert site.client.get("/api/events").status_code == 200
    # The permission is checked before the body is validated: no hint about the record's shape.
    assert site.client.post("/api/events", json={}).status_code == 401


def test_nobody_reaches_another_users_token(site: Site) -> None:
    mine = site.client.get("/api/tokens", headers=site.as_role("editor")).json()
    assert [t["name"] for t in mine] == ["editor script"]
    theirs = site.client.get("/api/tokens", headers=site.as_role("admin")).json()[0]["id"]
    answer = site.client.delete(f"/api/tokens/{theirs}", headers=site.as_role("editor"))
    assert answer.status_code == 404
    assert site.client.get("/api/me", headers=site.as_role("admin")).status_code == 200


@pytest.mark.parametrize(
    ("target", "safe"),
    [("/events", "/events"), ("//evil.example", "/"), ("https://evil.example", "/"),
     ("/\\evil", "/"), (None, "/")],
)  # fmt: skip
def test_no_open_redirect_after_sign_in(target: str | None, safe: str) -> None:
    assert safe_next(target) == safe


def test_pages_send_the_security_headers(site: Site) -> None:
    answer = site.client.get("/login")
    policy = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
