"""Reading a Word document (DOCX) into blocks, with Word's automatic numbering restored.

The body is read in order, paragraphs and tables alike (and what content controls hold). A
paragraph's kind comes from its style: ``Heading 1``…``Heading 9`` (or an outline level) make
a heading of that level, ``Title`` the title; Word's numbering makes a bulleted paragraph a list
item and gives a numbered one its number as Word prints it.

Numbering is restored from ``numbering.xml`` as Word counts: a paragraph's ``w:numPr`` (its own,
or its style's) names a list (``numId``) and a level (``ilvl``); the list names an abstract
definition whose level has a start value, a format (decimal, letters, roman numerals, bullet)
and a text such as ``%1.%2``, where ``%n`` is the current count of level n. Counters belong to
the abstract definition (lists that share one continue each other's count), except for a list
that overrides start values, which counts on its own from those values; counting at a level
restarts the levels below it (unless ``w:lvlRestart`` says otherwise).

A table whose first row holds column headings (marked as a header row, or short cells) gives
list items with their column, the way a list laid out in columns is typed in Word.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

from liaison.ingest.reading import Block, Found, problem, table_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _val(element: Any, tag: str) -> str | None:
    found = None if element is None else element.find(W + tag)
    return None if found is None else found.get(W + "val")


def _roman(value: int) -> str:
    out = ""
    for amount, letters in _ROMAN:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _formatted(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = _LETTERS[(value - 1) % 26] * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(value).upper() if fmt == "upperRoman" else _roman(value)
    if fmt in ("none", "bullet"):
        return ""
    return f"{value:02d}" if fmt == "decimalZero" else str(value)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: 0 never; n: after a level above n is used
    legal: bool = False  # w:isLgl: every count printed in decimal
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


class Numbering:
    """Word's list definitions and the counters of a reading, in document order."""

    def __init__(self, element: Any, style_lists: dict[str, str]) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstract id -> the style its definition lives in
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> abstract, overrides
        self.style_lists = style_lists  # style id -> the numId its w:numPr names
        self.counters: dict[str, list[int | None]] = {}
        for definition in [] if element is None else element.iterfind(W + "abstractNum"):
            levels = {}
            for lvl in definition.iterfind(W + "lvl"):
                start, restart = _val(lvl, "start"), _val(lvl, "lvlRestart")
                levels[int(lvl.get(W + "ilvl", "0"))] = _Level(
                    int(start) if start and start.isdigit() else 1,
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    int(restart) if restart and restart.isdigit() else None,
                    lvl.find(W + "isLgl") is not None,
                    _val(lvl, "pStyle"),
                )
            key = definition.get(W + "abstractNumId", "")
            self.abstract[key] = levels
            link = _val(definition, "numStyleLink")
            if link:
                self.links[key] = link
        for num in [] if element is None else element.iterfind(W + "num"):
            overrides = {}
            for override in num.iterfind(W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start and start.isdigit():
                    overrides[int(override.get(W + "ilvl", "0"))] = int(start)
            self.lists[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)

    def _levels(self, abstract: str) -> dict[int, _Level]:
        link = self.links.get(abstract)
        if link and not self.abstract.get(abstract) and link in self.style_lists:
            linked = self.lists.get(self.style_lists[link])
            return self.abstract.get(linked[0], {}) if linked else {}
        return self.abstract.get(abstract, {})

    def level_of_style(self, num_id: str, style: str) -> int | None:
        """The level a list ties to a paragraph style (``w:pStyle``), if any."""
        abstract = self.lists.get(num_id, ("", {}))[0]
        return next((i for i, lvl in self._levels(abstract).items() if lvl.style == style), None)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(format, label as printed) of the next paragraph at level ``ilvl`` of list
        ``num_id``, counting it; ``None`` when the list is not defined."""
        if num_id not in self.lists:
            return None
        abstract, overrides = self.lists[num_id]
        levels = self._levels(abstract)
        if not levels:
            return None
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(
            f"num:{num_id}" if overrides else f"abstract:{abstract}", [None] * 10
        )

        def start(k: int) -> int:
            return overrides.get(k, levels.get(k, _Level()).start)

        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for k in range(ilvl + 1, len(counters)):
            restart = levels.get(k, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[k] = None

        def count(match: re.Match[str]) -> str:
            k = int(match[1]) - 1
            value = counters[k] if counters[k] is not None else start(k)
            fmt = "decimal" if level.legal else levels.get(k, _Level()).fmt
            return _formatted(value or 0, fmt)

        return level.fmt, re.sub(r"%(\d)", count, level.text)


def _styles(style: Any) -> Iterator[Any]:
    """A paragraph style and the styles it is based on."""
    seen = 0
    while style is not None and seen < 20:
        yield style
        style, seen = style.base_style, seen + 1


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the title, n for ``Heading n`` or outline level n - 1, else ``None``."""
    outline = _val(paragraph._p.pPr, "outlineLvl")
    for style in _styles(paragraph.style):
        name = style.name or ""
        if name.lower() == "title":
            return 0
        if match := _HEADING_STYLE.match(name):
            return int(match[1])
        outline = outline or _val(style.element.pPr, "outlineLvl")
    return int(outline) + 1 if outline and outline.isdigit() and int(outline) < 9 else None


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        style_lists = {}
        for style in document.styles:
            num_id = _val(getattr(style.element, "pPr", None), f"numPr/{W}numId")
            if num_id:
                style_lists[style.style_id] = num_id
        try:
            element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            element = None
        self.numbering = Numbering(element, style_lists)
        self.title: str | None = None

    def numbered(self, paragraph: Paragraph) -> tuple[str, str] | None:
        """The (format, label) Word prints before ``paragraph``, from its own ``w:numPr`` or
        its style's."""
        pr = paragraph._p.pPr
        num_pr = None if pr is None else pr.find(W + "numPr")
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        if num_id is None:
            for style in _styles(paragraph.style):
                num_id = _val(style.element.pPr, f"numPr/{W}numId")
                if num_id is not None:
                    ilvl = ilvl or _val(style.element.pPr, f"numPr/{W}ilvl")
                    if ilvl is None:
                        tied = self.numbering.level_of_style(num_id, style.style_id)
                        ilvl = None if tied is None else str(tied)
                    break
        if num_id is None or num_id == "0":
            return None
        return self.numbering.next_label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    def paragraph(self, paragraph: Paragraph) -> Block | None:
        text = paragraph.text
        level = _heading_level(paragraph)
        label = self.numbered(paragraph)  # counted even when empty, as Word does
        if not text.strip():
            return None
        block = Block(text, kind="heading" if level is not None else None, level=level)
        if level == 0 and self.title is None:
            self.title = " ".join(text.split())
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if label is not None:
            fmt, printed = label
            if fmt == "bullet":
                block.kind = block.kind or "list-item"
            elif printed.strip():
                block.number = printed.strip().rstrip(".") or None
                if "Letter" in fmt or "Roman" in fmt:
                    block.kind = block.kind or "list-item"
        elif style.startswith(("list bullet", "list number")):
            block.kind = block.kind or "list-item"
        return block

    def blocks(self, parent: Any, container: Any) -> Iterator[Block]:
        for child in container.iterchildren():
            if child.tag == W + "p":
                block = self.paragraph(Paragraph(child, parent))
                if block is not None:
                    yield block
            elif child.tag == W + "tbl":
                yield from self.table(Table(child, parent))
            elif child.tag == W + "sdt" and child.find(W + "sdtContent") is not None:
                yield from self.blocks(parent, child.find(W + "sdtContent"))

    def table(self, table: Table) -> list[Block]:
        rows: list[list[list[Block]]] = []
        for row in table.rows:
            cells: list[list[Block]] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(list(self.blocks(cell, cell._tc)))
            rows.append(cells)
        first = table._tbl.tr_lst[0] if table._tbl.tr_lst else None
        marked = first is not None and first.find(f"{W}trPr/{W}tblHeader") is not None
        return table_blocks(rows, header=True if marked else None)


def _margins(document: Any) -> list[str]:
    """The text of the page headers and footers (for the symbol and date)."""
    lines: list[str] = []
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer,
                     section.footer):  # fmt: skip
            if not part.is_linked_to_previous:
                texts = [p.text for p in part.paragraphs]
                texts += [c.text for t in part.tables for r in t.rows for c in r.cells]
                lines += [" ".join(t.split()) for t in texts if t.strip()]
    return lines


def read_docx(data: bytes, name: str) -> Found:
    """The blocks of a DOCX file's bytes, with its title and symbol where it states them."""
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        blocks = list(reader.blocks(document._body, document.element.body))
        margins = _margins(document)
        core = document.core_properties
        title, identifier = core.title, core.identifier
    except (zipfile.BadZipFile, PackageNotFoundError, zlib.error, EOFError):
        raise problem(
            name, "is not a valid DOCX file: it is damaged, or another kind of file named .docx"
        ) from None
    except KeyError:
        raise problem(name, "is not a valid DOCX file: a part it needs is missing") from None
    except XMLSyntaxError:
        raise problem(name, "is not a valid DOCX file: its XML is damaged") from None
    except ValueError as exc:
        raise problem(name, f"is not a valid DOCX file: {exc}") from None
    return Found(
        blocks,
        title=(title or "").strip() or reader.title,
        symbol=(identifier or "").strip() or None,
        extra_lines=margins,
    )
