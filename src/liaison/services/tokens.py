"""Secrets that stand for a user: browser sessions, API tokens and the first-administrator link.

Each secret is 32 random bytes shown once when made; only its SHA-256 hash is stored, so a copy
of the database does not let anyone sign in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from liaison.errors import NotFound
from liaison.model import Token, User

SESSION_HOURS = 12
SETUP_HOURS = 24
PURPOSES = ("session", "api", "setup")
USE_NOTED_EVERY = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back; every time Liaison writes is UTC.
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


@dataclass(frozen=True)
class TokenInfo:
    id: int
    purpose: str
    username: str | None
    name: str | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool


def issue(
    session: Session,
    purpose: str,
    user: User | None,
    *,
    name: str | None = None,
    hours: int | None = None,
) -> str:
    """Make a token and return its secret (the only time it is seen)."""
    assert purpose in PURPOSES
    secret = secrets.token_urlsafe(32)
    expires = now() + timedelta(hours=hours) if hours else None
    session.add(
        Token(
            purpose=purpose,
            user_id=user.id if user else None,
            name=name,
            secret_hash=hash_secret(secret),
            expires_at=expires,
        )
    )
    session.flush()
    return secret


def holder(session: Session, purpose: str, secret: str) -> tuple[Token, User | None] | None:
    """The live token of ``purpose`` with this secret and the active user it stands for."""
    token = session.scalar(
        select(Token).where(Token.secret_hash == hash_secret(secret), Token.purpose == purpose)
    )
    if token is None or token.revoked_at is not None:
        return None
    expires = _aware(token.expires_at)
    if expires is not None and expires <= now():
        return None
    user = session.get(User, token.user_id) if token.user_id is not None else None
    if token.user_id is not None and (user is None or not user.active):
        return None
    return token, user


def use_due(token: Token) -> bool:
    """Whether the token's use is worth noting: never noted, or not within the last minute."""
    last = _aware(token.last_used_at)
    return last is None or now() - last > USE_NOTED_EVERY


def note_use(session: Session, token_id: int) -> None:
    """Note the token's use now, unless it was noted within the last minute."""
    moment = now()
    session.execute(
        update(Token)
        .where(
            Token.id == token_id,
            or_(Token.last_used_at.is_(None), Token.last_used_at < moment - USE_NOTED_EVERY),
        )
        .values(last_used_at=moment)
    )


def revoke(session: Session, token_id: int, *, owner: User | None = None) -> None:
    """Revoke a token; with ``owner``, only one of that user's own."""
    token = session.get(Token, token_id)
    if token is None or (owner is not None and token.user_id != owner.id):
        raise NotFound(f"no token {token_id}")
    token.revoked_at = now()


def revoke_secret(session: Session, purpose: str, secret: str) -> None:
    session.execute(
        update(Token)
        .where(Token.secret_hash == hash_secret(secret), Token.purpose == purpose)
        .values(revoked_at=now())
    )


def list_tokens(session: Session, *, user: User | None = None) -> list[TokenInfo]:
    """API tokens (every user's, or one user's), newest first."""
    query = (
        select(Token, User.username)
        .outerjoin(User, User.id == Token.user_id)
        .where(Token.purpose == "api")
        .order_by(Token.id.desc())
    )
    if user is not None:
        query = query.where(Token.user_id == user.id)
    return [
        TokenInfo(
            t.id,
            t.purpose,
            username,
            t.name,
            t.created_at,
            _aware(t.expires_at),
            _aware(t.last_used_at),
            t.revoked_at is not None,
        )
        for t, username in session.execute(query)
    ]
