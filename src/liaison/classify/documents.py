"""Reading documents for the classifier: plain text, Markdown, HTML, DOCX and PDF, as paragraphs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdfium2  # type: ignore[import-untyped]

from liaison.errors import LiaisonError

READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_BLANK_LINES = re.compile(r"\n\s*\n")


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page, one paragraph per block element."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "br", "tr"}
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _split(text: str) -> list[str]:
    return [" ".join(p.split()) for p in _BLANK_LINES.split(text) if p.strip()]


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of a document, by its file type; a clear error for anything else."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise LiaisonError(f"no such file: {path}")
    try:
        if suffix in (".txt", ".md", ".markdown"):
            return _split(path.read_text(encoding="utf-8", errors="replace"))
        if suffix in (".html", ".htm"):
            parser = _TextOfHtml()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            return _split("".join(parser.parts))
        if suffix == ".docx":
            document = docx.Document(str(path))
            texts = [p.text for p in document.paragraphs]
            texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
            return [" ".join(t.split()) for t in texts if t.strip()]
        if suffix == ".pdf":
            pdf = pypdfium2.PdfDocument(str(path))
            pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
            return _split("\n\n".join(p.replace("\r\n", "\n") for p in pages))
    except (OSError, ValueError, KeyError, pypdfium2.PdfiumError) as exc:
        raise LiaisonError(f"cannot read {path}: {exc}") from None
    raise LiaisonError(f"cannot read {path}: use one of {', '.join(READABLE)}")
