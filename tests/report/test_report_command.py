"""``liaison report`` writes every format from a real database, readable by other tools."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdfium2
import pytest

from tests.cli.test_app import run


def test_all_four_formats_for_the_seed_period(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys,
        "--database",
        demo_db_url,
        "report",
        "--from",
        "2017-01",
        "--to",
        "2018-04",
        "--org",
        "ITU",
        "--format",
        "all",
        "--mark-new",
        "--date",
        "2018-05-01",
        "--symbol",
        "C18/INF/9",
        "-o",
        str(tmp_path),
    )
    assert code == 0, err
    assert str(tmp_path) in out
    names = {p.name for p in tmp_path.iterdir()}
    assert {"report.md", "report.html", "report.docx", "report.pdf"} <= names

    document = docx.Document(io.BytesIO((tmp_path / "report.docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("Inter-agency coordination" in h for h in headings)
    assert len(document.tables) == 1 and len(document.tables[0].columns) == 2
    body = "\n".join(p.text for p in document.paragraphs)
    assert "World Health Assembly (new) (May 2017)" in body  # --mark-new marks it

    pdf = pypdfium2.PdfDocument(str(tmp_path / "report.pdf"))
    assert len(pdf) > 2
    first = pdf[0].get_textpage().get_text_range()
    assert "C18/INF/9" in first and "Collaboration with the United Nations system" in first
    image = pdf[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 1000  # the page is not blank


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2018-05", "--to", "2017-01"], "ends before it starts"),
        (["--from", "May", "--to", "2017-01"], "bad period"),
        (["--from", "2017", "--to", "2018", "--org", "nobody"], "no organization"),
        (["--from", "2017", "--to", "2018", "--format", "rtf"], "unknown report format"),
        (["--from", "2017", "--to", "2018", "--template", "nope.j2"], "no template file"),
    ],
)
def test_mistakes_are_reported_not_raised(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--database", db_url, "report", *argv, "-o", str(tmp_path / "x"))
    assert code != 0 and message in err and "Traceback" not in err
