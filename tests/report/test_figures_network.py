"""The partner network as a print reader sees it: no node, and no label, over another."""

from __future__ import annotations

import itertools
import random

import pytest

from liaison.report.figures import (
    NETWORK_LABEL_ALL_LIMIT,
    NETWORK_LABEL_LIMIT,
    ROLES,
    NetworkGeometry,
    network_geometry,
    partner_network,
)

Edge = tuple[str, str, str]

_U4SSC = ["CBD", "ECLAC", "FAO", "UNDP", "UNECA", "UNESCO", "UNEP", "UNEP FI", "UNFCCC",
          "UN-Habitat", "UNIDO", "UNU-EGOV", "UN Women", "WMO"]  # fmt: skip


def demo_edges() -> list[Edge]:
    """The initiatives of the demo report, as the report passes them."""
    edges = [("EQUALS", o, "partner") for o in
             ("ITU", "UN Women", "UNESCO", "UNCTAD", "ITC", "UNU-CS", "GSMA")]  # fmt: skip
    edges += [
        ("Decent Jobs for Youth", "ILO", "lead"),
        ("Decent Jobs for Youth", "ITU", "lead"),
        ("Be He@lthy Be Mobile", "WHO", "co-lead"),
        ("Be He@lthy Be Mobile", "ITU", "co-lead"),
        ("Broadband Commission", "ITU", "lead"),
        ("Broadband Commission", "UNESCO", "lead"),
        ("AI for Good", "ITU", "lead"),
    ]
    edges += [("Global E-waste Monitor 2017", o, "partner") for o in ("ITU", "UNU", "ISWA")]
    edges += [("ITU-UNIDO innovation for digital transformation", o, "co-lead")
              for o in ("ITU", "UNIDO")]  # fmt: skip
    edges += [("FIGI", "ITU", "co-lead"), ("FIGI", "WBG", "co-lead")]
    edges += [("FIGI", "CPMI", "supporter"), ("FIGI", "BMGF", "supporter")]
    edges += [("U4SSC", "ITU", "coordinator"), ("U4SSC", "UNECE", "coordinator")]
    edges += [("U4SSC", o, "supporter") for o in _U4SSC]
    edges += [("KPIs for Smart Sustainable Cities", "ITU", "lead")]
    edges += [("KPIs for Smart Sustainable Cities", o, "partner") for o in ["UNECE", *_U4SSC]]
    edges += [("Green Standards Week", "ITU", "lead")]
    edges += [("Green Standards Week", o, "partner")
              for o in ("UNEP", "BRS", "UNIDO", "UN-Habitat", "UNU")]  # fmt: skip
    edges += [("SMART Cable Systems", o, "co-lead") for o in ("ITU", "WMO", "IOC-UNESCO")]
    edges += [("Future Networked Car", o, "co-lead") for o in ("ITU", "UNECE")]
    edges += [
        ("Local 2030", "ITU", "member"),
        ("Partnership on Measuring ICT for Development", "ITU", "member"),
        ("IASMN smart-card access control", "ITU", "lead"),
        ("IASMN smart-card access control", "IASMN", "partner"),
        ("WSIS Forum", "ITU", "lead"),
        ("Connect 2020", "ITU", "lead"),
        ("ICT-Centric Innovation Ecosystem", "ITU", "partner"),
    ]
    edges += [("ITU-FAO agreement on agriculture and ICTs", o, "partner") for o in ("ITU", "FAO")]
    edges += [("ITU-WHO safe listening devices standard", o, "partner") for o in ("ITU", "WHO")]
    return edges


def the_20_with_most_partners(edges: list[Edge]) -> list[Edge]:
    """What the report draws: the 20 initiatives with most partners (ties by name)."""
    count: dict[str, int] = {}
    for initiative, _, _ in edges:
        count[initiative] = count.get(initiative, 0) + 1
    kept = set(sorted(count, key=lambda i: (-count[i], i))[:20])
    return [e for e in edges if e[0] in kept]


_TOPICS = ("Broadband Connectivity", "Digital Financial Inclusion", "Gender Equality in ICT",
           "Smart Sustainable Cities", "E-Waste Management", "Emergency Telecommunications",
           "Intelligent Transport Systems", "Ethics of the Information Society", "E-Health",
           "Disaster Risk Reduction", "Data and Statistics", "Youth Employment")  # fmt: skip
_REGIONS = ("Africa", "Latin America and the Caribbean", "Small Island Developing States",
            "the Commonwealth of Independent States", "Asia and the Pacific")  # fmt: skip
_NAMES = ("Global Partnership on {t}", "Programme on {t} for {r}", "Campaign for {t}",
          "{t} Outlook", "Cooperation agreement on {t}", "Joint Task Force on {t}",
          "{t} Week", "Project on {t} in {r}", "{t} Knowledge Platform")  # fmt: skip
_WORDS = ("Bolivia (Plurinational State of)", "Democratic Republic of the Congo", "Tuvalu",
          "Saint Vincent and the Grenadines", "Côte d'Ivoire", "Peru", "Kenya", "Fiji", "Lao "
          "People's Democratic Republic", "International Civil Aviation Organization")  # fmt: skip


def synthetic_edges(seed: int = 2018, organizations: int = 300) -> list[Edge]:
    """20 initiatives with 2-15 partners each among ``organizations``, drawn as the benchmark
    does (benchmarks/synthetic.py): ITU first in half of them, the first partner leads."""
    rnd = random.Random(seed)
    orgs = []
    for n in range(organizations - 1):
        kind = n % 3
        if kind == 0:  # an acronym
            orgs.append(
                "".join(rnd.choices("ABCDEFGHIJKLMNOPRSTUVW", k=rnd.randint(3, 7))) + str(n)
            )
        elif kind == 1:  # a member state or an organization with a long name
            orgs.append(f"{rnd.choice(_WORDS)} {n}")
        else:
            orgs.append(f"UN-{rnd.choice(_TOPICS).split()[0]} {n}")
    others = ("co-lead", "coordinator", "partner", "supporter", "member")
    edges: list[Edge] = []
    for n in range(20):
        name = rnd.choice(_NAMES).format(t=rnd.choice(_TOPICS), r=rnd.choice(_REGIONS))
        name = f"{name} {n}"
        first = ["ITU"] if rnd.random() < 0.5 else []
        chosen = list(dict.fromkeys(first + rnd.sample(orgs, 15)))[: rnd.randint(2, 15)]
        roles = ["lead", *rnd.choices(others, (6, 3, 60, 15, 16), k=14)]
        edges += [(name, o, r) for o, r in zip(chosen, roles, strict=False)]
    return edges


def _overlapping(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def overlaps(geometry: NetworkGeometry) -> list[str]:
    """Every overlap a reader would see: node-node, label-label, label over another node."""
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(geometry.nodes.items(), 2):
        if _overlapping(box_a, box_b):
            found.append(f"node {a} over node {b}")
    for (a, box_a), (b, box_b) in itertools.combinations(geometry.labels.items(), 2):
        if _overlapping(box_a, box_b):
            found.append(f"label {a} over label {b}")
    for (a, box_a), (b, box_b) in itertools.product(
        geometry.labels.items(), geometry.nodes.items()
    ):
        if a != b and _overlapping(box_a, box_b):
            found.append(f"label {a} over node {b}")
    return found


def _inside_the_figure(geometry: NetworkGeometry) -> None:
    for box in [*geometry.nodes.values(), *geometry.labels.values()]:
        assert box[0] >= 0.29 and box[2] <= geometry.width_cm - 0.29, box  # a margin kept
        assert box[1] >= 0 and box[3] <= geometry.height_cm, box


@pytest.mark.parametrize(
    "edges",
    [the_20_with_most_partners(demo_edges()), demo_edges()],
    ids=["the 20 the report draws", "all 21"],
)
def test_demo_network_has_no_overlaps_and_every_name_in_full(edges: list[Edge]) -> None:
    geometry = network_geometry(edges, highlight="ITU")
    assert overlaps(geometry) == []
    _inside_the_figure(geometry)
    nodes = {("initiative", i) for i, _, _ in edges} | {("organization", o) for _, o, _ in edges}
    assert set(geometry.nodes) == nodes
    assert set(geometry.labels) == nodes  # every node labelled (a small network)
    for (_, name), text in geometry.texts.items():
        assert "…" not in text
        assert text.split() == name.split()  # wrapped at most, never cut
        assert text.count("\n") <= 2


def test_demo_network_wraps_long_names() -> None:
    geometry = network_geometry(demo_edges(), highlight="ITU")
    long_name = ("initiative", "ITU-UNIDO innovation for digital transformation")
    assert "\n" in geometry.texts[long_name]
    assert "\n" not in geometry.texts[("organization", "UN Women")]


def test_large_network_has_no_overlaps_among_what_is_drawn() -> None:
    edges = synthetic_edges()
    geometry = network_geometry(edges, highlight="ITU")
    assert len(geometry.nodes) > NETWORK_LABEL_ALL_LIMIT  # only some nodes are labelled
    assert overlaps(geometry) == []
    _inside_the_figure(geometry)
    assert ("organization", "ITU") in geometry.labels
    assert NETWORK_LABEL_LIMIT // 2 < len(geometry.labels) <= NETWORK_LABEL_LIMIT + 1
    for text in geometry.texts.values():
        assert text.count("\n") <= 2


@pytest.mark.parametrize("seed", [1, 7])
def test_other_large_networks_have_no_overlaps(seed: int) -> None:
    assert overlaps(network_geometry(synthetic_edges(seed), highlight="ITU")) == []


def test_network_geometry_is_what_the_figure_draws() -> None:
    edges = demo_edges()
    first = network_geometry(edges, highlight="ITU")
    shuffled = list(reversed(edges))
    assert network_geometry(shuffled, highlight="ITU") == first  # deterministic, order-free
    figure = partner_network(edges, "Partners", highlight="ITU")
    assert figure.svg is not None
    for text in first.texts.values():  # every line of every label is drawn
        for line in text.split("\n"):
            assert f"<!-- {line} -->".encode() in figure.svg, line


def test_network_draws_three_classes_of_link_with_a_legend() -> None:
    figure = partner_network(demo_edges(), "Partners", highlight="ITU")
    assert figure.svg is not None
    for label in ("leads or coordinates", "partner or member", "supports"):
        assert f"<!-- {label} -->".encode() in figure.svg, label
    for role in ROLES:  # the roles themselves are not listed one by one
        assert f"<!-- {role} -->".encode() not in figure.svg, role


def test_a_pair_given_twice_keeps_its_strongest_role() -> None:
    # A supporter link is dotted, a lead link heavy: the pair is drawn as a lead.
    twice = partner_network([("FIGI", "WBG", "supporter"), ("FIGI", "WBG", "lead")], "P")
    assert twice.png == partner_network([("FIGI", "WBG", "lead")], "P").png
    assert twice.png != partner_network([("FIGI", "WBG", "supporter")], "P").png


def test_a_very_long_name_is_shortened_only_beyond_three_lines() -> None:
    name = "Joint programme " + " ".join(f"on topic number {n}" for n in range(12))
    geometry = network_geometry([(name, "ITU", "lead"), ("Short", "ITU", "lead")], "ITU")
    text = geometry.texts[("initiative", name)]
    assert text.count("\n") == 2 and text.endswith("…")
    assert len(text) > 60  # still enough of it to identify
    assert overlaps(geometry) == []


def test_a_very_large_network_labels_what_fits_and_overlaps_nothing() -> None:
    edges = [(f"Initiative {i}", f"Organization {i}-{n}", "member")
             for i in range(25) for n in range(20)]  # fmt: skip
    geometry = network_geometry(edges)
    assert overlaps(geometry) == []
    assert all(("initiative", f"Initiative {i}") in geometry.labels for i in range(25))


def test_link_classes_and_node_kinds_read_apart_in_greyscale() -> None:
    from liaison.report.figures import network

    classes = network._LINK_CLASSES
    assert len(classes) == 3
    assert sorted(r for c in classes for r in c.roles) == sorted(ROLES)
    looks = {(c.width, c.dashes) for c in classes}  # width and dash pattern, not colour alone
    assert len(looks) == 3
    grey = [_grey(c.colour) for c in classes]
    assert max(grey) - min(grey) > 0.3  # and a clear difference in tone


def _grey(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b
