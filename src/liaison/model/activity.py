"""Activities: dated statements of what an organization did that fit no other kind."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class Activity(Dated, Record):
    __tablename__ = "activities"

    id: Mapped[str] = record_fk()
    text: Mapped[str] = mapped_column(Text)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True), index=True
    )

    relations: Mapped[list[ActivityRelation]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="ActivityRelation.record_id",
        foreign_keys="ActivityRelation.activity_id",
    )

    __mapper_args__ = {"polymorphic_identity": "activity"}

    @property
    def label(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."


class ActivityRelation(Base):
    __tablename__ = "activity_relations"

    activity_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("activities.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    record_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )

    @property
    def audit_record_id(self) -> str:
        return self.activity_id
