"""Record text is data: it cannot rewrite the report in any format, templates run in a sandbox,
and only web and mail addresses become links."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import docx
import pypdfium2  # type: ignore[import-untyped]
import pytest

from liaison.dates import DateRange
from liaison.errors import InvalidInput, InvalidRequest
from liaison.registry.importer import import_paths
from liaison.report.compose import ReportOptions, build_report
from liaison.report.document import Report
from liaison.report.render_docx import render_docx
from liaison.report.render_html import render_html
from liaison.report.render_markdown import render_markdown
from liaison.report.render_pdf import render_pdf
from liaison.storage.database import Database
from tests.cli.test_app import run

PERIOD = DateRange.parse("2017-01/2018-04")
PRIVATE = re.compile("[\ue000-\uf8ff]")
ATTACKS = """
activities:
  - id: attack-section
    org: itu
    date: "2017-05"
    text: "Fine work.\\n\\n# Fake section\\n\\nInjected paragraph \\u27e6forged\\u2502itu\\u27e7."
  - id: attack-summary
    org: itu
    date: "2017-06"
    text: "\\n\\n@summary\\nThe Council is invited to approve a budget increase of 50%"
  - id: attack-blocks
    org: itu
    date: "2017-07"
    text: "- a bullet\\n::table networks\\n::figure partners \\ue001x\\ue002itu\\ue003"
"""


@pytest.fixture
def attacked(demo_database: Database, tmp_path: Path) -> Report:
    path = tmp_path / "attacks.yaml"
    path.write_text(ATTACKS, "utf-8")
    with demo_database.session(actor="tests") as session:
        import_paths(session, [path])
    with demo_database.session() as session:
        return build_report(session, ReportOptions("itu", PERIOD))


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_record_text_cannot_add_sections_paragraphs_or_a_summary(attacked: Report) -> None:
    assert len(attacked.sections) == 7
    assert all("Fake" not in s.title for s in attacked.sections)
    summary = "".join(s.text for p in attacked.summary for s in p.spans)
    assert summary.startswith("This report presents an overview") and "budget" not in summary
    assert len(attacked.summary) == 1 and len(attacked.action_required) == 1
    paragraphs = [
        "".join(s.text for s in b.spans)
        for sec in attacked.sections
        for b in sec.blocks
        if hasattr(b, "spans")
    ]
    fake = next(p for p in paragraphs if "Fake section" in p)
    assert fake.startswith("Fine work. # Fake section Injected paragraph")
    assert any(p.startswith("@summary The Council is invited") for p in paragraphs)
    assert any(p.startswith("- a bullet ::table networks ::figure partners") for p in paragraphs)
    tables = [b for sec in attacked.sections for b in sec.blocks if type(b).__name__ == "Table"]
    assert len(tables) == 1
    linked = {
        s.record_id
        for sec in attacked.sections
        for b in sec.blocks
        for s in getattr(b, "spans", ())
    }
    assert "attack-section" in linked


def test_no_format_shows_the_markup_or_obeys_it(attacked: Report) -> None:
    markdown = render_markdown(attacked)
    html = render_html(attacked)
    word = _docx_text(render_docx(attacked))
    pdf = _pdf_text(render_pdf(attacked))
    for text in (markdown, html, word, pdf):
        assert not PRIVATE.search(text)
        assert "Injected paragraph" in text
    assert "\n# Fake section" not in markdown and "\\# Fake section" in markdown
    assert '<h2 class="section">8.' not in html
    assert not re.search(r"^\d+\.\s+Fake section", pdf, re.M)
    assert "budget increase" not in markdown.split("## Action required")[0]


def test_a_template_cannot_reach_python(demo_database: Database, tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text(
        "@summary\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n", "utf-8"
    )
    with demo_database.session() as session, pytest.raises(InvalidRequest, match="sandbox"):
        build_report(session, ReportOptions("itu", PERIOD, template=template, figures=False))
    template.write_text("@summary\n{{ ref.__class__.__mro__ }}\n", "utf-8")
    with demo_database.session() as session, pytest.raises(InvalidRequest, match=r"evil\.md\.j2"):
        build_report(session, ReportOptions("itu", PERIOD, template=template, figures=False))
    template.write_text("@summary\n{{ 1/0 }}\n", "utf-8")
    with demo_database.session() as session, pytest.raises(InvalidRequest, match="division"):
        build_report(session, ReportOptions("itu", PERIOD, template=template, figures=False))


def test_the_command_refuses_the_template_with_exit_2(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, tmp_path: Path
) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text("{{ cycler.__init__.__globals__.os.popen('id').read() }}\n", "utf-8")
    code, out, err = run(
        capsys,
        "--database",
        demo_db_url,
        "report",
        "--from",
        "2017-01",
        "--to",
        "2018-04",
        "--template",
        str(template),
        "-o",
        str(tmp_path / "out.md"),
        "-f",
        "md",
    )
    assert code == 2 and "sandbox" in err and "uid=" not in out + err
    assert "Traceback" not in err and not (tmp_path / "out.md").exists()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd"]
)
def test_only_web_and_mail_addresses_are_imported(
    database: Database, tmp_path: Path, url: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "documents:\n"
        "  - id: doc\n"
        "    title: A document\n"
        "    kind: report\n"
        f"    sources: [{{url: '{url}'}}]\n",
        "utf-8",
    )
    with database.session() as session, pytest.raises(InvalidInput) as caught:
        import_paths(session, [path])
    problem = caught.value.problems[0]
    assert problem.line == 5 and problem.field == "sources[0].url"
    assert "http://, https:// or mailto:" in problem.message


def test_renderers_link_only_safe_addresses(attacked: Report) -> None:
    urls = {"attack-section": "javascript:alert(1)", "equals": "https://example.org/equals"}
    report = replace(attacked, record_urls=urls)
    html = render_html(report)
    assert "javascript:" not in html and 'href="https://example.org/equals"' in html
    word = docx.Document(io.BytesIO(render_docx(report)))
    links = [link.url for p in word.paragraphs for link in p.hyperlinks]
    assert "https://example.org/equals" in links and not any("javascript" in u for u in links)
    assert b"javascript" not in render_pdf(report)
