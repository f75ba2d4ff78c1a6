"""The HTML pages, each with a ``.json`` twin at the same path that returns the page's data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from liaison.errors import InvalidInput, InvalidRequest, LiaisonError, NotFound
from liaison.jiu.history import status_history
from liaison.services import audit as audit_service
from liaison.services.dashboard import dashboard
from liaison.services.kinds import VIEWS
from liaison.services.listing import RecordFilter, list_records
from liaison.services.records import get_record
from liaison.services.search import MARK_END, MARK_START, search
from liaison.web.api import period_of
from liaison.web.context import unit
from liaison.web.forms import (
    FormState,
    form_for,
    parse_form,
    problems_by_field,
    rows_to_show,
)

router = APIRouter(include_in_schema=False)
PageHandler = Callable[..., Any]


def add_filters(templates: Jinja2Templates) -> None:
    env = templates.env
    env.filters["marked"] = marked
    env.filters["kind_label"] = kind_label
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    env.globals["KINDS"] = list(VIEWS)
    env.globals["rows_to_show"] = rows_to_show
    env.globals["query_string"] = lambda **items: urlencode(
        {k: v for k, v in items.items() if v not in (None, "")}
    )


def kind_label(kind: str) -> str:
    """``jiu_recommendations`` → ``JIU recommendations``."""
    words = kind.replace("_", " ").split(" ")
    return " ".join("JIU" if w.lower() == "jiu" else w for w in words)


def marked(text: str | None) -> Markup:
    """Text with its search marks as <mark>, everything else escaped."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def respond(
    request: Request, template: str, data: dict[str, Any], as_json: bool, **extra: Any
) -> Response:
    if as_json:
        return JSONResponse(jsonable_encoder(data))
    templates: Jinja2Templates = request.app.state.templates
    principal = getattr(request.state, "principal", None)
    context = {"principal": principal, **data, **extra}
    return templates.TemplateResponse(request, template, context)


def twin(path: str, on: APIRouter | None = None) -> Callable[[PageHandler], PageHandler]:
    """Register a page at ``path`` and its JSON twin at ``path`` + ``.json``, on the router
    ``on`` (default: this module's, whose ``/{kind}/{record_id}`` comes last)."""
    target = router if on is None else on

    def register(handler: PageHandler) -> PageHandler:
        json_path = "/index.json" if path == "/" else path + ".json"

        def as_json(request: Request, **params: Any) -> Any:
            return handler(request, as_json=True, **params)

        def as_html(request: Request, **params: Any) -> Any:
            return handler(request, as_json=False, **params)

        for route_path, endpoint in ((json_path, as_json), (path, as_html)):
            endpoint.__signature__ = _signature_without_as_json(handler)  # type: ignore[attr-defined]
            target.add_api_route(route_path, endpoint, methods=["GET"], response_model=None)
        return handler

    return register


def _signature_without_as_json(handler: PageHandler) -> Any:
    import inspect

    signature = inspect.signature(handler)
    return signature.replace(
        parameters=[p for p in signature.parameters.values() if p.name != "as_json"]
    )


@twin("/")
def home(request: Request, as_json: bool) -> Response:
    with unit(request, "read") as work:
        board = dashboard(work.session, changes=work.principal.may("administer"))
    return respond(request, "dashboard.html", {"dashboard": asdict(board)}, as_json)


@twin("/search")
def search_page(
    request: Request,
    as_json: bool,
    q: str = "",
    kind: str | None = None,
    offset: int = 0,
) -> Response:
    with unit(request, "read") as work:
        result = search(work.session, q, kind=kind or None, limit=20, offset=offset, facets=True)
    data = {"search": asdict(result), "kind": kind}
    return respond(request, "search.html", data, as_json, result=result)


@twin("/records/{record_id}")
def record_by_id(request: Request, as_json: bool, record_id: str) -> Response:
    with unit(request, "read") as work:
        detail = get_record(work.session, record_id)
    target = f"/{detail.kind}/{record_id}" + (".json" if as_json else "")
    return RedirectResponse(target, status_code=303)


@twin("/audit")
def audit_page(
    request: Request,
    as_json: bool,
    record_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    cursor: str | None = None,
) -> Response:
    where = audit_service.AuditFilter(record_id or None, actor or None, action or None)
    with unit(request, "administer") as work:
        page = audit_service.list_audit(work.session, where, cursor=cursor, limit=50)
    data = {"audit": asdict(page), "filters": asdict(where)}
    return respond(request, "audit.html", data, as_json)


@router.get("/audit.csv")
def audit_csv(
    request: Request,
    record_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
) -> Response:
    where = audit_service.AuditFilter(record_id or None, actor or None, action or None)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "at", "actor", "action", "table", "record_id", "changes"])
    with unit(request, "administer") as work:
        cursor: str | None = None
        while True:
            page = audit_service.list_audit(work.session, where, cursor=cursor, limit=1000)
            for row in page.items:
                changes = json.dumps(row.changes, ensure_ascii=False, sort_keys=True)
                writer.writerow(
                    [row.id, row.at.isoformat(), row.actor, row.action, row.table, row.record_id,
                     _csv_safe(changes)]
                )  # fmt: skip
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    headers = {"Content-Disposition": 'attachment; filename="liaison-audit.csv"'}
    return StreamingResponse(iter([out.getvalue()]), media_type="text/csv", headers=headers)


def _csv_safe(value: str) -> str:
    # A spreadsheet would run a cell that starts with = + - @ as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _kind(kind: str) -> str:
    if kind not in VIEWS:
        raise NotFound("there is no such page")
    return kind


@twin("/{kind}")
def list_page(
    request: Request,
    as_json: bool,
    kind: str,
    period: str | None = None,
    organization: str | None = None,
    body: str | None = None,
    taxon: str | None = None,
    state: str | None = None,
    q: str | None = None,
    sort: str = "id",
    cursor: str | None = None,
    retired: str | None = None,
) -> Response:
    kind = _kind(kind)
    filters = {
        "period": period, "organization": organization, "body": body, "taxon": taxon,
        "state": state, "q": q, "sort": sort, "retired": retired,
    }  # fmt: skip
    where = RecordFilter(
        period_of(period), body or None, organization or None, taxon or None, None,
        state or None, q or None, {"true": True, "false": False}.get(retired or ""),
    )  # fmt: skip
    with unit(request, "read") as work:
        page = list_records(
            work.session, kind, where, sort=sort, cursor=cursor, limit=50, count=cursor is None
        )
    data = {"kind": kind, "page": asdict(page), "filters": filters}
    view = VIEWS[kind]
    return respond(request, "list.html", data, as_json, view=view, columns=list(view.columns))


@router.get("/{kind}/new")
def new_record_page(request: Request, kind: str) -> Response:
    kind = _kind(kind)
    with unit(request, "edit"):
        pass
    return _form_page(request, kind, form_for(kind), None)


@router.post("/{kind}/new")
async def create_record_page(request: Request, kind: str) -> Response:
    kind = _kind(kind)
    form = await form_fields(request)
    return _save_from_form(request, kind, form, None)


@twin("/{kind}/{record_id}")
def record_page(request: Request, as_json: bool, kind: str, record_id: str) -> Response:
    kind = _kind(kind)
    with unit(request, "read") as work:
        detail = get_record(work.session, record_id)
        if detail.kind != kind:
            raise NotFound(f"no {VIEWS[kind].singular} has the id '{record_id}'")
        involved = _involving(work.session, record_id) if kind == "organizations" else {}
        data: dict[str, Any] = {"record": asdict(detail), "involved": involved}
        if kind == "jiu_recommendations":
            history = status_history(work.session, record_id)
            data["status_history"] = [asdict(h) for h in history]
    return respond(request, "record.html", data, as_json, view=VIEWS[kind])


def _involving(session: Any, org: str) -> dict[str, Any]:
    """The records an organization takes part in, by kind (a first page of each)."""
    found = {}
    for kind in ("roles", "events", "initiatives", "documents", "activities"):
        where = RecordFilter(organization=org)
        page = list_records(session, kind, where, sort="-date", limit=25, count=True)
        if page.items:
            found[kind] = asdict(page)
    return found


@router.get("/{kind}/{record_id}/edit")
def edit_record_page(request: Request, kind: str, record_id: str) -> Response:
    kind = _kind(kind)
    with unit(request, "edit") as work:
        detail = get_record(work.session, record_id)
    if detail.kind != kind:
        raise NotFound(f"no {VIEWS[kind].singular} has the id '{record_id}'")
    return _form_page(request, kind, form_for(kind, detail.data), detail.version, record_id)


@router.post("/{kind}/{record_id}/edit")
async def update_record_page(request: Request, kind: str, record_id: str) -> Response:
    kind = _kind(kind)
    form = await form_fields(request)
    return _save_from_form(request, kind, form, record_id)


@router.post("/{kind}/{record_id}/delete")
async def delete_record_page(request: Request, kind: str, record_id: str) -> Response:
    from liaison.services.writes import delete_record

    kind = _kind(kind)
    form = await form_fields(request)
    version = _int(form.get("version", [""])[-1])
    with unit(request, "edit", write=True, csrf=form.get("csrf_token", [""])[-1]) as work:
        delete_record(work.session, kind, record_id, version=version)
    return RedirectResponse(f"/{kind}?deleted={record_id}", status_code=303)


@router.post("/{kind}/{record_id}/retire")
async def retire_record_page(request: Request, kind: str, record_id: str) -> Response:
    """Mark a record as no longer current (on the day given, or today), or, with ``restore``,
    as current again: it keeps its history and references, and the change is audited."""
    from liaison.services.writes import save_record

    kind = _kind(kind)
    form = await form_fields(request)
    version = _int(form.get("version", [""])[-1])
    with unit(request, "edit", write=True, csrf=form.get("csrf_token", [""])[-1]) as work:
        detail = get_record(work.session, record_id)
        if detail.kind != kind:
            raise NotFound(f"no {VIEWS[kind].singular} has the id '{record_id}'")
        on = form.get("on", [""])[-1].strip() or date.today().isoformat()
        record = {**detail.data, "retired": None if form.get("restore") else on}
        save_record(work.session, kind, record, version=version, source="form")
    return RedirectResponse(f"/{kind}/{record_id}?saved=1", status_code=303)


async def form_fields(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    data: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            data.setdefault(key, []).append(value)
    return data


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidRequest("the form lost the record's version: reload the page") from None


def _form_page(
    request: Request,
    kind: str,
    state: FormState,
    version: int | None,
    record_id: str | None = None,
    status_code: int = 200,
) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    context = {
        "principal": request.state.principal,
        "kind": kind,
        "view": VIEWS[kind],
        "form": state,
        "version": version,
        "record_id": record_id,
    }
    return templates.TemplateResponse(request, "form.html", context, status_code)


def _save_from_form(
    request: Request, kind: str, form: dict[str, list[str]], record_id: str | None
) -> Response:
    from liaison.services.organizations import similar_organizations
    from liaison.services.writes import save_record

    record = parse_form(kind, form)
    version = _int(form.get("version", [""])[-1]) if record_id else None
    if record_id is not None:
        record["id"] = record_id
    csrf = form.get("csrf_token", [""])[-1]
    try:
        with unit(request, "edit", write=True, csrf=csrf) as work:
            if record_id is not None:
                # Tags are reviewed, not typed: the form keeps the record's own.
                stored = get_record(work.session, record_id).data
                record["tags"] = stored.get("tags", [])
                record["sources"] = stored.get("sources", [])
            elif kind == "organizations" and not form.get("confirm_similar"):
                similar = similar_organizations(
                    work.session, record.get("name"), record.get("acronym"),
                    *(record.get("aliases") or []),
                )  # fmt: skip
                if similar:
                    state = form_for(kind, record)
                    state.general = [
                        f"'{m.matched}' is already on record as {m.name} ({m.id}), "
                        f"a {m.score:.0f}% match"
                        for m in similar
                    ]
                    return _form_page(request, kind, state, None, status_code=409)
            detail = save_record(work.session, kind, record, version=version, source="form")
    except InvalidInput as exc:
        state = form_for(kind, record)
        state.problems, state.general = problems_by_field(exc.problems)
        return _form_page(request, kind, state, version, record_id, status_code=422)
    except LiaisonError as exc:
        if exc.status not in (409, 404):
            raise
        state = form_for(kind, record)
        state.general = [exc.message]
        return _form_page(request, kind, state, version, record_id, status_code=exc.status)
    return RedirectResponse(f"/{kind}/{detail.id}?saved=1", status_code=303)
