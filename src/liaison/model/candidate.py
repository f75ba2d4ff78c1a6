"""Candidates that ingestion read in a document, stored for a person to accept or reject.

A candidate is never a final record: accepting it imports its fields through the import's
validation (into a new record, or merged into the one it matches), and its row keeps the
decision. One row per document and fact (``key``): re-ingesting a document adds nothing and
never revives a rejected candidate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from liaison.model.record import ID_LENGTH
from liaison.storage.base import Base


class StoredCandidate(Base):
    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("document", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The document it was read in: the file's name as ingested.
    document: Mapped[str] = mapped_column(String(500))
    #: The registry's record of that document, cited as the source of what is accepted.
    source_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL", deferrable=True), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), index=True)
    key: Mapped[str] = mapped_column(String(500))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    matches: Mapped[list[str]] = mapped_column(JSON)
    locator: Mapped[str] = mapped_column(String(200))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    #: The paragraph's text it was read in, and where in it.
    paragraph: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, index=True)
    extractor: Mapped[str] = mapped_column(String(60))
    #: ``suggested``, ``accepted`` or ``rejected`` (the ``tag_state`` vocabulary).
    state: Mapped[str] = mapped_column(String(20), index=True, default="suggested")
    #: The record it was accepted into.
    record_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    decided_by: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
