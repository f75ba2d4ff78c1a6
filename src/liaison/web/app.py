"""The application: routes, error pages and problem documents, security headers, assets."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from liaison.errors import LiaisonError, Problem
from liaison.registry.reader import field_label
from liaison.storage.database import Database
from liaison.web.security import Throttle, content_security_policy

HERE = Path(__file__).parent
log = logging.getLogger("liaison.web")
PROBLEM_JSON = "application/problem+json"


def wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return (
        path.startswith("/api/")
        or path.endswith(".json")
        or ("application/json" in accept and "text/html" not in accept)
    )


def problem_response(
    request: Request, problem: dict[str, Any], headers: dict[str, str]
) -> Response:
    status = int(problem["status"])
    if status == 401 and request.method == "GET" and not wants_json(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
    if wants_json(request):
        return JSONResponse(problem, status, headers=headers, media_type=PROBLEM_JSON)
    templates: Jinja2Templates = request.app.state.templates
    principal = getattr(request.state, "principal", None)
    return templates.TemplateResponse(
        request, "error.html", {"problem": problem, "principal": principal}, status, headers
    )


def _headers_of(exc: LiaisonError) -> dict[str, str]:
    retry = getattr(exc, "retry_after", None)
    headers = {"Retry-After": str(retry)} if retry else {}
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="liaison"'
    return headers


def create_app(database: Database, *, secure_cookies: bool = False) -> FastAPI:
    """The application over ``database`` (already migrated and loaded with reference data)."""
    from liaison.web import accounts, api, candidates, jiu, pages, review, views

    app = FastAPI(
        title="Liaison",
        summary="The record of an organization's relations with the United Nations system.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.database = database
    app.state.throttle = Throttle()
    app.state.secure_cookies = secure_cookies
    templates = Jinja2Templates(directory=HERE / "templates")
    pages.add_filters(templates)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(LiaisonError)
    async def liaison_error(request: Request, exc: LiaisonError) -> Response:
        return problem_response(request, exc.as_dict(), _headers_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [_problem_of(error) for error in exc.errors()]
        detail = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems)
        body = {
            "type": "urn:liaison:problem:invalid-input",
            "title": "The input does not validate",
            "status": 422,
            "detail": detail,
            "problems": [dict(p.__dict__) for p in problems],
        }
        return problem_response(request, body, {})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed"}
        body = {
            "type": "about:blank",
            "title": titles.get(exc.status_code, "HTTP error"),
            "status": exc.status_code,
            "detail": str(exc.detail) if exc.status_code != 404 else "there is no such page",
        }
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        return problem_response(request, body, headers)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        body = {
            "type": "urn:liaison:problem:server-error",
            "title": "Something went wrong on the server",
            "status": 500,
            "detail": "the error was logged; nothing was saved",
        }
        return problem_response(request, body, {})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = content_security_policy()
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.include_router(api.router)
    app.include_router(accounts.router)
    # Fixed paths (/events/calendar, /tags/review…) before the pages' /{kind}/{record_id}.
    app.include_router(views.router)
    app.include_router(jiu.router)
    app.include_router(review.router)
    app.include_router(candidates.router)
    app.include_router(pages.router)
    plain_openapi = app.openapi
    app.openapi = lambda: api.problem_json_errors(plain_openapi())  # type: ignore[method-assign]
    return app


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        route = context.original_route
        path = context.path
        if isinstance(route, APIRoute) and path and compile_path(path)[0].match(request.url.path):
            methods |= route.methods or set()
    return ", ".join(sorted(methods))


def _problem_of(error: Any) -> Problem:
    location = [part for part in error.get("loc", ()) if part not in ("body",)]
    where = location[0] if location and location[0] in ("query", "path", "header") else None
    path = tuple(location[1:] if where else location)
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return Problem(where or "request", message, None, field_label(path))
