"""Reading Markdown and HTML into blocks.

Markdown: ``#`` headings (and underlined ones), paragraphs (lines joined until a blank line,
or until a line that starts with a number such as ``5.3``), ``-``/``*``/``+`` list items,
numbered items of a list of two or more, and pipe tables; inline marks and links are reduced
to their text, code blocks skipped.

HTML: headings (h1-h6), paragraphs, list items (numbered in an <ol>) and tables; scripts,
styles and templates are skipped; an inline element's end between a number and a word reads
as a space (``<span>5.3</span><span>ITU`` is "5.3 ITU").

A table whose first row holds column headings (header cells, or short cells) gives list items
with their column. A document's only top heading (``#``, <h1>) heads the document, not a
section of it; it is the title (else the HTML <title>).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from liaison.ingest.reading import Block, Found, split_number, table_blocks

# --- Markdown ---------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_MD_ORDERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
)


def _inline(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def _cells(line: str) -> list[list[Block]]:
    """The cells of a pipe-table row, each a block per line (``<br>`` breaks a line)."""
    return [
        [Block(_inline(part)) for part in re.split(r"<br\s*/?>", cell, flags=re.I) if part.strip()]
        for cell in line.strip().strip("|").split("|")
    ]


def markdown_blocks(text: str) -> Found:
    """Blocks of Markdown: headings, paragraphs, list items and pipe tables."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    current: list[str] = []
    title: str | None = None

    def flush() -> None:
        if current:
            blocks.append(Block(_inline(" ".join(current))))
            current.clear()

    i, fenced = 0, False
    while i < len(lines):
        line = re.sub(r"^\s*(>\s?)+", "", lines[i]).rstrip()
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        i += 1
        if line.lstrip().startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _MD_HEADING.match(line)
        ordered = _MD_ORDERED.match(line)
        if heading or (current and len(current) == 1 and re.fullmatch(r"=+|-+", line.strip())):
            level = len(heading[1]) if heading else (1 if "=" in line else 2)
            text_of = heading[2] if heading else current.pop()
            flush()
            blocks.append(Block(_inline(text_of), kind="heading", level=level))
            if title is None and not blocks[:-1] and level == 1:
                title = _inline(text_of)
        elif "|" in line and _MD_TABLE_RULE.match(after):
            flush()
            rows = [_cells(line)]
            i += 1
            while i < len(lines) and "|" in lines[i]:
                rows.append(_cells(lines[i]))
                i += 1
            blocks += table_blocks(rows, header=True)
        elif item := _MD_ITEM.match(line):
            flush()
            blocks.append(Block(_inline(item[1]), kind="list-item"))
        elif ordered and (_MD_ORDERED.match(after) or (blocks and blocks[-1].number)):
            flush()
            blocks.append(Block(_inline(ordered[2]), kind="list-item", number=ordered[1]))
        elif not line.strip() or (_MD_TABLE_RULE.match(line) and not current):
            flush()
        else:
            if current and split_number(line.strip())[0] is not None:
                flush()
            current.append(line.strip())
    flush()
    tops = [b for b in blocks if b.kind == "heading" and b.level == 1]
    if len(tops) == 1 and split_number(tops[0].text)[0] is None:
        tops[0].level = 0  # the one top heading is the title, not a section
    if title is not None and split_number(title)[0] is not None:
        title = None
    return Found(blocks, title=title)


# --- HTML -------------------------------------------------------------------------------------


class _Html(HTMLParser):
    """Blocks of an HTML page: headings, paragraphs, list items and tables."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "pre",
         "blockquote", "dt", "dd", "table", "ul", "ol", "section", "article", "header",
         "footer", "caption", "figcaption"}
    )  # fmt: skip
    HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.pending = Block("")  # the kind, level and number of the block being read
        self.hidden = 0
        self.lists: list[int] = []  # per open list: the last number of an <ol>, -1 for <ul>
        self.tables: list[tuple[list[list[list[Block]]], list[bool]]] = []  # rows, all <th>
        self.in_title = False
        self.page_title: list[str] = []
        self.first_h1: str | None = None

    def _cell(self) -> list[Block] | None:
        """The blocks of the table cell being read, if any."""
        if self.tables and self.tables[-1][0] and self.tables[-1][0][-1]:
            return self.tables[-1][0][-1][-1]
        return None

    def flush(self) -> None:
        joined = re.sub(r"(?<=\d)\x00+(?=[^\W\d_])", " ", "".join(self.buffer))
        text = " ".join(joined.replace("\x00", "").split())
        self.buffer = []
        if not text:
            return
        self.pending.text = text
        cell = self._cell()
        (self.blocks if cell is None else cell).append(self.pending)
        if self.pending.level == 1 and self.first_h1 is None:
            self.first_h1 = text
        self.pending = Block("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        self.in_title = self.in_title or tag == "title"
        if tag not in self.BLOCKS or self.hidden:
            return
        self.flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.pending = Block("", kind="heading", level=int(tag[1]))
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self.lists.append(int(start) - 1 if tag == "ol" and start.isdigit() else -1)
        elif tag == "li":
            self.pending = Block("", kind="list-item")
            if self.lists and self.lists[-1] >= 0:
                self.lists[-1] += 1
                self.pending.number = str(self.lists[-1])
        elif tag == "table":
            self.tables.append(([], []))
        elif tag == "tr" and self.tables:
            self.tables[-1][0].append([])
            self.tables[-1][1].append(True)
        elif tag in ("td", "th") and self.tables and self.tables[-1][0]:
            self.tables[-1][0][-1].append([])
            self.tables[-1][1][-1] &= tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.BLOCKS:
            # The end of an inline element: ``<span>5.3</span><span>ITU`` reads "5.3 ITU".
            self.buffer.append("\x00")
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        self.in_title = self.in_title and tag != "title"
        if tag not in self.BLOCKS or self.hidden:
            return
        self.flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "table" and self.tables:
            rows, all_th = self.tables.pop()
            found = table_blocks(rows, header=True if all_th and all_th[0] else None)
            cell = self._cell()
            (self.blocks if cell is None else cell).extend(found)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page_title.append(data)
        elif not self.hidden:
            self.buffer.append(data)


def html_blocks(text: str) -> Found:
    """Blocks of an HTML page; its title is its first <h1>, else its <title>."""
    parser = _Html()
    parser.feed(text)
    parser.close()
    parser.flush()
    tops = [b for b in parser.blocks if b.kind == "heading" and b.level == 1]
    if len(tops) == 1 and split_number(tops[0].text)[0] is None:
        tops[0].level = 0  # the one <h1> is the title, not a section
    page_title = " ".join("".join(parser.page_title).split())
    return Found(parser.blocks, title=parser.first_h1 or page_title or None)
