"""Activities: dated statements of what an organization did that fit no other kind."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from liaison.model.record import Dated, Record, record_fk


class Activity(Dated, Record):
    __tablename__ = "activities"

    id: Mapped[str] = record_fk()
    text: Mapped[str] = mapped_column(Text)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True), index=True
    )

    __mapper_args__ = {"polymorphic_identity": "activity"}

    @property
    def label(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."
