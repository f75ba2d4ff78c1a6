"""Browsing views across records: the events' timeline and calendar, SDG and WSIS coverage and
the partner network; each with its ``.json`` twin (the JIU follow-up is in ``web/jiu.py``)."""

from __future__ import annotations

import calendar
from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from liaison.services.calendar import default_month, events_timeline, month_calendar, parse_month
from liaison.services.coverage import sdg_wsis_coverage
from liaison.services.kinds import VIEWS
from liaison.services.listing import RecordFilter
from liaison.services.network import Network, partner_network
from liaison.web.api import period_of
from liaison.web.context import unit
from liaison.web.pages import respond, twin

router = APIRouter(include_in_schema=False)

#: The size of the network's picture, in SVG user units.
NETWORK_WIDTH, NETWORK_HEIGHT, NETWORK_MARGIN = 1000, 680, 60
MONTH_NAMES = list(calendar.month_name)


@twin("/events/timeline", on=router)
def timeline_page(
    request: Request,
    as_json: bool,
    period: str | None = None,
    body: str | None = None,
    organization: str | None = None,
) -> Response:
    filters = {"period": period, "body": body, "organization": organization}
    where = RecordFilter(period_of(period), body or None, organization or None)
    with unit(request, "read") as work:
        timeline = events_timeline(work.session, where)
    data = {"timeline": asdict(timeline), "filters": filters}
    return respond(request, "timeline.html", data, as_json, month_names=MONTH_NAMES)


@twin("/events/calendar", on=router)
def calendar_page(request: Request, as_json: bool, month: str | None = None) -> Response:
    wanted = parse_month(month) if month else None
    with unit(request, "read") as work:
        shown = month_calendar(work.session, wanted or default_month(work.session, date.today()))
    data = {"calendar": asdict(shown)}
    return respond(request, "calendar.html", data, as_json, month_names=MONTH_NAMES)


@twin("/coverage", on=router)
def coverage_page(
    request: Request, as_json: bool, period: str | None = None, kind: str | None = None
) -> Response:
    filters = {"period": period, "kind": kind}
    with unit(request, "read") as work:
        found = sdg_wsis_coverage(work.session, kind=kind or None, period=period_of(period))
    data = {"coverage": asdict(found), "filters": filters}
    return respond(request, "coverage.html", data, as_json, kinds=list(VIEWS))


@twin("/network", on=router)
def network_page(request: Request, as_json: bool, period: str | None = None) -> Response:
    with unit(request, "read") as work:
        network = partner_network(work.session, period_of(period))
    data = {"network": asdict(network), "filters": {"period": period}}
    return respond(request, "network.html", data, as_json, **_drawing(network))


def _drawing(network: Network) -> dict[str, Any]:
    """What the picture needs beyond the data: positions in the SVG, labels, neighbours."""
    inner_w, inner_h = NETWORK_WIDTH - 2 * NETWORK_MARGIN, NETWORK_HEIGHT - 2 * NETWORK_MARGIN
    positions = {
        n.id: (round(NETWORK_MARGIN + n.x * inner_w, 1), round(NETWORK_MARGIN + n.y * inner_h, 1))
        for n in network.nodes
    }
    labels = {
        n.id: n.acronym or (n.name if len(n.name) <= 24 else n.name[:22] + "…")
        for n in network.nodes
    }
    neighbours: dict[str, list[str]] = {n.id: [] for n in network.nodes}
    for edge in network.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    size = {"width": NETWORK_WIDTH, "height": NETWORK_HEIGHT, "margin": NETWORK_MARGIN}
    return {
        "size": size,
        "positions": positions,
        "labels": labels,
        "neighbours": {
            k: sorted(v, key=lambda o: labels[o].lower()) for k, v in neighbours.items()
        },
    }
