"""Reading documents for the classifier: the paragraphs of a plain text, Markdown, HTML, DOCX or
PDF file, as :mod:`liaison.ingest.reading` reads them."""

from __future__ import annotations

from pathlib import Path

from liaison.ingest.reading import READABLE, read_document

__all__ = ["READABLE", "paragraphs"]


def paragraphs(path: Path) -> list[str]:
    """The texts of a document's paragraphs, headings and list items, in reading order; a
    clear error (the file and what is wrong with it) for anything that cannot be read: exit 5
    for a file that cannot be read, 2 for one whose content cannot (the README's table)."""
    document = read_document(path)
    return [paragraph.text for paragraph in document.paragraphs]
