"""The annex of sources: every distinct citation of the records a report states, numbered."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import Document, RecordSource
from liaison.report.document import Source


def annex(session: Session, stated: set[str]) -> tuple[Source, ...]:
    """The annex: each distinct citation once, with the records it supports."""
    if not stated:
        return ()
    rows = session.execute(
        select(RecordSource, Document.symbol, Document.title, Document.url)
        .outerjoin(Document, Document.id == RecordSource.document_id)
        .where(RecordSource.record_id.in_(sorted(stated)))
        .order_by(RecordSource.record_id, RecordSource.position)
    ).all()
    citations: dict[tuple[str, str | None], list[str]] = {}
    for source, symbol, title, url in rows:
        parts = []
        if source.document_id:
            parts.append(f"{symbol}, “{title}”" if symbol else f"“{title}”")
        if source.locator:
            parts.append(source.locator)
        if source.note:
            parts.append(source.note)
        if source.url and not source.document_id:
            parts.append(source.url)
        key = (", ".join(parts) or source.url or "", source.url or url)
        owners = citations.setdefault(key, [])
        if source.record_id not in owners:
            owners.append(source.record_id)
    ordered = sorted(citations.items(), key=lambda kv: _natural(kv[0][0]))
    return tuple(
        Source(n, citation, tuple(ids), link)
        for n, ((citation, link), ids) in enumerate(ordered, 1)
    )


def _natural(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]
