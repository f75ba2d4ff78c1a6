"""The record supertable: every kind of record shares one id space, its sources and its tags."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.dates import DateRange, columns_of, range_of
from liaison.storage.base import Base

ID_LENGTH = 120


def record_fk() -> Mapped[str]:
    """The primary key of a record subtype: also a foreign key to ``records``."""
    return mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )


class Record(Base):
    """Anything a report can cite: organizations, roles, events, initiatives, documents…"""

    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(String(500))
    # Where the Council report states the record: a section of the report (``report_section``
    # vocabulary) and an order among that section's parts; unset, the report decides.
    report_section: Mapped[str | None] = mapped_column(String(40))
    report_order: Mapped[int | None] = mapped_column(Integer)
    # Raised by one at each change of the record, so that an edit made from a stale copy is
    # refused instead of overwriting what another person saved (optimistic locking).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The day (or month, or year) the record stopped being current — an organization wound up,
    # a network dissolved: it keeps its history and references but leaves lists and look-ups.
    retired: Mapped[str | None] = mapped_column(String(10), index=True)
    # A digest of what the last import said of the record (and how it was merged), so that a
    # re-import of the same file knows the record unchanged without reading it back. Any other
    # change to the record clears it (liaison.model.hooks).
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    sources: Mapped[list[RecordSource]] = relationship(
        back_populates="record",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="RecordSource.position",
        foreign_keys="RecordSource.record_id",
    )

    relations: Mapped[list[RecordRelation]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="RecordRelation.related_id",
        foreign_keys="RecordRelation.record_id",
    )

    __mapper_args__ = {"polymorphic_on": "record_type", "polymorphic_identity": "record"}

    @property
    def label(self) -> str:
        """The name a list or a report shows for this record."""
        return self.id


class RecordSource(Base):
    """Where a record comes from: a document and a paragraph, a web page, or a note."""

    __tablename__ = "record_sources"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL", deferrable=True), index=True
    )
    url: Mapped[str | None] = mapped_column(String(1000))
    locator: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    record: Mapped[Record] = relationship(
        back_populates="sources", lazy="raise", foreign_keys=[record_id]
    )

    @property
    def audit_record_id(self) -> str:
        return self.record_id


class RecordRelation(Base):
    """Record A is related to record B (an event co-located with another, an initiative and
    the body that runs it, an activity and the organizations it concerned)."""

    __tablename__ = "record_relations"

    record_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    related_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
        index=True,
    )

    @property
    def audit_record_id(self) -> str:
        return self.record_id


class Dated:
    """Columns for a partial date range, kept with its precision plus first and last day.

    ``starts``/``ends`` hold the partial dates as written (``2017-05``); ``earliest``/``latest``
    are the first and last day they can mean, which queries over a period compare.
    """

    starts: Mapped[str | None] = mapped_column(String(10))
    ends: Mapped[str | None] = mapped_column(String(10))
    earliest: Mapped[date | None] = mapped_column(Date, index=True)
    latest: Mapped[date | None] = mapped_column(Date, index=True)

    @property
    def dates(self) -> DateRange | None:
        return range_of(self.starts, self.ends)

    @dates.setter
    def dates(self, value: DateRange | None) -> None:
        self.starts, self.ends, self.earliest, self.latest = columns_of(value)
