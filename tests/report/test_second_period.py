"""A second year: the report of May 2018–April 2019 compares with the recorded C18/INF/4.

The fixture adds to the demo a session of a recurring body (WHA 71 after WHA 70), a new
initiative and a role that ended; the demo's previous report is recorded with its period.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.dates import DateRange
from liaison.registry.importer import import_paths
from liaison.report.compose import ReportOptions, build_report
from liaison.report.document import BulletList, Paragraph, Report
from liaison.report.facts import gather
from liaison.report.render_markdown import render_markdown
from liaison.storage.database import Database

FIXTURE = Path(__file__).parent / "fixtures" / "second_period.yaml"
FIRST = DateRange.parse("2017-01/2018-04")
SECOND = DateRange.parse("2018-05/2019-04")


@pytest.fixture
def two_years(demo_database: Database) -> Database:
    with demo_database.session(actor="tests") as session:
        import_paths(session, [FIXTURE])
    return demo_database


def draft(database: Database, period: DateRange) -> Report:
    with database.session() as session:
        return build_report(session, ReportOptions("itu", period, mark_new=True, figures=False))


def texts(report: Report) -> list[str]:
    out = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append("".join(s.text for s in block.spans))
            elif isinstance(block, BulletList):
                out += ["".join(s.text for s in item) for item in block.items]
    return out


def new_ids(report: Report) -> set[str]:
    found = set()
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found |= {s.record_id for s in block.spans if s.new and s.record_id}
            elif isinstance(block, BulletList):
                found |= {s.record_id for i in block.items for s in i if s.new and s.record_id}
    return found


def test_new_continuing_and_ended(two_years: Database) -> None:
    report = draft(two_years, SECOND)
    assert report.legend == (
        "An item in bold followed by “(new)” was not in the previous report, C18/INF/4."
    )
    new = new_ids(report)
    assert "fg-ai4h" in new  # a new initiative
    assert "wha71" not in new and "hlpf-2018" not in new  # sessions of recurring bodies
    text = render_markdown(report)
    assert "World Health Assembly (May 2018)" in text
    assert "ITU/WHO Focus Group on Artificial Intelligence for Health *(new)*" in text
    assert "(launched in July 2018)" in text
    assert "ITU's membership of IASC ended in September 2018" in text


def test_the_previous_report_is_listed_and_bodies_have_their_new_names(two_years: Database) -> None:
    report = draft(two_years, SECOND)
    assert report.references[-1] == "C18/INF/4"
    assert "C18/INF/4" in "".join(texts(report)[:3])
    summary = "".join(s.text for s in report.summary[0].spans)
    assert summary.endswith("since Council 2018.")
    text = render_markdown(report)
    assert "Digital & Technology Network (DTN)" in text
    assert "United Nations Sustainable Development Group (UNSDG)" in text
    assert "Information and Communication Technology Network" not in text


def test_last_years_statements_are_not_repeated(two_years: Database) -> None:
    with two_years.session() as session:
        last_year = gather(session, "itu", FIRST)
    dated = {a.id for a in last_year.activities if a.dates is not None}
    assert len(dated) > 15
    second = draft(two_years, SECOND)
    stated = {
        s.record_id
        for section in second.sections
        for block in section.blocks
        if isinstance(block, Paragraph)
        for s in block.spans
        if s.record_id
    }
    assert not dated & stated
    first = set(texts(draft(two_years, FIRST)))
    repeated = [t for t in numbered(second) if t in first]
    # Only what is undated is said again: ITU's standing coordination of its UN relations, the
    # bodies it follows as an observer (and the ICSC's meetings), the ongoing initiatives and
    # agreements.
    assert len(repeated) <= 5, repeated


def numbered(report: Report) -> list[str]:
    return [
        "".join(s.text for s in block.spans)
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph)
    ]


def test_a_role_with_only_an_end_is_dated(two_years: Database) -> None:
    later = render_markdown(draft(two_years, DateRange.parse("2019-05/2020-04")))
    assert "Inter-Agency Standing Committee (IASC)" not in later
