"""Signing in and out, the first administrator, one's API tokens, and the site's settings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from liaison import access
from liaison.errors import Forbidden, LiaisonError, Unauthorized
from liaison.model import Setting, User
from liaison.services import tokens
from liaison.web.context import database_of, unit
from liaison.web.security import (
    ANONYMOUS_READ,
    FORM_COOKIE,
    SESSION_COOKIE,
    Principal,
    Throttle,
    check_form_csrf,
    csrf_token,
    new_form_secret,
    safe_next,
)

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page with a sign-in form: it sets the form cookie its CSRF token is made from."""
    templates: Jinja2Templates = request.app.state.templates
    secret = request.cookies.get(FORM_COOKIE) or new_form_secret()
    anonymous = Principal(None, None, None, "anonymous")
    full = {"principal": anonymous, "form_csrf": csrf_token(secret), **context}
    response = templates.TemplateResponse(request, template, full, status)
    response.set_cookie(
        FORM_COOKIE, secret, httponly=True, samesite="lax", secure=_secure(request), path="/"
    )
    return response


def _secure(request: Request) -> bool:
    return bool(request.app.state.secure_cookies) or request.url.scheme == "https"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _signed_in(request: Request, user: User, target: str) -> Response:
    with database_of(request).session(actor=f"web:{user.username}", write=True) as session:
        secret = tokens.issue(
            session, "session", session.get(User, user.id), hours=tokens.SESSION_HOURS
        )
    response = RedirectResponse(safe_next(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=tokens.SESSION_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return _page(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login")
async def login(request: Request) -> Response:
    fields = await _fields(request)
    check_form_csrf(request, fields.get("csrf_token"))
    username = fields.get("username", "").strip().lower()
    target = safe_next(fields.get("next"))
    throttle: Throttle = request.app.state.throttle
    address = _address(request)
    throttle.check(username, address)
    with database_of(request).session(actor=f"web:{username}") as session:
        user = access.authenticate(session, username, fields.get("password", ""))
        if user is not None:
            session.expunge(user)
    if user is None:
        throttle.failed(username, address)
        context = {"next": target, "error": "The user name or the password is wrong."}
        return _page(request, "login.html", context, 401)
    throttle.succeeded(username)
    return _signed_in(request, user, target)


@router.post("/logout")
async def logout(request: Request) -> Response:
    fields = await _fields(request)
    with unit(request, "read", write=True, csrf=fields.get("csrf_token")) as work:
        secret = work.principal.session_secret
        if secret:
            tokens.revoke_secret(work.session, "session", secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _setup_token(request: Request, token: str) -> None:
    with database_of(request).session() as session:
        if access.has_admin(session):
            raise Forbidden("an administrator already exists: sign in instead")
        if tokens.holder(session, "setup", token) is None:
            raise Unauthorized(
                "this set-up link is unknown or has expired: "
                "run `liaison serve` again for a new one"
            )


@router.get("/setup")
def setup_page(request: Request, token: str = "") -> Response:
    _setup_token(request, token)
    return _page(request, "setup.html", {"token": token, "error": None, "username": ""})


@router.post("/setup")
async def setup(request: Request) -> Response:
    fields = await _fields(request)
    check_form_csrf(request, fields.get("csrf_token"))
    token = fields.get("token", "")
    _setup_token(request, token)
    username = fields.get("username", "").strip().lower()
    password = fields.get("password", "")
    if password != fields.get("confirm", ""):
        context = {"token": token, "error": "The two passwords differ.", "username": username}
        return _page(request, "setup.html", context, 422)
    try:
        with database_of(request).session(actor="web:setup", write=True) as session:
            user = access.create_user(session, username, password, "admin")
            tokens.revoke_secret(session, "setup", token)
            session.flush()
            session.expunge(user)
    except LiaisonError as exc:
        context = {"token": token, "error": exc.message, "username": username}
        return _page(request, "setup.html", context, 422)
    return _signed_in(request, user, "/")


@router.get("/account")
def account_page(request: Request, made: str | None = None) -> Response:
    with unit(request, "read") as work:
        own = work.own_tokens()
    templates: Jinja2Templates = request.app.state.templates
    context = {"principal": work.principal, "tokens": own, "made": None}
    return templates.TemplateResponse(request, "account.html", context)


@router.post("/account/tokens")
async def make_token(request: Request) -> Response:
    fields = await _fields(request)
    with unit(request, "read", write=True, csrf=fields.get("csrf_token")) as work:
        name = fields.get("name", "").strip()[:100] or None
        user = work.signed_in_user("to make a token")
        secret = tokens.issue(work.session, "api", user, name=name)
        own = work.own_tokens()
    templates: Jinja2Templates = request.app.state.templates
    context = {"principal": work.principal, "tokens": own, "made": secret}
    return templates.TemplateResponse(request, "account.html", context, 201)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token(request: Request, token_id: int) -> Response:
    fields = await _fields(request)
    with unit(request, "read", write=True, csrf=fields.get("csrf_token")) as work:
        tokens.revoke(work.session, token_id, owner=work.signed_in_user("first"))
    return RedirectResponse("/account", status_code=303)


@router.get("/admin")
def admin_page(request: Request) -> Response:
    with unit(request, "administer") as work:
        users = [
            {"username": u.username, "role": u.role, "active": u.active}
            for u in access.list_users(work.session)
        ]
        anonymous = work.principal.anonymous_read
    templates: Jinja2Templates = request.app.state.templates
    context = {"principal": work.principal, "users": users, "anonymous_read": anonymous}
    return templates.TemplateResponse(request, "admin.html", context)


@router.post("/admin/settings")
async def admin_settings(request: Request) -> Response:
    fields = await _fields(request)
    with unit(request, "administer", write=True, csrf=fields.get("csrf_token")) as work:
        value = "on" if fields.get("anonymous_read") == "on" else "off"
        setting = work.session.scalar(select(Setting).where(Setting.key == ANONYMOUS_READ))
        if setting is None:
            work.session.add(Setting(key=ANONYMOUS_READ, value=value))
        else:
            setting.value = value
    return RedirectResponse("/admin", status_code=303)


def setup_link(database: Any, base_url: str) -> str | None:
    """A one-time link to create the first administrator, when there is none yet."""
    with database.session(actor="serve", write=True) as session:
        if access.has_admin(session):
            return None
        secret = tokens.issue(session, "setup", None, hours=tokens.SETUP_HOURS)
    return f"{base_url.rstrip('/')}/setup?token={secret}"
