"""The extractors: rules over the registry's names (a gazetteer), one per kind of fact.

Each reads one paragraph and proposes candidates with their span; none writes anything. The cue
phrases are English, as the Council series is written; the organizations, events, initiatives
and documents are found by the names the registry records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.phrases import dates_in, slug, symbol_kind, symbols_in
from liaison.ingest.reading import Paragraph
from liaison.reference.vocabulary import vocabulary

# --- documents -----------------------------------------------------------------------------


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

# --- events --------------------------------------------------------------------------------

#: "Name (dates)" in a list of events: the name runs back to the last separator.
_EVENT = re.compile(r"([^;:()]+?)\s*\(([^()]*?\b(?:19|20)\d{2}\b[^()]*)\)")
_LEADING = re.compile(r"^(?:,|and\b|the\b|including\b|\s)+", re.I)
#: What a date phrase is made of: days, months, years and the words between them.
_DATE_WORDS = re.compile(
    r"\b(?:\d{1,4}|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|and|to)\b|[-–,]",
    re.I,
)


@extractor("events")
def events(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """Events listed with their dates: "World Health Assembly (May 2017)", one per month."""
    for match in _EVENT.finditer(paragraph.text):
        if not _dated(match):
            continue
        raw = match.group(1)
        name = _proper_name(_LEADING.sub("", raw.split(",")[-1] if "," in raw else raw))
        if len(name) < 4 or not name[0].isupper() or len(name.split()) > 14:
            continue
        start = match.start(1) + raw.index(name) if name in raw else match.start(1)
        for day in dates_in(match.group(2)):
            known = context.known.event(name, day)
            fields: dict[str, object] = {"name": name, "kind": _event_kind(name), "date": day}
            yield Candidate(
                "event",
                fields,
                context.evidence(paragraph, start, match.end()),
                0.8,
                "events",
                (known,) if known else (),
                fact_key("event", name.casefold(), day),
            )


#: Small words a proper name holds between its capitalized ones ("Committee on the Peaceful
#: Uses of Outer Space and its Sub-Committee").
_NAME_WORDS = frozenset({"of", "the", "on", "for", "and", "in", "its", "to", "-", "–", "&"})


def _proper_name(text: str) -> str:
    """The proper name a phrase ends with: "ITU took part in the World Health Assembly" →
    "World Health Assembly"."""
    words = text.strip(" .").split()
    start = len(words)
    while start > 0:
        word = words[start - 1]
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in _NAME_WORDS):
            break
        start -= 1
    while start < len(words) and words[start].lower() in _NAME_WORDS:
        start += 1
    return " ".join(words[start:])


def _dated(match: re.Match[str]) -> bool:
    """Whether the parenthesis of an event match holds a date (and a place), not a remark."""
    return len(_DATE_WORDS.sub(" ", match.group(2)).split()) <= 2


def _event_kind(name: str) -> str:
    lowered = name.lower()
    return next((kind for word, kind in _EVENT_WORDS if word in lowered), "meeting")


#: A word of an event's name, and the kind of event it says (codes of ``event_kind``).
_EVENT_WORDS = (
    ("summit", "summit"),
    ("forum", "forum"),
    ("symposium", "symposium"),
    ("assembly", "session"),
    ("committee", "session"),
    ("conference", "conference"),
    ("week", "meeting"),
)


# --- roles ---------------------------------------------------------------------------------

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


# --- initiatives ---------------------------------------------------------------------------

#: The cue before the partners of an initiative, and the role it gives them.
_PARTNER_CUES = (
    (re.compile(r"\b(?:co-)?led by\b", re.I), "lead"),
    (re.compile(r"\bcoordinated by\b", re.I), "coordinator"),
    (re.compile(r"\bimplemented by\b", re.I), "partner"),
    (re.compile(r"\bby\b(?= [A-Z])"), "lead"),
    (re.compile(r"\bco-organized with\b|\bin partnership with\b|\btogether with\b", re.I),
     "partner"),
    (re.compile(r"\bsupported by\b", re.I), "supporter"),
)  # fmt: skip


@extractor("initiatives")
def initiatives(paragraph: Paragraph, context: Context) -> Iterator[Candidate]:
    """An item of a list of initiatives: its name (up to the first cue, colon, parenthesis or
    relative clause), the organizations its name joins ("WHO/ITU joint programme": co-leads),
    and the partners each cue introduces with the role the cue gives them."""
    if paragraph.kind != "list-item" or paragraph.column is not None:
        return
    text = paragraph.text
    cues = _cues(text)
    listed = "initiative" in context.parent_text(paragraph).lower()
    if not cues and not listed:
        return
    end = min(
        [len(text), *(c[0] for c in cues[:1]), *(m.start() for m in _NAME_END.finditer(text))]
    )
    dated = _EVENT.match(text)
    if (dated and _dated(dated)) or re.match(r"(?:Within|In|At|For|Through|With)\s", text):
        return  # an event with its date (the events extractor's), or a sentence
    for offset, name in _names_in(text[:end]):
        partners = {org: "co-lead" for org in _joined(name, context)}
        for index, (_start, cue_end, role) in enumerate(cues):
            stop = cues[index + 1][0] if index + 1 < len(cues) else len(text)
            found = [m.organization for m in context.known.mentions(text[cue_end:stop])
                     if not _generic(text, cue_end + m.start, cue_end + m.end)]  # fmt: skip
            if role == "lead" and cue_end - _start <= 3 and len(found) > 1:  # "by A and B"
                role = "co-lead"
            for org in found:
                partners.setdefault(org, role)
        own = _own_role(text)
        if own is not None:
            partners.setdefault(context.organization, own)
        yield _initiative(context, paragraph, offset, name, partners)


def _generic(text: str, start: int, end: int) -> bool:
    """A mention that names no one: "20 UN sister agencies", "six other UN entities"."""
    before, after = text[:start], text[end:]
    counted = re.search(r"(?:\d+|other|several|many|various)\s+$", before)
    return bool(counted) or bool(_GROUP_NOUN.match(after))


_GROUP_NOUN = re.compile(r"\s+(?:sister\s+)?(?:entities|agencies|organizations|system|bodies)\b")


def _own_role(text: str) -> str | None:
    """The organization's own part where the item implies it: it co-organizes (lead), works in
    partnership with others (partner), or is a member."""
    if re.search(r"\bco-organized with\b", text, re.I):
        return "lead"
    if re.search(r"\bis (?:also )?(?:an? )?(?:active )?member\b", text, re.I):
        return "member"
    if re.search(r"\bin partnership with\b", text, re.I):
        return "partner"
    return None


#: Where an initiative's name ends when no cue ends it first.
_NAME_END = re.compile(r":|\(|\s(?:which|that|to|is|was)\s|\.\s")


def _cues(text: str) -> list[tuple[int, int, str]]:
    found = sorted(
        (m.start(), m.end(), role)
        for pattern, role in _PARTNER_CUES
        for m in pattern.finditer(text)
    )
    cues: list[tuple[int, int, str]] = []
    for cue in found:  # "led by" holds a "by": the cue that starts first wins
        if not cues or cue[0] >= cues[-1][1]:
            cues.append(cue)
    return cues


def _names_in(text: str) -> Iterator[tuple[int, str]]:
    """The name (or the names, "Local 2030 and the Partnership on …") an item begins with."""
    start = 0
    for part in re.split(r"\s+and\s+the\s+(?=[A-Z])", text):
        name = part.strip(" ,;:.")
        if len(name) >= 3:
            yield text.index(name, start), name
        start += len(part)


def _joined(name: str, context: Context) -> list[str]:
    """The organizations a name joins with "/" or "-": "ITU/WMO/UNESCO-IOC", "ITU-UNECE"."""
    found: list[str] = []
    for token in re.findall(r"[\w@.&-]+(?:/[\w@.&-]+)+|\b[A-Z]{2,}(?:-[A-Z]{2,})+\b", name):
        for part in token.split("/"):
            ids = context.known.acronyms.get(part)
            pieces = [part] if ids else part.split("-")
            for piece in pieces:
                match = context.known.acronyms.get(piece)
                if match and len(match) == 1:
                    found.append(next(iter(match)))
    return list(dict.fromkeys(found)) if len(found) > 1 else []


def _initiative(context: Context, paragraph: Paragraph, start: int, name: str,
                partners: dict[str, str]) -> Candidate:  # fmt: skip
    known = context.known.initiative(name)
    fields: dict[str, object] = {
        "name": name,
        "kind": "partnership",
        "partners": [{"org": org, "role": role} for org, role in partners.items()],
    }
    return Candidate(
        "initiative",
        fields,
        context.evidence(paragraph, start, start + len(name)),
        0.7 if partners else 0.5,
        "initiatives",
        (known,) if known else (),
        fact_key("initiative", name.casefold()),
    )


# --- resolutions named by their subject -----------------------------------------------------

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


# --- organizations the registry does not know ---------------------------------------------

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
        name = _proper_name(match.group(1))
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
