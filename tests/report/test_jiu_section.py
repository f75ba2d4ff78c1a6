"""The report's JIU section states the reports of the period and the rates that follow from the
recorded statuses, computed by the jiu service (figures worked by hand below)."""

from __future__ import annotations

from pathlib import Path

import yaml

from liaison.dates import DateRange
from liaison.registry.importer import import_paths
from liaison.report.compose import ReportOptions, build_report
from liaison.report.document import Figure, Paragraph, Report
from liaison.storage.database import Database

PERIOD = DateRange.parse("2017-01/2018-04")


def _jiu_texts(report: Report) -> tuple[list[str], list[Figure]]:
    (section,) = [s for s in report.sections if "Joint Inspection Unit" in s.title]
    paragraphs = [
        "".join(s.text for s in b.spans) for b in section.blocks if isinstance(b, Paragraph)
    ]
    return paragraphs, [b for b in section.blocks if isinstance(b, Figure)]


def _draft(database: Database, figures: bool = False) -> Report:
    with database.session() as session:
        return build_report(session, ReportOptions("itu", PERIOD, figures=figures))


def test_the_demo_section_states_the_rates_of_the_recorded_statuses(
    demo_database: Database,
) -> None:
    paragraphs, figures = _jiu_texts(_draft(demo_database, figures=True))
    text = "\n".join(paragraphs)
    # The demo records two recommendations of JIU/REP/2016/1, both accepted and implemented
    # (8 March 2018) for ITU; the system-wide reports of 2016–2017 are named.
    assert (
        "As at April 2018, ITU had accepted both JIU recommendations addressed to it "
        "(from JIU/REP/2016/1" in text
    )
    assert "implemented all of those accepted" in text
    assert "JIU/REP/2016/4" in text and "JIU/REP/2017/9" in text
    assert text.index("JIU/REP/2016/9") < text.index("JIU/REP/2016/10")  # numbers as numbers
    assert [f.name for f in figures] == ["jiu-trend"]


def test_rates_pending_and_single_organization_reviews(
    demo_database: Database, tmp_path: Path
) -> None:
    data = {
        "documents": [
            {"id": "old-rep", "title": "An old system-wide review", "symbol": "JIU/REP/2011/3",
             "kind": "jiu-report", "issued_by": "jiu", "date": "2011"},
            {"id": "sys-rep", "title": "A system-wide review", "symbol": "JIU/REP/2017/5",
             "kind": "jiu-report", "issued_by": "jiu", "date": "2017-06"},
        ],
        "jiu_recommendations": [
            {"id": "old-1", "report": "old-rep", "number": 1, "scope": "system-wide",
             "addressed_to": "executive-head",
             "statuses": [{"org": "itu", "date": "2012", "acceptance": "accepted"}]},
            {"id": "sys-1", "report": "sys-rep", "number": 1, "scope": "system-wide",
             "addressed_to": "legislative-organ",
             "statuses": [{"org": "itu", "date": "2017-09", "acceptance": "not-relevant"}]},
            {"id": "sys-2", "report": "sys-rep", "number": 2, "scope": "system-wide",
             "addressed_to": "executive-head",
             "statuses": [{"org": "itu", "date": "2017-09", "acceptance": "under-consideration"},
                          {"org": "itu", "date": "2018-06", "acceptance": "accepted"}]},
            {"id": "sys-3", "report": "sys-rep", "number": 3, "scope": "system-wide",
             "addressed_to": "legislative-organ",
             "statuses": [{"org": "itu", "date": "2017-10", "acceptance": "accepted",
                           "implementation": "in-progress"}]},
        ],
    }  # fmt: skip
    path = tmp_path / "more-jiu.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    with demo_database.session(actor="tests") as session:
        import_paths(session, [path])
    paragraphs, _ = _jiu_texts(_draft(demo_database))
    text = "\n".join(paragraphs)
    # As at April 2018: the demo's two (accepted, implemented), old-1 (accepted, not started,
    # 7 years old), sys-2 (under consideration: its acceptance of June 2018 is later), sys-3
    # (accepted, in progress); sys-1 not relevant. Addressed 5, accepted 4, implemented 2.
    assert "had accepted 80 per cent (4) of the 5 JIU recommendations addressed to it" in text
    assert "(leaving out 1 not relevant to it)" in text
    assert "implemented 50 per cent (2) of those accepted" in text
    # By addressee: legislative organ sys-3 (1 of 1 accepted, 0 implemented); executive head
    # old-1 and sys-2 (1 of 2 accepted, 0 implemented). The demo's two have no addressee.
    assert (
        ": 100 per cent accepted and 0 per cent implemented of those addressed to its "
        "legislative organ and 50 per cent accepted and 0 per cent implemented of those "
        "addressed to its executive head." in text
    )
    assert (
        "2 accepted recommendations remained to be implemented, 1 of them from reports issued "
        "five or more years earlier." in text
    )
    # The review of ITU alone is now stated apart, with its own figures.
    assert (
        "Of the recommendations of JIU/REP/2016/1 “Review of management and administration in "
        "the International Telecommunication Union (ITU)” recorded in the follow-up, ITU had "
        "accepted both and implemented all of those accepted by April 2018." in text
    )
