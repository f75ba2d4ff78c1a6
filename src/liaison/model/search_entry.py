"""The text of every record as full-text search sees it (FTS5 on SQLite, tsvector on PostgreSQL).

The migration adds the backend's own index over this table; :mod:`liaison.model.hooks` keeps the
rows current whenever a session commits changes to records.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liaison.model.record import ID_LENGTH
from liaison.storage.base import Base


class SearchEntry(Base):
    __tablename__ = "search_entries"

    record_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("records.id", ondelete="CASCADE", deferrable=True),
        primary_key=True,
    )
    record_type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
