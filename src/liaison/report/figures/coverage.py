"""The coverage figure: how many records of the period are tagged with each SDG and WSIS line.

All 17 Sustainable Development Goals (left) and the WSIS Action Lines (right), on one scale. C7
(ICT applications) is drawn with the count the caller gives for it, which counts once every
record tagged with C7 or any of its applications; only when none is given does it show the sum
of its applications, marked and explained as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

from liaison.report.document import Figure
from liaison.report.figures.style import (
    _BLUE,
    _HEAD,
    _MUTED,
    _SKY,
    _SMALL,
    _TEXT,
    WIDTH_CM,
    _canvas,
    _clean,
    _empty,
    _export,
    _Measure,
    _styled,
)

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


_C7 = "C7"
_LAST_C7 = max(n for n, (code, _) in enumerate(_WSIS_SHORT) if code.startswith("C7."))
_SUMMED_NOTE = (
    "* C7: no count of its own was given; shown is the sum of its applications (a record "
    "tagged with several of them is counted in each)."
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
    action lines C1-C11 are shown with C7's applications (codes such as ``C7.e-health``)
    indented under C7. The count for ``"C7"`` is expected to count once every record tagged with
    C7 or with any of its applications, and is drawn as given (the applications are never added
    to it); when ``wsis_counts`` has no ``"C7"`` but has applications, C7 shows the sum of its
    applications, marked with an asterisk and explained under the figure (a record tagged with
    several applications is counted in each). Codes outside the scheme are added under their
    code: ``C7.…`` ones after C7's applications, the others at the end. Goal numbers outside
    1-17 are ignored. Both panels share one scale. Raises ValueError on a negative count.
    """
    for key, value in [*sdg_counts.items(), *wsis_counts.items()]:
        if value < 0:
            raise ValueError(f"negative count {value} for {key}")
    sdg = [(goal, sdg_counts.get(goal, 0)) for goal in range(1, 18)]
    wsis, summed = _wsis_rows(wsis_counts)
    with _styled():
        if not any(v for _, v in sdg) and not any(v for _, _, v in wsis):
            return _empty(name, caption)
        return _export(_coverage(sdg, wsis, c7_summed=summed), name, caption)


def _wsis_rows(counts: Mapping[str, int]) -> tuple[list[tuple[str, str, int]], bool]:
    """The action lines in order, with their counts, and whether C7's is the sum of its lines."""
    known = {code for code, _ in _WSIS_SHORT}
    extra_c7 = sorted(c for c in counts if c not in known and c.startswith(_C7 + "."))
    extra = sorted(c for c in counts if c not in known and not c.startswith(_C7 + "."))
    rows: list[tuple[str, str, int]] = []
    for code, label in _WSIS_SHORT:
        rows.append((code, label, counts.get(code, 0)))
        if code == _WSIS_SHORT[_LAST_C7][0]:
            rows += [(c, c, counts[c]) for c in extra_c7]
    rows += [(c, c, counts[c]) for c in extra]
    lines = [value for code, _, value in rows if code.startswith(_C7 + ".")]
    summed = _C7 not in counts and any(lines)
    if summed:
        rows = [(c, label, sum(lines) if c == _C7 else v) for c, label, v in rows]
    return rows, summed


def _coverage(
    sdg: list[tuple[int, int]], wsis: list[tuple[str, str, int]], *, c7_summed: bool = False
) -> MplFigure:
    """The two panels; with ``c7_summed``, C7's count is marked and explained as a sum."""
    row, top = 0.4, 0.85
    body = top + max(len(sdg), len(wsis)) * row
    note: list[str] = []
    if c7_summed:
        probe = _Measure(FigureCanvasAgg(MplFigure(dpi=72)))
        note = probe.fit_lines(_SUMMED_NOTE, _SMALL, WIDTH_CM - 0.6, 2)
    height = body + 0.3 + (0.15 + 0.3 * len(note) if note else 0.0)
    fig, ax, measure = _canvas(height)
    peak = max([v for _, v in sdg] + [v for _, _, v in wsis]) or 1
    panels = ((0.3, 7.8), (8.3, WIDTH_CM - 0.3))
    count_w = max(measure.width(f"{peak}*", _SMALL), 0.3) + 0.12

    def bars(
        x_bar: float, x_end: float, y: float, value: int, mark: str = "", **style: Any
    ) -> None:
        length = (x_end - count_w - x_bar) * value / peak
        if value:
            ax.add_patch(Rectangle((x_bar, y + 0.07), length, row - 0.14, **style))
        ax.text(
            x_bar + length + 0.08,
            y + row / 2,
            f"{value}{mark}",
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
            mark = "*" if c7_summed and code == _C7 else ""
            bars(x_bar, x1, y, value, mark, facecolor=_BLUE, edgecolor="none")
    if note:
        ax.text(
            0.3,
            body + 0.3,
            "\n".join(note),
            ha="left",
            va="top",
            fontsize=_SMALL,
            color=_MUTED,
            linespacing=1.3,
        )
    return fig
