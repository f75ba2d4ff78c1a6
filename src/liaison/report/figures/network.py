"""The partner network: the joint initiatives and the organizations taking part in them.

Initiatives are squares, organizations circles; the six partner roles are drawn in three classes
of link (leads or coordinates, partner or member, supports), explained in a legend. No two nodes
overlap, no two labels, and no label covers a node other than its own: from the starting layout
(:mod:`.layout`), :mod:`.placement` places every label next to its node (names wrap onto up to
three lines) and moves nodes apart until nothing overlaps. :func:`network_geometry` gives the
boxes drawn, for checking.

A network of more than :data:`NETWORK_LABEL_ALL_LIMIT` nodes labels only the highlighted
organization and the :data:`NETWORK_LABEL_LIMIT` nodes with the most links (fewer when some find
no free place), and says so under the picture; from :data:`NETWORK_SPRING_LIMIT` nodes on, the
layout starts from a grid of initiatives, each amid the organizations only it has, instead of a
force-directed one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx  # type: ignore[import-untyped]
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D

from liaison.report.document import Figure
from liaison.report.figures.layout import SPRING_LIMIT, scaled, start
from liaison.report.figures.placement import Box, Shape, place
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
#: From this many nodes on, a grid of clusters replaces the force-directed layout.
NETWORK_SPRING_LIMIT = SPRING_LIMIT

#: Partner roles, strongest first: where a pair is given twice, the stronger role is drawn.
ROLES: tuple[str, ...] = ("lead", "co-lead", "coordinator", "partner", "supporter", "member")


@dataclass(frozen=True)
class _LinkClass:
    label: str  # in the legend
    roles: tuple[str, ...]
    width: float  # pt
    dashes: tuple[float, ...] | None  # in line widths
    colour: str


# Three classes that read apart in greyscale: heavy and dark, thin and light, dotted.
_LINK_CLASSES = (
    _LinkClass("leads or coordinates", ("lead", "co-lead", "coordinator"), 1.9, None, "#1A1A1A"),
    _LinkClass("partner or member", ("partner", "member"), 0.7, None, "#8C8C8C"),
    _LinkClass("supports", ("supporter",), 1.1, (1.0, 1.6), "#404040"),
)
_CLASS_OF = {role: c for c in _LINK_CLASSES for role in c.roles}

_INITIATIVE = "initiative"
_ORGANIZATION = "organization"
_Node = tuple[str, str]  # (kind, label)
_PAD = 0.08  # the white box behind a label, in font sizes
_SPACING = 1.05  # line spacing of labels
_WIDEST = 5.5  # cm: the widest line of a label (only for a very long name)


@dataclass(frozen=True)
class NetworkGeometry:
    """What the partner network drew, in cm from the top left corner of the figure.

    Nodes are keyed ``("initiative", label)`` or ``("organization", label)``; a node's box is
    its marker's (a circle's enclosing square), a label's box the white box behind its text.
    """

    width_cm: float
    height_cm: float
    nodes: Mapping[_Node, Box]
    labels: Mapping[_Node, Box]  # only the labelled nodes
    texts: Mapping[_Node, str]  # each label as drawn, its lines joined with "\n"


def _pairs(edges: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    strength = {role: n for n, role in enumerate(ROLES)}
    pairs: dict[tuple[str, str], str] = {}
    for initiative, organization, role in edges:
        if role not in strength:
            raise ValueError(f"unknown role '{role}' (expected one of {', '.join(ROLES)})")
        key = (initiative, organization)
        if key not in pairs or strength[role] < strength[pairs[key]]:
            pairs[key] = role
    return pairs


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
    links; links are drawn in three classes: heavy for lead, co-lead and coordinator, thin for
    partner and member, dotted for supporter. The ``highlight`` organization (e.g. ``"ITU"``)
    is drawn larger, in another colour, with a bold label. The layout is networkx's
    force-directed one with a fixed seed, over the nodes and links in sorted order, so the
    picture does not depend on the order of ``edges``; the highlighted organization's links pull
    more weakly than the others (it takes part in most initiatives and would otherwise draw them
    all into a knot around it), and the crowded middle is spread out afterwards; then nodes are
    moved apart until no node, and no label, overlaps another (see the module docstring). Large
    networks: see the module docstring. Raises ValueError on an unknown role.
    """
    pairs = _pairs(edges)
    with _styled():
        if not pairs:
            return _empty(name, caption)
        return _export(_network(pairs, highlight), name, caption)


def network_geometry(
    edges: Sequence[tuple[str, str, str]], highlight: str | None = None
) -> NetworkGeometry:
    """The boxes :func:`partner_network` draws for these edges, without making the picture."""
    pairs = _pairs(edges)
    if not pairs:
        return NetworkGeometry(WIDTH_CM, 0.0, {}, {}, {})
    with _styled():
        return _network_drawn(pairs, highlight)[1]


_HUB_WEIGHT = 0.2  # how strongly the highlighted organization's links pull, against 1 for others
_PATIENCE = 300  # rounds of moving nodes for labels, in a large network, before leaving some out


def _network(pairs: dict[tuple[str, str], str], highlight: str | None) -> MplFigure:
    return _network_drawn(pairs, highlight)[0]


def _network_drawn(
    pairs: dict[tuple[str, str], str], highlight: str | None
) -> tuple[MplFigure, NetworkGeometry]:
    initiatives = sorted({(_INITIATIVE, i) for i, _ in pairs})
    organizations = sorted({(_ORGANIZATION, o) for _, o in pairs})
    nodes: list[_Node] = [*initiatives, *organizations]
    index = {node: n for n, node in enumerate(nodes)}
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

    def marker_area(node: _Node) -> float:  # in pt^2, growing with the number of links
        initiative = node[0] == _INITIATIVE
        if large:
            cap, base, per = 260.0, *((16.0, 6.0) if initiative else (10.0, 8.0))
        else:
            cap, base, per = 420.0, *((34.0, 14.0) if initiative else (22.0, 20.0))
        size = min(base + per * degree[node], cap)
        return max(size * 1.6 + 60.0, 780.0) if node == target else size  # room for its label

    def edge_width(node: _Node) -> float:  # pt
        return 1.5 if node == target else 0.5

    def half(node: _Node) -> float:  # half the side of the marker's box, in cm
        return (math.sqrt(marker_area(node)) + edge_width(node)) / 2 / _PT_PER_CM

    # Start: the layout scaled into a 16 cm wide area, then the labels' shapes.
    graph_h = min(13.5, max(5.0, 3.0 + 1.15 * math.sqrt(len(nodes))))
    margin = max(half(n) for n in nodes) + 0.5
    raw = start(graph, initiatives, organizations)
    order = sorted(nodes, key=lambda n: (n != target, -degree[n], n[0], n[1]))
    if large:  # every node's in a small network, the highlighted and the most linked in a large
        order = order[: NETWORK_LABEL_LIMIT + (1 if target else 0)]
    shapes, inside = _label_shapes(order, target, half, 5.0 if len(nodes) <= 20 else 4.2)
    placed = place(
        scaled(raw, nodes, WIDTH_CM, graph_h, margin),
        [half(n) for n in nodes],
        [1.0 + math.sqrt(degree[n]) + (4.0 if n == target else 0.0) for n in nodes],
        [n[0] == _ORGANIZATION for n in nodes],
        {index[n]: v for n, v in shapes.items()},
        [index[n] for n in order if n in shapes],
        [(index[a], index[b]) for a, b, _ in links],
        (0.3, WIDTH_CM - 0.3),
        None if not large else _PATIENCE if len(nodes) < NETWORK_SPRING_LIMIT else 20,
    )

    # The picture: the placed boxes moved to the top, then the legend (and a note on labels).
    boxes = [
        (x - half(n), y - half(n), x + half(n), y + half(n))
        for n, (x, y) in zip(nodes, placed.centres, strict=True)
    ] + [placed.label_box(i) for i in placed.labels]
    top = min(b[1] for b in boxes)
    graph_h = max(b[3] for b in boxes) - top + 0.6
    dy = 0.3 - top
    pos = {n: (x, y + dy) for n, (x, y) in zip(nodes, placed.centres, strict=True)}
    legend_top = graph_h + 0.1
    height = legend_top + (1.35 if large else 0.95)
    fig, ax, measure = _canvas(height)

    for cls in reversed(_LINK_CLASSES):  # the weakest underneath
        segments = [[pos[a], pos[b]] for a, b, r in links if _CLASS_OF[r] is cls]
        if not segments:
            continue
        collection = LineCollection(
            segments,
            colors=cls.colour,
            linewidths=cls.width * (0.75 if large else 1.0),
            alpha=0.6 if large and cls is not _LINK_CLASSES[0] else 0.9,
            zorder=1,
        )
        if cls.dashes is not None:
            collection.set_linestyle((0.0, cls.dashes))
        ax.add_collection(collection)

    groups = (
        (initiatives, "s", _VERMILLION),
        ([n for n in organizations if n != target], "o", _BLUE),
        ([target] if target else [], "o", _ORANGE),
    )
    for group, marker, face in groups:
        if group:
            ax.scatter(
                [pos[n][0] for n in group],
                [pos[n][1] for n in group],
                s=[marker_area(n) for n in group],
                marker=marker,
                c=face,
                edgecolors="black",
                linewidths=[edge_width(n) for n in group],
                zorder=3,
            )

    drawn: list[tuple[_Node, tuple[str, ...], tuple[float, float], str, int]] = []
    for i, (shape, (x, y), side) in sorted(placed.labels.items()):
        drawn.append((nodes[i], shape.lines, (x, y + dy), side, 2))
    for node, lines in inside.items():
        drawn.append((node, lines, pos[node], "center", 5))
    label_boxes = _draw_labels(ax, drawn, target)

    _network_legend(ax, measure, legend_top, target, {_CLASS_OF[r] for _, _, r in links})
    if large:
        others = len(label_boxes) - (1 if target in label_boxes else 0)
        note = (
            f"{len(initiatives)} initiatives, {len(organizations)} organizations; labelled: "
            + ("the highlighted organization and " if target in label_boxes else "")
            + f"the {others} with the most links."
        )
        ax.text(0.35, height - 0.3, note, ha="left", va="center", fontsize=_SMALL, color=_MUTED)
    geometry = NetworkGeometry(
        WIDTH_CM,
        height,
        {
            n: (pos[n][0] - half(n), pos[n][1] - half(n), pos[n][0] + half(n), pos[n][1] + half(n))
            for n in nodes
        },
        label_boxes,
        {node: "\n".join(lines) for node, lines, *_ in drawn},
    )
    return fig, geometry


def _draw_labels(
    ax: Axes,
    drawn: list[tuple[_Node, tuple[str, ...], tuple[float, float], str, int]],
    target: _Node | None,
) -> dict[_Node, Box]:
    """Draw the labels (node, lines, centre, side of the node, layer); return their boxes."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    to_cm = ax.transData.inverted()
    label_boxes: dict[_Node, Box] = {}
    for node, text_lines, (x, y), side, z in drawn:
        bold = node == target
        size = 9.0 if bold else _SMALL
        artist = ax.text(
            x,
            y,
            "\n".join(text_lines),
            ha="center",
            va="center",
            multialignment={"right": "left", "left": "right"}.get(side, "center"),
            linespacing=_SPACING,
            fontsize=size,
            fontweight="bold" if bold else "normal",
            zorder=z,  # above the links; under the nodes, except inside the highlighted one
            bbox=None
            if z == 5
            else {
                "boxstyle": f"square,pad={_PAD}",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
        )
        extent = artist.get_window_extent(renderer)
        (x0, y1), (x1, y0) = to_cm.transform([(extent.x0, extent.y0), (extent.x1, extent.y1)])
        pad = 0.0 if z == 5 else _PAD * size / _PT_PER_CM
        label_boxes[node] = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    return label_boxes


def _label_shapes(
    order: list[_Node], target: _Node | None, half: Callable[[_Node], float], widest: float
) -> tuple[dict[_Node, list[Shape]], dict[_Node, tuple[str, ...]]]:
    """The ways of writing each label (one, two or three lines), or the one line of the
    highlighted node's when it fits inside its marker."""
    measure = _Measure(FigureCanvasAgg(MplFigure(dpi=72)))
    shapes: dict[_Node, list[Shape]] = {}
    inside: dict[_Node, tuple[str, ...]] = {}
    for node in order:
        bold = node == target
        size, weight = (9.0, "bold") if bold else (_SMALL, "normal")
        text = _clean(node[1], 200)
        w, h = measure.block([text], size, weight, _SPACING)
        if bold and math.hypot(w, h) <= 2 * half(node) - 0.08:
            inside[node] = (text,)
            continue
        # One line, or two or three for a long name (a short one reads better on one line).
        most = min(3, math.ceil(w / 1.6))
        variants = [measure.wrap(text, size, k, weight) for k in range(1, most + 1)]
        fitting = [v for v in variants if _widest(measure, v, size, weight) <= widest]
        if not fitting:  # a very long name: three wider lines, shortened only beyond those
            fitting = [measure.fit_lines(text, size, _WIDEST, 3, weight)]
        pad = 2 * _PAD * size / _PT_PER_CM
        shapes[node] = [
            Shape(v, w + pad, h + pad)
            for v in dict.fromkeys(tuple(v) for v in fitting)
            for w, h in [measure.block(v, size, weight, _SPACING)]
        ]
    return shapes, inside


def _widest(measure: _Measure, lines: Sequence[str], size: float, weight: str) -> float:
    return max(measure.width(line, size, weight) for line in lines)


def _network_legend(
    ax: Axes, measure: _Measure, top: float, target: _Node | None, classes: set[_LinkClass]
) -> None:
    """One or two lines under the graph: node kinds, then the line of each class of link shown."""
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
    x, y = 0.35, y + 0.42
    for cls in _LINK_CLASSES:
        if cls not in classes:
            continue
        width = 1.02 + measure.width(cls.label, _SMALL) + gap
        if x + width > WIDTH_CM - 0.3:
            x, y = 0.35, y + 0.42
        line = Line2D([x, x + 0.9], [y, y], color=cls.colour, linewidth=cls.width)
        if cls.dashes is not None:
            line.set_dashes(cls.dashes)
        ax.add_line(line)
        ax.text(x + 1.02, y, cls.label, ha="left", va="center", fontsize=_SMALL)
        x += width
