"""The JIU follow-up in the browser: ``/jiu`` (with its ``.json`` twin) gives one organization's
acceptance and implementation rates as at a date, overall and by addressee, their trend year by
year (a table, and a picture at ``/jiu/trend.svg``), the long-outstanding and pending
recommendations, and every recommendation with its status, filterable by status and report.
Editors add a dated status update to a recommendation from its page (``POST
/jiu_recommendations/{id}/status``).

The figures come from :mod:`liaison.jiu.follow_up`, the same as ``liaison jiu`` and the report.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liaison.config import Settings
from liaison.errors import InvalidRequest, NotFound
from liaison.jiu import follow_up, rules
from liaison.jiu.history import status_history
from liaison.jiu.rules import Rates, Recommendation
from liaison.jiu.store import UpdateRequest, load, record_update
from liaison.model import Organization
from liaison.services.organizations import organization_by_acronym
from liaison.web.context import unit
from liaison.web.pages import form_fields, respond, twin

router = APIRouter(include_in_schema=False)

#: How many years the trend goes back at most, ending with the as-at year.
TREND_YEARS = 10
#: The largest window or long-outstanding threshold the page accepts, in years.
MAX_YEARS = 100


@dataclass(frozen=True)
class Choice:
    """What the page is asked for, checked."""

    organization: str
    as_at: date
    window: int | None
    long_outstanding: int
    status: str | None
    report: str | None


def _text(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def _years(text: str | None, name: str) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise InvalidRequest(f"{name}: give a whole number of years, not '{text}'") from None
    if not 1 <= value <= MAX_YEARS:
        raise InvalidRequest(f"{name}: give between 1 and {MAX_YEARS} years, not {value}")
    return value


def _organization(session: Session, text: str | None) -> str:
    """The id of the organization named by id or acronym (default: the settings' one)."""
    name = text or Settings.from_env().organization
    try:
        return organization_by_acronym(session, name)
    except NotFound as exc:
        raise InvalidRequest(exc.message) from None


def _choice(
    session: Session,
    org: str | None,
    as_at: str | None,
    window: str | None = None,
    long_outstanding: str | None = None,
    status: str | None = None,
    report: str | None = None,
) -> Choice:
    status, report = _text(status), _text(report)
    if status is not None and status not in rules.STATUS_FILTERS:
        raise InvalidRequest(f"status: '{status}' is not one of {', '.join(rules.STATUS_FILTERS)}")
    threshold = _years(_text(long_outstanding), "long-outstanding after")
    return Choice(
        _organization(session, _text(org)),
        follow_up.as_at_day(as_at),
        _years(_text(window), "window"),
        rules.LONG_OUTSTANDING_YEARS if threshold is None else threshold,
        status,
        report,
    )


def _trend(recommendations: list[Recommendation], choice: Choice) -> list[Rates]:
    """The rates at the end of each year, from the first year with an update that counts (at
    most :data:`TREND_YEARS` years back) to the as-at year, that one as at the as-at date."""
    first = rules.first_year(recommendations, choice.organization, choice.as_at)
    if first is None:
        return []
    first = max(first, choice.as_at.year - TREND_YEARS + 1)
    return rules.trend(
        recommendations,
        choice.organization,
        first,
        choice.as_at.year,
        window=choice.window,
        long_outstanding=choice.long_outstanding,
        until=choice.as_at,
    )


def _trend_rows(trend: list[Rates], choice: Choice) -> list[dict[str, Any]]:
    rows = []
    for figures in trend:
        year = int(figures.group)
        day = choice.as_at if year == choice.as_at.year else rules.year_end(year)
        values = {k: v for k, v in figures.as_dict().items() if k != "group"}
        rows.append({"year": year, "as_at": day.isoformat(), **values})
    return rows


def _last_label(as_at: date) -> str | None:
    """How the chart writes the as-at year when it is not a whole year, on two lines:
    ``2018`` over ``(to April)`` at a month's end, over ``(to 2 Apr)`` otherwise."""
    if (as_at.month, as_at.day) == (12, 31):
        return None
    month = calendar.month_name[as_at.month]
    if as_at.day == calendar.monthrange(as_at.year, as_at.month)[1]:
        return f"{as_at.year}\n(to {month})"
    return f"{as_at.year}\n(to {as_at.day} {month[:3]})"


def _reports(recommendations: list[Recommendation]) -> list[dict[str, Any]]:
    """The JIU reports with a recommendation the organization has an update for, oldest first."""
    seen: dict[str, dict[str, Any]] = {}
    for r in recommendations:
        seen.setdefault(r.report, {"id": r.report, "label": r.report_label, "issued": r.issued})
    return list(seen.values())  # load() gives them by year and symbol


def _follow_up(session: Session, choice: Choice) -> dict[str, Any]:
    """The page's data (also its ``.json`` twin)."""
    recommendations = load(session, organization=choice.organization)
    reports = _reports(recommendations)
    if choice.report is not None and choice.report not in {r["id"] for r in reports}:
        raise InvalidRequest(
            f"report: '{choice.report}' is not a JIU report with a recommendation that "
            f"{choice.organization} has a status for"
        )
    org = session.get(Organization, choice.organization)
    assert org is not None  # checked by _organization
    org_id, as_at, threshold = choice.organization, choice.as_at, choice.long_outstanding
    # One read of the organization's recommendations; every figure is the rules over it.
    window = choice.window
    (overall,) = rules.rates(
        recommendations, org_id, as_at, window=window, long_outstanding=threshold
    )
    by_addressee = rules.rates(
        recommendations, org_id, as_at, window=window, by="addressee", long_outstanding=threshold
    )
    due = follow_up.oldest_first(
        follow_up.select_items(
            recommendations,
            organization=org_id,
            status="pending",
            as_at=as_at,
            window=window,
            long_outstanding=threshold,
        )
    )
    listed = follow_up.select_items(
        recommendations,
        organization=org_id,
        report=choice.report,
        status=choice.status,
        as_at=as_at,
        window=window,
        long_outstanding=threshold,
    )
    return {
        "organization": {"id": org.id, "name": org.name, "acronym": org.acronym},
        "as_at": choice.as_at.isoformat(),
        "filters": {
            "window": choice.window,
            "long_outstanding": choice.long_outstanding,
            "status": choice.status,
            "report": choice.report,
        },
        "rates": overall.as_dict(),
        "by_addressee": [r.as_dict() for r in by_addressee],
        "trend": _trend_rows(_trend(recommendations, choice), choice),
        "long_outstanding": [asdict(i) for i in due if i.long_outstanding],
        "pending": [asdict(i) for i in due],
        "recommendations": [asdict(i) for i in listed],
        "reports": reports,
        "statuses": list(rules.STATUS_FILTERS),
    }


@twin("/jiu", on=router)
def jiu_page(
    request: Request,
    as_json: bool,
    org: str | None = None,
    as_at: str | None = None,
    window: str | None = None,
    long_outstanding: str | None = None,
    status: str | None = None,
    report: str | None = None,
    organization: str | None = None,
) -> Response:
    with unit(request, "read") as work:
        choice = _choice(
            work.session,
            org if org is not None else organization,
            as_at,
            window,
            long_outstanding,
            status,
            report,
        )
        data = _follow_up(work.session, choice)
    data["filters"] = {"org": choice.organization, "as_at": _text(as_at), **data["filters"]}
    default = rules.LONG_OUTSTANDING_YEARS
    return respond(request, "jiu.html", data, as_json, long_outstanding_default=default)


@router.get("/jiu/trend.svg")
def trend_picture(
    request: Request,
    org: str | None = None,
    as_at: str | None = None,
    window: str | None = None,
    organization: str | None = None,
) -> Response:
    """The trend of the two rates as a picture (the table of ``/jiu`` has the same figures)."""
    from liaison.report import figures

    with unit(request, "read") as work:
        choice = _choice(work.session, org if org is not None else organization, as_at, window)
        trend = _trend(load(work.session, organization=choice.organization), choice)
        found = work.session.get(Organization, choice.organization)
        label = (found.acronym or found.name) if found is not None else choice.organization
    points = [
        figures.RatePoint(int(r.group), r.acceptance_rate, r.implementation_rate) for r in trend
    ]
    if points:
        points[-1] = replace(points[-1], label=_last_label(choice.as_at))
    drawn = figures.jiu_trend(points, f"JIU acceptance and implementation rates of {label}")
    if drawn.svg is None:  # only inside figures.png_only()
        raise RuntimeError("the trend was drawn without its SVG")
    return Response(drawn.svg, media_type="image/svg+xml")


# --- A dated status update, from the recommendation's page ------------------------------------


@router.post("/jiu_recommendations/{recommendation}/status")
async def add_status_update(request: Request, recommendation: str) -> Response:
    """Add a dated status update to the recommendation's history (an editor's, CSRF-checked);
    back to its page with what was done, or the page again with the problem and the form as
    it was filled in."""
    from liaison.web.app import wants_json

    fields = {k: v[-1] for k, v in (await form_fields(request)).items()}
    with unit(request, "edit", write=True, csrf=fields.get("csrf_token", "")) as work:
        try:
            outcome = record_update(work.session, recommendation, _update(work.session, fields))
        except InvalidRequest as exc:
            if wants_json(request):
                raise
            # Nothing was changed: the page again, read in the same session.
            return _record_with_problem(request, work.session, recommendation, fields, exc.message)
    target = f"/jiu_recommendations/{quote(recommendation, safe='')}?update={outcome.action}"
    return RedirectResponse(target + "#status-update", status_code=303)


def _update(session: Session, fields: dict[str, str]) -> UpdateRequest:
    named = _text(fields.get("organization"))
    if named is None:
        raise InvalidRequest("organization: give the organization's id or acronym")
    return UpdateRequest(
        _organization(session, named),
        (fields.get("date") or "").strip(),
        _text(fields.get("acceptance")),
        _text(fields.get("implementation")),
        _text(fields.get("note")),
    )


def _record_with_problem(
    request: Request, session: Session, recommendation: str, fields: dict[str, str], problem: str
) -> Response:
    """The recommendation's page (the context :func:`liaison.web.pages.record_page` gives it),
    with the problem over the status form and the values it was sent with (400)."""
    from liaison.services.kinds import VIEWS
    from liaison.services.records import get_record

    kind = "jiu_recommendations"
    detail = get_record(session, recommendation)
    history = status_history(session, recommendation)
    sent = {k: v for k, v in fields.items() if k != "csrf_token"}
    context = {
        "principal": request.state.principal,
        "record": asdict(detail),
        "involved": {},
        "status_history": [asdict(h) for h in history],
        "status_form": {"sent": sent, "problem": problem},
        "view": VIEWS[kind],
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "record.html", context, 400)
