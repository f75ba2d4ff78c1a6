"""The partner network: the joint initiatives and the organizations taking part in them.

A network of more than :data:`NETWORK_LABEL_ALL_LIMIT` nodes labels only the highlighted
organization and the :data:`NETWORK_LABEL_LIMIT` nodes with the most links, and says so under the
picture; from :data:`NETWORK_SPRING_LIMIT` nodes on, the layout is two concentric shells
(initiatives inside, organizations outside) instead of a force-directed one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D

from liaison.report.document import Figure
from liaison.report.figures.style import (
    _BLUE,
    _MUTED,
    _ORANGE,
    _PT_PER_CM,
    _SMALL,
    _VERMILLION,
    WIDTH_CM,
    _canvas,
    _clean,
    _empty,
    _export,
    _Measure,
    _styled,
)

#: Up to this many nodes, the network labels every node.
NETWORK_LABEL_ALL_LIMIT = 90
#: Beyond :data:`NETWORK_LABEL_ALL_LIMIT`, how many of the most-linked nodes get a label.
NETWORK_LABEL_LIMIT = 40
#: From this many nodes on, a shell layout replaces the force-directed one.
NETWORK_SPRING_LIMIT = 500

#: Partner roles, strongest first: where a pair is given twice, the stronger role is drawn.
ROLES: tuple[str, ...] = ("lead", "co-lead", "coordinator", "partner", "supporter", "member")


@dataclass(frozen=True)
class _RoleStyle:
    width: float
    dashes: tuple[float, ...] | None
    colour: str


_ROLE_STYLES = {
    "lead": _RoleStyle(2.0, None, "#1A1A1A"),
    "co-lead": _RoleStyle(1.5, (4.0, 1.5), "#1A1A1A"),
    "coordinator": _RoleStyle(1.2, (4.0, 1.2, 1.0, 1.2), "#404040"),
    "partner": _RoleStyle(0.6, None, "#8C8C8C"),
    "supporter": _RoleStyle(0.8, (1.0, 1.3), "#737373"),
    "member": _RoleStyle(0.6, (2.5, 1.5), "#A6A6A6"),
}

_DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
_INITIATIVE = "initiative"
_ORGANIZATION = "organization"
_Node = tuple[str, str]  # (kind, label)


def partner_network(
    edges: Sequence[tuple[str, str, str]],
    caption: str,
    highlight: str | None = None,
    *,
    name: str = "partner-network",
) -> Figure:
    """Initiatives (squares) and the organizations taking part in them (circles).

    ``edges`` are ``(initiative, organization, role)``, role one of :data:`ROLES`; a pair given
    several times is drawn once, with its strongest role. Nodes are sized by their number of
    links; lead and co-lead links are drawn heavier, and every role has its own line style. The
    ``highlight`` organization (e.g. ``"ITU"``) is drawn larger, in another colour, with a bold
    label. The layout is networkx's force-directed one with a fixed seed, over the nodes and
    links in sorted order, so the picture does not depend on the order of ``edges``; the
    highlighted organization's links pull more weakly than the others (it takes part in most
    initiatives and would otherwise draw them all into a knot around it), and the crowded middle
    is spread out afterwards. Large networks: see the module docstring. Raises ValueError on an
    unknown role.
    """
    strength = {role: n for n, role in enumerate(ROLES)}
    pairs: dict[tuple[str, str], str] = {}
    for initiative, organization, role in edges:
        if role not in strength:
            raise ValueError(f"unknown role '{role}' (expected one of {', '.join(ROLES)})")
        key = (initiative, organization)
        if key not in pairs or strength[role] < strength[pairs[key]]:
            pairs[key] = role
    with _styled():
        if not pairs:
            return _empty(name, caption)
        return _export(_network(pairs, highlight), name, caption)


_HUB_WEIGHT = 0.2  # how strongly the highlighted organization's links pull, against 1 for others
_SPREAD = 0.55  # < 1 spreads the crowded middle of the layout (see _layout)
_LAYOUT_SEED = 20180521
_SPRING_K = 1.6  # the spring length, times networkx's default 1/sqrt(n)


def _layout(
    graph: Any, initiatives: list[_Node], organizations: list[_Node]
) -> dict[_Node, tuple[float, float]]:
    """Node positions in arbitrary units: force-directed, then spread out from the middle."""
    if graph.number_of_nodes() >= NETWORK_SPRING_LIMIT:  # networkx would need scipy there
        raw = nx.shell_layout(graph, nlist=[initiatives, organizations])
        return {node: (float(x), float(y)) for node, (x, y) in raw.items()}
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


def _network(pairs: dict[tuple[str, str], str], highlight: str | None) -> MplFigure:
    initiatives = sorted({(_INITIATIVE, i) for i, _ in pairs})
    organizations = sorted({(_ORGANIZATION, o) for _, o in pairs})
    nodes: list[_Node] = [*initiatives, *organizations]
    links = sorted(((_INITIATIVE, i), (_ORGANIZATION, o), r) for (i, o), r in pairs.items())
    target: _Node | None = (_ORGANIZATION, highlight) if highlight is not None else None
    if target not in organizations:
        target = None
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(
        (a, b, {"weight": _HUB_WEIGHT if b == target else 1.0}) for a, b, _ in links
    )
    degree = {node: int(graph.degree(node)) for node in nodes}
    large = len(nodes) > NETWORK_LABEL_ALL_LIMIT

    # Figure: the graph area, then a legend (and a note on labels for large networks).
    graph_h = min(13.5, max(5.0, 3.0 + math.sqrt(len(nodes))))
    legend_top = graph_h + 0.25
    height = legend_top + (1.35 if large else 0.95)
    fig, ax, measure = _canvas(height)
    area = (0.35, 0.35, WIDTH_CM - 0.35, graph_h)  # x0, y0, x1, y1 in cm

    def marker_area(node: _Node) -> float:  # in pt^2, growing with the number of links
        initiative = node[0] == _INITIATIVE
        if large:
            cap, base, per = 260.0, *((16.0, 6.0) if initiative else (10.0, 8.0))
        else:
            cap, base, per = 420.0, *((34.0, 14.0) if initiative else (22.0, 20.0))
        size = min(base + per * degree[node], cap)
        return size * 1.6 + 60.0 if node == target else size

    def radius(node: _Node) -> float:  # in cm
        return math.sqrt(marker_area(node)) / 2 / _PT_PER_CM

    raw = _layout(graph, initiatives, organizations)
    xs = [raw[n][0] for n in nodes]
    ys = [raw[n][1] for n in nodes]
    margin = max(radius(n) for n in nodes) + 0.15
    # Positions: the layout scaled into the area, leaving room for the largest markers. The
    # two axes may be stretched differently, by at most half again; a small network is kept
    # small rather than spread over the whole width.
    span_x = max(xs) - min(xs)
    span_y = max(ys) - min(ys)
    width = area[2] - area[0] - 2 * margin
    tall = area[3] - area[1] - 2 * margin
    fit_x = width / span_x if span_x > 1e-9 else math.inf
    fit_y = tall / span_y if span_y > 1e-9 else math.inf
    base = min(fit_x, fit_y, (2.0 + 1.5 * math.sqrt(len(nodes))) / max(span_x, span_y, 1e-9))
    scale_x, scale_y = min(fit_x, 1.5 * base), min(fit_y, 1.5 * base)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    centre_x, centre_y = (area[0] + area[2]) / 2, (area[1] + area[3]) / 2
    pos = {
        n: (
            centre_x + (raw[n][0] - mid_x) * (scale_x if span_x > 1e-9 else 0.0),
            centre_y - (raw[n][1] - mid_y) * (scale_y if span_y > 1e-9 else 0.0),
        )
        for n in nodes
    }

    # Links, one collection per role, the weakest underneath.
    thin = 0.75 if large else 1.0
    for role in reversed(ROLES):
        segments = [[pos[a], pos[b]] for a, b, r in links if r == role]
        if not segments:
            continue
        style = _ROLE_STYLES[role]
        faint = large and role not in ("lead", "co-lead")
        lines = LineCollection(
            segments,
            colors=style.colour,
            linewidths=style.width * thin,
            alpha=0.6 if faint else 0.9,
            zorder=1,
        )
        if style.dashes is not None:
            lines.set_linestyle((0.0, style.dashes))
        ax.add_collection(lines)

    # Nodes: squares for initiatives, circles for organizations, the highlighted one apart.
    groups = (
        (initiatives, "s", _VERMILLION, 0.5),
        ([n for n in organizations if n != target], "o", _BLUE, 0.5),
        ([target] if target else [], "o", _ORANGE, 1.5),
    )
    for group, marker, face, edge in groups:
        if group:
            ax.scatter(
                [pos[n][0] for n in group],
                [pos[n][1] for n in group],
                s=[marker_area(n) for n in group],
                marker=marker,
                c=face,
                edgecolors="black",
                linewidths=edge,
                zorder=3,
            )

    labelled = _network_labels(ax, measure, nodes, pos, radius, degree, target, area, large)
    _network_legend(ax, measure, legend_top, target, {r for _, _, r in links})
    if large:
        others = labelled - (1 if target else 0)
        note = (
            f"{len(initiatives)} initiatives, {len(organizations)} organizations; labelled: "
            + ("the highlighted organization and " if target else "")
            + f"the {others} with the most links."
        )
        ax.text(area[0], height - 0.3, note, ha="left", va="center", fontsize=_SMALL, color=_MUTED)
    return fig


def _network_labels(
    ax: Axes,
    measure: _Measure,
    nodes: list[_Node],
    pos: dict[_Node, tuple[float, float]],
    radius: Callable[[_Node], float],
    degree: dict[_Node, int],
    target: _Node | None,
    area: tuple[float, float, float, float],
    large: bool,
) -> int:
    """Label the nodes, most-linked first, each where it overlaps least; return how many.

    Every node is labelled in a small network. In a large one only the highlighted node and the
    :data:`NETWORK_LABEL_LIMIT` most-linked are candidates, and a label that would overlap an
    earlier one is left out.
    """
    order = sorted(nodes, key=lambda n: (n != target, -degree[n], n[0], n[1]))
    if large:
        order = order[: NETWORK_LABEL_LIMIT + (1 if target else 0)]
    node_boxes = [(n, _box(pos[n], radius(n), radius(n))) for n in nodes]
    boxes: list[tuple[float, ...]] = []
    for node in order:
        bold = node == target
        size, weight = (9.0, "bold") if bold else (_SMALL, "normal")
        text = measure.fit(_clean(node[1], 80), size, 6.0 if len(nodes) <= 20 else 3.6, weight)
        w, h = measure.size(text, size, weight)
        w, h = w + 0.06, h + 0.04
        x, y = pos[node]
        if bold and w <= 1.9 * radius(node):  # inside the highlighted node when it fits
            boxes.append(_box((x, y), w / 2, h / 2))
            ax.text(
                x, y, text, ha="center", va="center", fontsize=size, fontweight=weight, zorder=5
            )
            continue
        best: tuple[float, float, float, float] | None = None  # cost, clash, x, y
        for gap, (dx, dy) in itertools.product((0.05, 0.25), _DIRECTIONS):
            r = radius(node) + gap
            diagonal = 0.7 if dx and dy else 1.0
            cx = x + dx * (r * diagonal + w / 2)
            cy = y + dy * (r * diagonal + h / 2)
            box = _box((cx, cy), w / 2, h / 2)
            if box[0] < 0.05 or box[2] > WIDTH_CM - 0.05 or box[1] < 0.05 or box[3] > area[3]:
                continue
            clash = sum(_overlap(box, other) for other in boxes)
            cost = clash + 2 * sum(_overlap(box, b) for n, b in node_boxes if n != node)
            cost += 0.002 * gap  # nearer is better, all else equal
            if best is None or cost < best[0]:
                best = (cost, clash, cx, cy)
            if cost < 0.01:
                break
        if best is None or (large and best[1] > 0):
            continue
        _, _, cx, cy = best
        boxes.append(_box((cx, cy), w / 2, h / 2))
        ax.text(
            cx,
            cy,
            text,
            ha="center",
            va="center",
            fontsize=size,
            fontweight=weight,
            zorder=2,  # above the links, under the nodes
            bbox={
                "boxstyle": "square,pad=0.08",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.75,
            },
        )
    return len(boxes)


def _box(centre: tuple[float, float], half_w: float, half_h: float) -> tuple[float, ...]:
    x, y = centre
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _network_legend(
    ax: Axes, measure: _Measure, top: float, target: _Node | None, roles: set[str]
) -> None:
    """One or two lines under the graph: node kinds, then the line style of each role shown."""
    x, y, gap = 0.35, top + 0.3, 0.45
    entries: list[tuple[str, str, str, float]] = [
        ("Initiative", "s", _VERMILLION, 0.5),
        ("Organization", "o", _BLUE, 0.5),
    ]
    if target is not None:
        entries.append((target[1], "o", _ORANGE, 1.5))
    for label, marker, face, edge in entries:
        text = measure.fit(label, _SMALL, 2.5)
        ax.add_line(
            Line2D(
                [x + 0.12],
                [y],
                marker=marker,
                markerfacecolor=face,
                markersize=6.5,
                markeredgecolor="black",
                markeredgewidth=edge,
                linestyle="none",
            )
        )
        ax.text(x + 0.32, y, text, ha="left", va="center", fontsize=_SMALL)
        x += 0.32 + measure.width(text, _SMALL) + gap
    x += 0.2
    for role in ROLES:
        if role not in roles:
            continue
        style = _ROLE_STYLES[role]
        width = 0.82 + measure.width(role, _SMALL) + gap
        if x + width > WIDTH_CM - 0.3:
            x, y = 0.35, y + 0.42
        line = Line2D([x, x + 0.7], [y, y], color=style.colour, linewidth=style.width)
        if style.dashes is not None:
            line.set_dashes(style.dashes)
        ax.add_line(line)
        ax.text(x + 0.82, y, role, ha="left", va="center", fontsize=_SMALL)
        x += width
