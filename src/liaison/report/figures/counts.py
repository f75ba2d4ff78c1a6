"""The events timeline as a table of counts, for a period with too many events to draw.

One row per lane, one column per month (per quarter or year for long periods), each event
counted once in the month it starts; events lasting more than a month, or dated only to the
year, are counted in a column of their own; a total per lane and per column.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import matplotlib as mpl
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

from liaison.report.figures.style import (
    _MUTED,
    _SMALL,
    _TEXT,
    WIDTH_CM,
    _canvas,
    _clean,
)

if TYPE_CHECKING:
    from liaison.report.figures.timeline import TimelineItem

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
