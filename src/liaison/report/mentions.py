"""First mentions: every body and every abbreviation spelled out once, where the reader first
meets it, and written short afterwards, across the whole report.

Two kinds of placeholder reach the parser in reading order: an organization's name token
(from the template's ``name()``), and a word token for an abbreviation written in the running
text of a record ("ITU contributed to the CEB"), put there by :meth:`Mentions.tokens`. Both
share one record of what the reader has already met.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from liaison.reference.glossary import glossary
from liaison.report.fact_types import Org
from liaison.report.markup import word_token

# Names of several words read as common nouns and take "the" ("the Economic and Social
# Council", "the WSIS Forum"); one-word names ("ITU", "EQUALS: ...") and these do not.
_PROPER_NAMES = ("UN Women", "UN-", "UN Environment", "UN Global Pulse")
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "each",
        "every",
        "whose",
    }
)
# Words after which an abbreviation is a noun ("contributed to CEB and HLCM"), not a modifier
# ("UN entities", "ITU Secretary-General"): only a noun takes "the".
_FUNCTION_WORDS = frozenset(
    {
        "among",
        "including",
        "and",
        "or",
        "but",
        "nor",
        "on",
        "in",
        "to",
        "with",
        "for",
        "of",
        "by",
        "at",
        "as",
        "from",
        "into",
        "through",
        "within",
        "under",
        "over",
        "which",
        "that",
        "who",
        "whom",
        "where",
        "when",
        "while",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
    }
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_INTRODUCED = re.compile(r"\(\s*([^()]+?)\s*\)")


def takes_article(name: str) -> bool:
    """Whether a name reads with "the" before it in running text."""
    first = name.split(" ", 1)[0]
    if not (name[:1].isupper() or name[:1].isdigit()) or " " not in name or first.endswith(":"):
        return False
    return not name.startswith(_PROPER_NAMES)


class Mentions:
    """What the reader has met so far, and how to write a body or an abbreviation next."""

    def __init__(self, orgs: Mapping[str, Org], acronyms: Mapping[str, tuple[str, str]]) -> None:
        self.orgs = orgs
        self.seen: set[str] = set()
        self.long: dict[str, str] = {}  # written form → spelled-out form
        self.key: dict[str, str] = {}  # written form → what it stands for (an id or a term)
        for short, (org_id, long) in acronyms.items():
            self.long[short] = long
            self.key[short] = org_id
        for term in glossary():
            for short, long in term.forms().items():
                if short not in self.key:  # a body's acronym wins over a term
                    self.long[short] = long
                    self.key[short] = f"term:{term.short}"
        words = sorted(self.key, key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words) or "(?!x)x"
        self._pattern = re.compile(rf"(?<![\w/&-])(?:{alternatives})(?![\w/&-])")

    # --- called while the report is read, in order -----------------------------------------
    def name(self, org_id: str) -> str:
        """An organization's name: in full with its acronym the first time, then the acronym."""
        org = self.orgs.get(org_id)
        if org is None:
            return org_id
        if not org.acronym or org.acronym == org.name:
            text = org.name
        elif org.id in self.seen:
            return org.acronym
        else:
            text = f"{org.name} ({org.acronym})"
        self.seen.add(org.id)
        return "the " + text if takes_article(org.name) else text

    def word(self, key: str, written: str, article: bool) -> str:
        """An abbreviation met in running text."""
        if not written:  # spelled out by the text itself
            self.seen.add(key)
            return ""
        if key in self.seen or written not in self.long:
            return written
        self.seen.add(key)
        long = self.long[written]
        return f"{'the ' if article and takes_article(long) else ''}{long} ({written})"

    def introduce(self, text: str) -> None:
        """Note the abbreviations a heading spells out ("... (JIU)")."""
        for match in _INTRODUCED.finditer(text):
            key = self.key.get(match.group(1))
            if key is not None:
                self.seen.add(key)

    # --- called while the template is composed ---------------------------------------------
    def tokens(self, text: str) -> str:
        """Running text with each abbreviation it uses turned into a word token (text in
        quotation marks is a title or a quotation, and is left as written)."""
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        out: list[str] = []
        position = 0
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in quoted):
                continue
            written = match.group(0)
            key = self.key[written]
            before = text[:start].rstrip()
            if before.endswith("(") and text[end:].lstrip().startswith(")"):
                # Already spelled out by the text itself: "Task Force (ISC-TF)".
                out.append(text[position:end])
                out.append(word_token(key, "", False))
                position = end
                continue
            previous = before.rsplit(" ", 1)[-1].lower() if before else ""
            following = text[end:].lstrip()
            next_word = following.split(" ", 1)[0].lower() if following else ""
            noun = not following or not following[0].isalnum() or next_word in _FUNCTION_WORDS
            article = noun and previous not in _DETERMINERS and not previous.endswith(("'s", "’s"))
            out.append(text[position:start])
            out.append(word_token(key, written, article and key in self.orgs))
            position = end
        out.append(text[position:])
        return "".join(out)
