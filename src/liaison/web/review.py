"""The review queue of suggested tags, and drafting the Council report from the browser."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from liaison.config import Settings
from liaison.dates import DateRange
from liaison.errors import InvalidRequest
from liaison.reference import SCHEMES
from liaison.services.organizations import organization_by_acronym, organization_units
from liaison.services.tag_review import DECISIONS, review, suggestion_page
from liaison.web.context import unit
from liaison.web.pages import form_fields, respond, twin

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def score_field(text: str | None, name: str) -> float | None:
    """A score typed in a form: empty is none; otherwise a number from 0 to 1."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        raise InvalidRequest(f"{name} must be a number between 0 and 1, not '{text}'") from None
    if not 0.0 <= value <= 1.0:
        raise InvalidRequest(f"{name} must be between 0 and 1, not {value:g}")
    return value


def _scheme(text: str | None) -> str | None:
    if not text:
        return None
    if text not in SCHEMES:
        raise InvalidRequest(f"unknown scheme '{text}': use one of {', '.join(SCHEMES)}")
    return text


@twin("/tags/review", on=router)
def review_queue(
    request: Request,
    as_json: bool,
    scheme: str | None = None,
    min_score: str | None = None,
    offset: int = 0,
    accepted: int | None = None,
    rejected: int | None = None,
    unchanged: int | None = None,
) -> Response:
    with unit(request, "edit") as work:
        chosen_scheme, least = _scheme(scheme), score_field(min_score, "min_score")
        page = suggestion_page(
            work.session,
            scheme=chosen_scheme,
            min_score=least,
            limit=PAGE_SIZE,
            offset=max(offset, 0),
        )
    filters = {"scheme": chosen_scheme, "min_score": least}
    done = None
    if accepted is not None or rejected is not None:
        done = {"accepted": accepted or 0, "rejected": rejected or 0, "unchanged": unchanged or 0}
    data = {"queue": asdict(page), "filters": filters, "done": done}
    return respond(request, "review.html", data, as_json, schemes=SCHEMES)


def _back(fields: dict[str, list[str]], outcome: dict[str, int]) -> RedirectResponse:
    """Back to the queue, with its filters and what was just decided."""
    keep = {k: fields[k][-1] for k in ("scheme", "min_score") if fields.get(k, [""])[-1]}
    return RedirectResponse(f"/tags/review?{urlencode(keep | outcome)}", status_code=303)


@router.post("/tags/review")
async def decide(request: Request) -> Response:
    """Accept or reject the tags named in ``tag`` (one or several)."""
    fields = await form_fields(request)
    with unit(request, "edit", write=True, csrf=fields.get("csrf_token", [""])[-1]) as work:
        decision = fields.get("decision", [""])[-1]
        if decision not in DECISIONS:
            raise InvalidRequest("choose accept or reject")
        tags = [t for t in fields.get("tag", []) if t]
        if not tags:
            raise InvalidRequest("choose at least one suggested tag")
        accept, reject = (tags, []) if decision == "accept" else ([], tags)
        outcome = review(work.session, work.principal.actor, accept, reject)
    return _back(fields, asdict(outcome))


@router.post("/tags/review/bulk")
async def decide_in_bulk(request: Request) -> Response:
    """Accept every waiting suggestion at or above one score, reject those below another."""
    fields = await form_fields(request)
    with unit(request, "edit", write=True, csrf=fields.get("csrf_token", [""])[-1]) as work:
        accept_above = score_field(fields.get("accept_above", [""])[-1], "accept at or above")
        reject_below = score_field(fields.get("reject_below", [""])[-1], "reject below")
        if accept_above is None and reject_below is None:
            raise InvalidRequest("give a score to accept at or above, or one to reject below")
        outcome = review(
            work.session,
            work.principal.actor,
            accept_above=accept_above,
            reject_below=reject_below,
            scheme=_scheme(fields.get("scheme", [""])[-1]),
        )
    return _back(fields, asdict(outcome))


# --- The report -------------------------------------------------------------------------------

MONTH = re.compile(r"^\d{4}(-\d{2}){0,2}$")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _default_period(session: Any, organization: str, today: date) -> tuple[str, str, str | None]:
    """The period the latest recorded report of the series covered (to draft it again or
    compare), else the twelve months before this one; and that report's symbol."""
    from liaison.report.series import series_reports

    units = organization_units(session, organization)
    recorded = [r for r in series_reports(session, units) if r.covers is not None]
    if recorded:
        latest = max(recorded, key=lambda r: r.covers.latest() or date.min)  # type: ignore[union-attr]
        start, end = latest.covers.start, latest.covers.end  # type: ignore[union-attr]
        if start is not None and end is not None:
            return str(start)[:7], str(end)[:7], latest.symbol
    end_year, end_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    start_year, start_month = (end_year, end_month + 1) if end_month < 12 else (end_year + 1, 1)
    return f"{start_year - 1:04d}-{start_month:02d}", f"{end_year:04d}-{end_month:02d}", None


def _organization(session: Any) -> str:
    return organization_by_acronym(session, Settings.from_env().organization)


@twin("/report", on=router)
def report_form(request: Request, as_json: bool) -> Response:
    from liaison.report import FORMATS

    with unit(request, "read") as work:
        start, end, symbol = _default_period(
            work.session, _organization(work.session), date.today()
        )
    defaults = {"start": start, "end": end, "format": "pdf", "recorded": symbol}
    data = {"formats": list(FORMATS), "defaults": defaults}
    return respond(request, "report_form.html", data, as_json)


@router.post("/report")
async def draft_report(request: Request) -> Response:
    """Draft the report for the period and options of the form, and send it as a download."""
    from liaison.report import FORMATS, extension, renderer

    fields = {key: values[-1].strip() for key, values in (await form_fields(request)).items()}
    with unit(request, "read", csrf=fields.get("csrf_token")) as work:
        start, end, fmt = fields.get("start", ""), fields.get("end", ""), fields.get("format", "")
        for name, value in (("from", start), ("to", end)):
            if not MONTH.match(value):
                raise InvalidRequest(f"give the period's '{name}' month as YYYY-MM, not '{value}'")
        if fmt not in FORMATS:
            raise InvalidRequest(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")
        drafted = _draft(work.session, start, end, fields)
    content = renderer(fmt)(drafted)
    body = content.encode("utf-8") if isinstance(content, str) else content
    name = f"report-{start}-{end}.{extension(fmt)}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(
        body, media_type=MEDIA_TYPES.get(fmt, "application/octet-stream"), headers=headers
    )


def _draft(session: Any, start: str, end: str, fields: dict[str, str]) -> Any:
    from liaison.report.compose import ReportOptions, build_report

    try:
        period = DateRange.parse(f"{start}/{end}")
    except ValueError as exc:
        raise InvalidRequest(f"bad period {start} to {end}: {exc}") from None
    on = fields.get("date") or None
    try:
        report_date = date.fromisoformat(on) if on else None
    except ValueError:
        raise InvalidRequest(f"the report's date '{on}' is not of the form YYYY-MM-DD") from None
    options = ReportOptions(
        organization=_organization(session),
        period=period,
        mark_new=fields.get("mark_new") == "on",
        figures=fields.get("figures") == "on",
        template=None,
        date=report_date,
        symbol=fields.get("symbol") or None,
        session=fields.get("session") or None,
        venue=fields.get("venue") or None,
        languages=fields.get("languages") or None,
    )
    return build_report(session, options)
