"""Documents named by their official symbol."""

from __future__ import annotations

from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.phrases import slug, symbol_kind, symbols_in
from liaison.ingest.reading import Paragraph


@extractor("documents", prose=False)
def documents(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """Every official symbol a paragraph names, as the document it is (or a new one)."""
    for start, end, symbol in symbols_in(paragraph.text):
        if symbol == context.document.symbol:
            continue
        known = context.known.documents.get(symbol)
        # A document known only by its symbol is titled by it until a person gives its title.
        kind = _kind_named_before(paragraph.text, start) or symbol_kind(symbol) or "report"
        fields: dict[str, object] = {
            "id": known or slug(symbol), "symbol": symbol, "title": symbol, "kind": kind
        }  # fmt: skip
        yield Candidate(
            "document",
            fields,
            context.evidence(paragraph, start, end),
            0.95,
            "documents",
            (known,) if known else (),
            fact_key("document", symbol),
        )


def _kind_named_before(text: str, start: int) -> str | None:
    """The kind of document a list of symbols is introduced as ("See ITU Council reports
    C11/INF/6, …, C16/57"): the last kind named in the sentence before the symbol."""
    before = text[:start]
    sentence = before[max(before.rfind(". "), 0) :].lower()
    named = [(sentence.rfind(word), kind) for word, kind in _KIND_WORDS if word in sentence]
    return max(named)[1] if named else None


_KIND_WORDS = (
    ("council report", "council-report"),
    ("resolution", "resolution"),
    ("decision", "decision"),
    ("report of the secretary-general", "sg-report"),
)
