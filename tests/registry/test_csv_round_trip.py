"""CSV that round-trips: hostile values survive export → import → export byte for byte, and the
dialects offices produce are read or refused by name (issue 12, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison.errors import InvalidInput
from liaison.registry.dump import write
from liaison.registry.importer import import_paths
from liaison.registry.reader import read_file
from liaison.storage.database import Database

NASTY = (
    'First paragraph.\n\nSecond paragraph with "quotes", commas, semicolons; tabs\tand a CRLF'
    "\r\nline. Unicode: café, Zürich, 東京, مرحبا, 🛰️, e\u0301 (combining), ﬁ ligature."
)
TRICKY = ["=SUM(A1:A2)", "NULL", "  leading and trailing  ", '"quoted"', "[1, 2]", "a,b;c\td"]

DATA = {
    "organizations": [
        {"id": "test-network", "name": "Test Network “Ω”, with commas", "kind": "network",
         "acronym": "TN;1", "aliases": TRICKY, "description": NASTY, "category": "thematic"},
    ],
    "roles": [
        {"holder": "itu", "role": "member", "body": "test-network", "period": "2015-03/2017",
         "note": NASTY},
    ],
    "events": [
        {"id": "nasty-event", "name": 'Event "1", line\nbreak', "kind": "meeting",
         "date": "2017-06-06/2017-06-09", "place": "Genève, Suisse",
         "participants": [{"org": "itu", "role": "speaker", "contribution": NASTY}],
         "description": NASTY},
    ],
    "initiatives": [
        {"id": "nasty-initiative", "name": "Initiative; with\ttab", "kind": "partnership",
         "partners": [{"org": "itu", "role": "lead", "note": "a\r\nb"}], "outputs": TRICKY,
         "key_figures": ["50 %", "≥ 3"], "purpose": NASTY},
    ],
    "documents": [
        {"id": "nasty-doc", "title": NASTY.splitlines()[0], "kind": "report", "symbol": "X/1",
         "quotation": NASTY, "date": "2017-05"},
    ],
    "activities": [
        {"id": "nasty-activity", "org": "itu", "text": NASTY, "date": "2017",
         "restates": ["nasty-doc"], "related": ["test-network"]},
    ],
}  # fmt: skip


def _export(url: str, folder: Path) -> dict[str, bytes]:
    database = Database(url)
    with database.session() as session:
        written = list(write(session, "csv", folder))
    database.dispose()
    return {p.name: p.read_bytes() for p in written}


def _import(url: str, paths: list[Path]) -> None:
    database = Database(url)
    with database.session(actor="tests") as session:
        import_paths(session, paths)
    database.dispose()


def test_hostile_values_round_trip_byte_for_byte(templates: object, tmp_path: Path) -> None:
    from tests.conftest import Templates

    assert isinstance(templates, Templates)
    first, second = templates.copy("reference", False), templates.copy("reference", False)
    source = tmp_path / "nasty.json"
    source.write_text(json.dumps(DATA, ensure_ascii=False), "utf-8")
    _import(first, [source])
    one = _export(first, tmp_path / "one")
    _import(second, [tmp_path / "one"])
    two = _export(second, tmp_path / "two")
    assert one == two
    back = read_file(tmp_path / "two" / "events.csv").dataset.events
    nasty = next(e for e in back if e.id == "nasty-event")
    assert nasty.description == NASTY and nasty.name == 'Event "1", line\nbreak'
    organizations = read_file(tmp_path / "two" / "organizations.csv").dataset.organizations
    # Names and aliases are stored without the spaces around them (the import trims them).
    aliases = next(o for o in organizations if o.id == "test-network").aliases
    assert aliases == sorted(a.strip() for a in TRICKY)


def _csv(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "events.csv"
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "id,name,kind,date\n"
ROW = 'e1,"Meeting, with a comma",meeting,2017-05\n'


def test_excel_bom_semicolons_and_tabs_are_read(tmp_path: Path) -> None:
    expected = read_file(_csv(tmp_path / "plain", HEADER + ROW)).dataset.events
    assert expected[0].name == "Meeting, with a comma"
    with_bom = read_file(_csv(tmp_path / "bom", HEADER + ROW, "utf-8-sig")).dataset.events
    semicolons = HEADER.replace(",", ";") + 'e1;"Meeting, with a comma";meeting;2017-05\n'
    tabs = HEADER.replace(",", "\t") + "e1\tMeeting, with a comma\tmeeting\t2017-05\n"
    assert with_bom == expected
    assert read_file(_csv(tmp_path / "semi", semicolons)).dataset.events == expected
    assert read_file(_csv(tmp_path / "tabs", tabs)).dataset.events == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (HEADER + 'e1,"Meeting",meeting,2017-05,extra\n', "line 2"),
        ("id,name,name,kind,date\ne1,a,b,meeting,2017\n", "'name' is given twice"),
        ("id name kind date\ne1 a meeting 2017\n", "no comma, semicolon or tab"),
    ],
)
def test_csv_dialect_problems_are_refused_by_name(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_file(_csv(tmp_path / "bad", text))
    message = str(refused.value)
    assert "events.csv" in message
    assert says in message or says.replace("line ", ":") in message


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    yaml_file = tmp_path / "twice.yaml"
    yaml_file.write_text("events:\n  - id: e1\n    name: A\n    name: B\n", "utf-8")
    with pytest.raises(InvalidInput) as refused:
        read_file(yaml_file)
    assert "'name' is given twice" in str(refused.value) and "twice.yaml:4" in str(refused.value)
    json_file = tmp_path / "twice.json"
    json_file.write_text('{"events": [{"id": "e1", "id": "e2"}]}', "utf-8")
    with pytest.raises(InvalidInput) as refused:
        read_file(json_file)
    assert "'id' is given twice" in str(refused.value)


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def test_an_excel_workbook_round_trips_the_same_cells(templates: object, tmp_path: Path) -> None:
    from tests.conftest import Templates

    assert isinstance(templates, Templates)
    first, second = templates.copy("reference", False), templates.copy("reference", False)
    source = tmp_path / "nasty.json"
    source.write_text(json.dumps(DATA, ensure_ascii=False), "utf-8")
    _import(first, [source])
    database = Database(first)
    with database.session() as session:
        (book,) = write(session, "xlsx", tmp_path / "one.xlsx")
    database.dispose()
    _import(second, [book])
    database = Database(second)
    with database.session() as session:
        (again,) = write(session, "xlsx", tmp_path / "two.xlsx")
    database.dispose()
    assert _cells(book) == _cells(again)
    assert book.read_bytes() == again.read_bytes()  # byte for byte
    # The same records as the CSV files of the first registry.
    assert _export(first, tmp_path / "csv-one") == _export(second, tmp_path / "csv-two")
    formula = next(
        r for r in _cells(book)["organizations"] if r[0] == "test-network"
    )  # "=SUM(A1:A2)" is an alias, written as text
    assert any("=SUM(A1:A2)" in str(c) for c in formula)


def test_a_bad_workbook_is_refused_by_sheet_row_and_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "events"
    sheet.append(["id", "name", "kind", "date"])
    sheet.append(["e1", "A meeting", "meeting", "2017-05"])
    sheet.append(["e2", "Another", "party", "2017-13"])
    book.create_sheet("notes")
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(InvalidInput) as refused:
        read_file(path)
    message = str(refused.value)
    assert "sheet 'notes' is not named after a kind" in message
    del book["notes"]
    book.save(path)
    with pytest.raises(InvalidInput) as refused:
        read_file(path)
    problems = {(p.line, p.field) for p in refused.value.problems}
    assert {(3, "kind"), (3, "date")} <= problems  # row 3 of the events sheet, by column
    (tmp_path / "good.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not an XLSX workbook"):
        read_file(tmp_path / "good.xlsx")
