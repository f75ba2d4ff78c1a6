"""The report's pictures: pure functions from plain data to a report :class:`Figure`.

Three figures illustrate a report of the series:

* :func:`events_timeline` -- the meetings and events of the period, one band per lane
  ("Governing bodies", "Summits and conferences", ...);
* :func:`coverage` -- how many records of the period are tagged with each Sustainable
  Development Goal and each WSIS Action Line;
* :func:`partner_network` -- the joint initiatives and the organizations taking part in them.

Nothing here reads a database or keeps state between calls. Every figure is drawn for print on A4
at 16 cm wide (no text smaller than 7 pt at that size), with a colour-blind-friendly palette
(Okabe & Ito) except for the official SDG colours, and with shapes, hatches and line styles that
keep lanes, node kinds and roles apart in greyscale too. Each figure comes as PNG (200 dpi) and
SVG bytes; the same input always gives the same bytes (no dates in the metadata, a fixed SVG id
salt, a fixed layout seed, all text in DejaVu Sans, which ships with matplotlib). SVG text is
drawn as glyph outlines so that it looks the same everywhere; each string is kept as an XML
comment next to its glyphs.

Figures are drawn with matplotlib's object API on an Agg canvas (never pyplot). Matplotlib reads
a few settings from its process-wide ``rcParams`` (the SVG id salt among them), so each figure is
built under a module lock inside ``matplotlib.rc_context``: concurrent calls are serialized and
the global settings are restored afterwards.

Large inputs:

* a timeline of more than :data:`TIMELINE_DETAIL_LIMIT` events (or one that would be taller than
  :data:`TIMELINE_MAX_HEIGHT_CM`, with many lanes) is drawn as a table of counts --
  one row per lane, one column per month (per quarter or year for long periods), each event
  counted once in the month it starts; events lasting more than a month, or dated only to the
  year, are counted in a column of their own;
* a network of more than :data:`NETWORK_LABEL_ALL_LIMIT` nodes labels only the highlighted
  organization and the :data:`NETWORK_LABEL_LIMIT` nodes with the most links, and says so under
  the picture; from :data:`NETWORK_SPRING_LIMIT` nodes on, the layout is two concentric shells
  (initiatives inside, organizations outside) instead of a force-directed one.
"""

from __future__ import annotations

import datetime
import io
import itertools
import math
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import networkx as nx  # type: ignore[import-untyped]
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.typing import RcKeyType

from liaison.report.document import Figure

__all__ = [
    "NETWORK_LABEL_ALL_LIMIT",
    "NETWORK_LABEL_LIMIT",
    "NETWORK_SPRING_LIMIT",
    "NO_RECORDS",
    "ROLES",
    "SDG_COLOURS",
    "TIMELINE_DETAIL_LIMIT",
    "TIMELINE_MAX_HEIGHT_CM",
    "TimelineItem",
    "coverage",
    "events_timeline",
    "partner_network",
]

# --------------------------------------------------------------------------------------------
# Public constants
# --------------------------------------------------------------------------------------------

NO_RECORDS = "No records in this period"

#: Up to this many events, the timeline shows each event; beyond, counts per lane and month.
TIMELINE_DETAIL_LIMIT = 40
#: A timeline drawn event by event taller than this (many lanes) becomes the table of counts.
TIMELINE_MAX_HEIGHT_CM = 22.0
#: Up to this many nodes, the network labels every node.
NETWORK_LABEL_ALL_LIMIT = 90
#: Beyond :data:`NETWORK_LABEL_ALL_LIMIT`, how many of the most-linked nodes get a label.
NETWORK_LABEL_LIMIT = 40
#: From this many nodes on, a shell layout replaces the force-directed one.
NETWORK_SPRING_LIMIT = 500

#: The official colours of the 17 Sustainable Development Goals.
SDG_COLOURS: Mapping[int, str] = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}

#: Partner roles, strongest first: where a pair is given twice, the stronger role is drawn.
ROLES: tuple[str, ...] = ("lead", "co-lead", "coordinator", "partner", "supporter", "member")

# --------------------------------------------------------------------------------------------
# Shared drawing machinery
# --------------------------------------------------------------------------------------------

WIDTH_CM = 16.0
DPI = 200
_PT_PER_CM = 72 / 2.54
_FONT = "DejaVu Sans"

# Text sizes in points at print size; nothing is smaller than 7 pt.
_SMALL = 7.0
_TEXT = 7.5
_HEAD = 8.5

# Okabe & Ito, "Color Universal Design" (2002): safe for the common colour-vision deficiencies.
_BLUE = "#0072B2"
_VERMILLION = "#D55E00"
_GREEN = "#009E73"
_PURPLE = "#CC79A7"
_ORANGE = "#E69F00"
_SKY = "#56B4E9"
_YELLOW = "#F0E442"
_BLACK = "#000000"
_GRID = "#D9D9D9"
_MUTED = "#595959"

_STYLE: dict[RcKeyType, Any] = {
    "font.family": [_FONT],
    "font.size": _TEXT,
    "text.parse_math": False,  # a "$" in a label is a dollar sign
    "svg.fonttype": "path",
    "svg.hashsalt": "liaison-report-figures",
    "path.simplify": True,
    "hatch.linewidth": 0.7,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
    "savefig.bbox": None,
    "axes.unicode_minus": True,
}

_LOCK = threading.RLock()


@contextmanager
def _styled() -> Iterator[None]:
    """Serialize figure building and apply the module's matplotlib settings meanwhile."""
    with _LOCK, mpl.rc_context(_STYLE):
        yield


def _canvas(height_cm: float) -> tuple[MplFigure, Axes, _Measure]:
    """A 16 cm wide figure with one invisible axes whose data units are centimetres.

    x runs from 0 (left edge) to 16, y from 0 (top edge) down to ``height_cm``: every figure is
    laid out by hand in print units, so sizes and gaps are what the page will show.
    """
    fig = MplFigure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=72)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0.0, WIDTH_CM)
    ax.set_ylim(height_cm, 0.0)
    ax.set_axis_off()
    return fig, ax, _Measure(canvas)


class _Measure:
    """Text extents in centimetres, measured with the figure's own renderer (72 dpi)."""

    def __init__(self, canvas: FigureCanvasAgg) -> None:
        self._renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        self._cache: dict[tuple[str, float, str], tuple[float, float]] = {}

    def size(self, text: str, points: float, weight: str = "normal") -> tuple[float, float]:
        key = (text, points, weight)
        if key not in self._cache:
            prop = FontProperties(family=_FONT, size=points, weight=weight)
            w, h, _ = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._cache[key] = (w / _PT_PER_CM, h / _PT_PER_CM)
        return self._cache[key]

    def width(self, text: str, points: float, weight: str = "normal") -> float:
        return self.size(text, points, weight)[0]

    def fit(self, text: str, points: float, max_cm: float, weight: str = "normal") -> str:
        """``text`` shortened with an ellipsis so that it is at most ``max_cm`` wide."""
        if self.width(text, points, weight) <= max_cm:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with its ellipsis
            mid = (lo + hi + 1) // 2
            if self.width(_ellipsize(text, mid), points, weight) <= max_cm:
                lo = mid
            else:
                hi = mid - 1
        return _ellipsize(text, lo)


def _ellipsize(text: str, keep: int) -> str:
    return text[:keep].rstrip(" ,;:-–—(") + "…"


def _clean(text: str, limit: int = 80) -> str:
    """One line of text, at most ``limit`` characters (shortened with an ellipsis)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else _ellipsize(line, limit - 1)


WITH_SVG: ContextVar[bool] = ContextVar("liaison_figures_with_svg", default=True)
"""Whether figures also carry SVG (set False with :func:`png_only` when PNG is enough)."""


@contextmanager
def png_only() -> Iterator[None]:
    """Within this block, figures are drawn as PNG only (half the time of PNG and SVG)."""
    token = WITH_SVG.set(False)
    try:
        yield
    finally:
        WITH_SVG.reset(token)


def _export(fig: MplFigure, name: str, caption: str) -> Figure:
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    svg: bytes | None = None
    if WITH_SVG.get():
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = buffer.getvalue()
    return Figure(name=name, caption=caption, png=png.getvalue(), svg=svg, width_cm=WIDTH_CM)


def _empty(name: str, caption: str) -> Figure:
    """A small figure that says there is nothing to show."""
    height = 2.4
    fig, ax, _ = _canvas(height)
    ax.add_patch(
        Rectangle(
            (0.3, 0.3), WIDTH_CM - 0.6, height - 0.6, facecolor="#F2F2F2", edgecolor="#BFBFBF"
        )
    )
    ax.text(
        WIDTH_CM / 2, height / 2, NO_RECORDS, ha="center", va="center", fontsize=9.0, color=_MUTED
    )
    return _export(fig, name, caption)


# --------------------------------------------------------------------------------------------
# Events timeline
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    """One event on the timeline; a partial date is given by the first and last day it can mean."""

    label: str  # "World Health Assembly"
    start: datetime.date  # first day the partial date can mean
    end: datetime.date  # last day
    lane: str  # a grouping, e.g. "Summits and conferences", "Governing bodies"


@dataclass(frozen=True)
class _LaneStyle:
    colour: str
    marker: str
    hatch: str


_LANE_STYLES = (
    _LaneStyle(_BLUE, "o", ""),
    _LaneStyle(_VERMILLION, "s", "////"),
    _LaneStyle(_GREEN, "D", "\\\\\\\\"),
    _LaneStyle(_PURPLE, "^", "xxxx"),
    _LaneStyle(_ORANGE, "v", "----"),
    _LaneStyle(_SKY, "P", "||||"),
    _LaneStyle(_BLACK, "X", "++++"),
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def events_timeline(
    items: Sequence[TimelineItem],
    period: tuple[datetime.date, datetime.date],
    caption: str,
    *,
    name: str = "events-timeline",
) -> Figure:
    """The events of ``period``, one band per lane, in the order lanes first appear in ``items``.

    Up to :data:`TIMELINE_DETAIL_LIMIT` events, each event is a bar from its first to its last
    day (a marker for a one-day event) with its label; events overlapping the period are clipped
    to it and the others left out. Beyond that many, or when the lanes would make the figure
    taller than :data:`TIMELINE_MAX_HEIGHT_CM`, the figure is a table of counts per lane and
    month (see the module docstring). Lanes are meant to be a handful of groupings: each costs
    about a centimetre of height. Raises ValueError when the period or an event ends
    before it starts.
    """
    first, last = period
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    for item in items:
        if item.end < item.start:
            raise ValueError(f"'{item.label}' ends ({item.end}) before it starts ({item.start})")
    kept = [i for i in items if i.end >= first and i.start <= last]
    with _styled():
        if not kept:
            return _empty(name, caption)
        lanes = list(dict.fromkeys(i.lane for i in kept))
        detail = _timeline_detail(kept, lanes, first, last)
        fig = detail if detail is not None else _timeline_counts(kept, lanes, first, last)
        return _export(fig, name, caption)


def _month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from the month of ``first`` to the month after ``last``."""
    months = []
    year, month = first.year, first.month
    while True:
        day = datetime.date(year, month, 1)
        months.append(day)
        if day > last:
            return months
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _free_row(rows: list[list[tuple[float, float]]], lo: float, hi: float) -> int:
    """The first row where ``[lo, hi]`` keeps clear of every span (a new row if none)."""
    for index, spans in enumerate(rows):
        if all(hi + 0.15 <= a or lo >= b + 0.15 for a, b in spans):
            spans.append((lo, hi))
            return index
    rows.append([(lo, hi)])
    return len(rows) - 1


def _timeline_detail(
    items: list[TimelineItem], lanes: list[str], first: datetime.date, last: datetime.date
) -> MplFigure | None:
    """Every event drawn; None when there are too many, or when they would not fit the page."""
    if len(items) > TIMELINE_DETAIL_LIMIT:
        return None
    left, right = 0.3, WIDTH_CM - 0.3
    top, header, row, gap, axis = 0.15, 0.55, 0.42, 0.12, 1.0
    day0, days = first.toordinal(), (last - first).days + 1
    scale = (right - left) / days

    def x_of(day: datetime.date) -> float:
        return left + (day.toordinal() - day0) * scale

    def extent(item: TimelineItem) -> tuple[float, float]:
        """Where the item's bar (its marker, for a single day) lies, clipped to the period."""
        x0 = x_of(max(item.start, first))
        x1 = x_of(min(item.end, last) + datetime.timedelta(days=1))
        if item.start == item.end:
            return (x0 + x1) / 2 - 0.1, (x0 + x1) / 2 + 0.1
        return x0, max(x1, x0 + 0.08)

    # Pack every lane's events into rows, greedily, so that no two bars or labels collide.
    probe = _Measure(FigureCanvasAgg(MplFigure(dpi=72)))
    placed: list[tuple[int, float, TimelineItem, str, float, str, bool]] = []  # lane, y, ...
    cursor = top
    lane_tops: list[float] = []
    for number, lane in enumerate(lanes):
        lane_tops.append(cursor)
        cursor += header
        rows: list[list[tuple[float, float]]] = []
        lane_items = sorted(
            (i for i in items if i.lane == lane), key=lambda i: (i.start, i.end, i.label)
        )
        for item in lane_items:
            x0, x1 = extent(item)
            text = _clean(item.label, 70)
            pad = 0.1
            width = probe.width(text, _TEXT)
            room = max(right - x1, x0 - left) - pad
            boxed = False
            if x1 + pad + width <= right:
                ha, tx, lo, hi = "left", x1 + pad, x0, x1 + pad + width
            elif x0 - pad - width >= left:
                ha, tx, lo, hi = "right", x0 - pad, x0 - pad - width, x1
            elif room < min(width, 2.0):  # a long bar: the label goes over it
                text = probe.fit(text, _TEXT, x1 - x0 - 2 * pad)
                ha, tx, lo, hi, boxed = "left", x0 + pad, x0, x1, True
            elif right - x1 >= x0 - left:
                text = probe.fit(text, _TEXT, room)
                ha, tx, lo, hi = "left", x1 + pad, x0, right
            else:
                text = probe.fit(text, _TEXT, room)
                ha, tx, lo, hi = "right", x0 - pad, left, x1
            index = _free_row(rows, lo, hi)
            y = cursor + (index + 0.5) * row
            placed.append((number, y, item, text, tx, ha, boxed))
        cursor += len(rows) * row + gap
    plot_bottom = cursor
    height = plot_bottom + axis
    if height > TIMELINE_MAX_HEIGHT_CM:
        return None

    fig, ax, _ = _canvas(height)
    # Month grid and axis.
    months = _month_starts(first, last)
    step = 1 if len(months) <= 19 else 3 if len(months) <= 55 else 12
    for day in months:
        if first < day <= last:
            ax.plot([x_of(day)] * 2, [top, plot_bottom], color=_GRID, lw=0.5, zorder=0)
    ax.plot([left, right], [plot_bottom, plot_bottom], color=_MUTED, lw=0.6)
    shown_year = False
    for start, end in itertools.pairwise(months):
        if start > last or (start.month - 1) % step:
            continue
        a = x_of(max(start, first))
        b = x_of(min(end, last + datetime.timedelta(days=1)))
        if b - a < 0.25:
            continue
        label = str(start.year) if step == 12 else _MONTHS[start.month - 1]
        if step != 12 and (start.month == 1 or not shown_year):
            label += f"\n{start.year}"
            shown_year = True
        ax.text(
            (a + b) / 2,
            plot_bottom + 0.1,
            label,
            ha="center",
            va="top",
            fontsize=_SMALL,
            color=_MUTED,
            linespacing=1.15,
        )
        ax.plot([a, a], [plot_bottom, plot_bottom + 0.08], color=_MUTED, lw=0.6)

    # Lanes: a heading with the lane's symbol, a rule above every lane but the first.
    for number, lane in enumerate(lanes):
        style = _LANE_STYLES[number % len(_LANE_STYLES)]
        y = lane_tops[number]
        if number:
            ax.plot([left, right], [y - gap / 2] * 2, color="#A6A6A6", lw=0.5)
        ax.add_patch(
            Rectangle(
                (left, y + header / 2 - 0.13),
                0.45,
                0.26,
                facecolor=style.colour,
                edgecolor="black",
                linewidth=0.4,
                hatch=style.hatch or None,
                hatchcolor="white",
            )
        )
        heading = _clean(lane, 90)
        ax.text(
            left + 0.6,
            y + header / 2,
            heading,
            ha="left",
            va="center",
            fontsize=_HEAD,
            fontweight="bold",
        )

    # Events: a bar (hatched per lane) or, for a single day, the lane's marker.
    for number, y, item, text, tx, ha, boxed in placed:
        style = _LANE_STYLES[number % len(_LANE_STYLES)]
        x0, x1 = extent(item)
        if item.start == item.end:
            ax.plot(
                [(x0 + x1) / 2],
                [y],
                marker=style.marker,
                color=style.colour,
                markersize=5.0,
                markeredgecolor="black",
                markeredgewidth=0.5,
            )
        else:
            ax.add_patch(
                Rectangle(
                    (x0, y - 0.13),
                    x1 - x0,
                    0.26,
                    facecolor=style.colour,
                    edgecolor="black",
                    linewidth=0.4,
                    hatch=style.hatch or None,
                    hatchcolor="white",
                )
            )
        box = {
            "boxstyle": "square,pad=0.15",
            "facecolor": "white",
            "edgecolor": style.colour,
            "linewidth": 0.8,
        }
        ax.text(tx, y, text, ha=ha, va="center", fontsize=_TEXT, bbox=box if boxed else None)
    return fig


def _timeline_counts(
    items: list[TimelineItem], lanes: list[str], first: datetime.date, last: datetime.date
) -> MplFigure:
    # Columns: months (quarters, years for long periods), then events longer than a month.
    months = [m for m in _month_starts(first, last) if m <= last]
    if len(months) <= 24:
        bins = [
            (m, _MONTHS[m.month - 1], str(m.year) if m.month == 1 or i == 0 else "")
            for i, m in enumerate(months)
        ]
    elif len(months) <= 72:
        quarters = [m for m in months if m.month % 3 == 1 or m == months[0]]
        bins = [
            (m, f"Q{(m.month - 1) // 3 + 1}", str(m.year) if m.month <= 3 or i == 0 else "")
            for i, m in enumerate(quarters)
        ]
    else:
        years = [m for m in months if m.month == 1 or m == months[0]]
        bins = [(m, str(m.year), "") for m in years]
    starts = [b[0] for b in bins]
    long_column = len(bins)
    counts = [[0] * (len(bins) + 1) for _ in lanes]
    lane_index = {lane: n for n, lane in enumerate(lanes)}
    for item in items:
        if (item.end - item.start).days > 30:
            column = long_column
        else:
            start = max(item.start, first)
            column = max(n for n, s in enumerate(starts) if s <= start or n == 0)
        counts[lane_index[item.lane]][column] += 1

    left, right = 0.3, WIDTH_CM - 0.3
    total_w, long_w = 1.0, 1.25
    head, row, foot = 0.85, 0.55, 0.95
    height = 0.15 + head + (len(lanes) + 1) * row + 0.1 + foot
    fig, ax, measure = _canvas(height)
    widest = max(measure.width(_clean(lane, 80), _TEXT) for lane in [*lanes, "All lanes"])
    name_w = min(max(widest + 0.25, 2.5), 5.5)
    cell_w = (right - left - name_w - total_w - long_w) / len(bins)
    y0 = 0.15 + head
    grid_left = left + name_w
    columns = [grid_left + n * cell_w for n in range(len(bins))]
    columns.append(grid_left + len(bins) * cell_w + 0.1)
    widths = [cell_w] * len(bins) + [long_w - 0.1]
    total_x = right - total_w / 2

    # Column headings.
    for n, (_, top_label, year) in enumerate(bins):
        cx = columns[n] + cell_w / 2
        if measure.width(top_label, _SMALL) <= cell_w - 0.04:  # left out when it cannot fit
            ax.text(cx, y0 - 0.08, top_label, ha="center", va="bottom", fontsize=_SMALL)
        if year:
            ax.text(
                columns[n] + 0.02,
                y0 - 0.45,
                year,
                ha="left",
                va="bottom",
                fontsize=_SMALL,
                fontweight="bold",
                color=_MUTED,
            )
    ax.text(
        columns[-1] + widths[-1] / 2,
        y0 - 0.08,
        "> 1 month",
        ha="center",
        va="bottom",
        fontsize=_SMALL,
    )
    ax.text(
        total_x, y0 - 0.08, "Total", ha="center", va="bottom", fontsize=_SMALL, fontweight="bold"
    )

    peak = max(max(r) for r in counts) or 1
    cmap = mpl.colormaps["Blues"]
    totals_by_column = [sum(r[c] for r in counts) for c in range(len(bins) + 1)]
    rows = [*counts, totals_by_column]
    for r, values in enumerate(rows):
        y = y0 + r * row
        is_total = r == len(lanes)
        label = "All lanes" if is_total else _clean(lanes[r], 80)
        weight = "bold" if is_total else "normal"
        ax.text(
            left,
            y + row / 2,
            measure.fit(label, _TEXT, name_w - 0.15, weight),
            ha="left",
            va="center",
            fontsize=_TEXT,
            fontweight=weight,
        )
        if is_total:
            ax.plot([left, right], [y, y], color=_MUTED, lw=0.6)
        for c, value in enumerate(values):
            x, w = columns[c], widths[c]
            if is_total:
                face = "white"
                ink = "black"
            else:
                level = value / peak
                face = "white" if value == 0 else mpl.colors.to_hex(cmap(0.15 + 0.8 * level))
                ink = "white" if level > 0.55 else "black"
            ax.add_patch(
                Rectangle(
                    (x + 0.02, y + 0.03),
                    w - 0.04,
                    row - 0.06,
                    facecolor=face,
                    edgecolor="#BFBFBF",
                    linewidth=0.4,
                )
            )
            if value:
                ax.text(
                    x + w / 2,
                    y + row / 2,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=_SMALL,
                    color=ink,
                )
        ax.text(
            total_x,
            y + row / 2,
            str(sum(values)),
            ha="center",
            va="center",
            fontsize=_TEXT,
            fontweight="bold",
        )

    unit = "month" if len(months) <= 24 else "quarter" if len(months) <= 72 else "year"
    note = (
        f"{len(items)} events, too many to show one by one: each is counted once, in the {unit} "
        "it starts;\nevents lasting more than a month, or dated only to the year, under "
        "“> 1 month”."
    )
    ax.text(
        left,
        height - foot + 0.2,
        note,
        ha="left",
        va="top",
        fontsize=_SMALL,
        color=_MUTED,
        linespacing=1.3,
    )
    return fig


# --------------------------------------------------------------------------------------------
# SDG and WSIS coverage
# --------------------------------------------------------------------------------------------

_SDG_SHORT = {
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water",
    7: "Clean energy",
    8: "Decent work",
    9: "Industry, innovation",
    10: "Reduced inequalities",
    11: "Sustainable cities",
    12: "Responsible consumption",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace and justice",
    17: "Partnerships",
}

# The WSIS Action Lines in their order, C7's applications after C7, with short labels.
_WSIS_SHORT: tuple[tuple[str, str], ...] = (
    ("C1", "Role of stakeholders"),
    ("C2", "Infrastructure"),
    ("C3", "Access to information"),
    ("C4", "Capacity building"),
    ("C5", "Confidence and security"),
    ("C6", "Enabling environment"),
    ("C7", "ICT applications"),
    ("C7.e-government", "E-government"),
    ("C7.e-business", "E-business"),
    ("C7.e-learning", "E-learning"),
    ("C7.e-health", "E-health"),
    ("C7.e-employment", "E-employment"),
    ("C7.e-environment", "E-environment"),
    ("C7.e-agriculture", "E-agriculture"),
    ("C7.e-science", "E-science"),
    ("C8", "Cultural diversity"),
    ("C9", "Media"),
    ("C10", "Ethical dimensions"),
    ("C11", "International cooperation"),
)


def coverage(
    sdg_counts: Mapping[int, int],
    wsis_counts: Mapping[str, int],
    caption: str,
    *,
    name: str = "coverage",
) -> Figure:
    """Records of the period tagged with each SDG (left) and each WSIS Action Line (right).

    All 17 goals are shown, in their official colours and numbered, zero bars included; the
    action lines C1-C11 are shown with C7's applications (codes such as ``C7.e-health``) under
    C7, as given (C7's count is not summed from its applications); codes outside the scheme are
    added at the end under their code. Goal numbers outside 1-17 are ignored. Both panels share
    one scale. Raises ValueError on a negative count.
    """
    for key, value in [*sdg_counts.items(), *wsis_counts.items()]:
        if value < 0:
            raise ValueError(f"negative count {value} for {key}")
    sdg = [(goal, sdg_counts.get(goal, 0)) for goal in range(1, 18)]
    known = {code for code, _ in _WSIS_SHORT}
    wsis = [(code, label, wsis_counts.get(code, 0)) for code, label in _WSIS_SHORT]
    wsis += [(code, code, wsis_counts[code]) for code in sorted(wsis_counts) if code not in known]
    with _styled():
        if not any(v for _, v in sdg) and not any(v for _, _, v in wsis):
            return _empty(name, caption)
        return _export(_coverage(sdg, wsis), name, caption)


def _coverage(sdg: list[tuple[int, int]], wsis: list[tuple[str, str, int]]) -> MplFigure:
    row, top = 0.4, 0.85
    height = top + max(len(sdg), len(wsis)) * row + 0.3
    fig, ax, measure = _canvas(height)
    peak = max([v for _, v in sdg] + [v for _, _, v in wsis]) or 1
    panels = ((0.3, 7.8), (8.3, WIDTH_CM - 0.3))
    count_w = max(measure.width(str(peak), _SMALL), 0.3) + 0.12

    def bars(x_bar: float, x_end: float, y: float, value: int, **style: Any) -> None:
        length = (x_end - count_w - x_bar) * value / peak
        if value:
            ax.add_patch(Rectangle((x_bar, y + 0.07), length, row - 0.14, **style))
        ax.text(
            x_bar + length + 0.08,
            y + row / 2,
            str(value),
            ha="left",
            va="center",
            fontsize=_SMALL,
            color="black" if value else _MUTED,
        )

    # Sustainable Development Goals: number, short title, bar in the goal's colour.
    x0, x1 = panels[0]
    x_bar = x0 + 0.55 + max(measure.width(t, _TEXT) for t in _SDG_SHORT.values()) + 0.2
    ax.text(
        x0,
        0.45,
        "Sustainable Development Goals",
        ha="left",
        va="center",
        fontsize=_HEAD,
        fontweight="bold",
    )
    ax.plot([x_bar, x_bar], [top, top + len(sdg) * row], color=_MUTED, lw=0.6)
    for n, (goal, value) in enumerate(sdg):
        y = top + n * row
        ax.text(
            x0 + 0.42,
            y + row / 2,
            str(goal),
            ha="right",
            va="center",
            fontsize=_TEXT,
            fontweight="bold",
        )
        title = measure.fit(_SDG_SHORT[goal], _TEXT, x_bar - x0 - 0.65)
        ax.text(x0 + 0.55, y + row / 2, title, ha="left", va="center", fontsize=_TEXT)
        bars(x_bar, x1, y, value, facecolor=SDG_COLOURS[goal], edgecolor="none")

    # WSIS Action Lines: code, short title; C7's applications indented, lighter and hatched.
    x0, x1 = panels[1]
    widest = max(
        (1.15 if code.startswith("C7.") else 0.75) + measure.width(_clean(label, 60), _TEXT)
        for code, label, _ in wsis
    )
    x_bar = x0 + min(widest + 0.2, 4.6)
    ax.text(
        x0, 0.45, "WSIS Action Lines", ha="left", va="center", fontsize=_HEAD, fontweight="bold"
    )
    ax.plot([x_bar, x_bar], [top, top + len(wsis) * row], color=_MUTED, lw=0.6)
    for n, (code, label, value) in enumerate(wsis):
        y = top + n * row
        child = code.startswith("C7.")
        if not child:
            ax.text(
                x0,
                y + row / 2,
                measure.fit(_clean(code, 12), _TEXT, 0.7, "bold"),
                ha="left",
                va="center",
                fontsize=_TEXT,
                fontweight="bold",
            )
        indent = 1.15 if child else 0.75
        title = measure.fit(_clean(label, 60), _TEXT, x_bar - x0 - indent - 0.1)
        ax.text(x0 + indent, y + row / 2, title, ha="left", va="center", fontsize=_TEXT)
        if child:
            bars(
                x_bar,
                x1,
                y,
                value,
                facecolor=_SKY,
                edgecolor=_BLUE,
                linewidth=0.4,
                hatch="////",
                hatchcolor="white",
            )
        else:
            bars(x_bar, x1, y, value, facecolor=_BLUE, edgecolor="none")
    return fig


# --------------------------------------------------------------------------------------------
# Partner network
# --------------------------------------------------------------------------------------------


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
