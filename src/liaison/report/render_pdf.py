"""The report as PDF, laid out like an ITU Council information document (reportlab platypus).

``render_pdf(report)`` returns the bytes of an A4 PDF with 2 cm margins: a first-page title
block (organization and period on the left, document symbol and date on the right), "Report by
the Secretary-General", the title in bold, the Summary and Action required in a box, a rule,
then numbered sections and paragraphs on hanging indents, bullets, tables whose header row is
repeated when they break across pages, figures scaled to the text width with their captions,
the annex of sources on a new page, and "Page N of M" in the footer of every page.

The text is set in DejaVu Sans, bundled with matplotlib, so every glyph a report may hold (’ –
“ ” and accented names) prints without depending on system fonts. As in the DOCX, a span new
since the previous period is bold and followed by an italic "(new)", and a span whose record
has a URL in ``report.record_urls`` becomes a link annotation.

reportlab ships no type hints: its names are imported untyped here and in
:mod:`liaison.report.pdf_styles`, and kept inside these two modules.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any, Final

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from liaison.report.document import (
    ANNEX_TITLE,
    NEW_MARKER,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Section,
    Table,
    Text,
)
from liaison.report.pdf_styles import (
    HEADER_FILL,
    LINK_COLOR,
    MARGIN,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    canvas_maker,
    paragraph_styles,
    register_fonts,
)
from liaison.report.sources import safe_url

__all__ = ["render_pdf"]

# Embed images as compressed binary, not ASCII85 text: a quarter smaller and much faster to write.
rl_config.useA85 = 0

WORD_JOINER: Final = "\u2060"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_pdf(report: Report) -> bytes:
    """The report as the bytes of a PDF file."""
    register_fonts()
    styles = paragraph_styles()
    story = _Story(report, styles).flowables()
    out = io.BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report.title,
        author=report.author,
        subject=report.period,
        creator="Liaison",
        pageCompression=1,
        keywords=report.symbol or "",
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        TEXT_WIDTH,
        TEXT_HEIGHT,
        id="text",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(story, canvasmaker=canvas_maker(report.symbol or ""))
    return out.getvalue()


# --- The story -------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    text = _XML_INVALID.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\t", " ").replace("\n", "<br/>")


def _link(url: str, markup: str) -> str:
    href = _escape(url).replace('"', "&quot;")
    return f'<a href="{href}" color="{LINK_COLOR}"><u>{markup}</u></a>'


def _markup(spans: Text, urls: dict[str, str]) -> str:
    """The spans as paragraph markup: links, and new items in bold with "(new)"."""
    parts: list[str] = []
    for span in spans:
        new = span.new and bool(span.text.strip())
        text = span.text.rstrip() if new else span.text
        markup = _escape(text)
        if new:
            markup = f"<b>{markup}</b>"
        url = safe_url(urls.get(span.record_id)) if span.record_id else None
        if url is not None and text:
            markup = _link(url, markup)
        parts.append(markup)
        if new:
            parts.append(f" <i>{NEW_MARKER}</i>{_escape(span.text[len(text) :])}")
    markup = "".join(parts)
    if markup.startswith("<a "):
        # reportlab shifts the underline of a paragraph's later lines by its left indent when
        # the paragraph opens with underlined text; an invisible word joiner first avoids it.
        markup = WORD_JOINER + markup
    return markup


class _Story:
    """The report as a list of platypus flowables."""

    def __init__(self, report: Report, styles: dict[str, Any]) -> None:
        self.report = report
        self.styles = styles
        self.tables = 0
        self.figures = 0

    def para(self, markup: str, style: str, bullet: str | None = None) -> Any:
        return PdfParagraph(markup, self.styles[style], bulletText=bullet)

    def text(self, spans: Text, style: str, bullet: str | None = None) -> Any:
        return self.para(_markup(spans, self.report.record_urls), style, bullet)

    def flowables(self) -> list[Any]:
        story = self.title_block()
        for section in self.report.sections:
            story.extend(self.section(section))
        story.extend(self.annex())
        return story

    def title_block(self) -> list[Any]:
        report = self.report
        left_lines, right_lines = report.title_lines()
        left = [
            self.para(_escape(line), "block_bold" if i == 0 else "block")
            for i, line in enumerate(left_lines)
        ]
        right = [
            self.para(_escape(line), "block_right_bold" if i == 0 else "block_right")
            for i, line in enumerate(right_lines)
        ]
        block = PdfTable([[left, right]], colWidths=[TEXT_WIDTH * 0.6, TEXT_WIDTH * 0.4])
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story: list[Any] = [
            block,
            self.para(_escape(report.author), "report_by"),
            self.para(_escape(report.title), "title"),
        ]
        story.extend(self.summary_box())
        story.append(
            HRFlowable(
                width=3 * cm,
                thickness=0.6,
                color=colors.black,
                spaceBefore=8,
                spaceAfter=14,
                hAlign="CENTER",
            )
        )
        if report.legend:
            story.append(self.para(_escape(report.legend), "note"))
        return story

    def summary_box(self) -> list[Any]:
        """Purpose, Summary and Action required in a ruled box (one row a paragraph, so a long
        summary can still break across pages)."""
        report = self.report
        parts: list[tuple[str, list[str]]] = []
        if report.purpose:
            parts.append(("Purpose", [_escape(report.purpose)]))
        for heading, paragraphs in (
            ("Summary", report.summary),
            ("Action required", report.action_required),
        ):
            if paragraphs:
                parts.append((heading, [_numbered(p, report.record_urls) for p in paragraphs]))
        if report.references:
            parts.append(("References", [_escape(report.references_text())]))
        if not parts:
            return []
        rows: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ]
        for heading, markups in parts:
            commands.append(("TOPPADDING", (0, len(rows)), (-1, len(rows)), 7))
            rows.append([self.para(heading, "box_heading")])
            rows.extend([self.para(markup, "summary")] for markup in markups)
        box = PdfTable(rows, colWidths=[TEXT_WIDTH])
        box.setStyle(TableStyle(commands))
        return [box]

    def section(self, section: Section) -> list[Any]:
        if section.number:
            number = f"{section.number.rstrip('.')}."
            story = [self.para(_escape(section.title), "heading", _escape(number))]
        else:
            story = [self.para(_escape(section.title), "heading_plain")]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if block.number:
                    story.append(self.text(block.spans, "numbered", _escape(block.number)))
                else:
                    story.append(self.text(block.spans, "paragraph"))
            elif isinstance(block, BulletList):
                story.extend(self.text(item, "bullet", "•") for item in block.items)
            elif isinstance(block, Table):
                story.extend(self.table(block))
            else:
                story.append(self.figure(block))
        return story

    def table(self, table: Table) -> list[Any]:
        """A table with a shaded header row, repeated on each page; a cell's lines are its own
        paragraphs, and a tall row may break across pages between two lines."""
        self.tables += 1
        caption = f"Table {self.tables}"
        if table.caption:
            caption += f" – {table.caption}"
        # Start on a new page rather than leave the caption alone at the foot of one.
        story: list[Any] = [CondPageBreak(4 * cm), self.para(_escape(caption), "table_caption")]
        columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
        if columns == 0:
            return story
        urls = self.report.record_urls
        data: list[list[Any]] = []
        if table.header:
            header = [*table.header, *[""] * (columns - len(table.header))]
            data.append([self.para(_escape(text), "cell_heading") for text in header])
        for row in table.rows:
            cells = [*row, *[()] * (columns - len(row))]
            data.append(
                [[self.para(_markup(line, urls), "cell", "•") for line in cell] for cell in cells]
            )
        grid = _ClosedTable(
            data,
            colWidths=[TEXT_WIDTH / columns] * columns,
            repeatRows=1 if table.header else 0,
            splitInRow=2 * cm,  # a row may break across pages, leaving at least 2 cm each side
            hAlign="CENTER",
        )
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if table.header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
        grid.setStyle(TableStyle(commands))
        story.append(grid)
        story.append(Spacer(1, 10))
        return story

    def figure(self, figure: Figure) -> Any:
        self.figures += 1
        width = min(figure.width_cm * cm, TEXT_WIDTH)
        pixels_wide, pixels_high = _png_size(figure.png)
        height = width * pixels_high / pixels_wide
        if height > TEXT_HEIGHT * 0.8:  # a tall picture: fit the page instead
            width, height = width * TEXT_HEIGHT * 0.8 / height, TEXT_HEIGHT * 0.8
        picture = Image(io.BytesIO(figure.png), width=width, height=height)
        caption = f"Figure {self.figures}"
        if figure.caption:
            caption += f" – {figure.caption}"
        return KeepTogether([Spacer(1, 4), picture, self.para(_escape(caption), "caption")])

    def annex(self) -> list[Any]:
        sources = self.report.sources
        if not sources:
            return []
        story: list[Any] = [PageBreak(), self.para(_escape(ANNEX_TITLE), "heading_plain")]
        for source in sources:
            markup = _escape(source.citation)
            if source.url:
                markup += (", " if markup else "") + _link(source.url, _escape(source.url))
            if source.paragraphs:
                markup += _escape(f" ({source.cited_for()})")
            story.append(self.para(markup, "source", f"{source.number}."))
        return story


class _ClosedTable(PdfTable):  # type: ignore[misc]
    """A table that rules off each part it is split into (reportlab leaves them open when a row
    is split more than once)."""

    def split(self, width: float, height: float) -> list[Any]:
        parts: list[Any] = super().split(width, height)
        if len(parts) == 2:
            parts[0].setStyle([("LINEBELOW", (0, -1), (-1, -1), 0.75, colors.black)])
        return parts


def _numbered(paragraph: Paragraph, urls: dict[str, str]) -> str:
    """An unindented paragraph's markup, its number (if any) leading."""
    prefix = f"{_escape(paragraph.number)} " if paragraph.number else ""
    return prefix + _markup(paragraph.spans, urls)


def _png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG's header (reportlab's reader as a fallback)."""
    if png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR":
        width, height = struct.unpack(">II", png[16:24])
        if width and height:
            return int(width), int(height)
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]

    size: tuple[int, int] = ImageReader(io.BytesIO(png)).getSize()
    return size
