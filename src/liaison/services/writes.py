"""Writing one record: the import's validation and reference checks, plus optimistic locking.

A record is created, replaced (with the version it was read at) or deleted. A stale version, an
id already taken and a deletion that would leave references dangling are :class:`Conflict`;
anything the import would refuse is :class:`InvalidInput`, with the same field-level problems.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liaison.errors import Conflict, NotFound
from liaison.model import RECORD_KINDS, Record
from liaison.registry.importer import import_files
from liaison.registry.reader import validated
from liaison.registry.schema import RecordData
from liaison.services.kinds import view_of
from liaison.services.records import RecordDetail, get_record
from liaison.storage.base import Base

#: The first key of the PostgreSQL advisory locks on record ids ("LI"), the id's hash the second.
_RECORD_ID_LOCKS = 0x4C49


def _locked_version(session: Session, record_id: str) -> tuple[str, int] | None:
    """The record's type and version, locked against other writers until the commit.

    SQLite's write began IMMEDIATE: no other writer is in. On PostgreSQL a row lock cannot hold
    a row not there yet, so the id itself is locked first: a second writer of the same new id
    waits for the first to commit, then finds the id taken (a clear :class:`Conflict`, rather
    than an integrity error at the insert).
    """
    query = select(Record.record_type, Record.version).where(Record.id == record_id)
    if session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(func.pg_advisory_xact_lock(_RECORD_ID_LOCKS, func.hashtext(record_id)))
        )
        query = query.with_for_update()
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None


def save_record(
    session: Session,
    kind: str,
    data: dict[str, Any] | RecordData,
    *,
    version: int | None = None,
    source: str = "request",
) -> RecordDetail:
    """Create the record (``version`` None) or replace it (``version`` the one it was read at)."""
    view = view_of(kind)
    plain = data.model_dump(exclude_none=True) if isinstance(data, RecordData) else data
    checked = validated(source, {view.kind: [plain]})
    record = getattr(checked.dataset, view.kind)[0]
    stored = _locked_version(session, record.id)
    if version is None and stored is not None:
        raise Conflict(f"the id '{record.id}' is already taken: choose another id")
    if version is not None:
        if stored is None or stored[0] != view.record_type:
            raise NotFound(f"no {view.singular} has the id '{record.id}'")
        if stored[1] != version:
            raise Conflict(
                f"'{record.id}' was changed by someone else since you opened it (it is at "
                f"version {stored[1]}, you edited version {version}): reload it and make your "
                "change again"
            )
    import_files(session, [checked], replace=True)  # the form or request is the whole record
    session.flush()
    return get_record(session, record.id)


def delete_record(session: Session, kind: str, record_id: str, *, version: int) -> None:
    """Delete a record read at ``version``; refused while other records refer to it."""
    view = view_of(kind)
    stored = _locked_version(session, record_id)
    if stored is None or stored[0] != view.record_type:
        raise NotFound(f"no {view.singular} has the id '{record_id}'")
    if stored[1] != version:
        raise Conflict(
            f"'{record_id}' was changed since you opened it (version {stored[1]}, not {version})"
        )
    referrers = referring_records(session, record_id)
    if referrers:
        shown = ", ".join(referrers[:10]) + (" …" if len(referrers) > 10 else "")
        raise Conflict(
            f"'{record_id}' cannot be deleted while {len(referrers)} record(s) refer to it "
            f"({shown}): change or delete those first"
        )
    obj = session.get(Record, record_id)
    session.delete(obj)
    session.flush()


def referring_records(session: Session, record_id: str) -> list[str]:
    """The ids of the records that refer to ``record_id`` (as partner, body, source…)."""
    record_tables = {str(m.__tablename__) for m in RECORD_KINDS.values()} | {"records"}
    found: set[str] = set()
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name not in record_tables:
                continue
            owner = _owner_column(table)
            if owner is None or fk.parent is owner:
                continue  # a row of the record's own (its tags, partners, search entry)
            rows = session.execute(select(owner).where(fk.parent == record_id)).scalars()
            found.update(str(r) for r in rows if r != record_id)
    return sorted(found)


def _owner_column(table: Any) -> Any:
    """The column holding the id of the record a row belongs to."""
    if "id" in table.c and table.c.id.foreign_keys:
        return table.c.id  # a record table (events.id → records.id)
    for column in table.primary_key.columns:
        if any(fk.column.table.name != table.name for fk in column.foreign_keys):
            return column
    return None
