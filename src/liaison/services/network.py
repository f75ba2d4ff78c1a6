"""The partner network: organizations linked by the initiatives and events they share and the
roles they hold in one another, over a period, with server-computed positions.

A period keeps what the report would state for it (:mod:`liaison.report.facts`): initiatives and
roles current in it (undated ones count as current), events whose dates overlap it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, true, union
from sqlalchemy.orm import Session, aliased

from liaison.dates import DateRange
from liaison.model import (
    Event,
    EventOrganizer,
    Initiative,
    InitiativePartner,
    Organization,
    Participation,
    Role,
)
from liaison.report.facts import current, overlaps

#: The seed of the spring layout: the same registry always gives the same picture.
LAYOUT_SEED = 7


@dataclass(frozen=True)
class NetworkNode:
    id: str
    name: str
    acronym: str | None
    kind: str
    #: Position in the unit square (0 ≤ x, y ≤ 1), y downwards.
    x: float
    y: float
    #: How many other organizations it is linked to.
    degree: int


@dataclass
class NetworkEdge:
    """Two organizations (``source`` < ``target``) and what links them."""

    source: str
    target: str
    initiatives: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Network:
    period: str | None
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


def _shared(rows: Any, edges: dict[tuple[str, str], NetworkEdge], what: str) -> None:
    for a, b, record_id in rows:
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        edge = edges.setdefault(key, NetworkEdge(*key))
        found: list[str] = getattr(edge, what)
        if record_id not in found:
            found.append(record_id)


def partner_network(session: Session, period: DateRange | None = None) -> Network:
    """Organizations linked by shared initiatives (as partners), shared events (as participants
    or organizers) and roles (holder and body), for ``period`` (everything when None)."""
    edges: dict[tuple[str, str], NetworkEdge] = {}
    first, second = aliased(InitiativePartner), aliased(InitiativePartner)
    initiatives = select(Initiative.id).where(current(Initiative, period) if period else true())
    _shared(
        session.execute(
            select(first.organization_id, second.organization_id, first.initiative_id)
            .join(second, first.initiative_id == second.initiative_id)
            .where(
                first.organization_id < second.organization_id,
                first.initiative_id.in_(initiatives),
            )
            .order_by(first.initiative_id)
        ),
        edges,
        "initiatives",
    )
    taking_part = union(
        select(Participation.event_id, Participation.organization_id),
        select(EventOrganizer.event_id, EventOrganizer.organization_id),
    ).subquery()
    one, other = aliased(taking_part), aliased(taking_part)
    events = select(Event.id).where(overlaps(Event, period) if period else true())
    _shared(
        session.execute(
            select(one.c.organization_id, other.c.organization_id, one.c.event_id)
            .join(other, one.c.event_id == other.c.event_id)
            .where(one.c.organization_id < other.c.organization_id, one.c.event_id.in_(events))
            .order_by(one.c.event_id)
        ),
        edges,
        "events",
    )
    roles = select(Role.holder_id, Role.body_id, Role.id).order_by(Role.id)
    _shared(
        session.execute(roles.where(current(Role, period)) if period else roles), edges, "roles"
    )
    return Network(
        str(period) if period else None,
        _nodes(session, edges),
        sorted(edges.values(), key=lambda e: (e.source, e.target)),
    )


def _pulls(edges: dict[tuple[str, str], NetworkEdge]) -> dict[tuple[str, str], float]:
    """How strongly each link pulls in the layout: a shared initiative or event of n
    organizations adds 1/(n-1) to each of its links, so that a large one (whose organizations
    are all linked to one another) does not knot them into a ball; a role adds 1."""
    members: dict[str, set[str]] = {}
    for (a, b), edge in edges.items():
        for record_id in (*edge.initiatives, *edge.events):
            members.setdefault(record_id, set()).update((a, b))
    return {
        pair: len(edge.roles)
        + sum(1 / (len(members[r]) - 1) for r in (*edge.initiatives, *edge.events))
        for pair, edge in edges.items()
    }


def _nodes(session: Session, edges: dict[tuple[str, str], NetworkEdge]) -> list[NetworkNode]:
    import networkx as nx  # type: ignore[import-untyped]

    if not edges:
        return []
    graph = nx.Graph()  # nodes and links in sorted order: the layout depends on the order
    graph.add_nodes_from(sorted({org for pair in edges for org in pair}))
    graph.add_edges_from((a, b, {"weight": pull}) for (a, b), pull in sorted(_pulls(edges).items()))
    positions = nx.spring_layout(
        graph, seed=LAYOUT_SEED, weight="weight", k=3.0 / len(graph) ** 0.5, iterations=300
    )
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    query = select(Organization.id, Organization.name, Organization.acronym, Organization.kind)
    about = {
        row.id: row for row in session.execute(query.where(Organization.id.in_(list(graph.nodes))))
    }
    return [
        NetworkNode(
            node, about[node].name, about[node].acronym, about[node].kind,
            round((float(positions[node][0]) - min(xs)) / span_x, 4),
            round((max(ys) - float(positions[node][1])) / span_y, 4),
            int(graph.degree(node)),
        )
        for node in sorted(graph.nodes)
        if node in about
    ]  # fmt: skip
