"""Events (meetings, sessions, conferences, summits…) and who took part in them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class Event(Dated, Record):
    __tablename__ = "events"

    id: Mapped[str] = record_fk()
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    session_of_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL", deferrable=True), index=True
    )
    # The recurring initiative this event is an edition of (Green Standards Week 2018).
    series_id: Mapped[str | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL", deferrable=True), index=True
    )

    organizers: Mapped[list[EventOrganizer]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="EventOrganizer.organization_id"
    )
    participations: Mapped[list[Participation]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="(Participation.organization_id, Participation.role)",
    )

    __mapper_args__ = {"polymorphic_identity": "event"}

    @property
    def label(self) -> str:
        return self.short_name or self.name


class EventOrganizer(Base):
    __tablename__ = "event_organizers"

    event_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("events.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
        index=True,
    )

    @property
    def audit_record_id(self) -> str:
        return self.event_id


class Participation(Base):
    """Organization X took part in event E as participant, speaker, organizer…"""

    __tablename__ = "participations"

    event_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("events.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
        index=True,
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    contribution: Mapped[str | None] = mapped_column(Text)

    @property
    def audit_record_id(self) -> str:
        return self.event_id
