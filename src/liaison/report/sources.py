"""The annex of sources: every distinct citation of what a report states, numbered, with the
paragraphs of the report it supports.

A citation names the document by its symbol and title with the paragraph or page, or the web
page with what it shows; its address is kept apart (renderers print it once, as a link). Only
web and mail addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import Document, RecordSource
from liaison.report.document import Paragraph, Section, Source, block_texts

SAFE_SCHEMES = ("http:", "https:", "mailto:")
CHUNK = 500


def safe_url(url: str | None) -> str | None:
    """The address, when it is one a report may link to."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES):
        return url.strip()
    return None


def paragraphs_of(
    sections: Iterable[Section], also: Mapping[str, Iterable[str]]
) -> dict[str, list[str]]:
    """For each record stated, the numbers of the paragraphs that state it (a list or a table
    belongs to the paragraph before it)."""
    found: dict[str, list[str]] = {}
    for section in sections:
        number = f"{section.number}.1"
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.number:
                number = block.number
            for text in block_texts(block):
                for span in text:
                    if span.record_id is None:
                        continue
                    for record_id in (span.record_id, *also.get(span.record_id, ())):
                        numbers = found.setdefault(record_id, [])
                        if number not in numbers:
                            numbers.append(number)
    return found


def annex(
    session: Session, sections: Iterable[Section], also: Mapping[str, Iterable[str]]
) -> tuple[Source, ...]:
    """The annex: each distinct citation once, with the paragraphs and records it supports."""
    where = paragraphs_of(sections, also)
    if not where:
        return ()
    ids = sorted(where)
    rows: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        rows += session.execute(
            select(RecordSource, Document.symbol, Document.title, Document.url)
            .outerjoin(Document, Document.id == RecordSource.document_id)
            .where(RecordSource.record_id.in_(ids[start : start + CHUNK]))
            .order_by(RecordSource.record_id, RecordSource.position)
        ).all()
    citations: dict[tuple[str, str | None], list[str]] = {}
    for source, symbol, title, document_url in rows:
        parts = []
        if source.document_id:
            parts.append(f"{symbol}, “{title}”" if symbol else f"“{title}”")
        if source.locator:
            parts.append(source.locator)
        if source.note:
            parts.append(source.note)
        url = safe_url(source.url) or (safe_url(document_url) if source.document_id else None)
        key = (", ".join(parts), url)
        owners = citations.setdefault(key, [])
        if source.record_id not in owners:
            owners.append(source.record_id)
    ordered = sorted(citations.items(), key=lambda kv: _natural(kv[0][0] or kv[0][1] or ""))
    return tuple(
        Source(n, citation, tuple(ids), link, _numbers(where, ids))
        for n, ((citation, link), ids) in enumerate(ordered, 1)
    )


def _numbers(where: Mapping[str, list[str]], ids: Iterable[str]) -> tuple[str, ...]:
    numbers = {n for record_id in ids for n in where.get(record_id, [])}
    return tuple(sorted(numbers, key=_natural))


def _natural(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]
