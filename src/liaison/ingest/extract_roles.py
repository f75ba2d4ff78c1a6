"""Roles: bodies followed as an observer, mechanisms contributed to or led, networks listed
under a heading (with the column's category) and the periods they were chaired."""

from __future__ import annotations

import re
from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.phrases import dates_in
from liaison.ingest.reading import Paragraph
from liaison.reference.vocabulary import vocabulary

_OBSERVER = re.compile(r"\bas an? observer\b", re.I)
_CHAIR = re.compile(r"\(?\s*\(?(?:\w+\s)?chaired by ([^()]+?) from ([^()]+?)\)", re.I)
_GOVERNING = frozenset(
    {"principal-organ", "subsidiary-body", "functional-commission", "regional-commission",
     "expert-body", "governing-body"}
)  # fmt: skip
#: The role the organization holds in a network of each category (the demo's convention).
_ROLE_IN = {"management": "member", "thematic": "participant"}


@extractor("roles")
def roles(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """Bodies followed "as an observer", networks listed under a heading (with the column's
    category), and chairs with their period."""
    known, holder = context.known, context.organization
    if _OBSERVER.search(paragraph.text):
        for mention in known.mentions(paragraph.text):
            body = known.organizations[mention.organization]
            if body.kind in _GOVERNING and body.id != holder:
                yield _role(context, paragraph, mention.start, mention.end, holder, "observer",
                            body.id, None, 0.85)  # fmt: skip
    yield from _mechanisms(paragraph, context)
    if paragraph.kind != "list-item" or paragraph.parent is None:
        return
    found = next(iter(known.mentions(_without_parentheses(paragraph.text))), None)
    if found is None:
        return
    body = known.organizations[found.organization]
    if body.kind not in ("network", "inter-agency-mechanism"):
        return
    category = _category(paragraph.column) or body.category
    role = _ROLE_IN.get(category or "", "participant")
    yield _role(context, paragraph, found.start, found.end, holder, role, body.id, None, 0.8)
    chair = _CHAIR.search(paragraph.text)
    if chair:
        periods = dates_in(chair.group(2))
        if periods:
            yield _role(context, paragraph, chair.start(), chair.end(), holder, "chair", body.id,
                        periods[0], 0.85)  # fmt: skip


_CONTRIBUTES = re.compile(r"\b(?:contribut\w*|participat\w*)\s+(?:actively\s+)?(?:to|in)\b", re.I)
_LEADS = re.compile(r"\blead(?:s|ing)?\s+(?:within|in)\s+(?:the\s+)?", re.I)
_MECHANISMS = frozenset({"inter-agency-mechanism"})


def _mechanisms(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """Inter-agency mechanisms the organization contributes to (member), and the one it leads
    within ("leading within the CEB/HLCP": the last of a "/" path)."""
    known, holder = context.known, context.organization
    for sentence_start, sentence in _sentences(paragraph.text):
        mentions = [
            m for m in known.mentions(sentence)
            if known.organizations[m.organization].kind in _MECHANISMS
        ]  # fmt: skip
        if not mentions:
            continue
        if _CONTRIBUTES.search(sentence):
            for m in mentions:
                yield _role(context, paragraph, sentence_start + m.start, sentence_start + m.end,
                            holder, "member", m.organization, None, 0.75)  # fmt: skip
        for cue in _LEADS.finditer(sentence):
            path = [m for m in mentions if m.start >= cue.end()]
            led = path[0] if path else None
            for m in path[1:]:
                if sentence[led.end : m.start] != "/":  # type: ignore[union-attr]
                    break
                led = m
            if led is not None:
                start, end = sentence_start + led.start, sentence_start + led.end
                yield _role(context, paragraph, start, end, holder, "lead", led.organization,
                            None, 0.7)  # fmt: skip


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in re.finditer(r"(?<=[.;])\s+(?=[A-Z])", text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def _without_parentheses(text: str) -> str:
    """The text with its parenthesized remarks blanked (same length, so spans stay right); an
    acronym alone in parentheses is kept: "Ethics Network … (ENMO)"."""

    def blank(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        return (
            match.group(0) if re.fullmatch(r"[A-Z][\w-]{1,12}", inner) else " " * len(inner) + "  "
        )

    return re.sub(r"\([^()]*\)", blank, text)


def _category(column: str | None) -> str | None:
    if not column:
        return None
    wanted = " ".join(column.casefold().split())
    for code, label in vocabulary("network_category").items():
        if " ".join(label.casefold().split()) == wanted or code == wanted:
            return code
    return None


def _role(context: Context, paragraph: Paragraph, start: int, end: int, holder: str, role: str,
          body: str, period: str | None, score: float) -> Candidate:  # fmt: skip
    fields: dict[str, object] = {"holder": holder, "role": role, "body": body}
    if period:
        fields["period"] = period
    known = context.known.roles.get((holder, role, body))
    return Candidate(
        "role",
        fields,
        context.evidence(paragraph, start, end),
        score,
        "roles",
        (known,) if known else (),
        fact_key("role", holder, role, body, period),
    )
