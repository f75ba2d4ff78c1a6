"""The extractors, registered by name, and the one place that runs them and merges what they
propose.

An extractor is a function ``(paragraph, context) -> candidates``: it reads one paragraph of a
document, with what the registry knows, and proposes candidates with the span they came from.
Extractors know nothing of each other; :func:`extract` runs the ones asked for on every
paragraph, in document order, and merges candidates that state one fact (:func:`merged`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from liaison.errors import InvalidRequest
from liaison.ingest.candidates import Candidate, Evidence, merged
from liaison.ingest.known import Known
from liaison.ingest.language import looks_like_language
from liaison.ingest.reading import DocumentText, Paragraph


@dataclass(frozen=True)
class Context:
    """What an extractor reads beside the paragraph."""

    known: Known
    #: The organization whose document this is (``itu``): the holder of the roles it states.
    organization: str
    document: DocumentText
    #: The registry's record of the document itself, cited as the source of what it proposes.
    source: str | None = None

    def parent_text(self, paragraph: Paragraph) -> str:
        """The text of the numbered paragraph a list item belongs to ("" when none)."""
        if paragraph.parent is None:
            return ""
        for other in self.document.paragraphs:
            if other.number == paragraph.parent:
                return other.text
        return ""

    def evidence(self, paragraph: Paragraph, start: int = 0, end: int | None = None) -> Evidence:
        stop = len(paragraph.text) if end is None else end
        text = paragraph.text
        return Evidence(paragraph.locator, start, stop, text[start:stop], text)


Extractor = Callable[[Paragraph, Context], Iterable[Candidate]]
EXTRACTORS: dict[str, Extractor] = {}
#: Extractors that read patterns, not prose (document symbols): they read every paragraph of a
#: document that is language as a whole, a list of references included.
ANY_PARAGRAPH: set[str] = set()


def extractor(name: str, *, prose: bool = True) -> Callable[[Extractor], Extractor]:
    """Register an extractor under ``name`` (``liaison ingest --extractors`` names them);
    ``prose=False`` for one that also reads paragraphs that are not sentences."""

    def register(function: Extractor) -> Extractor:
        if name in EXTRACTORS:
            raise ValueError(f"two extractors are named '{name}'")
        EXTRACTORS[name] = function
        if not prose:
            ANY_PARAGRAPH.add(name)
        return function

    return register


def extract(
    document: DocumentText, context: Context, names: Sequence[str] | None = None
) -> list[Candidate]:
    """The candidates of a document: every extractor (or those ``names``) on every paragraph,
    merged one per fact, in the order the facts are first read."""
    from liaison.ingest import extractors as _registered  # noqa: F401  (they register on import)

    chosen = list(EXTRACTORS) if names is None else list(names)
    unknown = [n for n in chosen if n not in EXTRACTORS]
    if unknown:
        raise InvalidRequest(
            f"unknown extractor {', '.join(unknown)}: use {', '.join(sorted(EXTRACTORS))}"
        )
    # Random bytes state nothing: a document that is not language as a whole gives nothing, and
    # the extractors of prose skip a paragraph that is not (a list of symbols still has some).
    if not looks_like_language(" ".join(p.text for p in document.paragraphs[:200])):
        return []
    found: list[Candidate] = []
    for paragraph in document.paragraphs:
        prose = looks_like_language(paragraph.text)
        for name in chosen:
            if prose or name in ANY_PARAGRAPH:
                found += EXTRACTORS[name](paragraph, context)
    return merged(found)
