"""The lines of ``liaison classify -``: one text per line, or a JSON object with ``id`` and
``text``, read as bytes and decoded line by line, so that a bad line (not UTF-8, empty, longer
than :data:`LINE_LIMIT`) is reported in its own output line and never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

#: The longest line classified, in bytes (about 150,000 words); a longer one is reported and
#: skipped without being held in memory.
LINE_LIMIT = 1_000_000
_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Line:
    """One input line: its id (the line number, or the JSON object's ``id``) and its text, or
    why it cannot be classified."""

    id: str
    text: str = ""
    error: str | None = None

    def error_line(self) -> dict[str, str]:
        """The output line of a line that cannot be classified."""
        return {"id": self.id, "error": str(self.error)}


def raw_lines(stream: BinaryIO, limit: int = LINE_LIMIT) -> Iterator[bytes | None]:
    """Each line of ``stream`` without its line break (``\\n`` or ``\\r\\n``), or ``None`` for
    a line longer than ``limit`` bytes, which is read past in pieces, never held whole."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line.rstrip(b"\n").removesuffix(b"\r")


def read_lines(stream: BinaryIO, limit: int = LINE_LIMIT) -> Iterator[Line]:
    """One :class:`Line` for every line of ``stream``, in order, as it is read."""
    for number, raw in enumerate(raw_lines(stream, limit), 1):
        if raw is None:
            yield Line(str(number), error=f"line {number} is longer than {limit:,} bytes")
            continue
        if number == 1:
            raw = raw.removeprefix(_BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = exc.object[exc.start]
            where = f"byte 0x{byte:02x} at position {exc.start + 1}"
            yield Line(str(number), error=f"line {number} is not UTF-8 text ({where})")
            continue
        yield parse_line(number, text)


def parse_line(number: int, text: str) -> Line:
    """A decoded line: a JSON object with ``text`` (and ``id``), or else the text itself."""
    if text.lstrip().startswith("{"):
        try:
            item: Any = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            item = None
        if isinstance(item, dict) and "text" in item:
            return _object_line(number, item)
    if not text.strip():
        return Line(str(number), error=f"line {number} is empty")
    return Line(str(number), text)


def _object_line(number: int, item: dict[str, Any]) -> Line:
    key = str(item.get("id", number))
    if not _encodable(key):
        key = str(number)
    text = item["text"]
    if not isinstance(text, str):
        return Line(key, error=f"line {number}: 'text' is not a string")
    if not _encodable(text):
        return Line(key, error=f"line {number}: 'text' is not valid Unicode (a lone surrogate)")
    if not text.strip():
        return Line(key, error=f"line {number}: 'text' is empty")
    return Line(key, text)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
