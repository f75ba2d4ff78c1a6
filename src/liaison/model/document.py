"""Documents with official symbols, and the records each one reflects."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.dates import DateRange, columns_of, range_of
from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class Document(Dated, Record):
    __tablename__ = "documents"

    id: Mapped[str] = record_fk()
    symbol: Mapped[str | None] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    issued_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL", deferrable=True), index=True
    )
    url: Mapped[str | None] = mapped_column(String(1000))
    short_title: Mapped[str | None] = mapped_column(String(500))
    # Words of the document a report may quote, and where they are in it ("para. 15").
    quotation: Mapped[str | None] = mapped_column(Text)
    quotation_locator: Mapped[str | None] = mapped_column(String(200))
    # For a report of a series: the period it covers, and the meeting it is for.
    covers_starts: Mapped[str | None] = mapped_column(String(10))
    covers_ends: Mapped[str | None] = mapped_column(String(10))
    covers_earliest: Mapped[date | None] = mapped_column(Date, index=True)
    covers_latest: Mapped[date | None] = mapped_column(Date, index=True)
    session: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(200))
    languages: Mapped[str | None] = mapped_column(String(100))

    reflections: Mapped[list[Reflection]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="Reflection.record_id",
        foreign_keys="Reflection.document_id",
    )

    __mapper_args__ = {"polymorphic_identity": "document"}

    @property
    def label(self) -> str:
        return self.symbol or self.title

    @property
    def covers(self) -> DateRange | None:
        """The period a report of a series covers."""
        return range_of(self.covers_starts, self.covers_ends)

    @covers.setter
    def covers(self, value: DateRange | None) -> None:
        (self.covers_starts, self.covers_ends, self.covers_earliest, self.covers_latest) = (
            columns_of(value)
        )


class Reflection(Base):
    """Document D names or reflects record R (a resolution that names the WSIS Forum)."""

    __tablename__ = "document_reflections"

    document_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("documents.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    record_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
        index=True,
    )

    @property
    def audit_record_id(self) -> str:
        return self.document_id
