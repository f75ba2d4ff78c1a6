"""Reading a document into paragraphs that keep where they came from.

:func:`read_document` reads plain text, Markdown, HTML, DOCX and PDF files (by their extension)
into a :class:`DocumentText`: its paragraphs in reading order, each with its kind (heading,
paragraph, list item), its number as printed (``5.3``; Word's automatic numbering restored),
its page (PDF), the path of headings above it, the numbered paragraph a list item belongs to,
and the column heading of an item of a list laid out in columns; and the document's symbol,
title and date when its first lines state them. :func:`read_text` does the same for a text in
hand. Each format has its module (``reading_text``, ``reading_markup`` for Markdown and HTML,
``reading_docx``, ``reading_pdf``); they turn a document into :class:`Block` values and
:func:`assemble` gives them their structure.

Anything wrong with a file is one :class:`~liaison.errors.InvalidInput` naming the file and the
problem (missing, unreadable, empty, binary, password-protected, scanned, damaged), never a
traceback; a file that cannot be read at all (missing, a folder, not permitted) is its subclass
:class:`~liaison.errors.FileProblem`. How text files are decoded is told in
:mod:`liaison.ingest.reading_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from liaison.errors import FileProblem, InvalidInput, Problem

FORMATS = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph, heading or list item of a document, with where it came from."""

    index: int  # 0-based position among the document's paragraphs
    text: str  # whitespace folded; bullets and the printed number stripped
    kind: str  # "heading" | "paragraph" | "list-item"
    number: str | None = None  # as printed: "5.3", "(a)" (from the text, or Word's numbering)
    page: int | None = None  # 1-based, PDF only
    headings: tuple[str, ...] = ()  # the headings above it ("5. Inter-agency Coordination",)
    parent: str | None = None  # for list items: the number of the paragraph they belong to
    column: str | None = None  # for an item of a list laid out in columns: the column's heading
    item: int | None = None  # for list items: 1-based position among the items of their parent

    @property
    def locator(self) -> str:
        """How a source cites it: ``para. 5.3``, ``para. 5.3, item 7``, ``para. 5.3 (a)``,
        ``p. 4, para. 12`` (an unnumbered paragraph, or a list item under none, of a PDF: its
        page and 1-based position in the document), ``para. 12`` (the same elsewhere)."""
        if self.kind == "list-item":
            if self.parent is not None and self.number and self.number.startswith("("):
                return f"para. {self.parent} {self.number}"
            if self.parent is not None:
                return f"para. {self.parent}, item {self.number or self.item}"
        elif self.number is not None:
            return f"para. {self.number}"
        if self.page is not None:
            return f"p. {self.page}, para. {self.index + 1}"
        return f"para. {self.index + 1}"


@dataclass(frozen=True)
class DocumentText:
    """A document read into paragraphs, with what its first lines say about it."""

    name: str  # the file name as given
    format: str  # "text" | "markdown" | "html" | "docx" | "pdf"
    paragraphs: tuple[Paragraph, ...]
    symbol: str | None = None  # C18/INF/4, A/72/34, A/RES/72/200, JIU/REP/2016/1 …
    title: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD


@dataclass
class Block:
    """A piece of a document as a format reader finds it, before :func:`assemble`."""

    text: str
    kind: str | None = None  # forced by the format (a style, a tag); else inferred
    level: int | None = None  # heading level from a style or tag; 0 for the title
    number: str | None = None  # from Word's numbering or an ordered list
    page: int | None = None
    column: str | None = None


@dataclass
class Found:
    """What a format reader returns: blocks, and hints for the metadata."""

    blocks: list[Block]
    title: str | None = None  # stated by the format (DOCX core title, <h1>, "# ")
    symbol: str | None = None  # stated by the format (DOCX core identifier)
    extra_lines: list[str] = field(default_factory=list)  # page headers and footers


def problem(name: str, message: str) -> InvalidInput:
    """The error for a file that cannot be read as asked."""
    return InvalidInput([Problem(file=name, message=message)])


def read_document(path: Path) -> DocumentText:
    """Read the document at ``path`` by its extension (see :data:`FORMATS`)."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise problem(name, "is a Word 97-2003 document (.doc): save it as .docx first")
    if suffix not in FORMATS:
        raise problem(name, f"cannot read {suffix} files: use one of {', '.join(READABLE)}")
    data = _read_bytes(path)
    fmt = FORMATS[suffix]
    if fmt == "docx":
        from liaison.ingest.reading_docx import read_docx

        found = read_docx(data, name)
    elif fmt == "pdf":
        from liaison.ingest.reading_pdf import read_pdf

        found = read_pdf(data, name)
    else:
        from liaison.ingest.reading_text import decode

        return read_text(decode(data, name), name, fmt)
    return _document(name, fmt, found)


def read_text(text: str, name: str = "<text>", format: str = "text") -> DocumentText:
    """Read a text in hand as plain text, Markdown or HTML."""
    from liaison.ingest import reading_markup, reading_text

    readers = {
        "text": reading_text.plain_blocks,
        "markdown": reading_markup.markdown_blocks,
        "html": reading_markup.html_blocks,
    }
    if format not in readers:
        raise problem(name, f"cannot read {format} from text: use text, markdown or html")
    return _document(name, format, readers[format](text))


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    # A file that cannot be read at all is a FileProblem (exit 5), still an InvalidInput.
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem.at(name, "no such file") from None
    except IsADirectoryError:
        raise FileProblem.at(name, "is a folder, not a file") from None
    except PermissionError:
        raise FileProblem.at(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise FileProblem.at(name, f"cannot be read: {exc.strerror or exc}") from None
    if not data:
        raise problem(name, "is empty")
    return data


def _document(name: str, fmt: str, found: Found) -> DocumentText:
    from liaison.ingest.reading_text import metadata

    paragraphs = assemble(found.blocks, infer_headings=fmt in ("text", "pdf"))
    if not paragraphs:
        raise problem(name, "has no text")
    symbol, title, date = metadata(paragraphs, found)
    return DocumentText(name, fmt, paragraphs, symbol, title, date)


# --- From blocks to paragraphs ----------------------------------------------------------------

_ARTEFACT = re.compile(r"\[(?:bookmark|footnoteRef|endnoteRef|annotation)[^\]]*\]")
_RULE = re.compile(r"^[\s_=~*.\-–—]*$")
BULLET = re.compile(r"^[·•\-*▪◦‣●○■□–—\uf0b7\uf0a7](?:\s+|(?=\S{2}))")
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)([ \t]+)(?=\S)")
_ROMAN = re.compile(r"^([IVX]{1,5})\.[ \t]+(?=\S)")
_LETTERED = re.compile(r"^(\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)|[a-z]\))[ \t]+(?=\S)")
_END = (".", ";", ":", ",", "!", "?")


def clean(text: str) -> str:
    """Word artefacts removed and whitespace folded."""
    return " ".join(_ARTEFACT.sub("", text).split())


def split_number(text: str) -> tuple[str | None, str, bool]:
    """(number as printed, the rest, whether it is a lettered item) of a paragraph's text."""
    match = _NUMBER.match(text)
    if match and ("." in match[1] or match[2] or "\t" in match[3]):
        return match[1], text[match.end() :], False
    match = _ROMAN.match(text)
    if match:
        return match[1], text[match.end() :], False
    match = _LETTERED.match(text)
    if match:
        return match[1], text[match.end() :], True
    return None, text, False


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words and not text.endswith(_END)


def _title_like(text: str) -> bool:
    """A short line that could be an unmarked heading: a capital first, no final stop, mostly
    letters, no document symbol."""
    letters = sum(c.isalpha() for c in text)
    return (
        _short(text, 8)
        and text[:1].isupper()
        and letters >= 3
        and letters >= 0.6 * len(text.replace(" ", ""))
        and not re.search(r"/\S*\d", text)  # a document symbol
    )


def table_blocks(rows: list[list[list[Block]]], header: bool | None = None) -> list[Block]:
    """The blocks of a table given as rows of cells of blocks. When its first row holds column
    headings (``header``; when ``None``: at least two rows, and the first has two cells or
    more, each one short line), every block of the rows below is a list item of its column,
    read row by row, and the heading row itself is dropped; otherwise the cells' blocks are
    kept as they are, row by row."""
    rows = [row for row in rows if any(b.text.strip() for cell in row for b in cell)]
    if not rows:
        return []
    first = [[clean(b.text) for b in cell if b.text.strip()] for cell in rows[0]]
    if header is None:
        header = len(rows) >= 2 and len(first) >= 2
        header = header and all(len(cell) == 1 and _short(cell[0], 10) for cell in first)
    if not header or len(rows) < 2:
        return [b for row in rows for cell in row for b in cell]
    columns = [" ".join(cell) or None for cell in first]
    return [
        replace(b, kind="list-item", column=columns[c] if c < len(columns) else None)
        for row in rows[1:]
        for c, cell in enumerate(row)
        for b in cell
        if b.text.strip()
    ]


def assemble(blocks: list[Block], infer_headings: bool) -> tuple[Paragraph, ...]:
    """Paragraphs with their kind, number, headings path, parent and item position.

    A heading's ``headings`` are the headings above it; a numbered heading's level is the
    depth of its number (``5`` is 1, ``5.3`` is 2), a styled one's its style's. With
    ``infer_headings`` (plain text, PDF), a short line with a capital and no stop is a
    heading too, one level below the last numbered heading; a numbered paragraph (``5.4``)
    closes such inferred headings at or below its own depth."""
    paragraphs: list[Paragraph] = []
    path: list[tuple[int, str, bool]] = []  # level, label, inferred
    numbered_depth = 0  # depth of the last numbered heading: unmarked headings nest below it
    parent: str | None = None
    items = 0
    for block in blocks:
        raw = _ARTEFACT.sub("", block.text).strip()
        if not raw or _RULE.match(raw):
            continue
        kind = block.kind
        bullet = BULLET.match(raw)
        if bullet and kind != "heading":
            raw, kind = raw[bullet.end() :], "list-item"
        number, lettered = block.number, False
        if number is None:
            number, raw, lettered = split_number(raw)
        text = clean(raw)
        if not text:
            continue
        level, inferred = block.level, False
        if kind is None:
            if lettered:
                kind = "list-item"
            elif number is not None and _short(text, 12) and not text[:1].islower():
                kind, level = "heading", number.count(".") + 1
            elif number is None and infer_headings and _title_like(text):
                kind, level, inferred = "heading", numbered_depth + 1, True
            else:
                kind = "paragraph"
        elif kind == "heading" and level is None:
            level = number.count(".") + 1 if number and not lettered else numbered_depth + 1
        if kind == "paragraph" and number is not None and not lettered:
            depth = number.count(".") + 1
            while path and path[-1][2] and path[-1][0] >= depth:
                path.pop()
        paragraph = Paragraph(len(paragraphs), text, kind, number, block.page, column=block.column)
        if kind == "heading" and level:  # the title (level 0) heads the document, no section
            while path and path[-1][0] >= level:
                path.pop()
        paragraph = replace(paragraph, headings=tuple(entry[1] for entry in path))
        if kind == "heading":
            if level:
                path.append((level, f"{number}. {text}" if number else text, inferred))
                if number is not None:
                    numbered_depth = level
            parent, items = None, 0
        elif kind == "list-item":
            items += 1
            paragraph = replace(paragraph, parent=parent, item=items)
        elif number is not None:
            parent, items = number, 0
        paragraphs.append(paragraph)
    return tuple(paragraphs)
