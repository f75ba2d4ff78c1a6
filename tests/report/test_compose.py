"""The report drafted from the demo data states every fact of the seed, in the seed's order,
names every body as the seed does, states each fact once and never speaks of records."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from liaison.dates import DateRange
from liaison.errors import InvalidRequest
from liaison.report.compose import ReportOptions, build_report
from liaison.report.document import BulletList, Paragraph, Report, Table
from liaison.report.render_html import render_html
from liaison.report.render_markdown import render_markdown
from liaison.storage.database import Database

FACTS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "demo" / "seed_facts.yaml").read_text("utf-8")
)
SEED_PERIOD = DateRange.parse("2017-01/2018-04")
# The events the seed lists in its para. 4.1, and those it gives among the initiatives (6.2).
SUMMITS = {e["id"] for e in FACTS["events"]} - {
    "itu-sg-mission-unga72",
    "broadband-commission-annual-meeting-2017",
    "unga72-high-level-panels",
    "iot-week-2017",
    "global-iot-summit-2017",
    "green-standards-week-2018",
}


def draft(database: Database, period: DateRange = SEED_PERIOD, **options: Any) -> Report:
    with database.session() as session:
        return build_report(session, ReportOptions("itu", period, figures=False, **options))


def plain_text(report: Report) -> str:
    return re.sub(r"\\(.)", r"\1", render_markdown(report))


def section_text(text: str, number: int) -> str:
    start = text.index(f"## {number}.")
    end = text.find(f"## {number + 1}.", start)
    return text[start : end if end > 0 else text.index("## Annex")]


def paragraphs(report: Report) -> list[tuple[str, str]]:
    """(number, text) of every numbered paragraph and every bullet of the report."""
    out = []
    for section in report.sections:
        number = ""
        for block in section.blocks:
            if isinstance(block, Paragraph):
                number = block.number or ""
                out.append((number, "".join(s.text for s in block.spans)))
            elif isinstance(block, BulletList):
                out += [(f"{number} bullet", "".join(s.text for s in i)) for i in block.items]
    return out


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


def test_the_title_block_comes_from_the_recorded_report(seed_report: Report) -> None:
    assert seed_report.symbol == "C18/INF/4" and seed_report.date == "8 March 2018"
    assert seed_report.session == "Council 2018"
    assert seed_report.venue == "Geneva, 17–27 April 2018"
    assert seed_report.languages == "English only"
    assert seed_report.references[0] == "C08/INF/8" and seed_report.references[-1] == "C17/INF/10"
    summary = "".join(s.text for s in seed_report.summary[0].spans)
    assert summary.endswith("with the United Nations system since Council 2017.")


def test_a_draft_is_not_dated_the_day_it_was_drafted(demo_database: Database) -> None:
    report = draft(demo_database, DateRange.parse("2016-01/2016-12"))
    assert report.date is None and report.symbol is None
    given = draft(demo_database, DateRange.parse("2016"), date=date(2016, 3, 1), symbol="C16/57")
    assert given.date == "1 March 2016" and given.symbol == "C16/57"


def test_every_event_with_its_months_in_its_section(seed_report: Report) -> None:
    text = plain_text(seed_report)
    summits = section_text(text, 4)
    for fact in FACTS["events"]:
        if fact["id"] in SUMMITS:
            assert fact["name"] in summits, fact["name"]
    copuos = "UN Committee on the Peaceful Uses of Outer Space and its Sub-Committee"
    assert f"{copuos} (January, March and June 2017)" in summits
    assert "World Health Assembly (May 2017)" in summits
    assert summits.index("First UN World Data Forum") < summits.index("Internet Governance Forum")
    initiatives = section_text(text, 6)
    assert "International IoT Week 2017 (Geneva, 6–9 June 2017), co-organized by ITU" in initiatives
    assert "held with the Global IoT Summit" in initiatives
    assert "Green Standards Week (2018 edition, Zanzibar, Tanzania, 9–12 April 2018)" in initiatives
    governance = section_text(text, 3)
    assert "yearly mission to New York at the opening of the general debate" in governance
    assert "Green Standards Week" not in summits and "IoT Week" not in summits


def test_bodies_are_named_as_they_were_named_then(seed_report: Report) -> None:
    text = plain_text(seed_report)
    assert "the United Nations Development Group (UNDG)" in text
    assert "UNSDG" not in text and "Sustainable Development Group" not in text
    assert "Information and Communication Technology Network (ICT Network)" in text
    assert "Digital & Technology" not in text and "DTN" not in text
    assert "UN Global Working Group on Big Data for Official Statistics (GWG)" in text
    assert "Committee of Experts on Big Data" not in text


def test_bodies_mechanisms_and_the_earlier_reports(seed_report: Report) -> None:
    text = plain_text(seed_report)
    for fact in FACTS["bodies_followed"]:
        assert fact["name"] in text, fact
    for symbol in ("C08/INF/8", "C11/INF/6", "C12/INF/1(Rev.1)", "C16/57", "C17/INF/10"):
        assert symbol in section_text(text, 1)
    for symbol in ("A/RES/72/200", "E/RES/2017/21", "E/RES/2017/22", "A/72/64-E/2017/12"):
        assert symbol in section_text(text, 3)
    assert "In the words of the 2030 Agenda for Sustainable Development (A/RES/70/1" in text
    inter_agency = section_text(text, 5)
    for body in ("Chief Executives Board", "High-level Committee on Management", "HLCP"):
        assert body in inter_agency
    assert "twice a year under the chairmanship of the UN Secretary-General" in inter_agency


def test_networks_in_their_columns_with_chair_periods(seed_report: Report) -> None:
    table = next(b for s in seed_report.sections for b in s.blocks if isinstance(b, Table))
    assert table.header == ("Management / Administrative", "Thematic")
    columns: dict[int, list[str]] = {0: [], 1: []}
    for row in table.rows:
        for index, cell in enumerate(row):
            columns[index] += ["".join(s.text for line in cell for s in line)]
    names = {"ict-network": "Information and Communication Technology Network"}
    names["gwg-big-data"] = "UN Global Working Group on Big Data for Official Statistics"
    for fact in FACTS["networks"]:
        column = columns[0 if fact["category"] == "management" else 1]
        name = names.get(fact["body"], fact["name"])
        assert any(name in cell for cell in column), name
    assert any("chaired by ITU 2015–2017" in c for c in columns[0])
    assert any("chaired by ITU 2011–2017" in c for c in columns[0])
    assert len([c for c in columns[0] if c]) == 14 and len([c for c in columns[1] if c]) == 16
    assert (
        columns[0][: columns[0].index("")]
        if "" in columns[0]
        else columns[0] == sorted(columns[0], key=str.lower)
    )
    text = plain_text(seed_report)
    assert "ITU's chairmanships of the Information and Communication Technology Network" in text
    assert "ended in 2017" in section_text(text, 5)


def test_every_initiative_with_its_partners_and_what_it_is_for(
    seed_report: Report, demo_database: Database
) -> None:
    text = plain_text(seed_report)
    section = section_text(text, 6)
    with demo_database.session() as session:
        from liaison.model import Organization

        names = {o.id: (o.name, o.acronym) for o in session.query(Organization)}
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    agreements = next(line for line in section.splitlines() if "collaboration agreements:" in line)
    for fact in FACTS["initiatives"]:
        line = next(
            (b for b in bullets if b.startswith(f"- {fact['name']}")),
            agreements if fact["kind"] == "agreement" else None,
        )
        assert line is not None, fact["id"]
        if fact["kind"] == "agreement":
            continue
        for partner in fact["partners"]:
            name, acronym = names[partner]
            assert name in text or (acronym and acronym in line), (fact["id"], partner)
    assert bullets == sorted(bullets, key=lambda b: b.lower()[2:].removeprefix("the "))
    for words in (
        "now being implemented in more than 50 cities",
        "in partnership with 20 UN sister agencies",
        "with members from six other UN entities",
        "with ITU leading its thematic priority on digital skills",
        "an mHealth Hub in Europe",
        "earthquake and tsunami warnings",
        "a global platform to achieve Sustainable Development Goal 11",
    ):
        assert words in section, words
    assert "with other UN entities." not in section


def test_statements_are_where_the_seed_puts_them(seed_report: Report) -> None:
    text = plain_text(seed_report)
    agenda = section_text(text, 2)
    assert agenda.index("Secretary-General António Guterres") < agenda.index("In the words of")
    assert agenda.index("voluntary national reviews") < agenda.index("map and link")
    initiatives = section_text(text, 6)
    assert initiatives.index("collaborates regularly with UN entities") < initiatives.index(
        "key initiatives to highlight"
    )
    assert initiatives.index("collaboration agreements") < initiatives.index("ICAO")
    assert "https://www.unjiu.org/content/reports-notes" in section_text(text, 7)


def test_the_entities_a_statement_lists_are_printed(seed_report: Report) -> None:
    text = section_text(plain_text(seed_report), 6)
    line = next(line for line in text.splitlines() if "collaborates regularly" in line)
    for name in ("Global Compact", "Global Pulse", "OHCHR", "DESA", "UNODC", "UNOOSA", "UPU"):
        assert name in line, name
    assert "WIPO" in line and "WTO" in line


def test_like_statements_are_one_sentence(seed_report: Report) -> None:
    text = plain_text(seed_report)
    assert text.count("maintained close cooperation with") == 1
    assert re.search(
        r"Organization \(ICAO\), the International Maritime Organization \(IMO\) and", text
    )


def test_each_fact_once(seed_report: Report) -> None:
    """No two paragraphs share a sentence, or the same list of organizations."""
    seen: dict[str, str] = {}
    for number, text in paragraphs(seed_report):
        for sentence in re.split(r"(?<=[.;:])\s+", text):
            key = " ".join(sentence.lower().split())
            if len(key) < 40:
                continue
            assert key not in seen or seen[key] == number, (sentence, seen.get(key), number)
            seen[key] = number
    lists: dict[frozenset[str], str] = {}
    for section in seed_report.sections:
        for block in section.blocks:
            texts = (
                block.items
                if isinstance(block, BulletList)
                else ((block.spans,) if isinstance(block, Paragraph) else ())
            )
            for spans in texts:
                orgs = frozenset(
                    s.record_id for s in spans if s.record_id and "." not in s.record_id
                )
                if len(orgs) >= 4:
                    where = getattr(block, "number", None) or section.number
                    assert orgs not in lists, (sorted(orgs), lists.get(orgs), where)
                    lists[orgs] = str(where)
    text = plain_text(seed_report)
    body = text[: text.index("## Annex")]
    assert body.count("HLCP on frontier issues") + body.count("led work within") == 1
    assert body.count("Green Standards Week") == 1


def test_nothing_internal_is_said(seed_report: Report) -> None:
    text = plain_text(seed_report)
    for word in ("record", "recorded as", "held the role of", "the entities listed"):
        assert word not in text.lower(), word
    body = text[: text.index("## Annex")]
    for record_id in ("green-standards-week-2018", "itu.chair", "c18-inf-collab", "wha70"):
        assert record_id not in text
    assert "C18/INF/4, “Collaboration with the United Nations system”, para. 6.2" in text
    assert "Records:" not in text and "`" not in body


def test_acronyms_are_spelled_out_once_at_first_use(seed_report: Report) -> None:
    text = plain_text(seed_report)
    body = text[text.index("## Summary") : text.index("## Annex")]
    # Official titles are quoted as they are (JIU/REP/2016/1 “Review of … Union (ITU)”).
    body = re.sub("“[^”]*”", "“…”", body)
    for long, short in (
        ("International Telecommunication Union", "ITU"),
        ("International Labour Organization", "ILO"),
        ("High-level Political Forum", "HLPF"),
        ("International Civil Aviation Organization", "ICAO"),
        ("World Economic Forum", "WEF"),
        ("Global Enabling Sustainability Initiative", "GeSI"),
        ("information and communication technologies", "ICTs"),
    ):
        assert body.count(f"{long} ({short})") == 1, short
        assert body.index(f"{long} ({short})") <= body.index(short), short


def test_with_mark_new_and_no_earlier_report_nothing_is_marked(demo_database: Database) -> None:
    report = draft(demo_database, mark_new=True)
    assert not report.has_new()
    assert report.legend is not None and "No earlier report" in report.legend
    for rendered in (render_markdown(report), render_html(report)):
        assert report.legend in rendered


def test_html_links_without_listing_ids(seed_report: Report) -> None:
    html = render_html(seed_report)
    assert html.count('data-record="wha70"') == 1
    assert re.search(r'href="#source-\d+" data-record="equals"', html)
    assert "Annex: Sources" in html and "Records stated" not in html
    assert "<script" not in html
    annex = html[html.index('id="annex"') :]
    assert "wha70" not in annex


def test_a_period_without_events_leaves_their_section_out(demo_database: Database) -> None:
    report = draft(demo_database, DateRange.parse("1990/1991"))
    titles = [s.title for s in report.sections]
    assert "UN summits and conferences" not in titles
    assert "Inter-agency coordination" in titles  # undated roles are current
    assert "1990" in render_markdown(report) and "<h1>" in render_html(report)


def test_an_organization_with_no_records_gets_only_the_summary(database: Database) -> None:
    with database.session() as session:
        report = build_report(session, ReportOptions("upu", SEED_PERIOD, figures=False))
    assert report.sections == () and report.summary
    assert "Universal Postal Union" in render_markdown(report)


def test_a_template_of_ones_own(demo_database: Database, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "@summary\nShort.\n# Events\n"
        "{% for p in parts('summits') %}{% for g in p.data.groups %}- {{ g }}\n{% endfor %}"
        "{% endfor %}\n",
        "utf-8",
    )
    report = draft(demo_database, template=template)
    assert [s.title for s in report.sections] == ["Events"]
    broken = tmp_path / "broken.md.j2"
    broken.write_text("# X\n{{ no_such_thing }}\n", "utf-8")
    with pytest.raises(InvalidRequest, match=r"broken\.md\.j2"):
        draft(demo_database, template=broken)
