"""The report drafted from the demo data states every fact of the seed, in the seed's order."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from liaison.dates import DateRange
from liaison.errors import LiaisonError
from liaison.report.compose import ReportOptions, build_report
from liaison.report.document import Paragraph, Report, Table
from liaison.report.render_html import render_html
from liaison.report.render_markdown import render_markdown
from liaison.storage.database import Database

FACTS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "demo" / "seed_facts.yaml").read_text("utf-8")
)
SEED_PERIOD = DateRange.parse("2017-01/2018-04")


def draft(database: Database, period: DateRange = SEED_PERIOD, **options: Any) -> Report:
    with database.session() as session:
        return build_report(
            session,
            ReportOptions("itu", period, figures=False, date=date(2018, 5, 1), **options),
        )


def plain_text(report: Report) -> str:
    return re.sub(r"\\(.)", r"\1", render_markdown(report))


@pytest.fixture
def seed_report(demo_database: Database) -> Report:
    return draft(demo_database)


def test_sections_follow_the_seed(seed_report: Report) -> None:
    assert [s.title for s in seed_report.sections] == [
        "Introduction",
        "The 2030 Agenda and the Sustainable Development Goals",
        "UN governance and subsidiary mechanisms",
        "UN summits and conferences",
        "Inter-agency coordination",
        "Key initiatives with other UN funds, programmes and specialized agencies",
        "Collaboration with the Joint Inspection Unit of the United Nations system (JIU)",
    ]
    numbers = [b.number for s in seed_report.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert numbers[:2] == ["1.1", "1.2"] and all(re.fullmatch(r"\d\.\d+", n or "") for n in numbers)


def test_every_event_with_its_months(seed_report: Report) -> None:
    text = plain_text(seed_report)
    section = text[text.index("## 4.") : text.index("## 5.")]
    for fact in FACTS["events"]:
        assert fact["name"] in section, fact["name"]
    copuos = "UN Committee on the Peaceful Uses of Outer Space and its Sub-Committee"
    assert f"{copuos} (January, March and June 2017)" in section
    assert "International IoT Week (June 2017, held with the Global IoT Summit)" in section
    assert "World Health Assembly (May 2017)" in section
    assert section.index("First UN World Data Forum") < section.index("Internet Governance Forum")


def test_bodies_mechanisms_and_the_earlier_reports(seed_report: Report) -> None:
    text = plain_text(seed_report)
    for fact in FACTS["bodies_followed"] + FACTS["mechanisms"]:
        assert fact["name"] in text, fact
    for symbol in ("C11/INF/6", "C12/INF/1(Rev.1)", "C16/57", "C17/INF/10"):
        assert symbol in text
    assert "A/RES/72/200" in text


def test_networks_in_their_columns_with_chair_periods(seed_report: Report) -> None:
    table = next(b for s in seed_report.sections for b in s.blocks if isinstance(b, Table))
    assert table.header == ("Management / Administrative", "Thematic")
    columns: dict[int, list[str]] = {0: [], 1: []}
    for row in table.rows:
        for index, cell in enumerate(row):
            columns[index] += ["".join(s.text for line in cell for s in line)]
    for fact in FACTS["networks"]:
        column = columns[0 if fact["category"] == "management" else 1]
        assert any(fact["name"] in cell for cell in column), fact["name"]
    assert any("chaired by ITU 2015–2017" in c for c in columns[0])
    assert any("chaired by ITU 2011–2017" in c for c in columns[0])
    assert len([c for c in columns[0] if c]) == 14 and len([c for c in columns[1] if c]) == 16


def test_every_initiative_with_its_partners(seed_report: Report, demo_database: Database) -> None:
    text = plain_text(seed_report)
    section = text[text.index("## 6.") : text.index("## 7.")]
    with demo_database.session() as session:
        from liaison.model import Organization

        names = {o.id: (o.name, o.acronym) for o in session.query(Organization)}
    for fact in FACTS["initiatives"]:
        line = next(line for line in section.splitlines() if line.startswith(f"- {fact['name']}"))
        for partner in fact["partners"]:
            name, acronym = names[partner]
            assert name in section or (acronym and acronym in line), (fact["id"], partner)


def test_lists_are_joined_and_names_expanded_once(seed_report: Report) -> None:
    text = plain_text(seed_report)
    assert text.count("International Labour Organization (ILO)") == 1
    assert "FAO, ILO, ITC" in text


def test_html_links_every_stated_record_and_ends_with_sources(seed_report: Report) -> None:
    html = render_html(seed_report)
    assert html.count('data-record="wha70"') == 1
    assert 'href="#record-equals"' in html and 'id="record-equals"' in html
    assert "Annex: Sources" in html and "para. 6.2" in html
    assert "<script" not in html


def test_new_items_are_marked_against_the_previous_period(demo_database: Database) -> None:
    period = DateRange.parse("2018-01/2018-04")
    assert str(period.previous()) == "2017-09/2017-12"
    assert str(DateRange.parse("2017/2018").previous()) == "2015/2016"
    assert str(DateRange.parse("2018-01-10/2018-01-19").previous()) == "2017-12-31/2018-01-09"
    report = draft(demo_database, period, mark_new=True)
    new = {
        s.record_id
        for sec in report.sections
        for b in sec.blocks
        if isinstance(b, Paragraph)
        for s in b.spans
        if s.new
    }
    assert "green-standards-week-2018" in new
    assert "itu.observer.unga" not in new  # followed in both periods


def test_a_period_without_events_leaves_their_section_out(demo_database: Database) -> None:
    report = draft(demo_database, DateRange.parse("1990/1991"))
    titles = [s.title for s in report.sections]
    assert "UN summits and conferences" not in titles
    assert "Inter-agency coordination" in titles  # undated roles are current
    assert "1990" in render_markdown(report) and "<h1>" in render_html(report)


def test_an_organization_with_no_records_gets_only_the_summary(database: Database) -> None:
    with database.session() as session:
        report = build_report(
            session, ReportOptions("upu", SEED_PERIOD, figures=False, date=date(2018, 5, 1))
        )
    assert report.sections == () and report.summary
    assert "Universal Postal Union" in render_markdown(report) or "UPU" in render_markdown(report)


def test_a_template_of_ones_own(demo_database: Database, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "@summary\nShort.\n# Events\n{% for g in event_groups %}- {{ g.text }}\n{% endfor %}\n",
        "utf-8",
    )
    report = draft(demo_database, template=template)
    assert [s.title for s in report.sections] == ["Events"]
    broken = tmp_path / "broken.md.j2"
    broken.write_text("# X\n{{ no_such_thing }}\n", "utf-8")
    with pytest.raises(LiaisonError, match=r"broken\.md\.j2"):
        draft(demo_database, template=broken)
