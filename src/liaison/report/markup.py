"""The light markup the report template writes, read into the plain report object.

Structure (sections, paragraphs, bullets, blocks) comes only from the template's own lines:
``@summary``/``@action``, ``# Title``, a blank line, ``- item``, ``::table NAME``. Text from
records is made inert before any template sees it (:func:`inert`): its line breaks become
spaces, the private characters the markup uses are removed, and a leading ``#``, ``@``, ``-``
or ``:`` is guarded, so that no record can open a section, a paragraph, a link or the summary.
Links, names and acronyms are written with characters of Unicode's private use area, which
record text can therefore never hold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from liaison.report.document import Block, BulletList, Paragraph, Section, Span, Text

GUARD = "\ue000"  # put before record text that would otherwise read as markup; dropped later
LINK_OPEN, LINK_MID, LINK_CLOSE = "\ue001", "\ue002", "\ue003"
NAME_OPEN, NAME_CLOSE = "\ue004", "\ue005"
WORD_OPEN, WORD_MID, WORD_CLOSE = "\ue006", "\ue007", "\ue008"
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ID = "[a-z0-9][a-z0-9._-]*"
_NAME = re.compile(f"{NAME_OPEN}({_ID}){NAME_CLOSE}")
_WORD = re.compile(
    f"{WORD_OPEN}([^{WORD_MID}]*){WORD_MID}([^{WORD_MID}]*){WORD_MID}([01]){WORD_CLOSE}"
)
_LINK = re.compile(f"{LINK_OPEN}(.*?){LINK_MID}({_ID}){LINK_CLOSE}", re.S)
_SPACE = re.compile(r"\s+")
_MARKUP_START = ("#", "@", "-", ":", "*")

Namer = Callable[[str], str]
Worder = Callable[[str, str, bool], str]
T = TypeVar("T")


class Reader(Protocol):
    """Resolves, in reading order, what the markup leaves to be spelled out."""

    def name(self, org_id: str) -> str: ...
    def word(self, key: str, written: str, article: bool) -> str: ...
    def introduce(self, text: str) -> None: ...


_UNSAFE = "\\s\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ue000-\\uf8ff\\ufffe\\uffff"
# One clean line: no control or private character, single spaces, no markup at its start.
_SAFE = re.compile(f"[^#@:*\\-{_UNSAFE}](?:[^{_UNSAFE}]| (?! ))*")


def inert(text: str) -> str:
    """Record text made safe to place anywhere in the markup: one line, no private
    characters, no markup at its start."""
    if _SAFE.fullmatch(text) and not text.endswith(" "):
        return text  # already one clean line (most text): kept as it is
    text = _PRIVATE.sub("", _CONTROL.sub(" ", text))
    text = " ".join(text.split())
    return GUARD + text if text.startswith(_MARKUP_START) else text


def inert_facts(value: T) -> T:
    """``value`` with every string in it (dataclass fields, tuples, lists, dicts) made inert."""
    result: Any = _inert_value(value)
    return result  # type: ignore[no-any-return]


def _inert_value(value: Any) -> Any:
    """The value made inert; the very same object when nothing in it needed a change."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, int | float | bool | type(None)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _inert_value(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        items = [_inert_value(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_inert_value(k), _inert_value(v)) for k, v in value.items()]
        if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    return value


def link(text: str, record_id: str) -> str:
    """The markup for ``text`` stating the record ``record_id`` (links do not nest)."""
    clean = text.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").replace(LINK_MID, "")
    return f"{LINK_OPEN}{clean}{LINK_MID}{record_id}{LINK_CLOSE}"


def name_token(record_id: str) -> str:
    """A placeholder for an organization's name, resolved in reading order by the parser (so
    that the first mention spells the name out, wherever the template computed it)."""
    return f"{NAME_OPEN}{record_id}{NAME_CLOSE}"


def word_token(key: str, written: str, article: bool) -> str:
    """A placeholder for an abbreviation in running text (``CEB``, ``ICTs``): spelled out the
    first time the report uses it, written as it is afterwards."""
    return f"{WORD_OPEN}{key}{WORD_MID}{written}{WORD_MID}{int(article)}{WORD_CLOSE}"


def plain_text(text: str) -> str:
    """The text without any markup (for what is not a report paragraph)."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _WORD.sub(lambda m: m.group(2), text)
    return _PRIVATE.sub("", text)


def spans(
    text: str,
    new_ids: frozenset[str] = frozenset(),
    namer: Namer | None = None,
    worder: Worder | None = None,
) -> Text:
    """Text with links → spans; runs of white space become one space."""
    text = _SPACE.sub(" ", text).strip()
    if namer is not None:
        text = _NAME.sub(lambda m: namer(m.group(1)), text)
    if worder is not None:
        text = _WORD.sub(lambda m: worder(m.group(1), m.group(2), m.group(3) == "1"), text)
    out: list[Span] = []
    position = 0
    for match in _LINK.finditer(text):
        if match.start() > position:
            out.append(Span(_clean(text[position : match.start()])))
        record_id = match.group(2)
        out.append(Span(_clean(match.group(1)), record_id, record_id in new_ids))
        position = match.end()
    if position < len(text):
        out.append(Span(_clean(text[position:])))
    return tuple(s for s in out if s.text)


def _clean(text: str) -> str:
    return _PRIVATE.sub("", text)


BlockMaker = Callable[[str], Block | None]


def parse(
    markup: str,
    new_ids: frozenset[str],
    make_block: BlockMaker,
    reader: Reader,
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...], tuple[Section, ...]]:
    """Summary, action required and the numbered sections (empty ones left out)."""
    summary: list[Block] = []
    action: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    target = summary

    def text(content: str) -> Text:
        return spans(content, new_ids, reader.name, reader.word)

    for kind, content in _chunks(markup):
        if kind == "summary":
            target = summary
        elif kind == "action":
            target = action
        elif kind == "section":
            title = plain_text(content)
            reader.introduce(title)
            sections.append((title, []))
            target = sections[-1][1]
        elif kind == "block":
            made = make_block(content)
            if made is not None and target is not summary and target is not action:
                target.append(made)
        elif kind == "bullets":
            items = tuple(t for line in content.split("\n") if (t := text(line)))
            if items:
                target.append(BulletList(items))
        elif paragraph := text(content):
            target.append(Paragraph(paragraph))
    numbered: list[Section] = []
    for title, blocks in sections:
        if not any(isinstance(b, Paragraph | BulletList) for b in blocks):
            continue
        number = str(len(numbered) + 1)
        count = 0
        renumbered: list[Block] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                count += 1
                block = Paragraph(block.spans, f"{number}.{count}")
            renumbered.append(block)
        numbered.append(Section(number, title, tuple(renumbered)))
    return _paragraphs(summary), _paragraphs(action), tuple(numbered)


def _paragraphs(blocks: list[Block]) -> tuple[Paragraph, ...]:
    return tuple(b for b in blocks if isinstance(b, Paragraph))


def _chunks(markup: str) -> Iterator[tuple[str, str]]:
    """(kind, content) for each directive, heading, bullet list and paragraph."""
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> Iterator[tuple[str, str]]:
        if paragraph:
            yield "paragraph", " ".join(paragraph)
            paragraph.clear()
        if bullets:
            yield "bullets", "\n".join(bullets)
            bullets.clear()

    for raw in markup.split("\n"):
        line = raw.strip()
        if not line:
            yield from flush()
        elif line in ("@summary", "@action"):
            yield from flush()
            yield line[1:], ""
        elif line.startswith("# "):
            yield from flush()
            yield "section", line[2:].strip()
        elif line.startswith("::"):
            yield from flush()
            yield "block", line[2:].strip()
        elif line.startswith("- "):
            if paragraph:
                yield from flush()
            bullets.append(line[2:])
        else:
            if bullets:
                yield from flush()
            paragraph.append(line)
    yield from flush()
