"""The trend of the JIU acceptance and implementation rates: two lines over the years.

The two lines differ by colour, line style and marker, so they stay apart in greyscale; each
point is labelled with its percentage; a year with nothing in a rate's denominator has no point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FixedLocator, PercentFormatter

from liaison.report.document import Figure
from liaison.report.figures.style import (
    _BLUE,
    _GRID,
    _MUTED,
    _SMALL,
    _TEXT,
    _VERMILLION,
    WIDTH_CM,
    _empty,
    _export,
    _styled,
)

HEIGHT_CM = 6.5


@dataclass(frozen=True)
class RatePoint:
    year: int
    acceptance: float | None
    implementation: float | None
    #: How the year is written under its point (default: the year), e.g. "2018 (to April)".
    label: str | None = None


def jiu_trend(points: Sequence[RatePoint], caption: str) -> Figure:
    """The acceptance and implementation rates by year, as percentages."""
    with _styled():
        if not any(p.acceptance is not None or p.implementation is not None for p in points):
            return _empty("jiu-trend", caption)
        return _draw(points, caption)


def _draw(points: Sequence[RatePoint], caption: str) -> Figure:
    fig = MplFigure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=72)
    ax = fig.add_axes((0.08, 0.2, 0.9, 0.72))
    years = [p.year for p in points]
    series = (
        ("Acceptance", [p.acceptance for p in points], _BLUE, "-", "o"),
        ("Implementation", [p.implementation for p in points], _VERMILLION, "--", "s"),
    )
    for label, values, colour, style, marker in series:
        known = [(y, v * 100) for y, v in zip(years, values, strict=True) if v is not None]
        if not known:
            continue
        xs, ys = zip(*known, strict=True)
        ax.plot(xs, ys, color=colour, linestyle=style, marker=marker, markersize=4,
                linewidth=1.4, label=label)  # fmt: skip
        offset = 7 if label == "Acceptance" else -10
        for x, y in known:
            ax.annotate(f"{y:.0f}%", (x, y), textcoords="offset points", xytext=(0, offset),
                        ha="center", fontsize=_SMALL, color=colour)  # fmt: skip
    ax.set_ylim(-14, 114)
    ax.yaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.xaxis.set_major_locator(FixedLocator(years))
    ax.set_xticklabels([p.label or str(p.year) for p in points])
    ax.tick_params(labelsize=_SMALL, colors=_MUTED, length=2)
    ax.grid(axis="y", color=_GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(_MUTED)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, frameon=False,
              fontsize=_TEXT)  # fmt: skip
    return _export(fig, "jiu-trend", caption)
