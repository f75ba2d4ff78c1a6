"""Joint initiatives in a list: their names, and their partners with the role each cue gives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.extract_events import EVENT, dated
from liaison.ingest.reading import Paragraph

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
    listed_event = EVENT.match(text)
    if (listed_event and dated(listed_event)) or re.match(
        r"(?:Within|In|At|For|Through|With)\s", text
    ):
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
