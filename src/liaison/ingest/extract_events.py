"""Events listed with their dates: "World Health Assembly (May 2017)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from liaison.ingest.candidates import Candidate, fact_key
from liaison.ingest.extract import Context, extractor
from liaison.ingest.phrases import dates_in, proper_name
from liaison.ingest.reading import Paragraph

#: "Name (dates)" in a list of events: the name runs back to the last separator.
EVENT = re.compile(r"([^;:()]+?)\s*\(([^()]*?\b(?:19|20)\d{2}\b[^()]*)\)")
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
    for match in EVENT.finditer(paragraph.text):
        if not dated(match):
            continue
        raw = match.group(1)
        name = proper_name(_LEADING.sub("", raw.split(",")[-1] if "," in raw else raw))
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


def dated(match: re.Match[str]) -> bool:
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
