"""Reading the small phrases documents state facts in: dates and periods, document symbols,
lists of names ("ITU, UN Women and UNESCO").

Dates come back in the import format's partial form (``2017-05``, ``2017-06-06/2017-06-09``,
``2015/2017``), one per month a phrase names: "(January, March and June 2017)" is three dates.
"""

from __future__ import annotations

import calendar
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

#: "6-9 June 2017", "6 June 2017"
DAY_RANGE = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?\s+({_MONTH})\s+(\d{{4}})\b", re.I)
#: "January, March and June 2017", "May 2017"
MONTHS_OF_YEAR = re.compile(
    rf"\b((?:{_MONTH})(?:\s*(?:,|and|&)\s*(?:{_MONTH}))*)\s+(\d{{4}})\b", re.I
)
#: "2015-2017", "from 2011 to 2017"
YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-–]|to)\s*((?:19|20)\d{2})\b")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")

#: UN document symbols: A/72/34, A/RES/72/200, E/RES/2017/21, C18/INF/4, JIU/REP/2016/1,
#: CWG-FHR-8/14, E/CN.16/2017/2, UNEP/EA.3/Res.1: segments joined by "/", the first in capitals.
SYMBOL = re.compile(r"(?<![\w/])[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+")


_REVISION = re.compile(r"\((?:Rev|Add|Corr)\.\d+\)")


def month_number(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def dates_in(text: str) -> list[str]:
    """The dates a phrase names, most precise first: a day range, else each month of a year,
    else a range of years, else one year."""
    found = DAY_RANGE.search(text)
    if found:
        first, last, month, year = found.groups()
        m = month_number(month)
        start = f"{year}-{m:02d}-{int(first):02d}"
        return [f"{start}/{year}-{m:02d}-{int(last):02d}" if last else start]
    found = MONTHS_OF_YEAR.search(text)
    if found:
        months, year = found.groups()
        names = re.findall(_MONTH, months, re.I)
        return [f"{year}-{month_number(n):02d}" for n in dict.fromkeys(names)]
    found = YEAR_RANGE.search(text)
    if found:
        return [f"{found.group(1)}/{found.group(2)}"]
    found = YEAR.search(text)
    return [found.group(1)] if found else []


def symbols_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of every official-looking document symbol in ``text``."""
    out = []
    for match in SYMBOL.finditer(text):
        symbol = match.group(0).rstrip(".,;:-")
        first, last = symbol.split("/")[0], symbol.split("/")[-1]
        numbered = any(c.isdigit() for c in last) and not re.fullmatch(r"\d{4}", first)
        if numbered and any(c.isupper() for c in first):
            end = match.start() + len(symbol)
            revision = _REVISION.match(text, end)  # "C12/INF/1(Rev.1)" is one symbol
            if revision:
                symbol, end = symbol + revision.group(0), revision.end()
            out.append((match.start(), end, symbol))
    return out


def symbol_kind(symbol: str) -> str | None:
    """The kind of document a symbol names (codes of ``document_kind``), where it says."""
    if "/RES/" in symbol.upper() or re.search(r"/Res\.\d", symbol):
        return "resolution"
    if symbol.startswith("JIU/REP/"):
        return "jiu-report"
    if re.match(r"^C\d{2}/INF/", symbol):
        return "council-report"
    if re.match(r"^C\d{2}/", symbol):
        return "contribution"
    return None


def slug(text: str) -> str:
    """A record id made from a name or a symbol: ``JIU/REP/2016/1`` → ``jiu-rep-2016-1``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100]


def split_names(text: str) -> list[str]:
    """``ITU, UN Women and UNESCO`` → the three names (commas, "and", "&", semicolons)."""
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


#: Small words a proper name holds between its capitalized ones ("Committee on the Peaceful
#: Uses of Outer Space and its Sub-Committee").
NAME_WORDS = frozenset({"of", "the", "on", "for", "and", "in", "its", "to", "-", "–", "&"})


def proper_name(text: str) -> str:
    """The proper name a phrase ends with: "ITU took part in the World Health Assembly" →
    "World Health Assembly"."""
    words = text.strip(" .").split()
    start = len(words)
    while start > 0:
        word = words[start - 1]
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in NAME_WORDS):
            break
        start -= 1
    while start < len(words) and words[start].lower() in NAME_WORDS:
        start += 1
    return " ".join(words[start:])
