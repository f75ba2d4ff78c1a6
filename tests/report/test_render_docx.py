"""The DOCX renderer: read the bytes back with python-docx and check the document's structure."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from liaison.report.document import NEW_MARKER, BulletList, Paragraph, Report, Section, Span
from liaison.report.render_docx import render_docx
from tests.report.sample import (
    INITIATIVES,
    MANAGEMENT_NETWORKS,
    NETWORKS_HEADER,
    SECTION_TITLES,
    THEMATIC_NETWORKS,
    empty_report,
    sample_report,
)

PARAGRAPHS = 40


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report(PARAGRAPHS)


@pytest.fixture(scope="module")
def document(report: Report) -> Document:
    data = render_docx(report)
    assert data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def _styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_title_block(document: Document, report: Report) -> None:
    texts = [p.text for p in document.paragraphs[:12]]
    assert texts[0] == f"{report.session}\tDocument {report.symbol}"
    assert texts[1] == f"{report.venue}\t{report.date}"
    assert texts[2] == f"\t{report.languages}"
    assert "Report by the Secretary-General" in texts
    assert _styled(document, "Title") == [report.title]
    headings = ["Purpose", "Summary", "Action required", "References"]
    assert _styled(document, "Liaison Box Heading") == headings
    assert "Documents C08/INF/8, C17/INF/10" in _styled(document, "Liaison Summary")
    assert report.legend in [p.text for p in document.paragraphs]
    summary = _styled(document, "Liaison Summary")
    assert summary[1].startswith("This report presents an overview of ITU’s activities")
    assert summary[2] == "This report is transmitted to the Council for information."
    assert _styled(document, "Liaison Rule") == ["____________"]


def test_headings_are_numbered_as_in_the_seed(document: Document) -> None:
    headings = _styled(document, "Heading 1")
    expected = [f"{n}.\t{title}" for n, title in enumerate(SECTION_TITLES, start=1)]
    assert headings == [*expected, "Annex: Sources"]


def test_numbered_paragraphs(document: Document, report: Report) -> None:
    numbered = _styled(document, "Liaison Numbered Paragraph")
    assert len(numbered) == PARAGRAPHS
    assert numbered[0].startswith("1.1\tAs a United Nations (UN) Specialized Agency")
    numbers = [text.split("\t", 1)[0] for text in numbered]
    expected = [
        block.number
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph) and block.number
    ]
    assert numbers == expected
    # Markup characters and typography survive as text.
    body = "\n".join(p.text for p in document.paragraphs)
    assert "recommendations <by ITU> has risen" in body
    assert "Science, Technology & Innovation" in body
    assert "Mr António Guterres" in body
    # The hanging indent that aligns "1.1<TAB>text".
    style = document.styles["Liaison Numbered Paragraph"]
    fmt = style.paragraph_format
    assert fmt.left_indent == -fmt.first_line_indent > 0
    # Unnumbered paragraphs in a section are indented to the numbered paragraphs' text.
    assert _styled(document, "Liaison Paragraph")[0].startswith("ITU also participates")


def test_bullets(document: Document) -> None:
    bullets = _styled(document, "List Bullet")
    assert len(bullets) == len(INITIATIVES)
    assert bullets[0] == "EQUALS: The Global Partnership for Gender Equality in the Digital Age;"


def test_networks_table(document: Document) -> None:
    assert len(document.tables) == 1
    table = document.tables[0]
    assert len(table.rows) == 2
    assert len(table.columns) == 2
    assert [cell.text for cell in table.rows[0].cells] == list(NETWORKS_HEADER)
    header_row = table.rows[0]._tr
    assert header_row.trPr is not None
    assert header_row.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    left, right = table.rows[1].cells
    assert [p.text for p in left.paragraphs] == list(MANAGEMENT_NETWORKS)
    assert [p.text for p in right.paragraphs] == list(THEMATIC_NETWORKS)
    assert len(left.paragraphs) == 14
    assert len(right.paragraphs) == 16
    assert {p.style.name for p in left.paragraphs if p.style} == {"Liaison Table Item"}
    assert table.style is not None
    assert table.style.name == "Table Grid"
    captions = _styled(document, "Caption")
    assert (
        captions[0] == "Table 1 – UN inter-agency mechanisms and networks in which ITU participates"
    )


def test_figure_is_a_picture_with_a_caption(document: Document) -> None:
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert shape.width is not None
    assert abs(shape.width - Cm(14)) < Cm(0.01)
    assert "Figure 1 – UN events attended by ITU, by month of the period" in _styled(
        document, "Caption"
    )
    # The caption is the paragraph right after the picture.
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic"))
    assert paragraphs[index + 1].text.startswith("Figure 1")


def test_footer_has_page_numbers(document: Document, report: Report) -> None:
    footer = document.sections[0].footer
    xml = footer._element.xml
    instructions = [el.text.strip() for el in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert 'w:fldCharType="begin"' in xml
    assert footer.paragraphs[0].text.startswith(f"{report.symbol}\tPage ")


def test_page_and_properties(document: Document, report: Report) -> None:
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert section.left_margin is not None
    assert abs(section.left_margin - Cm(2)) < Cm(0.01)
    properties = document.core_properties
    assert properties.title == report.title
    assert properties.author == report.author
    assert properties.subject == report.period


def test_sources_annex(document: Document, report: Report) -> None:
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Annex: Sources")
    entries = [p for p in paragraphs[start + 1 :] if p.style and p.style.name == "Liaison Source"]
    assert len(entries) == len(report.sources)
    for entry, source in zip(entries, report.sources, strict=True):
        assert entry.text.startswith(f"{source.number}.\t{source.citation}")
        assert ("(para" in entry.text) == bool(source.paragraphs)
        assert not any(record_id in entry.text for record_id in source.record_ids)
        if source.url:
            assert [link.url for link in entry.hyperlinks] == [source.url]
        else:
            assert entry.hyperlinks == []


def test_new_items_are_marked(document: Document, report: Report) -> None:
    markers = [
        run
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.style is not None and run.style.name == "Liaison New Marker"
    ]
    new_spans = [
        span
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph | BulletList)
        for text in (block.items if isinstance(block, BulletList) else (block.spans,))
        for span in text
        if span.new
    ]
    assert new_spans
    assert len(markers) == len(new_spans)
    assert all(run.text == f" {NEW_MARKER}" for run in markers)
    assert document.styles["Liaison New Marker"].font.italic
    # A new item without a link is in the bold "Liaison New" style...
    bold = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.style is not None and run.style.name == "Liaison New"
    ]
    assert "ITU/WMO/UNESCO-IOC Joint Task Force on SMART Cable Systems" in bold
    # ...and one with a link is a bold hyperlink.
    links = [link for p in document.paragraphs for link in p.hyperlinks]
    bold_links = [link for link in links if link.runs[0].bold]
    assert "AI for Good Global Summit, with 20 UN sister agencies" in [
        link.text for link in bold_links
    ]
    assert any("followed by “(new)”" in p.text for p in document.paragraphs)


def test_record_links(document: Document, report: Report) -> None:
    links = {link.text: link.url for p in document.paragraphs for link in p.hyperlinks}
    equals = "EQUALS: The Global Partnership for Gender Equality in the Digital Age"
    assert links[equals] == report.record_urls["equals"]
    # A record without a URL stays plain text.
    assert "United for Smart Sustainable Cities (U4SSC), coordinated with UNECE" not in links
    table_links = [
        link
        for cell in document.tables[0].rows[1].cells
        for p in cell.paragraphs
        for link in p.hyperlinks
    ]
    assert len(table_links) == len(THEMATIC_NETWORKS)
    rels = document.part.rels.values()
    urls = {rel.target_ref for rel in rels if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK}
    assert report.record_urls["equals"] in urls


def test_empty_report_renders() -> None:
    report = empty_report()
    document = docx.Document(io.BytesIO(render_docx(report)))
    assert _styled(document, "Title") == [report.title]
    assert _styled(document, "Heading 1") == []
    assert _styled(document, "Liaison Box Heading") == []
    assert document.tables == []
    assert len(document.inline_shapes) == 0
    assert document.paragraphs[0].text == f"{report.organization}\t{report.date}"  # no symbol
    assert not any("(new)" in p.text for p in document.paragraphs)


def test_report_without_figures_or_urls() -> None:
    report = sample_report(7, with_figures=False)
    bare = Report(**{**report.__dict__, "record_urls": {}, "sources": ()})
    document = docx.Document(io.BytesIO(render_docx(bare)))
    assert len(document.inline_shapes) == 0
    assert [link for p in document.paragraphs for link in p.hyperlinks] == []
    assert "Annex: Sources" not in _styled(document, "Heading 1")


def test_text_controls_are_kept_or_dropped() -> None:
    report = empty_report()
    odd = Paragraph(spans=(Span("a\tb\nc\x00d\x0b"),), number="1.1")
    report = Report(**{**report.__dict__, "sections": (Section("1", "One", (odd,)),)})
    document = docx.Document(io.BytesIO(render_docx(report)))
    numbered = _styled(document, "Liaison Numbered Paragraph")
    assert numbered == ["1.1\ta\tb\ncd"]
