"""Things named in passing: resolutions by their subject, and bodies named with an acronym the
registry does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.phrases import proper_name, slug
from liaison.ingest.reading import Paragraph

#: "UNGA resolution on …", "ECOSOC/CSTD resolutions on … and the resolution on …": the issuer's
#: acronym (optional) and the subject, up to the next resolution or the sentence's end.
_RESOLUTION = re.compile(
    r"(?:\b([A-Z][A-Za-z]+)(?:/[A-Z]+)?\s+)?\bresolutions?\s+on\s+(?:the\s+)?"
    r"(.+?)(?=,?\s+and\s+(?:the\s+)?(?:[A-Z]+\S*\s+)?resolutions?\s+on\b|[.;]|$)"
)


@extractor("resolutions")
def resolutions(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """Resolutions a paragraph names by their subject, with the body that adopted them."""
    issuer: str | None = None
    for match in _RESOLUTION.finditer(paragraph.text):
        if match.group(1):
            found, _score = context.known.resolve(match.group(1))
            issuer = found or issuer
        title = match.group(2).strip(" ,")
        title = title[0].upper() + title[1:]
        fields: dict[str, object] = {"title": title, "kind": "resolution"}
        if issuer:
            fields["issued_by"] = issuer
        known = context.known.document_titled(title)
        yield Candidate(
            "document",
            fields,
            context.evidence(paragraph, match.start(), match.end()),
            0.6,
            "resolutions",
            (known,) if known else (),
            fact_key("document", "resolution", title.casefold()),
        )


#: "Full Name of a Body (ACRONYM)": a name of capitalized words (with the small words a name
#: holds) followed by its acronym in parentheses.
_NAMED_WITH_ACRONYM = re.compile(
    r"((?:[A-Z][\w’'-]*|of|the|on|for|and|in|de|to)(?:\s+(?:[A-Z][\w’'-]*|of|the|on|for|and|in|"
    r"de|to|&))+)\s+\(\(?([A-Z][A-Za-z0-9-]{1,14})\)?\)"
)
#: A word of a body's name and the kind of organization it says (codes of organization_kind).
_BODY_WORDS = (
    ("network", "network"), ("task force", "network"), ("task team", "network"),
    ("group", "network"), ("committee", "expert-body"), ("commission", "expert-body"),
    ("board", "expert-body"), ("council", "expert-body"), ("programme", "fund-programme"),
    ("fund", "fund-programme"), ("partnership", "partnership"), ("alliance", "partnership"),
    ("coalition", "partnership"), ("union", "intergovernmental"),
    ("organization", "intergovernmental"), ("association", "non-governmental"),
)  # fmt: skip


@extractor("organizations")
def organizations(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """A body named with its acronym that the registry knows by neither, as a new
    organization, its kind read from its name (a name that says no kind of body is not
    proposed: "Artificial Intelligence (AI)")."""
    known = context.known
    for match in _NAMED_WITH_ACRONYM.finditer(paragraph.text):
        name = proper_name(match.group(1))
        acronym = match.group(2)
        lowered = name.lower()
        kind = next((k for word, k in _BODY_WORDS if word in lowered), None)
        if kind is None or len(name.split()) < 2 or acronym in known.acronyms:
            continue  # a body's name says what it is: "Network", "Committee", "Programme"…
        if known.resolve(name)[0] is not None or known.initiative(name) is not None:
            continue
        fields: dict[str, object] = {
            "id": slug(acronym), "name": name, "acronym": acronym, "kind": kind
        }  # fmt: skip
        yield Candidate(
            "organization",
            fields,
            context.evidence(paragraph, match.start(1) + match.group(1).index(name), match.end()),
            0.6,
            "organizations",
            (),
            fact_key("organization", acronym, name.casefold()),
        )
