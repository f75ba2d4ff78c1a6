"""The events timeline: the meetings and events of the period, one band per lane.

Every event is a bar (a marker for a single day) with its label beside it, on two lines when it
needs them. Each lane has a fixed style (colour, hatch, marker): the four lanes the report draws
have their own, any other lane one chosen by a hash of its name, so a lane looks the same in
every report.

A timeline of more than :data:`TIMELINE_DETAIL_LIMIT` events (or one that would be taller than
:data:`TIMELINE_MAX_HEIGHT_CM`, with many lanes) is drawn as a table of counts -- one row per
lane, one column per month (per quarter or year for long periods), each event counted once in the
month it starts; events lasting more than a month, or dated only to the year, are counted in a
column of their own.
"""

from __future__ import annotations

import datetime
import itertools
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

from liaison.report.document import Figure
from liaison.report.figures.counts import _MONTHS, _month_starts, _timeline_counts
from liaison.report.figures.style import (
    _BLACK,
    _BLUE,
    _GREEN,
    _GRID,
    _HEAD,
    _MUTED,
    _ORANGE,
    _PT_PER_CM,
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


#: The lanes the report draws, each in a style of its own whatever other lanes are shown.
_KNOWN_LANES: Mapping[str, _LaneStyle] = {
    "Sessions of governing bodies": _LaneStyle(_BLUE, "o", ""),
    "Summits, conferences and forums": _LaneStyle(_VERMILLION, "s", "////"),
    "Events of joint initiatives": _LaneStyle(_GREEN, "D", "\\\\\\\\"),
    "Meetings and missions": _LaneStyle(_PURPLE, "^", "xxxx"),
}
# Other lanes: a colour, a marker and a hatch each chosen by a hash of the lane's name.
_OTHER_COLOURS = (_ORANGE, _SKY, _BLACK)
_OTHER_MARKERS = ("v", "P", "X", "*")
_OTHER_HATCHES = ("----", "||||", "++++", "....", "oo")


def _lane_style(lane: str) -> _LaneStyle:
    """The style of ``lane``: fixed for the known lanes, stable (by its name) for the others."""
    known = _KNOWN_LANES.get(lane)
    if known is not None:
        return known
    digest = zlib.crc32(lane.encode("utf-8"))
    return _LaneStyle(
        _OTHER_COLOURS[digest % len(_OTHER_COLOURS)],
        _OTHER_MARKERS[(digest >> 8) % len(_OTHER_MARKERS)],
        _OTHER_HATCHES[(digest >> 16) % len(_OTHER_HATCHES)],
    )


_SPACING = 1.1  # line spacing of a label on two lines
_LINE = _TEXT * 1.2 * _SPACING / _PT_PER_CM  # how much a second line adds to a row, in cm


def events_timeline(
    items: Sequence[TimelineItem],
    period: tuple[datetime.date, datetime.date],
    caption: str,
    *,
    name: str = "events-timeline",
) -> Figure:
    """The events of ``period``, one band per lane, in the order lanes first appear in ``items``.

    Up to :data:`TIMELINE_DETAIL_LIMIT` events, each event is a bar from its first to its last
    day (a marker for a one-day event) with its label, on two lines when one does not fit beside
    the bar (its row grows), shortened only when two lines cannot hold it; events overlapping the
    period are clipped to it and the others left out. Each lane the report draws has a colour,
    hatch and marker of its own, the same whatever other lanes are shown; any other lane takes
    one chosen by its name. Beyond that many, or when the lanes would make the figure
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

    # Pack every lane's events into rows, greedily, so that no two bars or labels collide; a
    # label too long for the room beside its bar goes on two lines (and its row grows).
    probe = _Measure(FigureCanvasAgg(MplFigure(dpi=72)))
    placed: list[tuple[int, float, TimelineItem, str, float, str, bool]] = []  # lane, y, ...
    cursor = top
    lane_tops: list[float] = []
    pad = 0.1
    for number, lane in enumerate(lanes):
        lane_tops.append(cursor)
        cursor += header
        rows: list[list[tuple[float, float]]] = []
        lines_in_row: list[int] = []
        laid: list[tuple[int, TimelineItem, list[str], float, str, bool]] = []
        lane_items = sorted(
            (i for i in items if i.lane == lane), key=lambda i: (i.start, i.end, i.label)
        )
        for item in lane_items:
            x0, x1 = extent(item)
            text = _clean(item.label, 200)
            right_room, left_room = right - x1 - pad, x0 - left - pad
            on_right = [text] if probe.width(text, _TEXT) <= right_room else None
            on_left = [text] if on_right is None and probe.width(text, _TEXT) <= left_room else None
            for room, side in ((right_room, "right"), (left_room, "left")):
                if on_right is None and on_left is None and room > 0:
                    wrapped = probe.wrap(text, _TEXT, 2)
                    if max(probe.width(line, _TEXT) for line in wrapped) <= room:
                        on_right, on_left = (wrapped, None) if side == "right" else (None, wrapped)
            boxed = False
            if on_right is not None:
                lines, ha, tx = on_right, "left", x1 + pad
            elif on_left is not None:
                lines, ha, tx = on_left, "right", x0 - pad
            elif max(right_room, left_room) < 2.0:  # a long bar: the label goes over it
                lines = probe.fit_lines(text, _TEXT, x1 - x0 - 2 * pad, 2)
                ha, tx, boxed = "left", x0 + pad, True
            elif right_room >= left_room:  # as a last resort, shortened
                lines, ha, tx = probe.fit_lines(text, _TEXT, right_room, 2), "left", x1 + pad
            else:
                lines, ha, tx = probe.fit_lines(text, _TEXT, left_room, 2), "right", x0 - pad
            width = max(probe.width(line, _TEXT) for line in lines)
            lo, hi = (x0, x1) if boxed else (x0, tx + width) if ha == "left" else (tx - width, x1)
            index = _free_row(rows, lo, hi)
            if index == len(lines_in_row):
                lines_in_row.append(0)
            lines_in_row[index] = max(lines_in_row[index], len(lines))
            laid.append((index, item, lines, tx, ha, boxed))
        tops = [cursor]
        for count in lines_in_row:
            tops.append(tops[-1] + row + (count - 1) * _LINE)
        for index, item, lines, tx, ha, boxed in laid:
            y = (tops[index] + tops[index + 1]) / 2
            placed.append((number, y, item, "\n".join(lines), tx, ha, boxed))
        cursor = tops[-1] + gap
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
        style = _lane_style(lane)
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
        style = _lane_style(lanes[number])
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
        ax.text(
            tx,
            y,
            text,
            ha=ha,
            va="center",
            fontsize=_TEXT,
            linespacing=_SPACING,
            bbox=box if boxed else None,
        )
    return fig
