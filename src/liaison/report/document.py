"""The report as plain data: what every renderer (Markdown, HTML, DOCX, PDF) takes.

Renderers never see a database session; they turn a :class:`Report` into a format. Text is a
sequence of :class:`Span` runs so that any run can link to the record it states (HTML links,
the annex of sources) and be marked as new since the previous period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

NEW_MARKER = "(new)"
ANNEX_TITLE = "Annex: Sources"


@dataclass(frozen=True)
class Span:
    """A run of text; ``record_id`` when it states a record, ``new`` when that record is new."""

    text: str
    record_id: str | None = None
    new: bool = False


Text = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph (``2.1``); unnumbered in the summary and the action required."""

    spans: Text
    number: str | None = None


@dataclass(frozen=True)
class BulletList:
    """A list of items, each its own text (the initiatives of a section)."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    """A real table: a header row and rows of cells; a cell may hold several lines."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Text, ...], ...], ...]


@dataclass(frozen=True)
class Figure:
    """A picture with its caption, as PNG (print) and SVG (screen) bytes."""

    name: str
    caption: str
    png: bytes
    svg: bytes | None = None
    width_cm: float = 16.0


Block = Paragraph | BulletList | Table | Figure


def block_texts(block: Block) -> Iterator[Text]:
    """The runs of text of one block: a paragraph's, a list's items, a table's cell lines."""
    if isinstance(block, Paragraph):
        yield block.spans
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Table):
        yield from (line for row in block.rows for cell in row for line in cell)


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Source:
    """One entry of the annex of sources: a numbered citation, its address, the paragraphs of
    the report it supports and the records it is cited for (ids are link targets only)."""

    number: int
    citation: str
    record_ids: tuple[str, ...]
    url: str | None = None
    paragraphs: tuple[str, ...] = ()

    def cited_for(self) -> str:
        """Where the report relies on it: ``paras. 2.2 and 4.1``."""
        if not self.paragraphs:
            return ""
        word = "para." if len(self.paragraphs) == 1 else "paras."
        numbers = list(self.paragraphs)
        joined = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        return f"{word} {joined}"


@dataclass(frozen=True)
class Report:
    """A report of the Council series, ready to render."""

    organization: str
    title: str
    period: str
    date: str | None
    symbol: str | None
    author: str
    purpose: str
    summary: tuple[Paragraph, ...]
    action_required: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    sources: tuple[Source, ...] = ()
    record_urls: dict[str, str] = field(default_factory=dict)
    session: str | None = None  # "Council 2018"
    venue: str | None = None  # "Geneva, 17–27 April 2018"
    languages: str | None = None  # "English only"
    references: tuple[str, ...] = ()  # the earlier reports of the series, by symbol
    earlier_references: int = 0  # older reports of the series left out of ``references``
    legend: str | None = None  # what "(new)" means here, when items are marked

    def references_text(self) -> str:
        """``Documents C08/INF/8, C11/INF/6 …``, the block of references of the title page."""
        text = "Documents " + ", ".join(self.references)
        if self.earlier_references:
            text += f", and {self.earlier_references} earlier reports of the series"
        return text

    def title_lines(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The title block: the meeting on the left, the document on the right."""
        left = tuple(x for x in (self.session or self.organization, self.venue) if x)
        right = tuple(
            x
            for x in (f"Document {self.symbol}" if self.symbol else None, self.date, self.languages)
            if x
        )
        return left, right

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def texts(self) -> Iterator[Text]:
        """Every run of text of the report, in reading order."""
        for paragraph in (*self.summary, *self.action_required):
            yield paragraph.spans
        for section in self.sections:
            for block in section.blocks:
                yield from block_texts(block)

    def has_new(self) -> bool:
        """Whether any statement is marked new since the previous period."""
        return any(span.new for text in self.texts() for span in text)
