"""Taxa (SDG goals, targets and indicators; WSIS Action Lines; themes) and tags on records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from liaison.model.record import ID_LENGTH
from liaison.storage.base import Base


class Taxon(Base):
    __tablename__ = "taxa"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(60))
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("taxa.id", deferrable=True), index=True
    )
    label: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class TaxonLink(Base):
    """A link between taxa of two schemes (a WSIS Action Line and the SDG it serves)."""

    __tablename__ = "taxon_links"

    source_id: Mapped[str] = mapped_column(ForeignKey("taxa.id", deferrable=True), primary_key=True)
    target_id: Mapped[str] = mapped_column(
        ForeignKey("taxa.id", deferrable=True), primary_key=True, index=True
    )


class Tag(Base):
    """A record is about a taxon: entered by a person, or suggested by a classifier and reviewed.

    Only accepted tags feed reports.
    """

    __tablename__ = "tags"
    record_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    taxon_id: Mapped[str] = mapped_column(
        ForeignKey("taxa.id", deferrable=True), primary_key=True, index=True
    )
    state: Mapped[str] = mapped_column(String(20), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str | None] = mapped_column(Text)
    suggested_by: Mapped[str | None] = mapped_column(String(200))
    entered_by: Mapped[str | None] = mapped_column(String(500))
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    @property
    def audit_record_id(self) -> str:
        return self.record_id
