"""``liaison classify``: standard input in the line format, and every document format."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from liaison.report.document import Paragraph, Report, Section, Span
from liaison.report.render_pdf import render_pdf
from tests.cli.test_app import run

TEXT = "Affordable Internet access for the least developed countries."


def _stdin_lines(text: str, *extra: str, env: dict[str, str] | None = None) -> list[Any]:
    """The JSON lines ``liaison classify - EXTRA...`` writes for ``text``, run as a process."""
    done = subprocess.run(
        [sys.executable, "-m", "liaison", "classify", "-", *extra],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_standard_input_lines_and_json_lines() -> None:
    stdin = f"{TEXT}\n\n" + json.dumps({"id": "doc-7", "text": "Clean water for all."}) + "\n"
    lines = _stdin_lines(stdin)
    assert [line["id"] for line in lines] == ["1", "2", "doc-7"]
    assert lines[0]["sdgs"][0]["goal"] == 9 and lines[2]["sdgs"][0]["goal"] == 6
    assert lines[1] == {"id": "2", "error": "line 2 is empty"}


def _pdf(path: Path) -> None:
    report = Report(
        organization="Test",
        title="Test",
        period="2017",
        date="1 May 2018",
        symbol=None,
        author="Report by the Secretary-General",
        purpose="For information",
        summary=(),
        action_required=(),
        sections=(Section("1", "Access", (Paragraph((Span(TEXT),), "1.1"),)),),
    )
    path.write_bytes(render_pdf(report))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_every_document_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"doc{suffix}"
    if suffix == ".docx":
        document = docx.Document()
        document.add_paragraph("Introduction")
        document.add_paragraph(TEXT)
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(buffer.getvalue())
    elif suffix == ".pdf":
        _pdf(path)
    elif suffix == ".html":
        path.write_text(f"<html><script>var x;</script><p>Intro</p><p>{TEXT}</p></html>", "utf-8")
    else:
        path.write_text(f"# Intro\n\n{TEXT}\n", "utf-8")
    code, out, err = run(capsys, "classify", str(path), "--format", "json")
    assert code == 0, err
    (document_profile,) = json.loads(out)
    assert document_profile["id"] == str(path)
    assert document_profile["sdgs"][0]["goal"] == 9
    assert any(p["sdgs"] and p["sdgs"][0]["goal"] == 9 for p in document_profile["paragraphs"])
    assert "var x" not in out


def test_unreadable_files_are_clear_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "classify", str(tmp_path / "missing.txt"))
    assert code == 5 and "no such file" in err
    (tmp_path / "x.odt").write_text("x", "utf-8")
    code, _, err = run(capsys, "classify", str(tmp_path / "x.odt"))
    assert code == 2 and "use one of" in err


def test_workers_give_the_same_lines_as_one_process() -> None:
    stdin = "\n".join(f"Broadband and clean water, item {i}." for i in range(600)) + "\n"
    alone = _stdin_lines(stdin)
    assert len(alone) == 600
    assert _stdin_lines(stdin, "--workers", "2") == alone


def test_modes_and_thresholds_are_chosen_by_option_or_setting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "Solar mini-grids bring electricity to rural clinics.\n"
    (accurate,) = _stdin_lines(text)
    (fast,) = _stdin_lines(text, "--mode", "fast")
    (by_setting,) = _stdin_lines(text, env={"LIAISON_CLASSIFIER": "fast"})
    assert accurate["sdgs"][0]["goal"] == fast["sdgs"][0]["goal"] == 7
    assert by_setting == fast and accurate != fast
    (strict,) = _stdin_lines(text, env={"LIAISON_SDG_THRESHOLD": "1"})
    (lenient,) = _stdin_lines(text, env={"LIAISON_SDG_THRESHOLD": "0"})
    assert strict["sdgs"] == [] and len(lenient["sdgs"]) == 5
    code, _, err = run(capsys, "classify", "-", "--mode", "psychic")
    assert code == 2 and "accurate or fast" in err


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LIAISON_CLASSIFIER", "psychic"),
        ("LIAISON_SDG_THRESHOLD", "1.5"),
        ("LIAISON_WSIS_THRESHOLD", "lots"),
    ],
)
def test_bad_settings_are_clear_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    code, _, err = run(capsys, "classify", "-")
    assert code == 2 and name in err and "Traceback" not in err
