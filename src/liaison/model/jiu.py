"""JIU recommendations and the dated history of their status for an organization."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class JiuRecommendation(Record):
    __tablename__ = "jiu_recommendations"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[str] = record_fk()
    report_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE", deferrable=True), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    addressed_to: Mapped[str | None] = mapped_column(String(40))
    scope: Mapped[str | None] = mapped_column(String(40))

    statuses: Mapped[list[JiuStatus]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        # Each organization's history in date order (updates of one date as recorded).
        order_by=lambda: [
            JiuStatus.organization_id,
            JiuStatus.earliest,
            JiuStatus.latest,
            JiuStatus.position,
        ],
    )

    __mapper_args__ = {"polymorphic_identity": "jiu-recommendation"}

    @property
    def label(self) -> str:
        return f"{self.report_id} recommendation {self.number}"


class JiuStatus(Dated, Base):
    """One dated update of a recommendation's acceptance and implementation by an organization."""

    __tablename__ = "jiu_statuses"

    recommendation_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("jiu_recommendations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        index=True,
    )
    acceptance: Mapped[str | None] = mapped_column(String(40))
    implementation: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)

    @property
    def audit_record_id(self) -> str:
        return self.recommendation_id
