"""Roles: organization A holds role R in body B over a period (a membership)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liaison.model.record import Dated, Record, record_fk


class Role(Dated, Record):
    __tablename__ = "roles"

    id: Mapped[str] = record_fk()
    holder_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True), index=True
    )
    body_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True), index=True
    )
    role: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"polymorphic_identity": "role"}

    @property
    def label(self) -> str:
        return f"{self.holder_id} {self.role} of {self.body_id}"
