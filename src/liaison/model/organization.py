"""Organizations: UN bodies, agencies, mechanisms, networks, partners and member states."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from liaison.model.record import ID_LENGTH, Dated, Record, record_fk
from liaison.storage.base import Base


class Organization(Record):
    __tablename__ = "organizations"

    id: Mapped[str] = record_fk()
    name: Mapped[str] = mapped_column(String(500))
    acronym: Mapped[str | None] = mapped_column(String(60), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL", deferrable=True), index=True
    )
    category: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(1000))

    aliases: Mapped[list[OrganizationAlias]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="OrganizationAlias.alias"
    )
    classifications: Mapped[list[Classification]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Classification.scheme"
    )
    names: Mapped[list[OrganizationName]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="OrganizationName.position"
    )

    __mapper_args__ = {"polymorphic_identity": "organization"}

    @property
    def label(self) -> str:
        return self.acronym or self.name


class OrganizationAlias(Base):
    __tablename__ = "organization_aliases"

    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    alias: Mapped[str] = mapped_column(String(500), primary_key=True)

    @property
    def audit_record_id(self) -> str:
        return self.organization_id


class Classification(Base):
    """The organization's class in one scheme (CEB grouping, UN System Chart box, ISO codes)."""

    __tablename__ = "organization_classifications"

    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    scheme: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))

    @property
    def audit_record_id(self) -> str:
        return self.organization_id


class OrganizationName(Dated, Base):
    """A name the organization bore over a period: an official name (with its acronym) or a
    brand name, as Popolo's ``other_names``. A rename keeps one record with two names."""

    __tablename__ = "organization_names"

    organization_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("organizations.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(500))
    acronym: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="official")
    note: Mapped[str | None] = mapped_column(Text)

    @property
    def audit_record_id(self) -> str:
        return self.organization_id
