"""Initiatives: joint programmes, partnerships, campaigns, publications and agreements."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class Initiative(Dated, Record):
    __tablename__ = "initiatives"

    id: Mapped[str] = record_fk()
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str | None] = mapped_column(String(40))
    outputs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What the initiative is for ("to close the gender gap in digital skills") and the figures
    # a report cites ("implemented in more than 50 cities").
    purpose: Mapped[str | None] = mapped_column(Text)
    key_figures: Mapped[list[str]] = mapped_column(JSON, default=list)

    partners: Mapped[list[InitiativePartner]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="(InitiativePartner.position)",
    )

    __mapper_args__ = {"polymorphic_identity": "initiative"}

    @property
    def label(self) -> str:
        return self.short_name or self.name


class InitiativePartner(Base):
    """Organization X takes part in initiative I as lead, partner, supporter…"""

    __tablename__ = "initiative_partners"

    initiative_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("initiatives.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
        index=True,
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)

    @property
    def audit_record_id(self) -> str:
        return self.initiative_id
