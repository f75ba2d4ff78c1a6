"""Reading documents into paragraphs with locators: the seed, DOCX with Word's numbering, PDF,
HTML, Markdown and plain text, and the symbol, title and date of a document."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from liaison.ingest.reading import DocumentText, Paragraph, read_document, read_text
from liaison.report.document import BulletList, Report, Section, Span, Table
from liaison.report.document import Paragraph as ReportParagraph
from liaison.report.render_docx import render_docx
from liaison.report.render_html import render_html
from liaison.report.render_markdown import render_markdown
from liaison.report.render_pdf import render_pdf

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f18562a23ebae53b.txt"


def _numbered(document: DocumentText) -> list[str]:
    return [p.number for p in document.paragraphs if p.number and p.kind != "list-item"]


def _items(document: DocumentText, parent: str) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.kind == "list-item" and p.parent == parent]


# --- The seed ---------------------------------------------------------------------------------


@pytest.fixture
def seed() -> DocumentText:
    if not SEED.exists():
        pytest.skip("the seed is not here (../shared/seed)")
    return read_document(SEED)


def test_the_seed_reads_into_its_structure(seed: DocumentText) -> None:
    kinds = Counter(p.kind for p in seed.paragraphs)
    assert kinds == {"heading": 9, "paragraph": 19, "list-item": 46}
    headings = [(p.number, p.text) for p in seed.paragraphs if p.kind == "heading"]
    assert headings[:3] == [(None, "Summary"), (None, "Action required"), ("1", "Introduction")]
    assert [n for n, _ in headings[2:]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert _numbered(seed) == [
        "1", "1.1", "2", "2.1", "2.2", "2.4", "3", "3.1", "3.2", "4", "4.1",
        "5", "5.1", "5.2", "5.3", "6", "6.1", "6.2", "6.3", "6.4", "6.5", "7", "7.1", "7.2",
    ]  # fmt: skip
    assert (seed.symbol, seed.title, seed.date) == (None, None, None)
    assert not any("[bookmark" in p.text or "___" in p.text for p in seed.paragraphs)
    assert seed.format == "text" and seed.name == str(SEED)


def test_the_seed_keeps_the_columns_of_5_3_and_the_bullets_of_6_2(seed: DocumentText) -> None:
    columns = Counter(p.column for p in _items(seed, "5.3"))
    assert columns == {"Management / Administrative": 14, "Thematic": 16}
    first = _items(seed, "5.3")[0]
    assert first.text == "CEB Task Force on Addressing Sexual Harassment in the UN system"
    assert first.locator == "para. 5.3, item 1"
    thematic = [p for p in _items(seed, "5.3") if p.column == "Thematic"]
    assert thematic[0].text == "Executive Committee on Economic and Social Affairs (ECESA)"
    assert thematic[-1].text == "Inter-Agency and Expert Group on Gender Statistics"
    bullets = _items(seed, "6.2")
    assert len(bullets) == 16 and all(p.column is None for p in bullets)
    assert bullets[0].text.startswith("EQUALS: The Global Partnership")
    assert bullets[6].locator == "para. 6.2, item 7"
    assert [p.kind for p in seed.paragraphs].count("list-item") == 30 + 16


def test_the_seed_gives_each_paragraph_its_heading_path(seed: DocumentText) -> None:
    by_number = {p.number: p for p in seed.paragraphs if p.number}
    assert by_number["5.3"].headings == ("5. Inter-agency Coordination",)
    assert by_number["5.3"].locator == "para. 5.3"
    assert by_number["5"].headings == () and by_number["5"].kind == "heading"
    assert by_number["7.2"].headings == (
        "7. Collaboration with the Joint Inspection Unit of the United Nations system (JIU)",
    )
    summary = seed.paragraphs[1]
    assert summary.headings == ("Summary",) and summary.locator == "para. 2"
    assert by_number["2.1"].text.startswith("2017 has been an important transitional period")
    assert all(p.page is None for p in seed.paragraphs)


# --- DOCX -------------------------------------------------------------------------------------

# One multilevel list as a Word report numbers its sections ("1.", "1.1", "(a)"), a bullet list,
# and a second instance of the first list that restarts at 1 (a startOverride).
NUMBERING = [
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="(%3)"/></w:lvl>'
    "</w:abstractNum>",
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="·"/></w:lvl>'
    "</w:abstractNum>",
    f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
    f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>',
    f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="90"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
]


def _add_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in NUMBERING:
        element = parse_xml(xml)
        if element.tag == qn("w:abstractNum") and first_num is not None:
            first_num.addprevious(element)  # abstract definitions come before the lists
        else:
            numbering.append(element)


def _para(
    document: docx.document.Document,
    text: str,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    container: object | None = None,
) -> None:
    paragraph = (container or document).add_paragraph(text, style)  # type: ignore[attr-defined]
    if num is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = num[1]
        num_pr.get_or_add_numId().val = num[0]


def _docx_like_the_seed(core_title: bool = True) -> bytes:
    """A Council report typed with Word numbering: no number is in the text."""
    document = docx.Document()
    _add_numbering(document)
    if core_title:
        document.core_properties.title = "Collaboration with the United Nations system"
    _para(document, "Council 2018\tDocument C18/INF/4-E")
    _para(document, "Geneva, 17–27 April 2018\t8 March 2018")
    _para(document, "Report by the Secretary-General")
    _para(document, "Collaboration with the United Nations system", "Title")
    _para(document, "Summary", "Heading 2")
    _para(document, "This report gives an overview of the relations with the UN system.")
    for number, title in enumerate(["Introduction", "The 2030 Agenda", "Governance"], 1):
        _para(document, title, "Heading 1", (90, 0))
        _para(
            document, f"Section {number} says what ITU did in its first paragraph.", None, (90, 1)
        )
        if number == 2:
            _para(document, "ITU took part in the following reviews:", None, (90, 1))
            _para(document, "the High-level Political Forum;", None, (90, 2))
            _para(document, "the voluntary national reviews.", None, (90, 2))
    _para(document, "Summits", "Heading 1", (90, 0))
    _para(document, "ITU took part in the World Health Assembly (May 2017).", None, (90, 1))
    _para(document, "Inter-agency Coordination", "Heading 1", (90, 0))
    _para(document, "ITU contributed to the Chief Executives Board.", None, (90, 1))
    _para(document, "ITU contributed to the cost-sharing of the system.", None, (90, 1))
    _para(document, "ITU also takes part in inter-agency networks. Among these:", None, (90, 1))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Management / Administrative"
    table.cell(0, 1).text = "Thematic"
    for cell, names in (
        (table.cell(1, 0), ["Human Resources network", "Legal network", "ICT-Network"]),
        (table.cell(1, 1), ["Inter-Agency Task Force on Africa", "UN-Space"]),
    ):
        cell.paragraphs[0].text = names[0]
        cell.paragraphs[0].style = document.styles["List Bullet"]
        for name in names[1:]:
            _para(document, name, "List Bullet", container=cell)
    _para(document, "Key initiatives", "Heading 1", (90, 0))
    _para(document, "Partnerships", "Heading 2")
    _para(document, "ITU works with UN entities through joint initiatives.", None, (90, 1))
    _para(document, "Key initiatives include the following:", None, (90, 1))
    _para(document, "EQUALS, with UN Women and UNESCO;", None, (91, 0))
    _para(document, "the Broadband Commission for Sustainable Development.", None, (91, 0))
    _para(document, "Annex", "Heading 1")
    _para(document, "The annex numbers its paragraphs from one again.", None, (92, 1))
    _para(document, "A closing note without a number.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_numbering_is_restored_from_numbering_xml(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_like_the_seed())
    document = read_document(path)
    assert document.format == "docx"
    assert _numbered(document) == [
        "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "4", "4.1",
        "5", "5.1", "5.2", "5.3", "6", "6.1", "6.2", "1.1",
    ]  # fmt: skip
    headings = [(p.number, p.text) for p in document.paragraphs if p.kind == "heading"]
    assert ("5", "Inter-agency Coordination") in headings and (None, "Summary") in headings
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["ITU also takes part in inter-agency networks. Among these:"].headings == (
        "5. Inter-agency Coordination",
    )
    assert by_text["ITU works with UN entities through joint initiatives."].headings == (
        "6. Key initiatives",
        "Partnerships",
    )
    lettered = _items(document, "2.2")
    assert [(p.number, p.locator) for p in lettered] == [
        ("(a)", "para. 2.2 (a)"),
        ("(b)", "para. 2.2 (b)"),
    ]
    assert (
        by_text["A closing note without a number."].locator == f"para. {len(document.paragraphs)}"
    )


def test_docx_table_columns_and_bullets(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_like_the_seed())
    document = read_document(path)
    items = _items(document, "5.3")
    assert [(p.text, p.column) for p in items] == [
        ("Human Resources network", "Management / Administrative"),
        ("Legal network", "Management / Administrative"),
        ("ICT-Network", "Management / Administrative"),
        ("Inter-Agency Task Force on Africa", "Thematic"),
        ("UN-Space", "Thematic"),
    ]
    assert items[3].locator == "para. 5.3, item 4"
    bullets = _items(document, "6.2")
    assert [p.text for p in bullets] == [
        "EQUALS, with UN Women and UNESCO;",
        "the Broadband Commission for Sustainable Development.",
    ]
    assert all(p.column is None and p.number is None for p in bullets)
    assert not any(
        p.text in ("Management / Administrative", "Thematic") for p in document.paragraphs
    )


def test_docx_symbol_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_like_the_seed())
    document = read_document(path)
    assert document.symbol == "C18/INF/4"
    assert document.title == "Collaboration with the United Nations system"
    assert document.date == "2018-03-08"
    path.write_bytes(_docx_like_the_seed(core_title=False))
    assert read_document(path).title == "Collaboration with the United Nations system"


# --- PDF --------------------------------------------------------------------------------------


def _pdf_pages(path: Path) -> None:
    """Three pages with a running header, page numbers, a title block, wrapped paragraphs
    (one hyphenated at a line end, one that runs on to the next page) and bullets."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("untitled")
    pages: list[list[tuple[int, str, str | None]]] = [
        [
            (780, "Council 2018", "Document C18/INF/4-E"),
            (766, "Geneva, 17–27 April 2018", "8 March 2018"),
            (730, "Report by the Secretary-General", None),
            (700, "COLLABORATION WITH THE UNITED NATIONS SYSTEM", None),
            (660, "1. Introduction", None),
            (640, "1.1 As a specialized agency, ITU works with the other organi-", None),
            (626, "zations of the system, with its funds and programmes, and the UN-", None),
            (612, "Women office on the digital gender gap in every region.", None),
            (590, "1.2 The General Secretariat coordinates these relations and", None),
            (576, "reports on them to the Council every year.", None),
            (550, "This paragraph has no number and follows a wider gap than", None),
            (536, "the spacing of its own lines.", None),
            (510, "• EQUALS: the Global Partnership for Gender Equality", None),
            (496, "• the Broadband Commission for Sustainable Development", None),
            (470, "1.3 Over recent years these efforts have given more weight to", None),
            (456, "the role that information and communication technologies", None),
        ],
        [
            (780, "play in sustainable development across the system.", None),
            (750, "2. Inter-agency Coordination", None),
            (730, "2.1 ITU contributed to the Chief Executives Board for", None),
            (716, "Coordination and to its high-level committees.", None),
        ],
        [
            (780, "3. Joint Inspection Unit", None),
            (760, "3.1 ITU reviewed the reports of the Joint Inspection Unit.", None),
        ],
    ]
    for number, lines in enumerate(pages, 1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(450, 810, "C18/INF/4")
        pdf.drawCentredString(297, 30, f"- {number} -")
        pdf.setFont("Helvetica", 11)
        for y, left, right in lines:
            pdf.drawString(72, y, left)
            if right:
                pdf.drawString(400, y, right)
        pdf.showPage()
    pdf.save()


def test_pdf_pages_paragraphs_and_running_headers(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    _pdf_pages(path)
    document = read_document(path)
    assert document.format == "pdf"
    by_number = {p.number: p for p in document.paragraphs if p.number}
    assert list(by_number) == ["1", "1.1", "1.2", "1.3", "2", "2.1", "3", "3.1"]
    assert by_number["1.1"].text == (
        "As a specialized agency, ITU works with the other organizations of the system, with its "
        "funds and programmes, and the UN-Women office on the digital gender gap in every region."
    )
    assert by_number["1.3"].page == 1 and by_number["1.3"].text.endswith(
        "technologies play in sustainable development across the system."
    )
    assert by_number["2.1"].page == 2 and by_number["3.1"].page == 3
    assert by_number["2.1"].headings == ("2. Inter-agency Coordination",)
    unnumbered = next(p for p in document.paragraphs if p.text.startswith("This paragraph"))
    assert unnumbered.text.endswith("the spacing of its own lines.")
    assert unnumbered.locator == f"p. 1, para. {unnumbered.index + 1}"
    bullets = _items(document, "1.2")
    assert [p.text for p in bullets] == [
        "EQUALS: the Global Partnership for Gender Equality",
        "the Broadband Commission for Sustainable Development",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "C18/INF/4" not in texts and not any(t.startswith("- ") for t in texts)


def test_pdf_symbol_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    _pdf_pages(path)
    document = read_document(path)
    assert document.symbol == "C18/INF/4"
    assert document.title == "COLLABORATION WITH THE UNITED NATIONS SYSTEM"
    assert document.date == "2018-03-08"


# --- The report Liaison drafts, in every format -------------------------------------------------

LONG = (
    "ITU took part in the work of the inter-agency mechanisms and networks of the system "
    "throughout the year, at headquarters and in the regions, and reported on it. "
)


def _report() -> Report:
    def para(text: str, number: str | None = None) -> ReportParagraph:
        return ReportParagraph((Span(text),), number)

    networks = Table(
        "Networks",
        ("Management / Administrative", "Thematic"),
        ((((Span("Human Resources network"),), (Span("Legal network"),)), ((Span("ECESA"),),)),),
    )
    return Report(
        organization="ITU",
        title="Collaboration with the United Nations system",
        period="2017-2018",
        date="8 March 2018",
        symbol="C18/INF/4",
        author="Report by the Secretary-General",
        purpose="For information",
        summary=(para("This report gives an overview of the relations."),),
        action_required=(para("The Council is invited to take note of this report."),),
        sections=(
            Section("1", "Introduction", (para(LONG * 3, "1.1"),)),
            Section(
                "5",
                "Inter-agency Coordination",
                (
                    para("Among these:", "5.3"),
                    networks,
                    para(LONG * 2, "5.4"),
                    BulletList(((Span("EQUALS"),), (Span("Decent Jobs for Youth"),))),
                ),
            ),
        ),
        session="Council 2018",
        venue="Geneva, 17–27 April 2018",
        languages="English only",
    )


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx", ".pdf"])
def test_the_drafted_report_reads_back(tmp_path: Path, suffix: str) -> None:
    report = _report()
    path = tmp_path / f"report{suffix}"
    if suffix == ".md":
        path.write_text(render_markdown(report), "utf-8")
    elif suffix == ".html":
        path.write_text(render_html(report), "utf-8")
    else:
        path.write_bytes(render_docx(report) if suffix == ".docx" else render_pdf(report))
    document = read_document(path)
    assert (document.symbol, document.date) == ("C18/INF/4", "2018-03-08")
    assert document.title == "Collaboration with the United Nations system"
    assert _numbered(document) == ["1", "1.1", "5", "5.3", "5.4"]
    assert [p.text for p in _items(document, "5.4")] == ["EQUALS", "Decent Jobs for Youth"]
    if suffix != ".pdf":  # a PDF's table is lines of text, not cells
        assert [(p.text, p.column) for p in _items(document, "5.3")] == [
            ("Human Resources network", "Management / Administrative"),
            ("Legal network", "Management / Administrative"),
            ("ECESA", "Thematic"),
        ]


# --- HTML, Markdown, plain text ---------------------------------------------------------------


def test_html_headings_lists_and_tables() -> None:
    html = """<html><head><title>ITU and the UN system</title><style>p {}</style></head><body>
    <h1>Collaboration with the UN system</h1>
    <h2>5. Inter-agency Coordination</h2>
    <p>5.3 ITU takes part in networks. Among these:</p>
    <table><tr><th>Management</th><th>Thematic</th></tr>
      <tr><td><ul><li>Legal network</li><li>Finance &amp; Budget Network</li></ul></td>
          <td>UN-Space</td></tr></table>
    <p>5.4 Key initiatives:</p>
    <ol><li>EQUALS</li><li>AI for Good</li></ol>
    <script>var x = 1;</script>
    </body></html>"""
    document = read_text(html, "page.html", "html")
    assert document.title == "Collaboration with the UN system"
    assert [(p.text, p.column) for p in _items(document, "5.3")] == [
        ("Legal network", "Management"),
        ("Finance & Budget Network", "Management"),
        ("UN-Space", "Thematic"),
    ]
    ordered = _items(document, "5.4")
    assert [(p.number, p.locator) for p in ordered] == [
        ("1", "para. 5.4, item 1"),
        ("2", "para. 5.4, item 2"),
    ]
    assert ordered[0].headings == ("5. Inter-agency Coordination",)
    assert not any("var x" in p.text for p in document.paragraphs)


def test_markdown_headings_lists_and_tables() -> None:
    text = (
        "# 3. Governance\n\n"
        "3.1 ITU followed, as an observer, the **Economic and Social Council** (ECOSOC)\n"
        "and the [Commission on the Status of Women](https://example.org).\n\n"
        "## Networks\n\n"
        "3.2 Among these:\n\n"
        "| Management | Thematic |\n|---|---|\n| Legal network | UN-Space |\n\n"
        "3.3 Key initiatives include the following:\n\n"
        "- EQUALS: a partnership;\n"
        "* Decent Jobs for Youth.\n"
    )
    document = read_text(text, "test.md", "markdown")
    first = document.paragraphs[0]
    assert (first.kind, first.number, first.text) == ("heading", "3", "Governance")
    assert document.paragraphs[1].text == (
        "ITU followed, as an observer, the Economic and Social Council (ECOSOC) and the "
        "Commission on the Status of Women."
    )
    assert document.paragraphs[1].locator == "para. 3.1"
    assert [(p.text, p.column) for p in _items(document, "3.2")] == [
        ("Legal network", "Management"),
        ("UN-Space", "Thematic"),
    ]
    items = _items(document, "3.3")
    assert [p.text for p in items] == ["EQUALS: a partnership;", "Decent Jobs for Youth."]
    assert items[1].headings == ("3. Governance", "Networks")
    assert document.title is None


def test_plain_text_wrapped_in_lines() -> None:
    text = (
        "Note by the Secretary-General\n\n"
        "1.1 This paragraph is wrapped over several lines the way a plain-text\n"
        "editor wraps it, and it goes on for a while before it stops at last\n"
        "on the third line.\n"
        "1.2 A second paragraph starts on the next line with its number and\n"
        "runs on for another line.\n\n"
        "A paragraph without a number, wrapped too, that is long enough to\n"
        "be wrapped over two lines of text.\n"
    )
    document = read_text(text)
    assert [p.kind for p in document.paragraphs] == [
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert document.paragraphs[1].text.endswith("before it stops at last on the third line.")
    assert document.paragraphs[2].number == "1.2"
    assert document.paragraphs[3].locator == "para. 4"
    assert document.title is None  # "Note by the Secretary-General" is not a title


def test_symbols_and_dates_in_the_first_lines() -> None:
    title = "Information and communications technologies for sustainable development"
    body = "The General Assembly recalls its resolutions."
    document = read_text(f"A/RES/72/200\n\n20 December 2017\n\n{title}\n\n{body}\n")
    assert (document.symbol, document.date, document.title) == ("A/RES/72/200", "2017-12-20", title)
    listed = read_text("References\nDocuments C17/INF/10, C16/57\nMarch 2018\n\n1. Introduction\n")
    assert (listed.symbol, listed.date) == (None, "2018-03")
    other = read_text("Symbol: JIU/REP/2016/1\nGeneva, 17–27 April 2018\n\n1. Introduction\n")
    assert (other.symbol, other.date) == ("JIU/REP/2016/1", None)  # a range is no date
    assert read_text("CWG-FHR-8/14\n\n1. Text\n").symbol == "CWG-FHR-8/14"
    assert read_text("United Nations A/72/34\n\n1. Text\n").symbol == "A/72/34"
    assert read_text("See also E/RES/2017/21 and A/72/34 on the matter\n").symbol is None
