"""The events timeline as a print reader sees it: labels wrapped, not cut; fixed lane styles."""

from __future__ import annotations

import datetime

from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from liaison.report import figures
from liaison.report.figures import TimelineItem, events_timeline
from tests.report.test_figures import INITIATIVES, PERIOD, _in_svg

D = datetime.date
# The lanes the report draws.
BODIES_LANE, SUMMITS_LANE, INITIATIVES_LANE, MEETINGS = (
    "Sessions of governing bodies",
    "Summits, conferences and forums",
    "Events of joint initiatives",
    "Meetings and missions",
)


def _drawn_texts(fig: MplFigure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_timeline_wraps_a_long_label_onto_two_lines_instead_of_cutting_it() -> None:
    label = "Broadband Commission for Sustainable Development annual meeting"
    items = [
        TimelineItem("Annual mission to New York for the UNGA General Debate",
                     D(2017, 9, 1), D(2017, 9, 30), MEETINGS),
        TimelineItem(label, D(2017, 9, 1), D(2017, 9, 30), MEETINGS),
        TimelineItem("High-Level panels", D(2017, 9, 1), D(2017, 9, 30), MEETINGS),
    ]  # fmt: skip
    with figures._styled():
        fig = figures._timeline_detail(items, [MEETINGS], D(2017, 1, 1), D(2018, 4, 30))
    assert fig is not None
    texts = _drawn_texts(fig)
    assert not any("…" in t for t in texts)
    wrapped = [t for t in texts if t.replace("\n", " ") == label]
    assert len(wrapped) == 1 and wrapped[0].count("\n") == 1
    figure = events_timeline(items, (D(2017, 1, 1), D(2018, 4, 30)), "Events")
    for line in wrapped[0].split("\n"):
        assert _in_svg(figure, line), line


def test_timeline_rows_grow_for_two_line_labels() -> None:
    short = [TimelineItem("Short", D(2017, 9, 1), D(2017, 9, 30), MEETINGS)]
    long = [TimelineItem("Annual mission to New York for the UNGA General Debate and more",
                         D(2017, 9, 1), D(2017, 9, 30), MEETINGS)]  # fmt: skip
    period = (D(2017, 1, 1), D(2018, 4, 30))
    with figures._styled():
        one = figures._timeline_detail(short, [MEETINGS], *period)
        two = figures._timeline_detail(long, [MEETINGS], *period)
    assert one is not None and two is not None
    assert "\n" in "".join(_drawn_texts(two))
    assert two.get_figheight() > one.get_figheight()


def test_timeline_shortens_only_labels_too_long_for_two_lines() -> None:
    label = "A symposium of the Financial Inclusion Global Initiative " * 4
    figure = events_timeline(
        [TimelineItem(label, D(2017, 12, 12), D(2017, 12, 14), INITIATIVES)], PERIOD, "Events"
    )
    assert figure.svg is not None
    assert "…".encode() in figure.svg
    assert not _in_svg(figure, " ".join(label.split()))
    with figures._styled():
        fig = figures._timeline_detail(
            [TimelineItem(label, D(2017, 12, 12), D(2017, 12, 14), INITIATIVES)],
            [INITIATIVES],
            *PERIOD,
        )
    assert fig is not None
    (text,) = [t for t in _drawn_texts(fig) if t.startswith("A symposium")]
    first, second = text.split("\n")  # two lines, shortened only at the end of the second
    assert "…" not in first and second.endswith("…")
    assert " ".join(label.split()).startswith(f"{first} {second[:-1]}")


LANES = (BODIES_LANE, SUMMITS_LANE, INITIATIVES_LANE, MEETINGS)


def _lane_swatches(fig: MplFigure) -> dict[str, tuple[object, ...]]:
    """Each lane heading's swatch (the patch just left of it): face colour and hatch."""
    texts = [t for t in fig.findobj(Text) if t.get_text() in LANES or t.get_text() == "Other"]
    swatches: dict[str, tuple[object, ...]] = {}
    for text in texts:
        _, y = text.get_position()
        for patch in fig.axes[0].patches:
            if (
                isinstance(patch, Rectangle)
                and abs(patch.get_y() + patch.get_height() / 2 - y) < 1e-6
            ):
                swatches[text.get_text()] = (patch.get_facecolor(), patch.get_hatch())
    return swatches


def test_a_lane_keeps_its_colour_whatever_other_lanes_are_shown() -> None:
    period = (D(2017, 1, 1), D(2017, 12, 31))

    def event(lane: str) -> TimelineItem:
        return TimelineItem(f"Event of {lane}", D(2017, 3, 1), D(2017, 3, 3), lane)

    with figures._styled():
        alone = {
            lane: _lane_swatches(figures._timeline_detail([event(lane)], [lane], *period))[lane]
            for lane in LANES
        }
        for lanes in (list(LANES), list(reversed(LANES)), [MEETINGS, "Other", BODIES_LANE]):
            fig = figures._timeline_detail([event(lane) for lane in lanes], lanes, *period)
            swatches = _lane_swatches(fig)
            for lane in lanes:
                if lane in alone:
                    assert swatches[lane] == alone[lane], (lane, lanes)
    assert len(set(alone.values())) == len(LANES)  # four lanes, four styles


def test_lane_styles_are_fixed_and_tell_lanes_apart_in_greyscale() -> None:
    known = [figures._lane_style(lane) for lane in LANES]
    assert len({(s.hatch, s.marker) for s in known}) == len(known)  # not by colour alone
    other = figures._lane_style("Inter-agency mechanisms")
    assert other == figures._lane_style("Inter-agency mechanisms")  # by name, not by order
    assert other not in known
