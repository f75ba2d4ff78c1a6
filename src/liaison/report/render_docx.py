"""The report as a Word document (DOCX), laid out like an ITU Council information document.

``render_docx(report)`` returns the bytes of a ``.docx`` that opens in Word and LibreOffice:
A4 with 2 cm margins, a title block (organization, period, document symbol, date), "Report by
the Secretary-General", the title, a boxed Summary / Action required, a rule, numbered sections
(``1.<TAB>Introduction``) with numbered paragraphs (``1.1<TAB>text`` on a hanging indent),
bullets, real Word tables with a repeated header row, pictures with numbered captions, a
"Page N of M" footer and the annex of sources.

Everything is styled through named styles, so an editor can restyle the document in Word:
built-in *Title*, *Heading 1*, *List Bullet*, *Caption*, *Table Grid*, *Hyperlink* and *Footer*
(restyled to a sober black Calibri), plus the custom styles named in :data:`STYLES`.

A span that states a record new since the previous period is set in bold and followed by an
italic "(new)" — weight and a word, so the marking survives greyscale print and reading aloud.
A span whose record has a URL in ``report.record_urls`` becomes a hyperlink.

Speed: python-docx costs about a millisecond per paragraph through its object API, so the
paragraphs, runs and hyperlinks are built directly as WordprocessingML elements (``_Body``);
python-docx still does the package, styles, pictures and tables.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from liaison.report.document import (
    ANNEX_TITLE,
    NEW_LEGEND,
    NEW_MARKER,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Section,
    Span,
    Table,
    Text,
)

__all__ = ["STYLES", "render_docx"]

RULE: Final = "____________"

FONT: Final = "Calibri"
BLACK: Final = RGBColor(0, 0, 0)
LINK_COLOR: Final = RGBColor(0x1F, 0x3F, 0x7F)  # dark blue: reads as near-black in greyscale
PAGE_WIDTH: Final = Cm(21.0)
PAGE_HEIGHT: Final = Cm(29.7)
MARGIN: Final = Cm(2.0)
TEXT_WIDTH: Final = Cm(17.0)
HANGING: Final = Cm(1.25)  # where the text of "1.1<TAB>text" starts

# The custom styles this renderer defines, by role.
STYLES: Final = {
    "title_block": "Liaison Title Block",
    "report_by": "Liaison Report By",
    "box_heading": "Liaison Box Heading",
    "summary": "Liaison Summary",
    "rule": "Liaison Rule",
    "note": "Liaison Note",
    "numbered": "Liaison Numbered Paragraph",
    "paragraph": "Liaison Paragraph",
    "figure": "Liaison Figure",
    "table_heading": "Liaison Table Heading",
    "table_item": "Liaison Table Item",
    "source": "Liaison Source",
    "new": "Liaison New",
    "new_marker": "Liaison New Marker",
    "records": "Liaison Records",
}

# Characters XML 1.0 cannot carry (lxml refuses them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("([\t\n])")
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"

# What may follow <w:pBdr> in <w:pPr>, in schema order.
_AFTER_PBDR: Final = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# What may follow <w:shd> in <w:tcPr>, in schema order.
_AFTER_TC_SHD: Final = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign")


def render_docx(report: Report) -> bytes:
    """The report as the bytes of a ``.docx`` file."""
    document = docx.Document()
    _set_up_page(document)
    styles = _define_styles(document)
    body = _Body(document, report, styles)
    body.title_block()
    body.summary_box()
    for section in report.sections:
        body.section(section)
    body.annex()
    _add_footer(document, report)
    _set_properties(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Page and styles -----------------------------------------------------------------------


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.0)


def _sub(parent: BaseOxmlElement, tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new ``tag`` element appended to ``parent`` (``tag`` as ``w:name``)."""
    child: BaseOxmlElement = parent.makeelement(
        qn(tag), {qn(k): v for k, v in (attrs or {}).items()}
    )
    parent.append(child)
    return child


def _text(r: BaseOxmlElement, text: str) -> None:
    t = _sub(r, "w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")


def _run(parent: BaseOxmlElement, text: str, style_id: str | None = None) -> BaseOxmlElement:
    """A run of ``text`` (tabs and line breaks as such) in character style ``style_id``."""
    r = _sub(parent, "w:r")
    if style_id is not None:
        _sub(_sub(r, "w:rPr"), "w:rStyle", {"w:val": style_id})
    text = _XML_INVALID.sub("", text)
    if "\t" not in text and "\n" not in text:
        _text(r, text)
        return r
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            _sub(r, "w:tab")
        elif piece == "\n":
            _sub(r, "w:br")
        elif piece:
            _text(r, piece)
    return r


def _field(p: BaseOxmlElement, instruction: str, result: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``, ``SEQ Figure``) with its cached result."""
    _sub(_sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "begin"})
    instr = _sub(_sub(p, "w:r"), "w:instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    _sub(_sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "separate"})
    _run(p, result)
    _sub(_sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "end"})


def _plain_font(style: BaseStyle, size: float | None = None) -> None:
    """Black Calibri for ``style``: drops the template's theme fonts and colours."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.color.rgb = BLACK
    if size is not None:
        font.size = Pt(size)


def _box_border(style: ParagraphStyle) -> None:
    """A single-line box; consecutive paragraphs with the same box share one frame."""
    ppr = style.element.get_or_add_pPr()
    borders = ppr.makeelement(qn("w:pBdr"), {})
    for side in ("top", "left", "bottom", "right"):
        _sub(
            borders,
            f"w:{side}",
            {"w:val": "single", "w:sz": "6", "w:space": "4", "w:color": "000000"},
        )
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    fmt = style.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(0.2)


def _define_styles(document: DocxDocument) -> dict[str, str]:
    """Restyle the built-in styles used and add the custom ones; the style ids by role."""
    styles = document.styles

    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            fonts.attrib.clear()
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), FONT)
        lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            lang.set(qn("w:val"), "en-GB")

    def paragraph_style(name: str, base: str = "Normal") -> ParagraphStyle:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _plain_font(normal, 11)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    _plain_font(title, 14)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.space_after = Pt(18)

    heading = styles["Heading 1"]
    assert isinstance(heading, ParagraphStyle)
    _plain_font(heading, 12)
    heading.font.bold = True
    fmt = heading.paragraph_format
    fmt.space_before = Pt(12)
    fmt.space_after = Pt(6)
    fmt.left_indent = HANGING
    fmt.first_line_indent = -HANGING
    fmt.tab_stops.add_tab_stop(HANGING)
    fmt.keep_with_next = True

    bullet = styles["List Bullet"]
    assert isinstance(bullet, ParagraphStyle)
    bullet.paragraph_format.space_after = Pt(3)

    caption = styles["Caption"]
    assert isinstance(caption, ParagraphStyle)
    _plain_font(caption, 10)
    caption.font.bold = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(12)

    footer = styles["Footer"]
    assert isinstance(footer, ParagraphStyle)
    tabs = footer.paragraph_format.tab_stops
    tabs.clear_all()
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer.font.size = Pt(9)

    grid = styles["Table Grid"]
    grid.hidden = False

    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.base_style = styles["Default Paragraph Font"]
        link.font.color.rgb = LINK_COLOR
        link.font.underline = WD_UNDERLINE.SINGLE
        link.unhide_when_used = True

    block = paragraph_style(STYLES["title_block"])
    block.paragraph_format.space_after = Pt(0)
    block.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    report_by = paragraph_style(STYLES["report_by"])
    report_by.font.size = Pt(12)
    report_by.font.bold = True
    report_by.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    report_by.paragraph_format.space_before = Pt(24)
    report_by.paragraph_format.space_after = Pt(6)

    box_heading = paragraph_style(STYLES["box_heading"])
    box_heading.font.bold = True
    box_heading.paragraph_format.space_before = Pt(6)
    box_heading.paragraph_format.space_after = Pt(3)
    box_heading.paragraph_format.keep_with_next = True
    _box_border(box_heading)

    summary = paragraph_style(STYLES["summary"])
    _box_border(summary)

    rule = paragraph_style(STYLES["rule"])
    rule.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rule.paragraph_format.space_before = Pt(6)
    rule.paragraph_format.space_after = Pt(12)

    note = paragraph_style(STYLES["note"])
    note.font.italic = True
    note.font.size = Pt(9)

    numbered = paragraph_style(STYLES["numbered"])
    numbered.paragraph_format.left_indent = HANGING
    numbered.paragraph_format.first_line_indent = -HANGING
    numbered.paragraph_format.tab_stops.add_tab_stop(HANGING)

    paragraph = paragraph_style(STYLES["paragraph"])
    paragraph.paragraph_format.left_indent = HANGING

    figure = paragraph_style(STYLES["figure"])
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.space_after = Pt(0)
    figure.paragraph_format.keep_with_next = True

    table_heading = paragraph_style(STYLES["table_heading"])
    table_heading.font.bold = True
    table_heading.font.size = Pt(10)
    table_heading.paragraph_format.space_before = Pt(2)
    table_heading.paragraph_format.space_after = Pt(2)
    table_heading.paragraph_format.keep_with_next = True

    table_item = paragraph_style(STYLES["table_item"], base="List Bullet")
    # The bullet's numbering, stated again so no reader has to inherit it from List Bullet.
    bullet_numbering = bullet.element.pPr.numPr if bullet.element.pPr is not None else None
    if bullet_numbering is not None:
        table_item.element.get_or_add_pPr().insert_element_before(
            copy.deepcopy(bullet_numbering), "w:suppressLineNumbers", "w:pBdr", *_AFTER_PBDR
        )
    table_item.font.size = Pt(10)
    table_item.paragraph_format.space_after = Pt(2)

    source = paragraph_style(STYLES["source"])
    source.paragraph_format.left_indent = Cm(1.0)
    source.paragraph_format.first_line_indent = Cm(-1.0)
    source.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))

    new = styles.add_style(STYLES["new"], WD_STYLE_TYPE.CHARACTER)
    new.base_style = styles["Default Paragraph Font"]
    new.font.bold = True
    marker = styles.add_style(STYLES["new_marker"], WD_STYLE_TYPE.CHARACTER)
    marker.base_style = styles["Default Paragraph Font"]
    marker.font.italic = True
    records = styles.add_style(STYLES["records"], WD_STYLE_TYPE.CHARACTER)
    records.base_style = styles["Default Paragraph Font"]
    records.font.size = Pt(8.5)

    ids = {role: styles[name].style_id for role, name in STYLES.items()}
    for name in ("Title", "Heading 1", "List Bullet", "Caption", "Hyperlink", "Strong"):
        ids[name] = styles[name].style_id
    return ids


# --- The body --------------------------------------------------------------------------------


class _Body:
    """Appends the report's blocks to the document body as WordprocessingML."""

    def __init__(self, document: DocxDocument, report: Report, styles: dict[str, str]) -> None:
        self.document = document
        self.report = report
        self.styles = styles
        self.part = document.part
        self.end: BaseOxmlElement = document.element.body[-1]  # <w:sectPr>: insert before it
        self.links: dict[str, str] = {}  # url -> relationship id
        self.tables = 0
        self.figures = 0

    # Elements

    def paragraph(self, style: str, parent: BaseOxmlElement | None = None) -> BaseOxmlElement:
        """An empty paragraph of ``style`` (a role or built-in name) at the end of ``parent``."""
        p: BaseOxmlElement = self.end.makeelement(qn("w:p"), {})
        if parent is None:
            self.end.addprevious(p)
        else:
            parent.append(p)
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", {"w:val": self.styles[style]})
        return p

    def run(self, parent: BaseOxmlElement, text: str, style: str | None = None) -> BaseOxmlElement:
        return _run(parent, text, None if style is None else self.styles[style])

    def link(self, parent: BaseOxmlElement, url: str) -> BaseOxmlElement:
        """A ``<w:hyperlink>`` to ``url`` in ``parent``, to put runs into."""
        rid = self.links.get(url)
        if rid is None:
            rid = self.links[url] = self.part.relate_to(
                url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
            )
        return _sub(parent, "w:hyperlink", {"r:id": rid, "w:history": "1"})

    def spans(self, p: BaseOxmlElement, spans: Text) -> None:
        """The spans as runs: links to their records' pages, new items bold with "(new)"."""
        urls = self.report.record_urls
        for span in spans:
            new = span.new and not _blank(span.text)
            text = span.text.rstrip() if new else span.text
            url = urls.get(span.record_id) if span.record_id else None
            if url is not None and text:
                r = self.run(self.link(p, url), text, "Hyperlink")
                if new:
                    _sub(r[0], "w:b")  # r[0] is the run's <w:rPr>
            else:
                self.run(p, text, "new" if new else None)
            if new:
                self.run(p, " " + NEW_MARKER, "new_marker")
                if trailing := span.text[len(text) :]:
                    self.run(p, trailing)

    def caption(self, kind: str, number: int, text: str) -> BaseOxmlElement:
        p = self.paragraph("Caption")
        self.run(p, f"{kind} ")
        _field(p, f"SEQ {kind} \\* ARABIC", str(number))
        if text:
            self.run(p, f" – {text}")
        return p

    # Parts of the report

    def title_block(self) -> None:
        report = self.report
        p = self.paragraph("title_block")
        self.run(p, report.organization, "Strong")
        if report.symbol:
            self.run(p, "\t")
            self.run(p, f"Document {report.symbol}", "Strong")
        p = self.paragraph("title_block")
        if report.period:
            self.run(p, f"Period: {report.period}")
        self.run(p, f"\t{report.date}")
        self.run(self.paragraph("report_by"), report.author)
        self.run(self.paragraph("Title"), report.title)

    def summary_box(self) -> None:
        report = self.report
        parts: list[tuple[str, Iterable[Paragraph]]] = []
        if report.purpose:
            parts.append(("Purpose", [Paragraph(spans=(Span(report.purpose),))]))
        if report.summary:
            parts.append(("Summary", report.summary))
        if report.action_required:
            parts.append(("Action required", report.action_required))
        for heading, paragraphs in parts:
            self.run(self.paragraph("box_heading"), heading)
            for paragraph in paragraphs:
                p = self.paragraph("summary")
                if paragraph.number:
                    self.run(p, f"{paragraph.number} ")
                self.spans(p, paragraph.spans)
        self.run(self.paragraph("rule"), RULE)
        if report.has_new():
            self.run(self.paragraph("note"), NEW_LEGEND)

    def section(self, section: Section) -> None:
        p = self.paragraph("Heading 1")
        if section.number:
            self.run(p, f"{section.number.rstrip('.')}.\t{section.title}")
        else:
            self.run(p, section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if block.number:
                    p = self.paragraph("numbered")
                    self.run(p, f"{block.number}\t")
                else:
                    p = self.paragraph("paragraph")
                self.spans(p, block.spans)
            elif isinstance(block, BulletList):
                for item in block.items:
                    self.spans(self.paragraph("List Bullet"), item)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.figure(block)

    def table(self, table: Table) -> None:
        self.tables += 1
        caption = self.caption("Table", self.tables, table.caption)
        _sub(caption[0], "w:keepNext")
        columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
        if columns == 0:
            return
        header_rows = 1 if table.header else 0
        grid: DocxTable = self.document.add_table(rows=header_rows + len(table.rows), cols=columns)
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        table_width = grid._tbl.tblPr.find(qn("w:tblW"))
        if table_width is not None:
            table_width.set(qn("w:type"), "dxa")
            table_width.set(qn("w:w"), str(TEXT_WIDTH.twips))
        width = Length(TEXT_WIDTH // columns)
        for column in grid.columns:
            column.width = width
        rows = iter(grid.rows)
        if table.header:
            row = next(rows)
            trpr = row._tr.get_or_add_trPr()
            _sub(trpr, "w:cantSplit")
            _sub(trpr, "w:tblHeader")  # repeated at the top of each page
            for cell, text in zip(row.cells, table.header, strict=False):
                cell.width = width
                tcpr = cell._tc.get_or_add_tcPr()
                shading = tcpr.makeelement(
                    qn("w:shd"),
                    {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "D9D9D9"},
                )
                tcpr.insert_element_before(shading, *_AFTER_TC_SHD)
                self.cell(cell._tc, [(Span(text),)], "table_heading")
        for row, cells in zip(rows, table.rows, strict=False):
            for cell, lines in zip(row.cells, cells, strict=False):
                cell.width = width
                self.cell(cell._tc, lines, "table_item")

    def cell(self, tc: BaseOxmlElement, lines: Iterable[Text], style: str) -> None:
        """Fill a table cell: each line its own paragraph (a cell keeps at least one)."""
        empty = list(tc.iterchildren(qn("w:p")))
        for line in lines:
            self.spans(self.paragraph(style, parent=tc), line)
            for p in empty:
                tc.remove(p)
            empty = []

    def figure(self, figure: Figure) -> None:
        self.figures += 1
        p = self.paragraph("figure")
        width = Length(min(Cm(figure.width_cm), TEXT_WIDTH))
        run = DocxParagraph(p, self.document._body).add_run()
        shape = run.add_picture(io.BytesIO(figure.png), width=width)
        shape._inline.docPr.set("descr", figure.caption or figure.name)
        self.caption("Figure", self.figures, figure.caption)

    def annex(self) -> None:
        if not self.report.sources:
            return
        p = self.paragraph("Heading 1")
        _sub(p[0], "w:pageBreakBefore")
        self.run(p, ANNEX_TITLE)
        for source in self.report.sources:
            p = self.paragraph("source")
            self.run(p, f"{source.number}.\t{source.citation}")
            if source.url:
                self.run(p, " ")
                self.run(self.link(p, source.url), source.url, "Hyperlink")
            if source.record_ids:
                self.run(p, "\n" + _records_line(source.record_ids), "records")


def _records_line(record_ids: Iterable[str]) -> str:
    return f"Records: {', '.join(record_ids)}"


def _blank(text: str) -> bool:
    return not text.strip()


# --- Footer and properties -------------------------------------------------------------------


def _add_footer(document: DocxDocument, report: Report) -> None:
    """``C18/INF/10 ... Page N of M`` on every page, N and M as Word fields."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    p = paragraph._p
    _run(p, f"{report.symbol or ''}\tPage ")
    _field(p, "PAGE", "1")
    _run(p, " of ")
    _field(p, "NUMPAGES", "1")


def _set_properties(document: DocxDocument, report: Report) -> None:
    properties = document.core_properties
    properties.title = report.title
    properties.author = report.author
    properties.last_modified_by = report.author
    properties.subject = report.period
    properties.comments = report.purpose
    properties.identifier = report.symbol or ""
    properties.category = "Council report"
    properties.language = "en-GB"
    properties.keywords = report.symbol or ""
    properties.revision = 1
    now = datetime.now(UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    # The template's thumbnail shows a blank page: drop it rather than mislead file browsers.
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package_rels[rid]
