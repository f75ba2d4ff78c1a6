"""JIU tracking sheets on a real registry (SQLite and PostgreSQL): .xlsx and .csv import, all or
nothing with every bad cell located, merged updates never dropped, export and the round trip.

The reports, recommendations and comments below are made up for the tests."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, NotFound
from liaison.jiu.sheet import export_sheet, import_sheet, read_sheet
from liaison.jiu.store import UpdateRequest, load, record_update
from liaison.model import AuditEntry, Document, JiuRecommendation
from liaison.storage.database import Database
from tests.conftest import Templates

HEADERS = [
    "Symbol", "Title", "Year", "Recommendation", "Text", "Addressee", "Scope", "Organization",
    "Acceptance", "Implementation", "Date of update", "Comments",
]  # fmt: skip
REP, NOTE = "JIU/REP/2016/90", "JIU/NOTE/2017/91"
GOOD: list[list[object]] = [
    [REP, "Test review of management", 2016, 1, "Strengthen the test committee.",
     "Legislative organ", "single-organization", "ITU", "Accepted", "in progress",
     datetime(2017, 3, 8), "Work plan agreed."],
    [REP, None, None, 1, None, None, None, "itu", None, "IMPLEMENTED", "2018", None],
    [REP, "Test review of management", 2016, 2, "Publish a yearly test report.",
     "executive-head", "System-wide", "International Telecommunication Union",
     "under consideration", None, "2017-11", None],
    [REP, None, None, 2, None, None, None, "UNESCO", "not-relevant", None, 2017, "Not ours."],
    [NOTE, "Test note on procurement", 2017, 1, "Share the test catalogue.", None, None,
     None, None, None, None, None],
]  # fmt: skip
REP_ID, NOTE_ID = "jiu-rep-2016-90", "jiu-note-2017-91"
TABLES = ("records", "documents", "jiu_recommendations", "jiu_statuses", "audit_entries")


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[object] = HEADERS
) -> Path:
    book = Workbook()
    book.active.title = "Read me"  # a second sheet: the importer picks "JIU recommendations"
    sheet = book.create_sheet("JIU recommendations")
    for row in [headers, *rows]:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[object] = HEADERS
) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:  # with a BOM
        writer = csv.writer(stream)
        for row in [headers, *rows]:
            writer.writerow(["" if v is None else str(v) for v in row])
    return path


def plain(session: Session) -> list[tuple[object, ...]]:
    """What the registry holds of the JIU follow-up, without the order updates were recorded."""
    return [
        (
            r.id, r.report, r.report_symbol, r.report_title, r.issued, r.number, r.text,
            r.addressee, r.scope,
            sorted((u.organization, u.on, u.acceptance, u.implementation, u.note)
                   for u in r.updates),
        )
        for r in load(session)
    ]  # fmt: skip


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


EXPECTED = [
    (REP_ID + "-rec-1", REP_ID, REP, "Test review of management", 2016, 1,
     "Strengthen the test committee.", "legislative-organ", "single-organization",
     [("itu", "2017-03-08", "accepted", "in-progress", "Work plan agreed."),
      ("itu", "2018", None, "implemented", None)]),
    (REP_ID + "-rec-2", REP_ID, REP, "Test review of management", 2016, 2,
     "Publish a yearly test report.", "executive-head", "system-wide",
     [("itu", "2017-11", "under-consideration", None, None),
      ("unesco", "2017", "not-relevant", None, "Not ours.")]),
    (NOTE_ID + "-rec-1", NOTE_ID, NOTE, "Test note on procurement", 2017, 1,
     "Share the test catalogue.", None, None, []),
]  # fmt: skip


@pytest.fixture
def other_database(templates: Templates) -> Iterator[Database]:
    """A second fresh registry with the same organizations."""
    database = Database(templates.copy("reference", with_demo=False))
    yield database
    database.dispose()


def test_an_xlsx_sheet_creates_reports_recommendations_and_dated_updates(
    database: Database, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "track.xlsx", GOOD)
    with database.session(actor="focal-point") as session:
        summary = import_sheet(session, path)
    assert (summary.reports_created, summary.recommendations_created) == (2, 3)
    assert (summary.updates_added, summary.updates_replaced, summary.updates_unchanged) == (4, 0, 0)
    assert summary.describe().startswith("reports: 2 created; recommendations: 3 created")
    with database.session() as session:
        assert plain(session) == EXPECTED
        report = session.get(Document, REP_ID)
        assert report is not None
        assert (report.kind, report.issued_by_id, report.starts) == ("jiu-report", "jiu", "2016")
        assert report.origin == "track.xlsx:2"
        rec = session.get(JiuRecommendation, REP_ID + "-rec-2")
        assert rec is not None and (rec.origin, rec.version) == ("track.xlsx:4", 1)
        actors = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.record_id == REP_ID + "-rec-1")
        ).all()
        assert actors and set(actors) == {"focal-point"}


def test_a_csv_sheet_with_a_bom_and_other_headers_reads_the_same(
    database: Database, tmp_path: Path
) -> None:
    headers = [
        " symbol ", "REPORT TITLE", "year", "Rec. No.", "recommendation text", "Addressed to",
        "scope", "Organisation", "Acceptance status", "implementation", "Date", "Note",
    ]  # fmt: skip
    path = write_csv(tmp_path / "track.csv", GOOD, headers)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = read_sheet(path)
    assert sheet.file == "track.csv" and sheet.columns["recommendation"] == "D"
    assert sheet.rows[0].date == "2017-03-08"  # the Excel date, written by str() in the CSV
    with database.session() as session:
        import_sheet(session, path)
    with database.session() as session:
        assert plain(session) == EXPECTED


def test_a_bad_sheet_is_refused_whole_with_every_bad_cell_located(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        import_sheet(session, write_xlsx(tmp_path / "first.xlsx", GOOD))
    before = counts(database)
    bad: list[list[object]] = [
        [REP, None, None, 1, None, None, None, "ITU", "approved", None, "2019", None],
        [REP, None, None, "two", None, None, None, "ITU", "accepted", None, "2019", None],
        [REP, None, None, 2, None, None, None, "ITU", "accepted", None, "2019-13-01", None],
        [REP, None, None, 2, None, None, None, "Nowhere Agency", "accepted", None, "2019", None],
        [REP, None, None, 3, None, None, None, None, "accepted", None, "2019", None],
        [REP, None, None, 3, None, None, None, "UNESCO", "accepted", None, "2019", None],
    ]  # fmt: skip
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_sheet(session, write_xlsx(tmp_path / "bad.xlsx", bad))
    problems = caught.value.problems
    assert {p.file for p in problems} == {"bad.xlsx, sheet JIU recommendations"}
    assert [(p.line, p.field) for p in problems] == [
        (2, "I (acceptance)"),
        (3, "D (recommendation)"),
        (4, "K (date of update)"),
        (5, "H (organization)"),
        (6, "H (organization)"),
    ]
    assert "'approved' is not one of: accepted, not accepted" in problems[0].message
    assert "Nowhere Agency" in problems[3].message
    assert "bad.xlsx, sheet JIU recommendations:3: field 'D (recommendation)'" in str(caught.value)
    assert counts(database) == before


def test_headers_and_rows_that_cannot_be_right_are_named(
    database: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "cols.csv", [["x", "y"]], ["Symbol", "Colour"])
    with pytest.raises(InvalidInput) as caught:
        read_sheet(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (1, "B (Colour)"),
        (1, "recommendation"),
    ]
    with database.session() as session:
        session.add(
            Document(id="test-resolution", symbol="A/RES/99/1", kind="resolution", title="T")
        )
    rows: list[list[object]] = [
        [REP, "Title one", 2016, 1, "Text one", None, None, "ITU", "accepted", None, "2019", None],
        [REP, "Title two", 2016, 1, "Text two", None, None, "ITU", "accepted", None, "2019", "x"],
        [NOTE, None, None, 1, None, None, None, None, None, None, None, None],
        ["A/RES/99/1", None, None, 1, None, None, None, None, None, None, None, None],
    ]  # fmt: skip
    with pytest.raises(InvalidInput) as caught, database.session() as session:
        import_sheet(session, write_csv(tmp_path / "rows.csv", rows))
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert set(found) == {(3, "B (title)"), (3, "E (text)"), (3, "K (date of update)"),
                          (4, "B (title)"), (5, "A (symbol)")}  # fmt: skip
    assert found[(3, "B (title)")] == f"row 2 gives {REP} another title ('Title one')"
    assert found[(3, "K (date of update)")] == "row 2 gives another update of itu dated 2019"
    assert "give its title" in found[(4, "B (title)")]
    assert "resolution 'test-resolution'" in found[(5, "A (symbol)")]


def test_a_sheet_merges_into_the_history_and_drops_nothing_it_does_not_mention(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        import_sheet(session, write_xlsx(tmp_path / "first.xlsx", GOOD))
    with database.session() as session:
        record_update(session, REP_ID + "-rec-1", UpdateRequest("unesco", "2019-05", "accepted"))
    later: list[list[object]] = [
        [REP, None, None, 1, None, None, None, "ITU", None, "implemented", "2018", "Closed."],
        [REP, None, None, 1, None, None, None, "ITU", None, None, "2020-01-15", "Checked."],
        [REP, None, None, 2, "Publish a yearly test report, online.", *[None] * 7],
    ]  # fmt: skip
    with database.session() as session:
        summary = import_sheet(session, write_csv(tmp_path / "later.csv", later))
    assert (summary.updates_added, summary.updates_replaced, summary.updates_unchanged) == (1, 1, 0)
    assert (summary.recommendations_updated, summary.recommendations_created) == (2, 0)
    with database.session() as session:
        (first, second, _) = plain(session)
        assert first[-1] == [
            ("itu", "2017-03-08", "accepted", "in-progress", "Work plan agreed."),
            ("itu", "2018", None, "implemented", "Closed."),
            ("itu", "2020-01-15", None, None, "Checked."),
            ("unesco", "2019-05", "accepted", None, None),
        ]
        assert second[6] == "Publish a yearly test report, online."
        assert second[-1] == EXPECTED[1][-1]  # its updates are all still there
        versions = session.execute(
            select(JiuRecommendation.id, JiuRecommendation.version).order_by(JiuRecommendation.id)
        ).all()
    # Once for the update recorded by hand, once for this sheet; the text change counts once.
    assert [tuple(v) for v in versions] == [
        (NOTE_ID + "-rec-1", 1), (REP_ID + "-rec-1", 3), (REP_ID + "-rec-2", 2),
    ]  # fmt: skip


def test_importing_the_same_sheet_again_changes_nothing(database: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "track.xlsx", GOOD)
    with database.session() as session:
        import_sheet(session, path)
    before = counts(database)
    with database.session() as session:
        summary = import_sheet(session, path)
    assert not summary.changed
    assert (summary.recommendations_unchanged, summary.updates_unchanged) == (3, 4)
    assert counts(database) == before
    with database.session() as session:
        versions = session.scalars(select(func.max(JiuRecommendation.version))).one()
    assert versions == 1


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_registry(
    database: Database, other_database: Database, tmp_path: Path, suffix: str
) -> None:
    with database.session() as session:
        import_sheet(session, write_xlsx(tmp_path / "track.xlsx", GOOD))
    with database.session() as session:
        record_update(
            session,
            NOTE_ID + "-rec-1",
            UpdateRequest("unesco", "2018-02", None, None, "=A1 is not a formula"),
        )
        original = plain(session)
        out = tmp_path / f"out{suffix}"
        assert export_sheet(session, out) == 5
    with other_database.session() as session:
        summary = import_sheet(session, out)
    assert summary.reports_created == 2 and summary.updates_added == 5
    with other_database.session() as session:
        assert plain(session) == original
    before = counts(database)
    with database.session() as session:
        assert not import_sheet(session, out).changed
    assert counts(database) == before


def test_the_exported_workbook_is_a_tracking_sheet_with_labels(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        import_sheet(session, write_xlsx(tmp_path / "track.xlsx", GOOD))
    out = tmp_path / "unesco.xlsx"
    with database.session() as session:
        assert export_sheet(session, out, organization="UNESCO", report=REP) == 2
    book = load_workbook(out)
    sheet = book.active
    assert sheet.title == "Recommendations" and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["C"].width
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    # Recommendation 1 has no UNESCO update: one row with the status columns empty.
    assert rows[1][3:] == [1, "Strengthen the test committee.", "legislative organ",
                           "single organization", None, None, None, None, None]  # fmt: skip
    assert rows[2][3:] == [2, "Publish a yearly test report.", "executive head", "system-wide",
                           "UNESCO", "not relevant", None, "2017", "Not ours."]  # fmt: skip
    with database.session() as session, pytest.raises(NotFound):
        export_sheet(session, out, organization="Nowhere Agency")


def test_only_csv_and_xlsx_files_are_sheets(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "track.ods"
    path.write_bytes(b"not a sheet")
    with pytest.raises(InvalidInput) as caught:
        read_sheet(path)
    assert caught.value.problems[0].file == str(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(InvalidInput, match=r"broken\.xlsx: cannot be read"):
        read_sheet(broken)
    with database.session() as session, pytest.raises(InvalidInput):
        export_sheet(session, tmp_path / "out.txt")
