"""The cells of a JIU tracking sheet: its columns and the headers that name them, a .csv or .xlsx
file read into rows of raw cells (and written from them), each cell turned into a value or into
a message saying what is wrong with it (a ValueError), and a row's cells into a
:class:`SheetRow`. Nothing here reads the registry: that is :mod:`liaison.jiu.sheet`'s part."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import (
    InvalidFileException,
)

from liaison.dates import PartialDate
from liaison.errors import InvalidInput, Problem
from liaison.reference.vocabulary import vocabulary

#: The columns of a tracking sheet in order: (field, its header as exported).
COLUMNS = (
    ("symbol", "Symbol"),
    ("title", "Title"),
    ("year", "Year"),
    ("recommendation", "Recommendation"),
    ("text", "Text"),
    ("addressee", "Addressee"),
    ("scope", "Scope"),
    ("organization", "Organization"),
    ("acceptance", "Acceptance"),
    ("implementation", "Implementation"),
    ("date of update", "Date of update"),
    ("comments", "Comments"),
)
FIELDS = tuple(field for field, _ in COLUMNS)
REQUIRED = ("symbol", "recommendation")
#: The columns of a status update; a row may leave them all empty.
STATUS_FIELDS = ("organization", "acceptance", "implementation", "date of update", "comments")
#: The vocabulary of each coded column.
CODED = {
    "addressee": "jiu_addressee",
    "scope": "jiu_scope",
    "acceptance": "jiu_acceptance",
    "implementation": "jiu_implementation",
}
_SYNONYMS = {
    "symbol": ("report symbol", "jiu symbol", "document symbol"),
    "title": ("report title",),
    "year": ("report year", "year of issue", "year issued"),
    "recommendation": (
        "recommendation number",
        "recommendation no",
        "rec no",
        "rec number",
        "rec",
        "number",
        "no",
    ),
    "text": ("recommendation text",),
    "addressee": ("addressed to",),
    "organization": ("organisation", "participating organization", "participating organisation"),
    "acceptance": ("acceptance status", "status of acceptance"),
    "implementation": ("implementation status", "status of implementation"),
    "date of update": ("date", "update date", "date updated", "updated", "last updated"),
    "comments": ("comment", "note", "notes", "remarks"),
}
SHEET_TITLE = "Recommendations"


def _key(header: str) -> str:
    """A header as compared: case, spaces and punctuation left out (``Rec. No.`` → ``recno``)."""
    return re.sub(r"[^0-9a-z]", "", header.lower())


_HEADERS = {_key(name): field for field in FIELDS for name in (field, *_SYNONYMS.get(field, ()))}


def field_of(header: str) -> str | None:
    """The field a header names, or None for a column the sheet does not know."""
    return _HEADERS.get(_key(header))


def letter(index: int) -> str:
    """The spreadsheet letter of the column at ``index`` (0 → A)."""
    return str(get_column_letter(index + 1))


@dataclass(frozen=True)
class RawSheet:
    #: How problems name it: ``track.csv`` or ``track.xlsx, sheet Recommendations``.
    file: str
    headers: tuple[object, ...]
    #: The rows under the header that hold anything: (row number, cells).
    rows: tuple[tuple[int, tuple[object, ...]], ...]


def read_raw(path: Path) -> RawSheet:
    """The header and the non-empty rows of a .csv or .xlsx sheet; InvalidInput when the file
    cannot be read as one."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput([Problem(str(path), "a tracking sheet is a .csv or an .xlsx file")])
    if not path.is_file():
        raise InvalidInput([Problem(str(path), "no such file")])
    file, table = _csv(path) if suffix == ".csv" else _xlsx(path)
    if not table or all(is_empty(cell) for cell in table[0]):
        raise InvalidInput([Problem(file, "row 1 must hold the column headers", line=1)])
    rows = tuple(
        (number, tuple(cells))
        for number, cells in enumerate(table[1:], start=2)
        if not all(is_empty(cell) for cell in cells)
    )
    return RawSheet(file, tuple(table[0]), rows)


def _csv(path: Path) -> tuple[str, list[Sequence[object]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            text = stream.read()
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(path.name, f"not UTF-8 text (byte {exc.start})")]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # a comma unless the header shows another
    try:
        return path.name, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InvalidInput([Problem(path.name, f"not a readable CSV file: {exc}")]) from None


def _xlsx(path: Path) -> tuple[str, list[Sequence[object]]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        problem = Problem(path.name, f"cannot be read as an Excel workbook: {exc}")
        raise InvalidInput([problem]) from None
    try:
        sheets = list(book.worksheets)
        if not sheets:
            raise InvalidInput([Problem(path.name, "the workbook has no worksheet")])
        named = [s for s in sheets if "recommendation" in _key(str(s.title))]
        sheet = named[0] if len(sheets) > 1 and named else sheets[0]
        rows: list[Sequence[object]] = [tuple(r) for r in sheet.iter_rows(values_only=True)]
        return f"{path.name}, sheet {sheet.title}", rows
    finally:
        book.close()


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a header and rows as UTF-8 CSV or as an .xlsx workbook (bold, frozen header)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(headers)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    if suffix != ".xlsx":
        raise InvalidInput([Problem(str(path), "a tracking sheet is a .csv or an .xlsx file")])
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet(SHEET_TITLE)
    widths = [len(h) for h in headers]
    for row_number, row in enumerate([headers, *rows], start=1):
        for index, value in enumerate(row):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                longest = max(len(line) for line in value.splitlines() or [""])
                widths[index] = max(widths[index], longest)
            elif value is not None:
                widths[index] = max(widths[index], len(str(value)))
            cell = sheet.cell(row=row_number, column=index + 1, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if row_number == 1:
                cell.font = Font(bold=True)
    for index, width in enumerate(widths):
        sheet.column_dimensions[letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    book.save(path)


# --- cells -----------------------------------------------------------------------------------
def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str | None:
    """A cell as text (trimmed), or None when empty."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def words(value: object) -> str | None:
    """A cell as text with its runs of white space made single spaces."""
    found = text(value)
    return " ".join(found.split()) if found is not None else None


_WHOLE = re.compile(r"^\d+(?:\.0*)?$")


def whole_number(value: object) -> int | None:
    if is_empty(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str) and _WHOLE.match(value.strip()):
        return int(value.strip().split(".")[0])
    raise ValueError(f"'{value}' is not a whole number")


def recommendation_number(value: object) -> int | None:
    number = whole_number(value)
    if number is not None and number < 1:
        raise ValueError(f"a recommendation number is 1 or more, not {number}")
    return number


def year(value: object) -> int | None:
    if isinstance(value, date | datetime):
        raise ValueError(f"a year is a number like 2016, not the date {value:%Y-%m-%d}")
    number = whole_number(value)
    if number is not None and not 1000 <= number <= 9999:
        raise ValueError(f"'{value}' is not a year")
    return number


_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def update_date(value: object) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as written, or an Excel date cell as YYYY-MM-DD."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    written = text(value) or ""
    stamp = _STAMP.match(written)
    return str(PartialDate.parse(stamp.group(1) if stamp else written))


def _plain(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").replace("_", " ").split())


def coded(value: object, scheme: str) -> str | None:
    """The code of a cell that gives a code or a label of ``scheme``, in any case."""
    if is_empty(value):
        return None
    wanted = _plain(str(value))
    codes = vocabulary(scheme)
    for code, label in codes.items():
        if wanted in (_plain(code), _plain(label)):
            return code
    raise ValueError(f"'{value}' is not one of: {', '.join(codes.values())}")


def coder(scheme: str) -> Callable[[object], str | None]:
    """The converter of a column coded in ``scheme``."""
    return lambda value: coded(value, scheme)


def label(code: str | None, scheme: str) -> str | None:
    """How the sheet writes a code: its label."""
    return vocabulary(scheme).get(code, code) if code is not None else None


# --- rows ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetRow:
    """One validated row: a recommendation and, when ``organization`` is set, one update."""

    line: int
    symbol: str
    number: int
    title: str | None = None
    year: int | None = None
    text: str | None = None
    addressee: str | None = None
    scope: str | None = None
    organization: str | None = None  # as written; resolved against the registry on import
    acceptance: str | None = None
    implementation: str | None = None
    date: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Sheet:
    #: How problems name it: ``track.csv`` or ``track.xlsx, sheet Recommendations``.
    file: str
    #: The file's name, for the ``origin`` of the records it creates.
    name: str
    #: The column letter of each field the sheet has.
    columns: dict[str, str]
    rows: tuple[SheetRow, ...]

    def where(self, name: str) -> str:
        """A column as problems name it: ``I (acceptance)``."""
        return f"{self.columns[name]} ({name})" if name in self.columns else name

    def problem(self, message: str, name: str, row: int) -> Problem:
        return Problem(self.file, message, field=self.where(name), line=row)


_CONVERT: dict[str, Callable[[object], object]] = {
    "symbol": words,
    "title": words,
    "year": year,
    "recommendation": recommendation_number,
    "text": text,
    "organization": words,
    "date of update": update_date,
    "comments": text,
    **{name: coder(scheme) for name, scheme in CODED.items()},
}


def row_of(
    sheet: Sheet, index: dict[str, int], line: int, raw: tuple[object, ...], problems: list[Problem]
) -> SheetRow | None:
    """A row's cells as values; None (and its problems added) when one is wrong."""
    values: dict[str, Any] = {}
    bad = False
    for name, convert in _CONVERT.items():
        i = index.get(name)
        try:
            values[name] = convert(raw[i] if i is not None and i < len(raw) else None)
        except ValueError as exc:
            problems.append(sheet.problem(str(exc), name, line))
            bad = True
    needed = {
        "symbol": "a row needs the symbol of its report",
        "recommendation": "a row needs the number of its recommendation",
    }
    if any(values.get(name) is not None for name in STATUS_FIELDS):
        needed["organization"] = "an update needs the organization it is from"
        needed["date of update"] = "an update needs its date of update"
    for name, message in needed.items():
        if name in values and values[name] is None:
            problems.append(sheet.problem(message, name, line))
            bad = True
    if bad:
        return None
    return SheetRow(
        line,
        values["symbol"],
        values["recommendation"],
        values["title"],
        values["year"],
        values["text"],
        values["addressee"],
        values["scope"],
        values["organization"],
        values["acceptance"],
        values["implementation"],
        values["date of update"],
        values["comments"],
    )
