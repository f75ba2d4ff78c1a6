"""The report's figures: valid, legible, deterministic pictures from plain data."""

from __future__ import annotations

import datetime
import io
import random
from concurrent.futures import ThreadPoolExecutor
from xml.sax.saxutils import escape

import pytest
from matplotlib.figure import Figure as MplFigure
from matplotlib.text import Text
from PIL import Image

from liaison.report import figures
from liaison.report.document import Figure
from liaison.report.figures import (
    NO_RECORDS,
    SDG_COLOURS,
    TIMELINE_DETAIL_LIMIT,
    TimelineItem,
    coverage,
    events_timeline,
    partner_network,
)

D = datetime.date
PERIOD = (D(2017, 1, 1), D(2018, 3, 31))
SUMMITS, BODIES, INITIATIVES = (
    "Summits and conferences",
    "Governing bodies",
    "Events of initiatives",
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _events() -> list[TimelineItem]:
    return [
        TimelineItem("First UN World Data Forum", D(2017, 1, 15), D(2017, 1, 18), SUMMITS),
        TimelineItem("World Health Assembly", D(2017, 5, 1), D(2017, 5, 31), BODIES),
        TimelineItem("International Labour Conference", D(2017, 6, 5), D(2017, 6, 16), BODIES),
        TimelineItem("AI for Good Global Summit", D(2017, 6, 7), D(2017, 6, 9), INITIATIVES),
        TimelineItem("High-Level Political Forum", D(2017, 7, 10), D(2017, 7, 19), SUMMITS),
        TimelineItem("EQUALS in Tech Awards", D(2017, 9, 21), D(2017, 9, 21), INITIATIVES),
        TimelineItem(
            "Climate Change Conference - COP 23", D(2017, 11, 6), D(2017, 11, 17), SUMMITS
        ),
        TimelineItem("Internet Governance Forum", D(2017, 12, 18), D(2017, 12, 21), SUMMITS),
        TimelineItem("Green Standards Week 2018", D(2018, 3, 5), D(2018, 3, 8), INITIATIVES),
    ]


def _many_events(count: int, seed: int = 1) -> list[TimelineItem]:
    rnd = random.Random(seed)
    lanes = [SUMMITS, BODIES, INITIATIVES, "Inter-agency mechanisms"]
    items = []
    for n in range(count):
        start = PERIOD[0] + datetime.timedelta(days=rnd.randrange(450))
        kind = rnd.random()
        if kind < 0.1:  # dated only to the year
            start, end = D(start.year, 1, 1), D(start.year, 12, 31)
        else:
            end = start + datetime.timedelta(days=rnd.randrange(6))
        items.append(TimelineItem(f"Event {n}", start, end, rnd.choice(lanes)))
    return items


EQUALS_PARTNERS = ["UN-Women", "UNESCO", "UNCTAD", "ITC", "UNU-CS", "GSMA"]


def _edges() -> list[tuple[str, str, str]]:
    edges = [("EQUALS", "ITU", "co-lead")] + [("EQUALS", o, "member") for o in EQUALS_PARTNERS]
    edges += [
        ("Decent Jobs for Youth", "ILO", "lead"),
        ("Decent Jobs for Youth", "ITU", "co-lead"),
        ("Be He@lthy Be Mobile", "WHO", "co-lead"),
        ("Be He@lthy Be Mobile", "ITU", "co-lead"),
        ("Broadband Commission for Sustainable Development", "ITU", "lead"),
        ("Broadband Commission for Sustainable Development", "UNESCO", "co-lead"),
        ("AI for Good Global Summit", "ITU", "lead"),
        ("Financial Inclusion Global Initiative", "World Bank", "co-lead"),
        ("Financial Inclusion Global Initiative", "ITU", "co-lead"),
        ("Financial Inclusion Global Initiative", "Gates Foundation", "supporter"),
        ("United for Smart Sustainable Cities", "ITU", "coordinator"),
        ("United for Smart Sustainable Cities", "UNECE", "coordinator"),
    ]
    edges += [("United for Smart Sustainable Cities", o, "supporter") for o in ("CBD", "FAO")]
    edges += [("Green Standards Week", o, "partner") for o in ("UNEP", "UNIDO", "UN-Habitat")]
    return edges


def _large_edges(organizations: int = 200, initiatives: int = 40) -> list[tuple[str, str, str]]:
    rnd = random.Random(7)
    orgs = [f"Organization {n:03d}" for n in range(organizations - 1)]
    roles = ["co-lead", "coordinator", "partner", "supporter", "member"]
    edges = []
    for i in range(initiatives):
        edges.append((f"Initiative {i}", "ITU", "lead"))
        edges += [(f"Initiative {i}", o, rnd.choice(roles)) for o in rnd.sample(orgs, 12)]
    return edges


def _long_labels() -> list[TimelineItem]:
    """Events whose labels need two lines."""
    name = "Broadband Commission for Sustainable Development annual meeting of the year"
    return [TimelineItem(f"{name} {n}", D(2017, 9, 1), D(2017, 9, 30), INITIATIVES)
            for n in range(3)]  # fmt: skip


def _in_svg(figure: Figure, label: str) -> bool:
    """SVG text is drawn as glyphs; matplotlib keeps each string as an escaped comment."""
    assert figure.svg is not None
    return f"<!-- {escape(label).replace('--', '- -')} -->".encode() in figure.svg


def _check_picture(figure: Figure, caption: str, name: str) -> Image.Image:
    assert isinstance(figure, Figure)
    assert figure.caption == caption
    assert figure.name == name
    assert figure.width_cm == 16.0
    assert figure.png.startswith(PNG_SIGNATURE)
    assert figure.svg is not None and figure.svg.lstrip().startswith(b"<?xml")
    assert b"<svg" in figure.svg
    image = Image.open(io.BytesIO(figure.png))
    image.load()
    assert abs(image.width - 16.0 / 2.54 * 200) <= 1  # 16 cm at 200 dpi
    dpi = image.info.get("dpi")
    assert dpi is not None and round(dpi[0]) == 200
    rgb = image.convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 8, "the picture looks blank"
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    assert white < 0.99 * rgb.width * rgb.height, "the picture looks blank"
    return rgb


def _has_colour(image: Image.Image, hex_colour: str) -> bool:
    wanted = tuple(int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None
    return any(colour == wanted for _, colour in colours)


def _text_sizes(fig: MplFigure) -> list[float]:
    return [float(t.get_fontsize()) for t in fig.findobj(Text) if t.get_text()]


# -- events timeline ---------------------------------------------------------------------------


def test_timeline_draws_each_event_in_its_lane() -> None:
    figure = events_timeline(_events(), PERIOD, "Figure 1 - Events")
    _check_picture(figure, "Figure 1 - Events", "events-timeline")
    for label in ("World Health Assembly", "Climate Change Conference - COP 23", BODIES, SUMMITS):
        assert _in_svg(figure, label), label
    assert _in_svg(figure, "Jan") and _in_svg(figure, "2018")


def test_timeline_is_deterministic() -> None:
    first = events_timeline(_events(), PERIOD, "Events")
    second = events_timeline(_events(), PERIOD, "Events")
    assert first.png == second.png
    assert first.svg == second.svg
    assert first.svg is not None and b"<dc:date>" not in first.svg


def test_timeline_leaves_out_events_outside_the_period() -> None:
    items = [*_events(), TimelineItem("Council 2016", D(2016, 5, 1), D(2016, 5, 31), BODIES)]
    figure = events_timeline(items, PERIOD, "Events")
    assert _in_svg(figure, "World Health Assembly")
    assert not _in_svg(figure, "Council 2016")


@pytest.mark.parametrize(
    "items",
    [[], [TimelineItem("Council 2016", D(2016, 5, 1), D(2016, 5, 31), BODIES)]],
    ids=["no events", "none in the period"],
)
def test_timeline_without_events_says_so(items: list[TimelineItem]) -> None:
    figure = events_timeline(items, PERIOD, "Events")
    _check_picture(figure, "Events", "events-timeline")
    assert _in_svg(figure, NO_RECORDS)


def test_timeline_labels_a_bar_that_fills_the_period() -> None:
    items = [TimelineItem("International Year of Light", D(2017, 1, 1), D(2018, 3, 31), SUMMITS)]
    assert _in_svg(events_timeline(items, PERIOD, "Events"), "International Year of Light")


def test_timeline_of_a_single_day() -> None:
    day = D(2017, 5, 17)
    figure = events_timeline([TimelineItem("WTISD", day, day, BODIES)], (day, day), "Events")
    assert _in_svg(figure, "WTISD")


def test_timeline_beyond_the_limit_counts_events_by_lane_and_month() -> None:
    items = _many_events(300)
    figure = events_timeline(items, PERIOD, "Events")
    _check_picture(figure, "Events", "events-timeline")
    assert _in_svg(figure, "All lanes") and _in_svg(figure, "Total")
    assert _in_svg(figure, "300")  # the grand total
    assert _in_svg(figure, "> 1 month")
    assert not _in_svg(figure, "Event 17")
    assert events_timeline(items, PERIOD, "Events").png == figure.png


def test_timeline_with_too_many_lanes_for_the_page_counts_events() -> None:
    items = [
        TimelineItem(f"Session {n}", D(2017, 3, 1), D(2017, 3, 3), f"Body {n}") for n in range(30)
    ]
    figure = events_timeline(items, PERIOD, "Events")
    assert _in_svg(figure, "All lanes") and _in_svg(figure, "Body 29")
    assert not _in_svg(figure, "Session 29")


def test_timeline_counts_over_many_years() -> None:
    items = _many_events(TIMELINE_DETAIL_LIMIT + 1)
    figure = events_timeline(items, (D(2010, 1, 1), D(2018, 12, 31)), "Events")
    assert _in_svg(figure, "2017")


def test_timeline_rejects_backwards_dates() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        events_timeline([], (D(2018, 1, 1), D(2017, 1, 1)), "Events")
    with pytest.raises(ValueError, match="before it starts"):
        events_timeline([TimelineItem("X", D(2017, 2, 1), D(2017, 1, 1), BODIES)], PERIOD, "E")


# -- SDG and WSIS coverage ---------------------------------------------------------------------

SDG_COUNTS = {1: 3, 3: 12, 4: 9, 5: 14, 8: 6, 9: 22, 11: 10, 13: 8, 16: 2, 17: 18}
WSIS_COUNTS = {"C2": 15, "C4": 11, "C5": 7, "C7": 9, "C7.e-health": 6, "C11": 12}


def test_coverage_shows_every_goal_and_action_line() -> None:
    figure = coverage(SDG_COUNTS, WSIS_COUNTS, "Figure 2 - Coverage")
    image = _check_picture(figure, "Figure 2 - Coverage", "coverage")
    for goal in range(1, 18):  # all 17, numbered, zero bars included
        assert _in_svg(figure, str(goal)), goal
    for label in ("Sustainable Development Goals", "WSIS Action Lines", "C1", "C11", "E-health"):
        assert _in_svg(figure, label), label
    assert _has_colour(image, SDG_COLOURS[9])
    assert not _has_colour(image, SDG_COLOURS[2])  # a zero bar has no area


def test_coverage_uses_the_official_sdg_colours() -> None:
    image = _check_picture(coverage(dict.fromkeys(range(1, 18), 5), {}, "C"), "C", "coverage")
    for goal, colour in SDG_COLOURS.items():
        assert _has_colour(image, colour), goal


def test_coverage_is_deterministic() -> None:
    first = coverage(SDG_COUNTS, WSIS_COUNTS, "Coverage")
    second = coverage(dict(reversed(SDG_COUNTS.items())), WSIS_COUNTS, "Coverage")
    assert first.png == second.png and first.svg == second.svg


@pytest.mark.parametrize("sdg, wsis", [({}, {}), ({1: 0, 17: 0}, {"C1": 0})])
def test_coverage_without_records_says_so(sdg: dict[int, int], wsis: dict[str, int]) -> None:
    figure = coverage(sdg, wsis, "Coverage")
    _check_picture(figure, "Coverage", "coverage")
    assert _in_svg(figure, NO_RECORDS)


def test_coverage_keeps_unknown_codes_and_ignores_unknown_goals() -> None:
    figure = coverage({18: 4}, {"C12": 2}, "Coverage")
    assert _in_svg(figure, "C12")
    assert not _in_svg(figure, "18")


def test_coverage_rejects_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        coverage({1: -1}, {}, "Coverage")


# -- partner network ---------------------------------------------------------------------------


def test_network_labels_initiatives_and_organizations() -> None:
    figure = partner_network(_edges(), "Figure 3 - Partners", highlight="ITU")
    image = _check_picture(figure, "Figure 3 - Partners", "partner-network")
    texts = figures.network_geometry(_edges(), highlight="ITU").texts
    for label in ("ITU", "EQUALS", "UN-Women", "World Bank"):
        assert _in_svg(figure, label), label
    drawn = {text.replace("\n", " ") for text in texts.values()}
    assert "Decent Jobs for Youth" in drawn  # maybe on two lines, never cut
    for line in texts[("initiative", "Decent Jobs for Youth")].split("\n"):
        assert _in_svg(figure, line), line
    for label in ("leads or coordinates", "partner or member", "supports"):
        assert _in_svg(figure, label), label  # the legend: three classes of link
    assert _has_colour(image, "#E69F00")  # the highlighted organization


def test_network_is_deterministic_and_independent_of_edge_order() -> None:
    first = partner_network(_edges(), "Partners", highlight="ITU")
    shuffled = _edges()
    random.Random(3).shuffle(shuffled)
    second = partner_network(shuffled, "Partners", highlight="ITU")
    assert first.png == second.png and first.svg == second.svg


def test_network_draws_a_pair_once_with_its_strongest_role() -> None:
    doubled = partner_network([("EQUALS", "ITU", "member"), ("EQUALS", "ITU", "lead")], "P")
    single = partner_network([("EQUALS", "ITU", "lead")], "P")
    assert doubled.png == single.png


def test_network_without_edges_says_so() -> None:
    figure = partner_network([], "Partners", highlight="ITU")
    _check_picture(figure, "Partners", "partner-network")
    assert _in_svg(figure, NO_RECORDS)


def test_network_without_the_highlighted_organization() -> None:
    figure = partner_network(_edges(), "Partners", highlight="UPU")
    assert _in_svg(figure, "ITU") and not _in_svg(figure, "UPU")
    assert partner_network(_edges(), "Partners").png == figure.png  # nothing to highlight


def test_network_rejects_unknown_roles() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        partner_network([("EQUALS", "ITU", "chair")], "Partners")


def test_large_network_labels_only_the_most_linked() -> None:
    figure = partner_network(_large_edges(), "Partners", highlight="ITU")
    _check_picture(figure, "Partners", "partner-network")
    assert _in_svg(figure, "ITU")
    assert figure.svg is not None
    labelled = sum(_in_svg(figure, f"Organization {n:03d}") for n in range(199))
    labelled += sum(_in_svg(figure, f"Initiative {n}") for n in range(40))
    assert 0 < labelled <= figures.NETWORK_LABEL_LIMIT
    assert b"the highlighted organization and the" in figure.svg or _in_svg(
        figure,
        f"40 initiatives, 199 organizations; labelled: the highlighted organization and "
        f"the {labelled} with the most links.",
    )


def test_very_large_network_is_drawn() -> None:
    edges = [(f"Initiative {i}", f"Organization {i}-{n}", "member") for i in range(25)
             for n in range(20)]  # fmt: skip
    figure = partner_network(edges, "Partners")
    _check_picture(figure, "Partners", "partner-network")


# -- all figures -------------------------------------------------------------------------------


def test_no_text_is_smaller_than_7_points() -> None:
    with figures._styled():
        detail = figures._timeline_detail(_events(), [SUMMITS, BODIES, INITIATIVES], *PERIOD)
        assert detail is not None
        built = [
            detail,
            figures._timeline_counts(
                _many_events(300),
                [SUMMITS, BODIES, INITIATIVES, "Inter-agency mechanisms"],
                *PERIOD,
            ),
            figures._coverage(
                [(g, SDG_COUNTS.get(g, 0)) for g in range(1, 18)],
                [(code, label, 1) for code, label in figures._WSIS_SHORT],
            ),
            figures._coverage(
                [(g, SDG_COUNTS.get(g, 0)) for g in range(1, 18)],
                figures._wsis_rows({"C7.e-health": 3})[0],
                c7_summed=True,
            ),
            figures._timeline_detail(_long_labels(), [INITIATIVES], *PERIOD),
            figures._network({(i, o): r for i, o, r in _large_edges()}, "ITU"),
            figures._network({(i, o): r for i, o, r in _edges()}, "ITU"),
        ]
    for fig in built:
        sizes = _text_sizes(fig)
        assert sizes and min(sizes) >= 7.0
        assert fig.get_figwidth() == pytest.approx(16.0 / 2.54)


def test_figures_can_be_drawn_from_several_threads() -> None:
    def draw(n: int) -> bytes:
        if n % 3 == 0:
            return partner_network(_edges(), "P", highlight="ITU").png
        if n % 3 == 1:
            return coverage(SDG_COUNTS, WSIS_COUNTS, "C").png
        return events_timeline(_events(), PERIOD, "E").png

    expected = [draw(n) for n in range(3)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(draw, range(9)))
    assert results == [expected[n % 3] for n in range(9)]


def test_figure_names_can_be_chosen() -> None:
    assert coverage(SDG_COUNTS, {}, "C", name="coverage-2018").name == "coverage-2018"
