"""The PDF renderer: open the bytes with pdfium, read the text back and look at the pixels."""

from __future__ import annotations

import re
from dataclasses import replace

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image

from liaison.report.document import Report, Table
from liaison.report.render_pdf import render_pdf
from tests.report.sample import NETWORKS_HEADER, empty_report, sample_report


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report(40)


@pytest.fixture(scope="module")
def data(report: Report) -> bytes:
    return render_pdf(report)


@pytest.fixture(scope="module")
def pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    texts = []
    for page in pdf:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_bounded().replace("\r\n", "\n"))
    return texts


def _ink(image: Image.Image) -> int:
    """How many pixels are not (near) white."""
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:240])


def _render(data: bytes, index: int) -> Image.Image:
    pdf = pdfium.PdfDocument(data)
    image: Image.Image = pdf[index].render(scale=1).to_pil()
    return image


def test_is_a_multipage_a4_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) > 1
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_first_page_title_block(pages: list[str], report: Report) -> None:
    first = pages[0]
    assert report.title in first
    assert f"Document {report.symbol}" in first
    assert report.date in first
    for line in (report.session, report.venue, report.languages, "References"):
        assert line in first
    assert "Documents C08/INF/8, C17/INF/10" in first
    assert "Report by the Secretary-General" in first
    assert first.index("Summary") < first.index("Action required") < first.index("Introduction")
    assert re.search(r"^1\.\s+Introduction$", first, re.M)
    assert re.search(r"^1\.1\s+As a United Nations", first, re.M)


def test_typography_and_escaping(pages: list[str]) -> None:
    text = "\n".join(pages)
    assert "Mr António Guterres" in text
    assert "ITU’s relations" in text
    assert "recommendations <by ITU> has risen" in text
    assert "Technology & Innovation" in text


def test_every_page_has_its_number(pages: list[str]) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text


def test_sections_table_figure_and_annex(pages: list[str], report: Report) -> None:
    text = "\n".join(pages)
    flowing = " ".join(text.split())
    for section in report.sections:
        assert f"{section.number}. {section.title}" in flowing
    assert re.search(r"^7\.\s+Collaboration with the Joint Inspection Unit", text, re.M)
    assert "Table 1 – UN inter-agency mechanisms and networks" in text
    assert "Figure 1 – UN events attended by ITU" in text
    assert "(new)" in text
    annex = pages[-1]
    assert annex.lstrip().startswith("Annex: Sources")
    for source in report.sources:
        assert re.search(rf"^{source.number}\.\s", annex, re.M)
    assert "https://liaison.example.org/documents/c17-inf-10" in annex
    assert "(para. 7.1)" in annex and "jiu-review-2017" not in annex


def test_a_long_table_repeats_its_header_on_each_page(report: Report) -> None:
    sections = list(report.sections)
    blocks = list(sections[4].blocks)
    table = next(b for b in blocks if isinstance(b, Table))
    blocks[blocks.index(table)] = replace(table, rows=table.rows * 4)
    sections[4] = replace(sections[4], blocks=tuple(blocks))
    data = render_pdf(replace(report, sections=tuple(sections)))
    pdf = pdfium.PdfDocument(data)
    texts = [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    table_pages = [t for t in texts if "Legal Network" in t]
    assert len(table_pages) >= 2
    assert all(NETWORKS_HEADER[0] in t and NETWORKS_HEADER[1] in t for t in table_pages)


def test_links_are_annotations(data: bytes, report: Report) -> None:
    assert b"/Subtype /Link" in data
    assert f"/URI ({report.record_urls['equals']})".encode() in data
    # A record without a URL gets no link.
    assert b"/records/u4ssc)" not in data


def test_pages_are_not_blank(data: bytes, pages: list[str]) -> None:
    first = _render(data, 0)
    assert _ink(first) > 5000
    figure_page = next(i for i, text in enumerate(pages) if "Figure 1 –" in text)
    with_figure = _render(data, figure_page)
    # The bar chart adds plenty of dark pixels to the page's text.
    assert _ink(with_figure) > _ink(_render(data, len(pages) - 1)) + 10000


def test_fonts_are_embedded(data: bytes) -> None:
    assert b"DejaVuSans" in data


def test_empty_report_renders() -> None:
    report = empty_report()
    data = render_pdf(report)
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1
    text = pdf[0].get_textpage().get_text_bounded()
    assert report.title in text
    assert "Page 1 of 1" in text
    assert "Summary" not in text
    assert _ink(_render(data, 0)) > 500


def test_long_report() -> None:
    data = render_pdf(sample_report(400, with_figures=False))
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) > 20
    last = pdf[len(pdf) - 1].get_textpage().get_text_bounded()
    assert f"Page {len(pdf)} of {len(pdf)}" in last
