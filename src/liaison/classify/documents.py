"""Reading documents for the classifier: the paragraphs of a plain text, Markdown, HTML, DOCX or
PDF file, as :mod:`liaison.ingest.reading` reads them."""

from __future__ import annotations

from pathlib import Path

from liaison.errors import InvalidInput, LiaisonError
from liaison.ingest.reading import READABLE, read_document

__all__ = ["READABLE", "paragraphs"]


def paragraphs(path: Path) -> list[str]:
    """The texts of a document's paragraphs, headings and list items, in reading order; a
    clear error (the file and what is wrong with it) for anything that cannot be read."""
    try:
        document = read_document(path)
    except InvalidInput as exc:
        # ``liaison classify`` has always exited 1 on an unreadable document.
        raise LiaisonError(exc.message) from None
    return [paragraph.text for paragraph in document.paragraphs]
