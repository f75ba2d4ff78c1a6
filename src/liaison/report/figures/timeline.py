"""The events timeline: the meetings and events of the period, one band per lane.

A timeline of more than :data:`TIMELINE_DETAIL_LIMIT` events (or one that would be taller than
:data:`TIMELINE_MAX_HEIGHT_CM`, with many lanes) is drawn as a table of counts -- one row per
lane, one column per month (per quarter or year for long periods), each event counted once in the
month it starts; events lasting more than a month, or dated only to the year, are counted in a
column of their own.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

from liaison.report.document import Figure
from liaison.report.figures.style import (
    _BLACK,
    _BLUE,
    _GREEN,
    _GRID,
    _HEAD,
    _MUTED,
    _ORANGE,
    _PURPLE,
    _SKY,
    _SMALL,
    _TEXT,
    _VERMILLION,
    WIDTH_CM,
    _canvas,
    _clean,
    _empty,
    _export,
    _Measure,
    _styled,
)

#: Up to this many events, the timeline shows each event; beyond, counts per lane and month.
TIMELINE_DETAIL_LIMIT = 40
#: A timeline drawn event by event taller than this (many lanes) becomes the table of counts.
TIMELINE_MAX_HEIGHT_CM = 22.0


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
