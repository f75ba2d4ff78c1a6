"""The report's DOCX opens in LibreOffice: it converts to a PDF with the same content."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from liaison.dates import DateRange
from liaison.report import write_report
from liaison.report.compose import ReportOptions, build_report
from liaison.storage.database import Database

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(
    SOFFICE is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (make test installs it)",
)
def test_docx_converts_in_libreoffice(demo_database: Database, tmp_path: Path) -> None:
    assert SOFFICE is not None, "CI must have LibreOffice: scripts/test-tools.sh installs it"
    with demo_database.session() as session:
        report = build_report(
            session,
            ReportOptions("itu", DateRange.parse("2017-01/2018-04"), date=date(2018, 5, 1)),
        )
    docx_path = tmp_path / "report.docx"
    write_report(report, "docx", docx_path)
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "out" / "report.pdf"
    assert done.returncode == 0 and converted.exists(), done.stderr
    pdf = pypdfium2.PdfDocument(str(converted))
    text = " ".join(
        " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split()
    )
    assert len(pdf) >= 4
    for expected in (
        "Collaboration with the United Nations system",
        "Inter-agency coordination",
        "Management / Administrative",
        "World Health Assembly",
        "Page 1 of",
    ):
        assert expected in text, expected
