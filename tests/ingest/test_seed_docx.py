"""The seed typed as a Word document (headings, numbered paragraphs, bullets, and the list of
networks as a two-column table) gives the same facts as the seed's text export."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from benchmarks.ingest_seed import SEED
from sqlalchemy.orm import Session

from liaison.ingest.extract import Context, extract
from liaison.ingest.known import Known
from liaison.ingest.reading import DocumentText, read_document


def _as_docx(text: DocumentText, path: Path) -> Path:
    """The paragraphs of ``text`` as Word would hold them: numbers typed before the text,
    bullets as "List Bullet" paragraphs, a list in columns as a table headed by its columns."""
    out = docx.Document()
    paragraphs = list(text.paragraphs)
    index = 0
    while index < len(paragraphs):
        p = paragraphs[index]
        if p.kind == "list-item" and p.column is not None:
            columns: dict[str, list[str]] = {}
            while index < len(paragraphs) and paragraphs[index].column is not None:
                item = paragraphs[index]
                columns.setdefault(str(item.column), []).append(item.text)
                index += 1
            height = max(len(v) for v in columns.values())
            table = out.add_table(rows=height + 1, cols=len(columns))
            for col, (heading, items) in enumerate(columns.items()):
                table.cell(0, col).text = heading
                for row, item in enumerate(items, start=1):
                    table.cell(row, col).text = "· " + item
            continue
        if p.kind == "heading":
            out.add_heading(f"{p.number}.\t{p.text}" if p.number else p.text, level=1)
        elif p.kind == "list-item":
            out.add_paragraph(p.text, style="List Bullet")
        else:
            out.add_paragraph(f"{p.number}\t{p.text}" if p.number else p.text)
        index += 1
    out.save(str(path))
    return path


def _facts(session: Session, document: DocumentText) -> set[str]:
    return {c.key for c in extract(document, Context(Known.read(session), "itu", document))}


def test_the_seed_as_docx_states_the_same_facts(session: Session, tmp_path: Path) -> None:
    if not SEED.exists():
        pytest.skip("the seed is not here (../shared/seed)")
    text = read_document(SEED)
    word = read_document(_as_docx(text, tmp_path / "C18-INF-4.docx"))
    assert [p.number for p in word.paragraphs if p.number] == [
        p.number for p in text.paragraphs if p.number
    ]
    columns = {p.column for p in word.paragraphs if p.column}
    assert columns == {"Management / Administrative", "Thematic"}
    from_text = _facts(session, text)
    assert len(from_text) > 80
    assert _facts(session, word) == from_text
