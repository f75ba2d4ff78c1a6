"""Accounts: hashed passwords, validated roles, least privilege, audited without secrets."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from liaison import access
from liaison.errors import LiaisonError
from liaison.model import AuditEntry
from liaison.storage.database import Database

PASSWORD = "correct horse battery"


def test_password_is_stored_only_as_a_hash_and_verifies(database: Database) -> None:
    with database.session(actor="admin") as session:
        access.create_user(session, "alice", PASSWORD, "editor")
    with database.session() as session:
        user = access.get_user(session, "alice")
        assert PASSWORD not in user.password_hash and user.password_hash.startswith("$argon2")
        assert access.authenticate(session, "alice", PASSWORD) is user
        assert access.authenticate(session, "alice", PASSWORD + "!") is None
        assert access.authenticate(session, "nobody", PASSWORD) is None
        entries = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "users"))
        assert [e.changes["password_hash"] for e in entries] == ["***"]


def test_roles_grant_least_privilege(database: Database) -> None:
    with database.session() as session:
        reader = access.create_user(session, "rita", PASSWORD, "reader")
        editor = access.create_user(session, "eddie", PASSWORD, "editor")
        admin = access.create_user(session, "ada", PASSWORD, "admin")
        assert access.may(reader, "read") and not access.may(reader, "edit")
        assert access.may(editor, "edit") and not access.may(editor, "administer")
        assert access.may(admin, "administer")
        admin.active = False
        assert not access.may(admin, "read")


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("Bob Smith", PASSWORD, "reader", "is not a user name"),
        ("bob", "short", "reader", "at least 12 characters"),
        ("bob", PASSWORD, "owner", "unknown role 'owner'"),
        ("alice", PASSWORD, "reader", "already exists"),
    ],
)
def test_bad_accounts_are_refused(
    database: Database, username: str, password: str, role: str, message: str
) -> None:
    with database.session() as session:
        access.create_user(session, "alice", PASSWORD, "reader")
    with pytest.raises(LiaisonError, match=message), database.session() as session:
        access.create_user(session, username, password, role)


def test_password_and_role_changes(database: Database) -> None:
    with database.session() as session:
        access.create_user(session, "alice", PASSWORD, "reader")
    with database.session() as session:
        access.set_password(session, "alice", "another long password")
        access.set_role(session, "alice", "admin")
    with database.session() as session:
        user = access.authenticate(session, "alice", "another long password")
        assert user is not None and user.role == "admin"
