"""Pages of results and the opaque cursors that continue them (keyset pagination)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from liaison.errors import InvalidRequest

T = TypeVar("T")
MAX_PAGE = 1000


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results; ``next_cursor`` fetches the next page, None on the last."""

    items: list[T]
    next_cursor: str | None
    total: int | None = None


def encode_cursor(values: list[Any]) -> str:
    text = json.dumps(values, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The values a cursor carries; a cursor that was not made here is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise InvalidRequest("the cursor is not one this list gave: start again without it")
    return values


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequest(f"a page holds 1 to {MAX_PAGE} items, not {limit}")
    return limit
