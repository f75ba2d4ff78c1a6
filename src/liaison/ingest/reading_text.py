"""Decoding text files, reading plain text into blocks, and finding a document's symbol,
title and date in its first lines.

Decoding a text file, in this order:

1. a byte-order mark decides: UTF-8, UTF-16 or UTF-32 (little or big endian);
2. UTF-16 without a mark is recognised by its zero bytes (every other byte zero);
3. any other zero byte, or more than one control character in a hundred, means the file is
   binary: it is refused ("looks binary, not text");
4. valid UTF-8 is read as UTF-8;
5. anything else is read as Windows-1252 (the encoding of older Western European Windows
   files, of which Latin-1 is nearly a subset) when every byte is defined there and the result
   passes the control-character test of step 3; otherwise it is refused ("is not UTF-8 text").

Plain text comes in two shapes: one paragraph per line (a Word document saved as text) or
paragraphs wrapped over several lines and separated by blank lines. The shape is read from the
text: when most lines that run on to a next line are long and end without a stop, lines are
joined into paragraphs; otherwise each line is a paragraph. In either shape a line that starts
with a number (``5.3``), a bullet or a tab starts a new paragraph. A list laid out in columns,
as Word writes a table to text (the column headings on tab-indented lines, then each column's
items, its first item tab-indented, columns separated by a blank line), gives list items with
their column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from itertools import pairwise

from liaison.ingest.reading import Block, Found, Paragraph, problem, split_number

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_LOOKS_LIKE = {b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP package such as a DOCX file"}


def decode(data: bytes, name: str) -> str:
    """The text of a text file's bytes, decoded as the module says, or a clear refusal."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name)
            except UnicodeDecodeError:
                raise problem(name, f"starts as {codec} text but is not valid {codec}") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise _binary(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise problem(name, "is not UTF-8 text (nor Windows-1252): save it as UTF-8") from None
    return _checked(text, name)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _binary(data: bytes, name: str) -> Exception:
    like = next((what for magic, what in _LOOKS_LIKE.items() if data.startswith(magic)), None)
    return problem(name, "looks binary, not text" + (f" (it looks like {like})" if like else ""))


def _checked(text: str, name: str) -> str:
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v\x1b")
    if controls > max(0, len(text) // 100):
        raise _binary(text.encode("utf-8", "replace"), name)
    return text


# --- Plain text -------------------------------------------------------------------------------

_BULLETED = re.compile(r"^\s*[·•\-*▪◦‣●○■□–—\uf0b7\uf0a7]\s")


def _starts_block(line: str) -> bool:
    """A line that starts a paragraph of its own: a number, a bullet, a tab."""
    stripped = line.strip()
    return (
        line.startswith("\t")
        or bool(_BULLETED.match(line))
        or split_number(stripped)[0] is not None
    )


def plain_blocks(text: str) -> Found:
    """Blocks of plain text, in either shape (see the module)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line.replace("\f", "") for line in lines]
    runs = [(a, b) for a, b in pairwise(lines) if a.strip() and b.strip() and not _starts_block(b)]
    wrapped = sum(1 for a, _ in runs if len(a) >= 40 and not a.endswith((".", ":", ";")))
    if runs and wrapped >= 0.5 * len(runs) and max(map(len, lines)) <= 120:
        return Found(_wrapped(lines))
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        columns = _columns(lines, i)
        if columns is not None:
            found, i = columns
            blocks += found
            continue
        if lines[i].strip():
            blocks.append(Block(lines[i]))
        i += 1
    return Found(blocks)


def _wrapped(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if current and (not line.strip() or _starts_block(line)):
            blocks.append(Block(" ".join(current)))
            current = []
        if line.strip():
            current.append(line.strip())
    return blocks


def _heading_cell(line: str) -> bool:
    stripped = line.strip()
    return (
        line.startswith("\t")
        and bool(stripped)
        and not _BULLETED.match(stripped)
        and len(stripped.split()) <= 8
        and not stripped.endswith((".", ";", ","))
    )


def _columns(lines: list[str], i: int) -> tuple[list[Block], int] | None:
    """A list laid out in columns starting at line ``i``: its items and the line after it."""
    headings: list[str] = []
    k = i
    while k < len(lines) and _heading_cell(lines[k]):
        headings.append(lines[k].strip())
        k += 1
    if len(headings) < 2 or k >= len(lines) or lines[k].strip():
        return None
    groups: list[list[str]] = []
    while True:
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k >= len(lines) or not (lines[k].startswith("\t") and _BULLETED.match(lines[k])):
            break
        group = [lines[k]]
        k += 1
        while k < len(lines) and _BULLETED.match(lines[k]) and not lines[k].startswith("\t"):
            group.append(lines[k])
            k += 1
        groups.append(group)
    if len(groups) != len(headings):
        return None
    blocks = [
        Block(item, kind="list-item", column=" ".join(heading.split()))
        for heading, group in zip(headings, groups, strict=True)
        for item in group
    ]
    return blocks, k


# --- Symbol, title and date -------------------------------------------------------------------

_SYMBOL = (
    r"[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)*(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+"
    r"(?:\((?:Rev|Add|Corr)\.\s?\d+\))?"
)
_STATED_SYMBOL = re.compile(rf"\b(?:Document|Symbol:?)\s+({_SYMBOL})")
_LEADING_SYMBOL = re.compile(rf"^({_SYMBOL})(?:\s|$)")
_TRAILING_SYMBOL = re.compile(rf"\s({_SYMBOL})$")
_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    )
    for number, name in enumerate(names.split(), 1)
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = (
    re.compile(
        rf"(?<![\d–\-/])(?<![–\-]\s)\b(?P<d>\d{{1,2}})(?:er)?\s+(?:de\s+)?(?P<m>{_MONTH})\s+"
        rf"(?:de\s+)?(?P<y>\d{{4}})\b",
        re.I,
    ),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"(?<!\d\s)(?<![–\-])\b(?P<m>{_MONTH})\s+(?:de\s+)?(?P<y>\d{{4}})\b", re.I),
)
_NOT_TITLE = re.compile(
    r"^(summary|action required|purpose|references?|contents|table of contents|abstract|"
    r"introduction|background|executive summary|annex\b.*|note\b.*|(report|note) by\b.*|"
    r"english only|original:.*|distr\b.*|general|restricted|agenda item\b.*|item \d.*|"
    r"for (information|decision|approval)\b.*|page \d.*|untitled|document\d*|"
    r"microsoft word\b.*|.*\.(docx?|pdf|txt))$",
    re.I,
)


def _symbol(text: str) -> str | None:
    """A document symbol as cited: the language suffix of ``C18/INF/4-E`` dropped."""
    symbol = re.sub(r"-[EFSACR]$", "", text.strip().rstrip(".,;:"))
    if not re.fullmatch(_SYMBOL, symbol):
        return None
    return symbol if any(c.isdigit() for c in symbol.split("/", 1)[1]) else None


def _date(text: str) -> str | None:
    """The first single date in ``text`` (not a range), as YYYY-MM-DD or YYYY-MM."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = parts["m"].lower()
            number = int(month) if month.isdigit() else _MONTHS[month]
            try:
                found = date(int(parts["y"]), number, int(parts.get("d") or 1))
            except ValueError:
                continue
            return found.isoformat() if parts.get("d") else found.isoformat()[:7]
    return None


def _title_like(text: str, stated: bool = False) -> bool:
    """A line that can be the title (one the format states may be a single word)."""
    words = text.split()
    return (
        (1 if stated else 2) <= len(words) <= 25
        and text[:1].isupper()
        and not text.endswith((".", ";", ","))
        and not _NOT_TITLE.match(text.strip(" :"))
        and not re.search(_SYMBOL, text)
        and _date(text) is None
        and not (len(words) <= 3 and re.search(r"\b\d{4}\b", text))
        and sum(c.isalpha() for c in text) >= 0.6 * len(text.replace(" ", ""))
    )


def metadata(paragraphs: tuple[Paragraph, ...], found: Found) -> tuple[str | None, ...]:
    """(symbol, title, date) from the first lines: the paragraphs before the first numbered
    one (at most 30, on the first page of a PDF), then the page headers and footers. A
    symbol is one stated ("Document C18/INF/4-E", "Symbol: A/72/34"), or alone on a line, or
    ending a short line ("United Nations A/72/34"), or opening a header or footer line; a list
    of references ("Documents C17/INF/10, …") is not one. The title is the one the format
    states, else the first title-like line (a short line with a capital, no stop, no symbol
    or date, not "Summary" or "Report by …"). The date is the first single date (not a
    range), to the day or the month."""
    zone: list[str] = []
    for paragraph in paragraphs[:30]:
        if paragraph.number is not None and paragraph.kind != "list-item":
            break
        if paragraph.page not in (None, 1):
            break
        zone.append(paragraph.text)
    symbol = _symbol(found.symbol) if found.symbol else None
    for line in zone + found.extra_lines:
        if symbol:
            break
        match = _STATED_SYMBOL.search(line)
        if " " not in line or line in found.extra_lines:
            match = match or _LEADING_SYMBOL.match(line)
        if len(line.split()) <= 6 and "," not in line and not line.startswith(("Doc", "Ref")):
            match = match or _TRAILING_SYMBOL.search(line)
        symbol = _symbol(match[1]) if match else None
    title = found.title if found.title and _title_like(found.title, stated=True) else None
    title = title or next((line for line in zone if _title_like(line)), None)
    when = next((d for d in map(_date, zone + found.extra_lines) if d), None)
    return symbol, title, when
