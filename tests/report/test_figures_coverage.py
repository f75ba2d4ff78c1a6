"""The coverage figure's C7: the count given for it, or the sum of its lines, said so."""

from __future__ import annotations

from matplotlib.figure import Figure as MplFigure
from matplotlib.text import Text

from liaison.report import figures
from liaison.report.figures import coverage
from tests.report.test_figures import _in_svg, _text_sizes


def _drawn_texts(fig: MplFigure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _wsis_value(wsis: dict[str, int], code: str) -> tuple[int, bool]:
    rows, summed = figures._wsis_rows(wsis)
    return next(v for c, _, v in rows if c == code), summed


def test_coverage_draws_c7_with_the_count_given_for_it() -> None:
    # The caller's C7 already counts each record tagged C7 or any of its lines once.
    wsis = {"C7": 20, "C7.e-health": 6, "C7.e-environment": 8, "C7.e-learning": 10}
    assert _wsis_value(wsis, "C7") == (20, False)  # never 20 + 24
    figure = coverage({}, wsis, "Coverage")
    assert _in_svg(figure, "20") and not _in_svg(figure, "44") and not _in_svg(figure, "20*")
    assert not _in_svg(figure, "* C7: no count of its own was given; shown is the sum of its")


def test_coverage_falls_back_to_the_sum_of_c7_lines_and_says_so() -> None:
    wsis = {"C7.e-health": 6, "C7.e-environment": 8, "C7.e-learning": 10}
    assert _wsis_value(wsis, "C7") == (24, True)
    figure = coverage({}, wsis, "Coverage")
    assert _in_svg(figure, "24*")
    assert figure.svg is not None and b"counted in each" in figure.svg
    with figures._styled():
        rows, summed = figures._wsis_rows(wsis)
        fig = figures._coverage([(g, 0) for g in range(1, 18)], rows, c7_summed=summed)
    assert not any("…" in t for t in _drawn_texts(fig))
    assert min(_text_sizes(fig)) >= 7.0


def test_coverage_without_c7_or_its_lines_shows_zero_without_a_note() -> None:
    assert _wsis_value({"C2": 3}, "C7") == (0, False)
    assert _wsis_value({"C2": 3, "C7.e-health": 0}, "C7") == (0, False)


def test_coverage_keeps_c7_lines_indented_under_c7() -> None:
    rows, _ = figures._wsis_rows({"C7": 5, "C7.e-health": 2, "C7.e-other": 1, "C12": 1})
    codes = [code for code, _, _ in rows]
    c7, c8 = codes.index("C7"), codes.index("C8")
    assert all(code.startswith("C7.") for code in codes[c7 + 1 : c8])
    assert "C7.e-other" in codes[c7 + 1 : c8]  # an unknown line of C7 stays with C7
    assert codes[-1] == "C12"
    with figures._styled():
        fig = figures._coverage([(g, 1) for g in range(1, 18)], rows)
    x = {t.get_text(): t.get_position()[0] for t in fig.findobj(Text)}
    assert x["E-health"] > x["ICT applications"]  # indented
