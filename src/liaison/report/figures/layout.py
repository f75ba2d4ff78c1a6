"""Where the partner network's nodes start, before :mod:`.placement` sets them apart.

Up to :data:`SPRING_LIMIT` nodes, networkx's force-directed layout with a fixed seed over the
nodes and links in sorted order, its crowded middle spread out afterwards; from that many on
(networkx would need scipy), a grid of initiatives, each amid the organizations only it has. The
positions are then scaled into the picture, in centimetres.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

import networkx as nx  # type: ignore[import-untyped]

#: From this many nodes on, the grid of clusters replaces the force-directed layout.
SPRING_LIMIT = 500

_SPREAD = 0.55  # < 1 spreads the crowded middle of the layout (see start)
_LAYOUT_SEED = 20180521
_SPRING_K = 1.6  # the spring length, times networkx's default 1/sqrt(n)
_GOLDEN = math.pi * (3 - math.sqrt(5))  # the angle between seeds of a sunflower

Node = TypeVar("Node", bound=Hashable)


def start(
    graph: Any, initiatives: Sequence[Node], organizations: Sequence[Node]
) -> dict[Node, tuple[float, float]]:
    """Node positions in arbitrary units (y up): force-directed, or clusters on a grid."""
    if graph.number_of_nodes() >= SPRING_LIMIT:
        return _clusters(graph, initiatives, organizations)
    k = _SPRING_K / math.sqrt(graph.number_of_nodes())
    raw = nx.spring_layout(graph, k=k, iterations=120, seed=_LAYOUT_SEED, weight="weight")
    points = {node: (float(x), float(y)) for node, (x, y) in raw.items()}
    # Organizations in a single initiative sit far out while the middle is crowded: raising
    # every distance from the centre (as a fraction of the largest) to a power below 1 evens
    # this out and keeps the order of distances.
    cx = sum(x for x, _ in points.values()) / len(points)
    cy = sum(y for _, y in points.values()) / len(points)
    reach = max(math.hypot(x - cx, y - cy) for x, y in points.values()) or 1.0
    spread = {}
    for node, (x, y) in points.items():
        d = math.hypot(x - cx, y - cy)
        f = (d / reach) ** _SPREAD * reach / d if d else 1.0
        spread[node] = (cx + (x - cx) * f, cy + (y - cy) * f)
    return spread


def _clusters(
    graph: Any, initiatives: Sequence[Node], organizations: Sequence[Node]
) -> dict[Node, tuple[float, float]]:
    """Initiatives on a grid, each amid the organizations only it has (on a sunflower spiral,
    leaving room on its right for its label); an organization in several initiatives between
    them."""
    columns = max(1, round(math.sqrt(len(initiatives))))
    own = {i: [o for o in sorted(graph[i]) if graph.degree(o) == 1] for i in initiatives}
    cell = 3.0 * math.sqrt(max(len(v) for v in own.values()) + 1)
    points: dict[Node, tuple[float, float]] = {}
    for n, initiative in enumerate(initiatives):
        x, y = (n % columns) * cell, -(n // columns) * cell
        points[initiative] = (x, y)
        seeds = (k for k in itertools.count(1) if not _label_room(k))
        for k, organization in zip(seeds, own[initiative], strict=False):
            angle, reach = k * _GOLDEN, 1.1 * math.sqrt(k)
            points[organization] = (x + reach * math.cos(angle), y + reach * math.sin(angle))
    for k, organization in enumerate(o for o in organizations if o not in points):
        around = [points[i] for i in sorted(graph[organization])]
        angle, reach = k * _GOLDEN, 0.25 * math.sqrt(k % 40 + 1)
        points[organization] = (
            sum(x for x, _ in around) / len(around) + reach * math.cos(angle),
            sum(y for _, y in around) / len(around) + reach * math.sin(angle),
        )
    return points


def _label_room(seed: int) -> bool:
    """Whether the sunflower's ``seed`` falls in the band kept free right of the initiative."""
    angle, reach = seed * _GOLDEN, 1.1 * math.sqrt(seed)
    return math.cos(angle) > 0 and abs(reach * math.sin(angle)) < 2.4


def scaled(
    raw: Mapping[Node, tuple[float, float]],
    nodes: Sequence[Node],
    width: float,
    height: float,
    margin: float,
) -> list[tuple[float, float]]:
    """``raw`` positions scaled into ``width`` x ``height`` cm (y down), ``margin`` kept free.

    The two axes may be stretched differently, by at most half again; a small network is kept
    small rather than spread over the whole area.
    """
    xs, ys = [raw[n][0] for n in nodes], [raw[n][1] for n in nodes]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    fit_x = (width - 2 * margin) / span_x if span_x > 1e-9 else math.inf
    fit_y = (height - 2 * margin) / span_y if span_y > 1e-9 else math.inf
    base = min(fit_x, fit_y, (2.0 + 1.5 * math.sqrt(len(nodes))) / max(span_x, span_y, 1e-9))
    scale_x = min(fit_x, 1.5 * base) if span_x > 1e-9 else 0.0
    scale_y = min(fit_y, 1.5 * base) if span_y > 1e-9 else 0.0
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [
        (width / 2 + (raw[n][0] - mid_x) * scale_x, height / 2 - (raw[n][1] - mid_y) * scale_y)
        for n in nodes
    ]
