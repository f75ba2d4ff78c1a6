"""SDG and WSIS coverage: how many records carry an accepted tag on each goal and action line.

The counting rules are the report's (:func:`liaison.report.coverage_facts.tally`): a record
counts once for a goal whatever its targets, once for C7 whatever its applications. The records
counted are chosen in the query (a kind, a period); only their accepted SDG and WSIS tags are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from liaison.dates import DateRange
from liaison.model import Tag, Taxon
from liaison.report.coverage_facts import tally
from liaison.services.kinds import VIEWS, kind_named
from liaison.services.listing import RecordFilter, filtered


@dataclass(frozen=True)
class TargetCount:
    id: str
    code: str
    text: str
    records: int


@dataclass(frozen=True)
class GoalCoverage:
    goal: int
    id: str
    label: str
    records: int
    #: The goal's targets that at least one record is tagged with (or with their indicators).
    targets: list[TargetCount]
    target_total: int


@dataclass(frozen=True)
class LineCoverage:
    code: str
    id: str
    label: str
    records: int
    #: The parent line of an application (``C7`` for ``C7.e-health``), else None.
    parent: str | None


@dataclass(frozen=True)
class Coverage:
    kinds: list[str]
    period: str | None
    #: Records in scope with at least one accepted SDG or WSIS tag.
    tagged_records: int
    goals: list[GoalCoverage]
    lines: list[LineCoverage]
    #: Goals and action lines no record is tagged with.
    goal_gaps: list[int]
    line_gaps: list[str]


def _scope(
    session: Session, kind: str | None, period: DateRange | None
) -> tuple[list[str], list[Any]]:
    """The kinds counted and the conditions on ``Tag.record_id`` that keep their records."""
    if kind is not None:
        kinds = [kind_named(kind)]
    elif period is not None:
        kinds = [k for k, view in VIEWS.items() if view.date_field is not None]
    else:
        return list(VIEWS), []
    where = RecordFilter(period=period)
    return kinds, [or_(*[Tag.record_id.in_(filtered(session, k, where)) for k in kinds])]


def sdg_wsis_coverage(
    session: Session, *, kind: str | None = None, period: DateRange | None = None
) -> Coverage:
    """Coverage of every SDG goal and WSIS Action Line by the records of ``kind`` (all kinds
    when None) dated in ``period`` (whatever their dates when None)."""
    kinds, conditions = _scope(session, kind, period)
    query = select(Tag.record_id, Tag.taxon_id).where(
        Tag.state == "accepted",
        or_(Tag.taxon_id.like("sdg:%"), Tag.taxon_id.like("wsis:%")),
        *conditions,
    )
    tags = [(record_id, taxon) for record_id, taxon in session.execute(query)]
    sdg, wsis = tally(tags)
    by_target: dict[str, set[str]] = {}
    for record_id, taxon in tags:
        parts = taxon.split(":", 1)[1].split(".")
        if taxon.startswith("sdg:") and len(parts) >= 2:
            by_target.setdefault(f"sdg:{parts[0]}.{parts[1]}", set()).add(record_id)
    goals = _goals(session, sdg, {t: len(r) for t, r in by_target.items()})
    wsis_taxa = select(Taxon).where(Taxon.scheme == "wsis").order_by(Taxon.position)
    lines = [
        LineCoverage(
            t.code,
            t.id,
            t.label or t.text,
            wsis.get(t.code, 0),
            t.parent_id.split(":", 1)[1] if t.parent_id else None,
        )
        for t in session.scalars(wsis_taxa)
    ]
    return Coverage(
        kinds,
        str(period) if period else None,
        len({record_id for record_id, _ in tags}),
        goals,
        lines,
        [g.goal for g in goals if not g.records],
        [line.code for line in lines if not line.records],
    )


def _goals(session: Session, sdg: dict[int, int], targets: dict[str, int]) -> list[GoalCoverage]:
    goal_rows = session.scalars(
        select(Taxon)
        .where(Taxon.scheme == "sdg", Taxon.parent_id.is_(None))
        .order_by(Taxon.position)
    ).all()
    target = aliased(Taxon)
    totals = dict(
        session.execute(
            select(target.parent_id, func.count())
            .where(target.parent_id.in_([g.id for g in goal_rows]))
            .group_by(target.parent_id)
        ).all()
    )
    covered: dict[str, list[TargetCount]] = {}
    if targets:
        query = select(Taxon).where(Taxon.id.in_(sorted(targets))).order_by(Taxon.position)
        for row in session.scalars(query):
            covered.setdefault(row.parent_id or "", []).append(
                TargetCount(row.id, row.code, row.label or row.text, targets[row.id])
            )
    return [
        GoalCoverage(
            int(g.code), g.id, g.label or g.text, sdg.get(int(g.code), 0),
            covered.get(g.id, []), totals.get(g.id, 0),
        )
        for g in goal_rows
    ]  # fmt: skip
