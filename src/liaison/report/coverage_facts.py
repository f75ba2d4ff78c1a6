"""How many of the items a report states serve each SDG and each WSIS Action Line."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import Tag

CHUNK = 500


def coverage(session: Session, ids: set[str]) -> tuple[dict[int, int], dict[str, int]]:
    """Items per SDG goal and per WSIS Action Line, from accepted tags (see :func:`tally`)."""
    rows: list[tuple[str, str]] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        query = select(Tag.record_id, Tag.taxon_id).where(
            Tag.record_id.in_(ordered[start : start + CHUNK]), Tag.state == "accepted"
        )
        rows.extend((record_id, taxon) for record_id, taxon in session.execute(query))
    return tally(rows)


def tally(tags: Iterable[tuple[str, str]]) -> tuple[dict[int, int], dict[str, int]]:
    """Items per SDG goal and per WSIS Action Line, from ``(record id, taxon id)`` pairs of
    accepted tags: an item counts once for a goal whatever the targets it is tagged with, and
    once for a parent line (C7) whether it is tagged with the line or any of its sub-lines
    (C7.e-health)."""
    goals: set[tuple[str, int]] = set()
    lines: set[tuple[str, str]] = set()
    for record_id, taxon in tags:
        scheme, code = taxon.split(":", 1)
        if scheme == "sdg":
            goals.add((record_id, int(code.split(".")[0])))
        elif scheme == "wsis":
            lines.add((record_id, code))
            if "." in code:
                lines.add((record_id, code.split(".")[0]))
    sdg: dict[int, int] = {}
    for _, goal in goals:
        sdg[goal] = sdg.get(goal, 0) + 1
    wsis: dict[str, int] = {}
    for _, code in lines:
        wsis[code] = wsis.get(code, 0) + 1
    return sdg, wsis
