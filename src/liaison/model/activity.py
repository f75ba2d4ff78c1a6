"""Activities: dated statements of what an organization did that fit no other kind."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
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
    # "activity": what the organization did; "context": a statement about the UN system that
    # frames it (the Secretary-General's priorities), reported whoever its subject is.
    kind: Mapped[str] = mapped_column(String(20), default="activity")
    # The report prints, after the text, the organizations the statement relates to.
    lists_related: Mapped[bool] = mapped_column(Boolean, default=False)

    restatements: Mapped[list[Restatement]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Restatement.record_id"
    )

    __mapper_args__ = {"polymorphic_identity": "activity"}

    @property
    def label(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."


class Restatement(Base):
    """Statement S says in its own words what record R states (a role, an event, a document):
    the report states R through S, once."""

    __tablename__ = "activity_restatements"

    activity_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("activities.id", ondelete="CASCADE", deferrable=True),
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
        return self.activity_id
