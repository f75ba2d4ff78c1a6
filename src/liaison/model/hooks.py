"""What happens on every flush and commit: the audit trail and the search index.

Installed once on the session factory by :class:`liaison.storage.database.Database`, so no
service has to remember either.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, event, insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker, with_polymorphic

from liaison.model.organization import OrganizationAlias, OrganizationName
from liaison.model.record import Record
from liaison.model.search_entry import SearchEntry
from liaison.model.user import User
from liaison.storage.base import Base

AUDIT_TABLE = Base.metadata.tables["audit_entries"]
_NOT_AUDITED = {"created_at", "updated_at", "earliest", "latest", "version", "fingerprint"}
RECORDS_TABLE = Base.metadata.tables["records"]
_REDACTED = {"password_hash"}
_SEARCHED_FIELDS = ("name", "acronym", "short_name", "title", "symbol", "text", "place", "note")


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _record_id(obj: object) -> str | None:
    if isinstance(obj, Record):
        return obj.id
    owner = getattr(obj, "audit_record_id", None)
    return owner if isinstance(owner, str) else None


def _changes(obj: object, action: str) -> dict[str, Any]:
    """The columns of a row as created or deleted, or each changed column as [old, new]."""
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _NOT_AUDITED:
            continue
        if action == "create":
            value = getattr(obj, key)
            if value is not None:
                changes[key] = "***" if key in _REDACTED else _plain(value)
            continue
        history = state.attrs[key].history
        if action == "delete":
            value = history.unchanged[0] if history.unchanged else history.deleted or None
            if value is not None and not isinstance(value, list):
                changes[key] = "***" if key in _REDACTED else _plain(value)
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                shown = ["***", "***"] if key in _REDACTED else [_plain(old), _plain(new)]
                changes[key] = shown
    return changes


_CHILD_VERB = {"create": "added", "update": "changed", "delete": "removed"}


def _audit(session: Session, _context: Any) -> None:
    """Write one audit entry per record the flush created, changed or deleted.

    A record's own columns are the entry's changes; rows of its child tables (aliases, names,
    partners, participants, sources, tags…) go under the table's name as lists of rows
    ``added``, ``changed`` or ``removed``. Runs after the flush (so new rows know their
    owner's id) while every attribute's history is still there, and writes with Core so it
    needs no second flush.
    """
    actor = str(session.info.get("actor", "system"))
    touched: set[str] = session.info.setdefault("touched_records", set())
    entries: dict[tuple[str, str | None], dict[str, Any]] = {}
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in list(objects):
            record_id = _record_id(obj)
            if record_id is None and not isinstance(obj, User):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            table = inspect(obj).mapper.local_table.name
            if record_id is None:  # a user account: an entry of its own
                key: tuple[str, str | None] = (f"user:{id(obj)}", None)
                entries[key] = _entry(actor, action, table, None, changes)
                continue
            touched.add(record_id)
            entry = entries.setdefault(
                (record_id, record_id), _entry(actor, "update", table, record_id, {})
            )
            if isinstance(obj, Record):
                entry["action"], entry["table_name"] = action, table
                entry["changes"].update(changes)
            else:
                rows = entry["changes"].setdefault(table, {})
                rows.setdefault(_CHILD_VERB[action], []).append(changes)
    if entries:
        session.connection().execute(insert(AUDIT_TABLE), list(entries.values()))
    changed = sorted({key[0] for key in entries if key[1] is not None})
    for start in range(0, len(changed), SEARCH_INDEX_SLICE):
        # The record no longer is what its last import said: the next import compares it.
        some = changed[start : start + SEARCH_INDEX_SLICE]
        session.connection().execute(
            update(RECORDS_TABLE)
            .where(RECORDS_TABLE.c.id.in_(some), RECORDS_TABLE.c.fingerprint.is_not(None))
            .values(fingerprint=None, updated_at=RECORDS_TABLE.c.updated_at)
        )


def _entry(
    actor: str, action: str, table: str, record_id: str | None, changes: dict[str, Any]
) -> dict[str, Any]:
    return {
        "actor": actor,
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "changes": changes,
    }


SEARCH_INDEX_SLICE = 10_000


def _refresh_search_index(session: Session) -> None:
    session.flush()  # so that pending changes are audited and counted as touched
    touched: set[str] = session.info.pop("touched_records", set())
    if not touched:
        return
    ids = sorted(touched)
    # In slices: PostgreSQL takes at most 65,535 parameters in one statement.
    for start in range(0, len(ids), SEARCH_INDEX_SLICE):
        some = ids[start : start + SEARCH_INDEX_SLICE]
        session.execute(delete(SearchEntry).where(SearchEntry.record_id.in_(some)))
        rows = search_rows(session, some)
        if rows:
            session.execute(insert(SearchEntry), rows)


def search_rows(session: Session, ids: list[str]) -> list[dict[str, str]]:
    """The search-index rows of the given records, as stored in ``search_entries``."""
    any_record = with_polymorphic(Record, "*")
    aliases: dict[str, list[str]] = {}
    for owner, alias in session.execute(
        select(OrganizationAlias.organization_id, OrganizationAlias.alias).where(
            OrganizationAlias.organization_id.in_(ids)
        )
    ):
        aliases.setdefault(owner, []).append(alias)
    for owner, name, acronym in session.execute(
        select(
            OrganizationName.organization_id, OrganizationName.name, OrganizationName.acronym
        ).where(OrganizationName.organization_id.in_(ids))
    ):
        aliases.setdefault(owner, []).extend(w for w in (name, acronym) if w)
    rows = []
    for record in session.scalars(select(any_record).where(any_record.id.in_(ids))):
        words = [str(getattr(record, f)) for f in _SEARCHED_FIELDS if getattr(record, f, None)]
        words += aliases.get(record.id, [])
        if record.description:
            words.append(record.description)
        rows.append(
            {
                "record_id": record.id,
                "record_type": record.record_type,
                "title": record.label,
                "body": " ".join(dict.fromkeys(words)),
            }
        )
    return rows


def install_session_hooks(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _audit)
    event.listen(factory, "before_commit", _refresh_search_index)
