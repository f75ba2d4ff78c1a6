"""Who is asking, and may they: sessions, API tokens, CSRF, sign-in throttling, headers.

A request is made by a signed-in browser (a session cookie), a script (``Authorization: Bearer``)
or nobody. Nobody may read only when an administrator has turned anonymous reading on. Forms and
cookie-authenticated API calls that change anything carry a CSRF token derived from the session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from liaison.access import PERMISSIONS
from liaison.errors import Forbidden, InvalidRequest, TooManyAttempts, Unauthorized
from liaison.model import Setting, Token, User
from liaison.services import tokens

SESSION_COOKIE = "liaison_session"
FORM_COOKIE = "liaison_form"
ANONYMOUS_READ = "anonymous_read"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Principal:
    """The user a request acts for (None when anonymous) and how it proved it."""

    user_id: int | None
    username: str | None
    role: str | None
    via: str  # "session", "token" or "anonymous"
    session_secret: str | None = None
    anonymous_read: bool = False

    @property
    def actor(self) -> str:
        return f"web:{self.username}" if self.username else "web:anonymous"

    def may(self, permission: str) -> bool:
        if self.role is None:
            return permission == "read" and self.anonymous_read
        return permission in PERMISSIONS.get(self.role, frozenset())

    @property
    def csrf(self) -> str | None:
        return csrf_token(self.session_secret) if self.session_secret else None


def csrf_token(secret: str) -> str:
    """The CSRF token of a session or a sign-in form: a keyed hash of its secret."""
    return hmac.new(secret.encode(), b"liaison-csrf", hashlib.sha256).hexdigest()[:40]


def anonymous_read(session: Session) -> bool:
    value = session.scalar(select(Setting.value).where(Setting.key == ANONYMOUS_READ))
    return value == "on"


def identify(request: Request, session: Session) -> Principal:
    """The principal of ``request``; a bad token is refused, not treated as anonymous."""
    anonymous = anonymous_read(session)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized(
                "use 'Authorization: Bearer TOKEN' with a token from `liaison token add`"
            )
        found = _signed_in_user(session, "api", secret.strip())
        if found is None:
            raise Unauthorized("this API token is unknown, revoked or expired")
        return Principal(found.id, found.username, found.role, "token", None, anonymous)
    cookie = request.cookies.get(SESSION_COOKIE)
    user = _signed_in_user(session, "session", cookie) if cookie else None
    if user is not None:
        return Principal(user.id, user.username, user.role, "session", cookie, anonymous)
    return Principal(None, None, None, "anonymous", None, anonymous)


def _signed_in_user(session: Session, purpose: str, secret: str) -> User | None:
    found = tokens.holder(session, purpose, secret)
    if found is None or found[1] is None:
        return None
    _note_use(session, found[0])
    return found[1]


_noted: dict[int, float] = {}  # token id: when this process last noted its use (monotonic)
_noted_lock = threading.Lock()


def _note_use(session: Session, token: Token) -> None:
    """Note a token's use at most once a minute, in a thread of its own and its own transaction.

    The request's transaction stays a read (on SQLite, a write inside it would take the database's
    one write lock until the request ends, and fail when another write came first), and the
    request does not wait for the lock.
    """
    if not tokens.use_due(token):
        return
    moment = time.monotonic()
    every = tokens.USE_NOTED_EVERY.total_seconds()
    with _noted_lock:
        if moment - _noted.get(token.id, moment - every) < every:
            return
        _noted[token.id] = moment
        for stale in [key for key, at in _noted.items() if moment - at >= every]:
            del _noted[stale]
    writer = threading.Thread(
        target=_write_use,
        args=(session.get_bind().engine, token.id),
        name="liaison-token-use",
        daemon=True,
    )
    writer.start()


def _write_use(engine: Engine, token_id: int) -> None:
    try:
        with Session(engine) as session, session.begin():
            tokens.note_use(session, token_id)
    except SQLAlchemyError:  # busy or gone: the token's next use tries again
        with _noted_lock:
            _noted.pop(token_id, None)


def require(principal: Principal, permission: str) -> None:
    if principal.may(permission):
        return
    if principal.role is None:
        raise Unauthorized("sign in to see this")
    raise Forbidden(
        f"a{'n' if principal.role[0] in 'aeiou' else ''} {principal.role} cannot do this"
    )


def check_csrf(request: Request, principal: Principal, submitted: str | None) -> None:
    """Unsafe requests from a browser session must carry the session's CSRF token."""
    if request.method not in UNSAFE_METHODS or principal.via != "session":
        return
    token = submitted or request.headers.get("x-csrf-token")
    expected = principal.csrf
    if not token or not expected or not hmac.compare_digest(token, expected):
        raise Forbidden(
            "the form has expired or did not come from this site: reload the page and try again"
        )


def check_form_csrf(request: Request, submitted: str | None) -> None:
    """Forms filled in before signing in (sign-in, first administrator) use a cookie pair."""
    secret = request.cookies.get(FORM_COOKIE)
    if not secret or not submitted or not hmac.compare_digest(submitted, csrf_token(secret)):
        raise Forbidden(
            "the form has expired or did not come from this site: reload the page and try again"
        )


def new_form_secret() -> str:
    return secrets.token_urlsafe(24)


class Throttle:
    """Failed sign-ins, counted per account and per address over a sliding window."""

    def __init__(self, per_account: int = 5, per_address: int = 20, window: float = 900) -> None:
        self.limits = {"account": per_account, "address": per_address}
        self.window = window
        self.failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self.failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def check(self, account: str, address: str) -> None:
        now = time.monotonic()
        with self.lock:
            for kind, value in (("account", account), ("address", address)):
                times = self._recent((kind, value), now)
                if len(times) >= self.limits[kind]:
                    wait = int(times[0] + self.window - now) + 1
                    raise TooManyAttempts(
                        f"too many failed sign-ins for this {kind}: try again in "
                        f"{max(1, wait // 60)} minute(s)",
                        retry_after=wait,
                    )

    def failed(self, account: str, address: str) -> None:
        now = time.monotonic()
        with self.lock:
            for key in (("account", account), ("address", address)):
                self._recent(key, now).append(now)

    def succeeded(self, account: str) -> None:
        with self.lock:
            self.failures.pop(("account", account), None)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def content_security_policy() -> str:
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


__all__ = ["InvalidRequest"]
