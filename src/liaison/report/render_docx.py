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

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from liaison.report.document import (
    ANNEX_TITLE,
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
from liaison.report.docx_styles import STYLES, TEXT_WIDTH, define_styles, set_up_page
from liaison.report.docx_xml import AFTER_TC_SHD, field, run, sub
from liaison.report.sources import safe_url

__all__ = ["STYLES", "render_docx"]

RULE: Final = "____________"


def render_docx(report: Report) -> bytes:
    """The report as the bytes of a ``.docx`` file."""
    document = docx.Document()
    set_up_page(document)
    styles = define_styles(document)
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
        ppr = sub(p, "w:pPr")
        sub(ppr, "w:pStyle", {"w:val": self.styles[style]})
        return p

    def run(self, parent: BaseOxmlElement, text: str, style: str | None = None) -> BaseOxmlElement:
        # The module-level helper from docx_xml, not this method.
        return run(parent, text, None if style is None else self.styles[style])

    def link(self, parent: BaseOxmlElement, url: str) -> BaseOxmlElement:
        """A ``<w:hyperlink>`` to ``url`` in ``parent``, to put runs into."""
        rid = self.links.get(url)
        if rid is None:
            rid = self.links[url] = self.part.relate_to(
                url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
            )
        return sub(parent, "w:hyperlink", {"r:id": rid, "w:history": "1"})

    def spans(self, p: BaseOxmlElement, spans: Text) -> None:
        """The spans as runs: links to their records' pages, new items bold with "(new)"."""
        urls = self.report.record_urls
        for span in spans:
            new = span.new and not _blank(span.text)
            text = span.text.rstrip() if new else span.text
            url = safe_url(urls.get(span.record_id)) if span.record_id else None
            if url is not None and text:
                r = self.run(self.link(p, url), text, "Hyperlink")
                if new:
                    sub(r[0], "w:b")  # r[0] is the run's <w:rPr>
            else:
                self.run(p, text, "new" if new else None)
            if new:
                self.run(p, " " + NEW_MARKER, "new_marker")
                if trailing := span.text[len(text) :]:
                    self.run(p, trailing)

    def caption(self, kind: str, number: int, text: str) -> BaseOxmlElement:
        p = self.paragraph("Caption")
        self.run(p, f"{kind} ")
        field(p, f"SEQ {kind} \\* ARABIC", str(number))
        if text:
            self.run(p, f" – {text}")
        return p

    # Parts of the report

    def title_block(self) -> None:
        report = self.report
        left, right = report.title_lines()
        for i in range(max(len(left), len(right))):
            p = self.paragraph("title_block")
            strong = "Strong" if i == 0 else None
            self.run(p, left[i] if i < len(left) else "", strong)
            if i < len(right):
                self.run(p, "\t")
                self.run(p, right[i], strong)
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
        if report.references:
            references = report.references_text()
            parts.append(("References", [Paragraph(spans=(Span(references),))]))
        for heading, paragraphs in parts:
            self.run(self.paragraph("box_heading"), heading)
            for paragraph in paragraphs:
                p = self.paragraph("summary")
                if paragraph.number:
                    self.run(p, f"{paragraph.number} ")
                self.spans(p, paragraph.spans)
        self.run(self.paragraph("rule"), RULE)
        if report.legend:
            self.run(self.paragraph("note"), report.legend)

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
        sub(caption[0], "w:keepNext")
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
            sub(trpr, "w:cantSplit")
            sub(trpr, "w:tblHeader")  # repeated at the top of each page
            for cell, text in zip(row.cells, table.header, strict=False):
                cell.width = width
                tcpr = cell._tc.get_or_add_tcPr()
                shading = tcpr.makeelement(
                    qn("w:shd"),
                    {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "D9D9D9"},
                )
                tcpr.insert_element_before(shading, *AFTER_TC_SHD)
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
        sub(p[0], "w:pageBreakBefore")
        self.run(p, ANNEX_TITLE)
        for source in self.report.sources:
            p = self.paragraph("source")
            self.run(p, f"{source.number}.\t{source.citation}")
            if source.url:
                self.run(p, ", " if source.citation else "")
                self.run(self.link(p, source.url), source.url, "Hyperlink")
            if source.paragraphs:
                self.run(p, f" ({source.cited_for()})")


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
    run(p, f"{report.symbol or ''}\tPage ")
    field(p, "PAGE", "1")
    run(p, " of ")
    field(p, "NUMPAGES", "1")


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
