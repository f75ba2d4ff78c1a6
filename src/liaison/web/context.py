"""The unit of work of one request: a database session and the principal it acts for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from liaison.errors import Unauthorized
from liaison.model import User
from liaison.services import tokens
from liaison.storage.database import Database
from liaison.web.security import Principal, check_csrf, identify, require


@dataclass(frozen=True)
class Unit:
    session: Session
    principal: Principal

    def signed_in_user(self, wanting: str) -> User:
        """The user the request acts for; an anonymous request is told to sign in ``wanting``…"""
        user = self.session.get(User, self.principal.user_id) if self.principal.user_id else None
        if user is None:
            raise Unauthorized(f"sign in {wanting}")
        return user

    def own_tokens(self) -> list[tokens.TokenInfo]:
        """The API tokens of the signed-in user, newest first."""
        return tokens.list_tokens(self.session, user=self.signed_in_user("to see your tokens"))


def database_of(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


@contextmanager
def unit(
    request: Request, permission: str, *, write: bool = False, csrf: str | None = None
) -> Iterator[Unit]:
    """Open a session, identify the principal, check ``permission`` (and CSRF for writes)."""
    database = database_of(request)
    with database.session(write=write) as session:
        principal = identify(request, session)
        require(principal, permission)
        check_csrf(request, principal, csrf)
        session.info["actor"] = principal.actor
        request.state.principal = principal
        yield Unit(session, principal)


def check_permission(request: Request, permission: str) -> None:
    """Refuse a request ``permission`` does not cover, before its body is even read."""
    with unit(request, permission):
        pass
