"""The registry as an Excel workbook (XLSX, with openpyxl): one sheet per kind, in the shape of the
CSV files -- a header naming the fields, one row per record, lists and mappings as JSON inside
their cell -- and read back by the same rules, problems named by sheet, row and column.

Every cell is written as text (a value that starts with "=" stays text, never a formula), so that
export → import → export gives the same cells. A cell a person typed as a number or a date in
Excel is read as its text (``2017``, ``2017-05-22``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile, ZipInfo

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from liaison.errors import InvalidRequest, ProblemList
from liaison.registry.schema import KINDS, Dataset


def read_workbook(data: bytes, problems: ProblemList) -> tuple[dict[str, Any], dict[Any, int]]:
    """The records of every sheet named after a kind, and the row of each record."""
    from liaison.registry.reader import table_records

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        problems.add(f"not an XLSX workbook: {exc}")
        problems.raise_if_any()
    found: dict[str, Any] = {}
    lines: dict[Any, int] = {}
    for sheet in book.worksheets:
        if sheet.title not in KINDS:
            problems.add(
                f"the sheet '{sheet.title}' is not named after a kind: use {', '.join(KINDS)}"
            )
            continue
        rows = sheet.iter_rows(values_only=True)
        header = [_text(c) for c in next(rows, ())]
        while header and header[-1] == "":
            header.pop()
        found[sheet.title] = table_records(
            sheet.title, header, _numbered(rows, len(header)), problems, lines
        )
    book.close()
    problems.raise_if_any()
    return found, lines


def _numbered(rows: Iterator[tuple[Any, ...]], width: int) -> Iterator[tuple[int, list[str]]]:
    """Each row that holds something, with its row number, its empty trailing cells dropped."""
    for number, row in enumerate(rows, start=2):
        cells = [_text(c) for c in row]
        while len(cells) > width and cells[-1] == "":
            cells.pop()
        if any(cells):
            yield number, cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_workbook(
    tables: Mapping[str, Iterable[dict[str, Any]]] | Iterable[tuple[str, Iterable[dict[str, Any]]]],
    path: Path,
) -> Path:
    """One sheet per kind, header in bold and frozen; every cell as text. The records are
    written as they come (openpyxl's write-only mode), so a large registry is not held."""
    import json

    from openpyxl.cell import WriteOnlyCell

    pairs = tables.items() if isinstance(tables, Mapping) else tables
    book = Workbook(write_only=True)
    for kind, records in pairs:
        sheet = book.create_sheet(kind)
        model = Dataset.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
        columns = list(model.model_fields)
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, column)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for record in records:
            row = []
            for column in columns:
                value = record.get(column)
                if isinstance(value, list | dict):
                    value = json.dumps(value, ensure_ascii=False)
                text = _cell(value)
                cell = WriteOnlyCell(sheet, text)
                if text is not None:
                    cell.data_type = "s"  # text, even "=SUM(A1)" or "2017"
                row.append(cell)
            sheet.append(row)
    # The same records give the same bytes: fixed document dates, and zip entries re-stamped.
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_stamped(buffer.getvalue()))
    return path


#: The time written into every workbook (the registry's records carry their own dates).
FIXED_TIME = datetime(2000, 1, 1)


def _stamped(data: bytes) -> bytes:
    """The zip archive with every entry dated :data:`FIXED_TIME`, in the same order."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            stamped = ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            stamped.compress_type = ZIP_DEFLATED
            stamped.external_attr = entry.external_attr
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl dates it when it saves
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    content,
                )
            target.writestr(stamped, content)
    return out.getvalue()


def _cell(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        raise InvalidRequest(f"a control character cannot be written to XLSX: {text[:40]!r}")
    return text
