"""A served registry for the web tests: the demo data, one account of each role, a client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from liaison import access
from liaison.services import tokens
from liaison.storage.database import Database
from liaison.web.app import create_app

PASSWORD = "a long enough pass phrase"
ROLES = ("reader", "editor", "admin")


@dataclass
class Site:
    database: Database
    client: TestClient
    tokens: dict[str, str]

    def as_role(self, role: str | None) -> dict[str, str]:
        """Headers that make a request as a user of ``role`` (None: anonymous)."""
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}

    def sign_in(self, username: str, password: str = PASSWORD) -> TestClient:
        page = self.client.get("/login")
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        answer = self.client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": csrf, "next": "/"},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return self.client


@pytest.fixture
def site(demo_database: Database) -> Iterator[Site]:
    made: dict[str, str] = {}
    with demo_database.session(actor="tests") as session:
        for role in ROLES:
            user = access.create_user(session, role, PASSWORD, role)
            made[role] = tokens.issue(session, "api", user, name=f"{role} script")
    with TestClient(create_app(demo_database), base_url="http://testserver") as client:
        yield Site(demo_database, client, made)


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]
