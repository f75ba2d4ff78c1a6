"""Shared drawing machinery of the report's figures.

Print sizes, the font and matplotlib settings, the colour palette (Okabe & Ito), the module lock,
the canvas laid out in centimetres and the text measuring on it, the wrapping of text onto lines
and its shortening (with an ellipsis, as a last resort), the export to PNG and SVG bytes
(:func:`png_only` leaves out the SVG) and the figure that says there is nothing to show.

Figures are drawn with matplotlib's object API on an Agg canvas (never pyplot). Matplotlib reads
a few settings from its process-wide ``rcParams`` (the SVG id salt among them), so each figure is
built under a module lock inside ``matplotlib.rc_context``: concurrent calls are serialized and
the global settings are restored afterwards.
"""

from __future__ import annotations

import io
import itertools
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.typing import RcKeyType

from liaison.report.document import Figure

NO_RECORDS = "No records in this period"

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
        self._figure = canvas.figure
        self._renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        self._cache: dict[tuple[str, float, str], tuple[float, float]] = {}

    def block(
        self, lines: Sequence[str], points: float, weight: str = "normal", spacing: float = 1.1
    ) -> tuple[float, float]:
        """Width and height of ``lines`` drawn as one text (with line spacing ``spacing``)."""
        text = Text(0, 0, "\n".join(lines), fontsize=points, fontweight=weight, family=_FONT)
        text.set_linespacing(spacing)
        text.set_figure(self._figure)
        extent = text.get_window_extent(self._renderer)
        return extent.width / _PT_PER_CM, extent.height / _PT_PER_CM

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

    def wrap(self, text: str, points: float, lines: int, weight: str = "normal") -> list[str]:
        """``text`` broken at spaces into at most ``lines`` lines, the widest as narrow as can be.

        Line widths are reckoned as the sum of their words and spaces (close enough to choose
        where to break; the caller measures the lines it keeps).
        """
        words = text.split()
        if not words:
            return [""]
        sizes = [self.width(word, points, weight) for word in words]
        space = self.width("a a", points, weight) - 2 * self.width("a", points, weight)

        def span(i: int, j: int) -> float:  # words i..j-1 on one line
            return sum(sizes[i:j]) + space * (j - i - 1)

        count = max(1, min(lines, len(words)))
        # best[k][i]: (widest line, breaks) for the first i words in k lines
        best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
        for k in range(1, count + 1):
            row: dict[int, tuple[float, tuple[int, ...]]] = {}
            for i in range(k, len(words) + 1):
                row[i] = min(
                    (max(best[k - 1][j][0], span(j, i)), (*best[k - 1][j][1], j))
                    for j in range(k - 1, i)
                    if j in best[k - 1]
                )
            best.append(row)
        cuts = [*best[count][len(words)][1], len(words)]
        return [" ".join(words[a:b]) for a, b in itertools.pairwise(cuts)]

    def fit_lines(
        self, text: str, points: float, max_cm: float, lines: int, weight: str = "normal"
    ) -> list[str]:
        """The fewest lines (at most ``lines``) of ``text``, each at most ``max_cm`` wide.

        Only when ``lines`` lines cannot hold it is the text shortened: the lines are filled
        word by word and the last one ends with an ellipsis (a word wider than a line too).
        """
        for count in range(1, lines + 1):
            wrapped = self.wrap(text, points, count, weight)
            if max(self.width(line, points, weight) for line in wrapped) <= max_cm:
                return wrapped
        filled: list[str] = []
        words = text.split()
        while words and len(filled) < lines - 1:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}", points, weight) <= max_cm:
                line = f"{line} {words.pop(0)}"
            filled.append(self.fit(line, points, max_cm, weight))
        if words:  # the last line: as many whole words as fit before the ellipsis
            rest = " ".join(words)
            if self.width(rest, points, weight) > max_cm:
                for keep in range(len(words) - 1, 0, -1):
                    shorter = _ellipsize(" ".join(words[:keep]), len(rest))
                    if self.width(shorter, points, weight) <= max_cm:
                        rest = shorter
                        break
            filled.append(self.fit(rest, points, max_cm, weight))
        return filled


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
