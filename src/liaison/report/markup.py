"""Reading the light markup the report template writes into the plain report object."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from liaison.report.document import Block, BulletList, Paragraph, Section, Span, Text

LINK_OPEN, LINK_MID, LINK_CLOSE = "\u27e6", "\u2502", "\u27e7"
NAME_OPEN, NAME_CLOSE = "\u2063", "\u2064"
_NAME = re.compile(f"{NAME_OPEN}([a-z0-9][a-z0-9._-]*){NAME_CLOSE}")
Namer = Callable[[str], str]
_LINK = re.compile(f"{LINK_OPEN}(.*?){LINK_MID}([a-z0-9][a-z0-9._-]*){LINK_CLOSE}", re.S)
_SPACE = re.compile(r"\s+")


def link(text: str, record_id: str) -> str:
    """The markup for ``text`` stating the record ``record_id``."""
    clean = text.replace(LINK_OPEN, "").replace(LINK_CLOSE, "").replace(LINK_MID, "")
    return f"{LINK_OPEN}{clean}{LINK_MID}{record_id}{LINK_CLOSE}"


def name_token(record_id: str) -> str:
    """A placeholder for an organization's name, resolved in reading order by the parser (so
    that the first mention spells the name out, wherever the template computed it)."""
    return f"{NAME_OPEN}{record_id}{NAME_CLOSE}"


def spans(text: str, new_ids: frozenset[str] = frozenset(), namer: Namer | None = None) -> Text:
    """Text with links → spans; runs of white space become one space."""
    out: list[Span] = []
    position = 0
    text = _SPACE.sub(" ", text).strip()
    if namer is not None:
        text = _NAME.sub(lambda m: namer(m.group(1)), text)
    for match in _LINK.finditer(text):
        if match.start() > position:
            out.append(Span(text[position : match.start()]))
        record_id = match.group(2)
        out.append(Span(match.group(1), record_id, record_id in new_ids))
        position = match.end()
    if position < len(text):
        out.append(Span(text[position:]))
    return tuple(out)


BlockMaker = Callable[[str], Block | None]


def parse(
    markup: str, new_ids: frozenset[str], make_block: BlockMaker, namer: Namer
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...], tuple[Section, ...]]:
    """Summary, action required and the numbered sections (empty ones left out)."""
    summary: list[Block] = []
    action: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    target = summary
    for kind, content in _chunks(markup):
        if kind == "summary":
            target = summary
        elif kind == "action":
            target = action
        elif kind == "section":
            sections.append((content, []))
            target = sections[-1][1]
        elif kind == "block":
            made = make_block(content)
            if made is not None and target is not summary and target is not action:
                target.append(made)
        elif kind == "bullets":
            items = tuple(spans(line, new_ids, namer) for line in content.split("\n"))
            target.append(BulletList(items))
        else:
            target.append(Paragraph(spans(content, new_ids, namer)))
    numbered: list[Section] = []
    numbered = []
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

    for raw in markup.splitlines():
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
