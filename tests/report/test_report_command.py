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
    assert "World Health Assembly (May 2017)" in body
    assert "No earlier report of the series is recorded for comparison" in body  # --mark-new

    pdf = pypdfium2.PdfDocument(str(tmp_path / "report.pdf"))
    assert len(pdf) > 2
    first = pdf[0].get_textpage().get_text_range()
    assert "C18/INF/9" in first and "Collaboration with the United Nations system" in first
    image = pdf[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 1000  # the page is not blank


def test_a_recorded_report_is_the_next_years_previous_report(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, tmp_path: Path
) -> None:
    fixture = Path(__file__).parent / "fixtures" / "second_period.yaml"
    assert run(capsys, "--database", demo_db_url, "import", str(fixture))[0] == 0
    period = ["--from", "2018-05", "--to", "2019-04"]
    meeting = ["--symbol", "C19/INF/8", "--session", "Council 2019"]
    meeting += ["--venue", "Geneva, 10–20 June 2019", "--date", "2019-04-15"]
    out_md = ["-f", "md", "-o", str(tmp_path / "2019.md")]
    code, out, err = run(
        capsys, "--database", demo_db_url, "report", *period, *meeting, "--record", *out_md
    )
    assert code == 0, err
    assert "Recorded it as the document 'c19-inf-8'" in out
    code, out, err = run(capsys, "--database", demo_db_url, "show", "c19-inf-8", "-f", "json")
    assert code == 0 and '"covers": "2018-05/2019-04"' in out and '"session": "Council 2019"' in out
    # Recording it again updates the same document.
    code, out, err = run(
        capsys, "--database", demo_db_url, "report", *period, *meeting, "--record", *out_md
    )
    assert code == 0 and "'c19-inf-8'" in out
    next_year = ["--from", "2019-05", "--to", "2020-04", "--mark-new", "-f", "md"]
    code, out, err = run(
        capsys, "--database", demo_db_url, "report", *next_year, "-o", str(tmp_path / "2020.md")
    )
    assert code == 0, err
    text = (tmp_path / "2020.md").read_text("utf-8")
    assert "C19/INF/8" in text and "since Council 2019" in text
    assert "was not in the previous report, C19/INF/8" in text


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
