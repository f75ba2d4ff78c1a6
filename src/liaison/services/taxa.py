"""The taxonomies as stored: SDG goals, targets and indicators, WSIS Action Lines, themes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest
from liaison.model import Taxon
from liaison.reference import SCHEMES


@dataclass(frozen=True)
class TaxonRow:
    id: str
    scheme: str
    code: str
    label: str | None
    text: str
    parent: str | None


def list_taxa(
    session: Session, scheme: str, *, under: str | None = None, prefix: str | None = None
) -> list[TaxonRow]:
    """The taxa of ``scheme`` in their order; ``under`` keeps a taxon and what is below it,
    ``prefix`` those whose code, label or text starts with the words (for autocomplete)."""
    if scheme not in SCHEMES:
        raise InvalidRequest(f"unknown scheme '{scheme}': use one of {', '.join(SCHEMES)}")
    query = select(Taxon).where(Taxon.scheme == scheme).order_by(Taxon.position)
    if under:
        code = under.split(":")[-1]
        query = query.where(or_(Taxon.code == code, Taxon.code.like(code + ".%")))
    if prefix:
        like = prefix.strip() + "%"
        query = query.where(
            or_(Taxon.code.like(like), Taxon.label.ilike(like), Taxon.text.ilike("%" + like))
        )
    return [
        TaxonRow(t.id, t.scheme, t.code, t.label, t.text, t.parent_id)
        for t in session.scalars(query)
    ]
