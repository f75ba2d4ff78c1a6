"""Reading a PDF's text layer (with PDFium) into blocks, page by page.

Each page's text comes as positioned runs; runs on one baseline make a line, lines are read
top to bottom. Running headers and footers are dropped: a line among the first or last three of
a page that recurs (digits aside) on most pages, or that is a bare page number ("4", "- 4 -",
"Page 4 of 9"), at the same height on the page; they are kept aside for the document's symbol
and date. A paragraph ends at a wider gap between lines than the page's usual line spacing, at
a change of font size or of indent by a quarter of the line, after a line that stops well short
of where the page's lines usually end, and before a line that starts with a number (``5.3``)
or a bullet; one that ends a page without a stop goes on at the top of the next page when that
starts in lower case. A word hyphenated at
a line end is joined again when the next line goes on in lower case ("inter-" / "agency" gives
"interagency"); otherwise the hyphen stays ("UN-" / "Women" gives "UN-Women").

A PDF with no text at all is refused: scanned (its pages hold images), or blank. A
password-protected PDF is refused too; one that opens without a password is read.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pypdfium2  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from liaison.ingest.reading import BULLET, Block, Found, problem, split_number

_HYPHENS = ("-", "\x02", "\ufffe", "\xad")
_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(of|/)\s*\d{1,4})?$", re.I)
_EDGE = 3  # lines at the top and at the bottom of a page where headers and footers are


@dataclass
class _Line:
    text: str
    top: float  # of the font's box, not of the glyphs: the same for every line of a font
    bottom: float
    left: float
    right: float
    size: float  # the font size


def _page_lines(page: Any) -> list[_Line]:
    """The lines of one page, top to bottom: runs whose vertical middles are close are one
    line, read left to right."""
    textpage = page.get_textpage()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ")
        if not text.strip():
            continue
        size = top - bottom
        index = textpage.get_index(left + 0.5, (top + bottom) / 2, 2, 2)
        if index is not None and index >= 0:
            _, bottom, _, top = textpage.get_charbox(index, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) or size
        runs.append(_Line(text.replace("\n", " ").strip(), top, bottom, left, right, size))
    textpage.close()
    runs.sort(key=lambda r: (-(r.top + r.bottom) / 2, r.left))
    lines: list[list[_Line]] = []
    for run in runs:
        middle = (run.top + run.bottom) / 2
        last = lines[-1][-1] if lines else None
        if last and abs(middle - (last.top + last.bottom) / 2) < 0.5 * (last.top - last.bottom):
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for parts in lines:
        parts.sort(key=lambda r: r.left)
        out.append(
            _Line(
                " ".join(p.text for p in parts),
                max(p.top for p in parts),
                min(p.bottom for p in parts),
                parts[0].left,
                max(p.right for p in parts),
                max(p.size for p in parts),
            )
        )
    return out


def _key(line: _Line) -> tuple[str, int]:
    """A line's text with digits blanked, and its height on the page to 10 points."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split())), round(line.top / 10)


def _furniture(pages: list[list[_Line]]) -> tuple[list[list[_Line]], list[str]]:
    """The pages without their running headers, footers and page numbers; and those lines."""
    edges = [page[:_EDGE] + page[-_EDGE:] for page in pages]
    counts = Counter(key for edge in edges for key in {_key(line) for line in edge})
    threshold = max(2, math.ceil(0.6 * len(pages)))
    repeated = {key for key, count in counts.items() if count >= threshold and len(pages) > 1}
    kept, dropped = [], []
    for page in pages:
        keep = []
        for i, line in enumerate(page):
            edge = i < _EDGE or i >= len(page) - _EDGE
            if edge and (_key(line) in repeated or _PAGE_NUMBER.match(line.text.strip())):
                if line.text not in dropped:
                    dropped.append(line.text)
            else:
                keep.append(line)
        kept.append(keep)
    return kept, dropped


def _join(text: str, more: str) -> str:
    if text.endswith(_HYPHENS):
        if text[-2:-1].isalpha() and more[:1].islower():
            return text[:-1] + more
        return text[:-1] + "-" + more
    return text + " " + more


def _starts_block(text: str) -> bool:
    return bool(BULLET.match(text)) or split_number(text)[0] is not None


def _blocks(pages: list[list[_Line]]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for number, lines in enumerate(pages, 1):
        pitches = [a.bottom - b.bottom for a, b in pairwise(lines)]
        usual = statistics.median([p for p in pitches if p > 0] or [0.0])
        margin = min((line.left for line in lines), default=0.0)
        measure = statistics.median([line.right for line in lines] or [margin]) - margin
        previous: _Line | None = None
        for line in lines:
            text = line.text
            if previous is None:
                new = (
                    current is None
                    or current.text.endswith((".", ":", ";", "!", "?"))
                    or not text[:1].islower()
                )
            else:
                gap = previous.bottom - line.bottom
                size = abs(line.size - previous.size) > 0.15 * max(previous.size, 1.0)
                short = previous.right - margin < 0.75 * measure
                moved = abs(line.left - previous.left) > 0.25 * measure
                new = gap <= 0 or gap > 1.35 * usual + 0.5 or size or short or moved
            if new or current is None or _starts_block(text):
                current = Block(text, page=number)
                blocks.append(current)
            else:
                current.text = _join(current.text, text)
            previous = line
    for block in blocks:
        for mark in _HYPHENS[1:3]:
            block.text = block.text.replace(mark, "-")
    return blocks


def _has_images(pdf: Any) -> bool:
    for i in range(len(pdf)):
        if next(iter(pdf[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])), None):
            return True
    return False


def read_pdf(data: bytes, name: str) -> Found:
    """The blocks of a PDF file's bytes, with the title its properties state."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise problem(name, "is password-protected: remove the password first") from None
        raise problem(
            name, "is not a valid PDF file: it is damaged, or another kind of file named .pdf"
        ) from None
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
        if not any(pages):
            if _has_images(pdf):
                raise problem(name, "has no text layer: it looks scanned; run OCR first")
            raise problem(name, "has no text: its pages are blank")
        title = str(pdf.get_metadata_dict().get("Title") or "").strip() or None
    except pypdfium2.PdfiumError:
        raise problem(name, "is not a valid PDF file: a page cannot be read") from None
    finally:
        pdf.close()
    kept, dropped = _furniture(pages)
    return Found(_blocks(kept), title=title, extra_lines=dropped)
