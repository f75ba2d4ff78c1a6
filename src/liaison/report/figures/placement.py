"""Nodes and labels of the partner network set apart, so that nothing overlaps (in centimetres).

A starting layout puts nodes where their links pull them, with no regard to the size of their
markers or of their labels. :func:`place` starts from such positions. First every label, most
important first, takes the best spot next to its node: right, left, below, above, the four
corners, or shifted along a side; touching the marker or a little apart; on one, two or three
lines. A spot is better the less it overlaps other markers and labels, the nearer it is to its
own marker and the farther from others (a label must read as its own node's), and the fewer
links it crosses. Then, in rounds, until nothing overlaps:

* a label that overlaps something takes a free spot if there is one;
* every two nodes whose boxes (the marker's, or the label's) still overlap move apart as wholes
  (each node with its label as one box), along the axis where the wholes overlap least, each by
  its share (a node with more links moves less). The left and right edges of the picture are
  walls; up and down there is no limit: the picture grows as it must.

"Overlap" keeps a margin: 0.07 cm between two markers or two labels, 0.25 cm between a label
and another node's marker. With a ``patience``, after that many rounds the least important label
near one that still overlaps is left out, one a round (for large networks, where labels are a
selection anyway); without one, a label is left out only if it still overlaps after the last
round. At the end every label takes its best free spot. Plain arithmetic on the input in its
given order: the same input gives the same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Box = tuple[float, float, float, float]  # x0, y0, x1, y1; y grows downwards
_Array = npt.NDArray[np.float64]

_MARGIN = 0.07  # the least gap, in cm, between boxes of different nodes
_GAPS = (0.02, 0.1)  # how far a label sits from its marker
_CLEAR = 0.25  # the least gap between a label and another node: the label reads as its own
_AMBIGUOUS = 0.7  # a label nearer than this to another node is less clearly its own node's
_ROUNDS = 600
_NEAR = 0.01  # cm: a label this near one that overlaps something competes with it to stay
_STEP = 0.9  # the share of the computed push applied in a round
_MAX_MOVE = 0.4  # cm per round


@dataclass(frozen=True)
class Shape:
    """One way of writing a label: its lines and the size of its box in cm."""

    lines: tuple[str, ...]
    width: float
    height: float


@dataclass(frozen=True)
class Placed:
    """Node centres and, per labelled node, its label's shape and centre (all in cm)."""

    centres: tuple[tuple[float, float], ...]
    labels: Mapping[int, tuple[Shape, tuple[float, float], str]]  # shape, centre, side

    def label_box(self, node: int) -> Box:
        shape, (x, y), _ = self.labels[node]
        return (
            x - shape.width / 2,
            y - shape.height / 2,
            x + shape.width / 2,
            y + shape.height / 2,
        )


@dataclass(frozen=True)
class _Candidates:
    """Every spot a label may take, relative to its node's centre."""

    offsets: _Array  # C x 2
    sizes: _Array  # C x 2 (width, height)
    cost: _Array  # C: the preference (lower is better)
    shapes: tuple[Shape, ...]  # per candidate
    sides: tuple[str, ...]  # "left" (label left of the node), "right" or "center"


def _candidates(half: float, rounded: bool, shapes: Sequence[Shape]) -> _Candidates:
    offsets: list[tuple[float, float]] = []
    sizes: list[tuple[float, float]] = []
    costs: list[float] = []
    kept: list[Shape] = []
    sides: list[str] = []
    corner = half * (0.72 if rounded else 1.0)  # a label at a corner clears a circle sooner
    for number, shape in enumerate(shapes):
        w, h = shape.width / 2, shape.height / 2
        for gap in _GAPS:
            spots = [
                ((half + gap + w, 0.0), "right"),
                ((-(half + gap + w), 0.0), "left"),
                ((0.0, half + gap + h), "center"),
                ((0.0, -(half + gap + h)), "center"),
                ((corner + gap + w, corner + gap + h), "right"),
                ((-(corner + gap + w), corner + gap + h), "left"),
                ((corner + gap + w, -(corner + gap + h)), "right"),
                ((-(corner + gap + w), -(corner + gap + h)), "left"),
                ((half + gap + w, h - half), "right"),
                ((half + gap + w, half - h), "right"),
                ((-(half + gap + w), h - half), "left"),
                ((-(half + gap + w), half - h), "left"),
                ((w - half, half + gap + h), "right"),
                ((half - w, half + gap + h), "left"),
                ((w - half, -(half + gap + h)), "right"),
                ((half - w, -(half + gap + h)), "left"),
            ]
            for rank, (offset, side) in enumerate(spots):
                offsets.append(offset)
                sizes.append((shape.width, shape.height))
                costs.append(0.004 * rank + 0.15 * number)
                kept.append(shape)
                sides.append(side)
    return _Candidates(
        np.array(offsets, dtype=np.float64).reshape(-1, 2),
        np.array(sizes, dtype=np.float64).reshape(-1, 2),
        np.array(costs, dtype=np.float64),
        tuple(kept),
        tuple(sides),
    )


def _boxes(centres: _Array, sizes: _Array) -> _Array:
    return np.concatenate([centres - sizes / 2, centres + sizes / 2], axis=1)


def _overlaps(a: _Array, b: _Array, margin: _Array) -> tuple[_Array, _Array]:
    """Overlap (with ``margin``) of every box of ``a`` with every box of ``b``: x and y depths."""
    ix = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    iy = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return ix + margin, iy + margin


def _near_pairs(boxes: _Array, reach: float) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every pair of ``boxes`` whose x extents come within ``reach`` (a sweep along x)."""
    order = np.argsort(boxes[:, 0], kind="stable")
    starts = boxes[order, 0]
    ends = np.searchsorted(starts, boxes[order, 2] + reach, side="left")
    counts = np.maximum(ends - np.arange(len(order)) - 1, 0)
    first = np.repeat(np.arange(len(order)), counts)
    step = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[first], order[first + 1 + step]


def _within(boxes: _Array, region: _Array) -> npt.NDArray[np.bool_]:
    """Which of ``boxes`` meet the box ``region``."""
    return np.asarray(
        (boxes[:, 0] <= region[2])
        & (boxes[:, 2] >= region[0])
        & (boxes[:, 1] <= region[3])
        & (boxes[:, 3] >= region[1])
    )


def _distance(a: _Array, b: _Array) -> _Array:
    """The distance between every box of ``a`` and every box of ``b`` (0 where they meet)."""
    gx = np.maximum(
        np.maximum(a[:, None, 0], b[None, :, 0]) - np.minimum(a[:, None, 2], b[None, :, 2]), 0.0
    )
    gy = np.maximum(
        np.maximum(a[:, None, 1], b[None, :, 1]) - np.minimum(a[:, None, 3], b[None, :, 3]), 0.0
    )
    return np.asarray(np.hypot(gx, gy), dtype=np.float64)


def _crossings(boxes: _Array, segments: _Array) -> _Array:
    """How many of ``segments`` (E x 4: x0, y0, x1, y1) pass through each of ``boxes``."""
    if not len(segments):
        return np.zeros(len(boxes))
    start, delta = segments[None, :, :2], segments[None, :, 2:] - segments[None, :, :2]
    low, high = boxes[:, None, :2], boxes[:, None, 2:]
    with np.errstate(divide="ignore", invalid="ignore"):
        t_low = (low - start) / delta
        t_high = (high - start) / delta
    flat = delta == 0
    inside = (start >= low) & (start <= high)
    enter = np.where(flat, np.where(inside, -np.inf, np.inf), np.minimum(t_low, t_high))
    leave = np.where(flat, np.where(inside, np.inf, -np.inf), np.maximum(t_low, t_high))
    first = np.maximum(enter.max(axis=2), 0.0)
    last = np.minimum(leave.min(axis=2), 1.0)
    return np.asarray((first < last).sum(axis=1), dtype=np.float64)


def place(
    centres: Sequence[tuple[float, float]],
    halves: Sequence[float],
    masses: Sequence[float],
    rounded: Sequence[bool],
    shapes: Mapping[int, Sequence[Shape]],
    order: Sequence[int],
    links: Sequence[tuple[int, int]],
    walls: tuple[float, float],
    patience: int | None = None,
) -> Placed:
    """Nodes moved apart and labels placed so that no two boxes of different nodes overlap.

    ``halves`` are half the side of each node's box, ``masses`` how hard each is to move,
    ``rounded`` whether the marker is a circle; ``shapes`` are the ways of writing each labelled
    node's label (preferred first), ``order`` the labelled nodes, most important first (an
    earlier label chooses its spot first); ``links`` are index pairs, ``walls`` the least and the
    greatest x a box may reach. After ``patience`` rounds (if given), a label still overlapping
    something is left out, the least important first, one a round, rather than moving nodes on.
    """
    n = len(centres)
    pos = np.array(centres, dtype=np.float64).reshape(n, 2)
    half = np.array(halves, dtype=np.float64)
    mass = np.array(masses, dtype=np.float64)
    node_size = np.stack([2 * half, 2 * half], axis=1)
    labelled = [i for i in order if shapes.get(i)]
    options = {i: _candidates(halves[i], rounded[i], shapes[i]) for i in labelled}
    pairs = np.array(links, dtype=np.int64).reshape(-1, 2)
    chosen: dict[int, int] = {}
    lo, hi = walls

    def names_placed() -> list[int]:  # the labelled nodes with a spot, most important first
        return [i for i in labelled if i in chosen]

    def label_boxes(nodes: Sequence[int]) -> _Array:
        if not nodes:
            return np.zeros((0, 4))
        spots = [options[i].offsets[chosen[i]] for i in nodes]
        sizes = [options[i].sizes[chosen[i]] for i in nodes]
        return _boxes(pos[list(nodes)] + np.array(spots), np.array(sizes))

    def choose(node: int, others: Sequence[int], free_only: bool) -> None:
        """Give ``node`` the label spot that overlaps least the nodes and ``others``' labels."""
        option = options[node]
        boxes = _boxes(pos[node] + option.offsets, option.sizes)
        # Only what lies near the spots matters.
        reach = np.concatenate([boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)])
        wide = reach + np.array([-1.0, -1.0, 1.0, 1.0]) * max(_CLEAR, _AMBIGUOUS)
        nodes = _boxes(np.delete(pos, node, 0), np.delete(node_size, node, 0))
        nodes = nodes[_within(nodes, wide)]
        labels = label_boxes(others)
        obstacles = np.concatenate([nodes, labels[_within(labels, wide)]])
        margin = np.where(np.arange(len(obstacles)) < len(nodes), _CLEAR, _MARGIN)
        ix, iy = _overlaps(boxes, obstacles, margin[None, :])
        hit = (ix > 0) & (iy > 0)
        area = np.where(hit, ix * iy, 0.0)
        cost = option.cost + 10 * hit.sum(axis=1) + 10 * area.sum(axis=1)
        # Near its node (a corner or a side, touching or a little apart), it reads as its own.
        # Another node near it makes it ambiguous.
        own = _distance(boxes, _boxes(pos[node : node + 1], node_size[node : node + 1]))[:, 0]
        apart = _distance(boxes, nodes)
        cost = cost + own + 3 * np.maximum(_AMBIGUOUS - apart, 0.0).sum(axis=1)
        if len(pairs):
            ends = np.concatenate([pos[pairs[:, 0]], pos[pairs[:, 1]]], axis=1)
            spans = np.concatenate(
                [np.minimum(ends[:, :2], ends[:, 2:]), np.maximum(ends[:, :2], ends[:, 2:])], axis=1
            )
            cost = cost + 0.1 * _crossings(boxes, ends[_within(spans, reach)])
        outside = (boxes[:, 0] < lo) | (boxes[:, 2] > hi)
        if free_only:
            cost = np.where(hit.any(axis=1) | outside, np.inf, cost)
            if node in chosen:
                cost[chosen[node]] -= 1e-9  # keep a spot as good as any other
        elif not outside.all():
            cost = np.where(outside, np.inf, cost)
        best = int(np.argmin(cost))
        if np.isfinite(cost[best]):
            chosen[node] = best

    def conflicts() -> tuple[_Array, _Array, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Boxes (nodes, then labels) and the overlapping pairs of boxes of different nodes."""
        names = names_placed()
        boxes = np.concatenate([_boxes(pos, node_size), label_boxes(names)])
        owner = np.concatenate([np.arange(n), np.array(names, dtype=np.int64)])
        a, b = _near_pairs(boxes, max(_CLEAR, _MARGIN))
        label = np.arange(len(boxes)) >= n
        margin = np.where(label[a] != label[b], _CLEAR, _MARGIN)[:, None]
        depth = np.minimum(boxes[a, 2:], boxes[b, 2:]) - np.maximum(boxes[a, :2], boxes[b, :2])
        depth += margin
        keep = (depth[:, 0] > 0) & (depth[:, 1] > 0) & (owner[a] != owner[b])
        return boxes, depth[keep], a[keep], b[keep]

    for node in labelled:  # with no patience at all, only labels with a free spot are kept
        choose(node, names_placed(), free_only=patience == 0)
    for round_ in range(_ROUNDS):
        boxes, _, a, b = conflicts()
        if not len(a):
            break
        owner = np.concatenate([np.arange(n), np.array(names_placed(), dtype=np.int64)])
        stuck = sorted({int(owner[k]) for k in (*a, *b) if k >= n})
        for node in stuck:  # a label that overlaps something first looks for a free spot
            choose(node, [i for i in names_placed() if i != node], free_only=True)
        boxes, _, a, b = conflicts()
        if not len(a):
            break
        if patience is not None and round_ >= patience:
            stuck = sorted({int(owner[k]) for k in (*a, *b) if k >= n})
            if stuck:  # the least important label near one that overlaps makes room
                names = names_placed()
                near = _distance(label_boxes(names), label_boxes(stuck)).min(axis=1) < _NEAR
                del chosen[max((i for i, m in zip(names, near, strict=True) if m),
                               key=labelled.index)]  # fmt: skip
                boxes, _, a, b = conflicts()
                if not len(a):
                    break
                owner = np.concatenate([np.arange(n), np.array(names_placed(), dtype=np.int64)])
        # Two nodes with boxes over each other move apart as wholes: each node with its label
        # is one box (so that a label beyond the other node cannot hold them together).
        whole = _boxes(pos, node_size)
        for k, box in zip(owner[n:], boxes[n:], strict=True):
            whole[k, :2] = np.minimum(whole[k, :2], box[:2])
            whole[k, 2:] = np.maximum(whole[k, 2:], box[2:])
        pairs_ij = np.unique(np.sort(np.stack([owner[a], owner[b]], axis=1), axis=1), axis=0)
        i, j = pairs_ij[:, 0], pairs_ij[:, 1]
        depth = np.minimum(whole[i, 2:], whole[j, 2:]) - np.maximum(whole[i, :2], whole[j, :2])
        depth += _MARGIN
        between = (whole[j, :2] + whole[j, 2:] - whole[i, :2] - whole[i, 2:]) / 2
        along_y = depth[:, 1] < depth[:, 0]
        sign = np.sign(np.where(along_y, between[:, 1], between[:, 0]))
        sign = np.where(sign == 0, 1.0, sign)  # i < j
        # Along x, a node against a wall cannot give way: push along y instead.
        at_lo = whole[:, 0] <= lo + 1e-6
        at_hi = whole[:, 2] >= hi - 1e-6
        blocked = ~along_y & (
            (sign > 0) & (at_lo[i] | at_hi[j]) | (sign < 0) & (at_hi[i] | at_lo[j])
        )
        along_y |= blocked
        sign = np.where(blocked, np.where(between[:, 1] >= 0, 1.0, -1.0), sign)
        amount = (np.maximum(np.where(along_y, depth[:, 1], depth[:, 0]), 0.0) + 0.06) * sign
        share_i = mass[j] / (mass[i] + mass[j])
        move = np.zeros((n, 2))
        axis = along_y.astype(np.int64)
        np.add.at(move, (i, axis), -amount * share_i)
        np.add.at(move, (j, axis), amount * (1 - share_i))
        reach_left, reach_right = pos[:, 0] - whole[:, 0], whole[:, 2] - pos[:, 0]
        pos += np.clip(move * _STEP, -_MAX_MOVE, _MAX_MOVE)
        # Each node with its label stays between the walls.
        pos[:, 0] = np.clip(pos[:, 0], lo + reach_left, hi - reach_right)
    # Last: labels that still overlap are left out, the least important first; every label then
    # takes the free spot crossing fewest links.
    while True:
        boxes, _, a, b = conflicts()
        names = names_placed()
        owners = {names[k - n] for k in (*a, *b) if k >= n}
        if not owners:
            break
        del chosen[max(owners, key=labelled.index)]
    for node in labelled:
        if node in chosen:
            choose(node, [i for i in names_placed() if i != node], free_only=True)
    labels = {
        i: (
            options[i].shapes[chosen[i]],
            (float(pos[i, 0] + options[i].offsets[chosen[i], 0]),
             float(pos[i, 1] + options[i].offsets[chosen[i], 1])),
            options[i].sides[chosen[i]],
        )
        for i in labelled
        if i in chosen
    }  # fmt: skip
    return Placed(tuple((float(x), float(y)) for x, y in pos), labels)
