"""Writing validated records in batches with SQLAlchemy Core: new records are inserted, stored
ones compared with what the file says and updated only where something changed.

Every change is audited (one entry per record, as the ORM's hooks write them) and the search
index rows of the records written are replaced, in the caller's transaction: nothing is
committed here. The rows come from the declarations of :mod:`liaison.registry.kinds`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from liaison.registry.kinds import COMMON, KINDS, Child, Kind, Row, table
from liaison.registry.references import Checked
from liaison.registry.schema import RecordData
from liaison.storage.bulk_insert import among, insert_rows

CHUNK = 1_000  # ids per IN list: well under both backends' parameter limits
NOT_AUDITED = {"created_at", "updated_at", "earliest", "latest", "version"}
RECORD_OWN = ("id", "record_type", "description", "origin", "report_section", "report_order")
RECORD_COLUMNS = (*RECORD_OWN, "retired")
TAG_KEPT = ("entered_by", "reviewed_by", "created_at")
SEARCHED = ("name", "acronym", "short_name", "title", "symbol", "text", "place", "note")


@dataclass
class Stored:
    main: Row
    children: dict[str, list[Row]]


@dataclass
class Changes:
    """What a batch writes, gathered so that each table gets one statement per batch."""

    inserts: dict[str, list[Row]] = field(default_factory=dict)
    updates: dict[str, list[Row]] = field(default_factory=dict)
    cleared: dict[str, list[str]] = field(default_factory=dict)  # child table → owners
    audit: list[Row] = field(default_factory=list)
    fingerprints: list[Row] = field(default_factory=list)  # of records found unchanged
    indexed: list[Row] = field(default_factory=list)
    reindexed: list[str] = field(default_factory=list)

    def insert(self, name: str, rows: list[Row]) -> None:
        if rows:  # (an empty list would be one row of defaults)
            self.inserts.setdefault(name, []).extend(rows)


def write_batch(
    session: Session,
    entries: Sequence[Checked],
    *,
    actor: str,
    replace: bool,
    counts: tuple[Counter[str], Counter[str], Counter[str]],
) -> None:
    """Write one batch; ``counts`` (created, updated, unchanged) are raised by kind."""
    created, updated, unchanged = counts
    changes = Changes()
    by_kind: dict[str, list[Checked]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    for name, group in by_kind.items():
        kind = KINDS[name]
        said = {e.data.id: fingerprint(e.data, replace) for e in group}
        known = _fingerprints(session, list(said))
        stored = load_stored(session, kind, [i for i in said if i in known and known[i] != said[i]])
        for entry in group:
            record_id = entry.data.id
            if record_id not in known:
                _create(kind, entry, said[record_id], actor, changes)
                created[name] += 1
            elif known[record_id] == said[record_id]:
                unchanged[name] += 1
            elif _update(kind, entry, stored[record_id], said[record_id], actor, replace, changes):
                updated[name] += 1
            else:
                changes.fingerprints.append({"_id": record_id, "v_fingerprint": said[record_id]})
                unchanged[name] += 1
    _execute(session, changes)


def fingerprint(data: RecordData, replace: bool) -> str:
    """A digest of what a file says of a record, and whether it replaces or merges."""
    said = data.model_dump_json(exclude_unset=True).encode()
    return hashlib.blake2b(said, digest_size=16, person=b"r" if replace else b"m").hexdigest()


def _fingerprints(session: Session, ids: list[str]) -> dict[str, str | None]:
    """The stored fingerprint of each of ``ids`` the registry has (None: compare it)."""
    records = table("records")
    found: dict[str, str | None] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(records.c.id, records.c.fingerprint).where(
            among(records.c.id, ids[start : start + CHUNK], _dialect(session))
        )
        found.update({row.id: row.fingerprint for row in session.execute(query)})
    return found


def main_row(kind: Kind, data: RecordData) -> Row:
    """The record's own columns (``records`` and its kind's table) from validated data."""
    row: Row = {"id": data.id}
    for declared in (*COMMON, *kind.fields):
        declared.store(getattr(data, declared.name), row)
    return row


def child_rows(kind: Kind, data: RecordData) -> dict[str, list[Row]]:
    """The rows of each child table, in their stored order, without the owner column."""
    return {child.table: child.rows(getattr(data, child.field)) for child in kind.all_children}


def load_stored(session: Session, kind: Kind, ids: list[str]) -> dict[str, Stored]:
    """The stored rows of the records of ``ids`` that exist: their columns and children."""
    records, own = table("records"), table(kind.table)
    columns = [records.c[c] for c in RECORD_COLUMNS] + [c for c in own.c if c.key != "id"]
    found: dict[str, Stored] = {}
    for start in range(0, len(ids), CHUNK):
        some = ids[start : start + CHUNK]
        query = (
            select(*columns)
            .join(own, own.c.id == records.c.id)
            .where(among(records.c.id, some, _dialect(session)))
        )
        result = session.execute(query)
        keys = list(result.keys())
        for values in result:
            row = dict(zip(keys, values, strict=True))
            found[row["id"]] = Stored(row, {})
        if not found:
            continue
        owners = [i for i in some if i in found]
        for child in kind.all_children:
            rows = table(child.table)
            query = select(rows).where(among(rows.c[child.owner], owners, _dialect(session)))
            result = session.execute(query)
            keys = list(result.keys())
            for values in result:
                row = dict(zip(keys, values, strict=True))
                found[row[child.owner]].children.setdefault(child.table, []).append(row)
    for stored in found.values():
        for child in kind.all_children:
            items = stored.children.setdefault(child.table, [])
            items.sort(key=child.order)
    return found


def _create(kind: Kind, entry: Checked, said: str, actor: str, changes: Changes) -> None:
    record_id = entry.data.id
    main = main_row(kind, entry.data)
    own_row = {"id": record_id, "record_type": kind.record_type, "origin": entry.origin}
    own_row |= {c: main[c] for c in RECORD_COLUMNS[2:] if c != "origin"}
    changes.insert("records", [own_row | {"version": 1, "fingerprint": said}])
    kind_row = {c: v for c, v in main.items() if c not in RECORD_COLUMNS or c == "id"}
    changes.insert(kind.table, [kind_row])
    audited: dict[str, Any] = _shown({**own_row, **kind_row})
    children = child_rows(kind, entry.data)
    for child in kind.all_children:
        rows = [{**r, child.owner: record_id} for r in children[child.table]]
        if child.table == "tags":
            rows = [r | {"entered_by": entry.origin} for r in rows]
        if rows:
            changes.insert(child.table, rows)
            audited[child.table] = {"added": [_shown(r) for r in rows]}
    changes.audit.append(_entry(actor, "create", kind.table, record_id, audited))
    changes.indexed.append(_search_row(kind, {**own_row, **kind_row}, children))


def _update(
    kind: Kind,
    entry: Checked,
    before: Stored,
    said: str,
    actor: str,
    replace: bool,
    changes: Changes,
) -> bool:
    """Compare what the file says with the stored record; write and audit what differs."""
    data, record_id = entry.data, entry.data.id
    given = data.model_fields_set
    wanted = main_row(kind, data)
    if not replace:
        for field_ in (*COMMON, *kind.fields):
            if field_.name not in given:
                for column in field_.columns:
                    wanted[column] = before.main[column]
    audited: dict[str, Any] = {
        c: [_plain(before.main[c]), _plain(v)]
        for c, v in wanted.items()
        if v != before.main[c] and c not in NOT_AUDITED
    }
    columns_changed = any(v != before.main[c] for c, v in wanted.items())
    incoming = child_rows(kind, data)
    after_children: dict[str, list[Row]] = {}
    for child in kind.all_children:
        old = before.children[child.table]
        new = _merged(child, old, incoming[child.table], replace, child.field in given)
        after_children[child.table] = new
        added, removed = _difference(child, old, new)
        if not (added or removed):
            continue
        rows = [{**r, child.owner: record_id} for r in new]
        if child.table == "tags":
            rows = [{"entered_by": before.main["origin"]} | r for r in rows]
        changes.cleared.setdefault(child.table, []).append(record_id)
        changes.insert(child.table, rows)
        shown = {"added": [_shown(r) for r in added], "removed": [_shown(r) for r in removed]}
        audited[child.table] = {k: v for k, v in shown.items() if v}
    if not audited and not columns_changed:
        return False
    after = {**before.main, **wanted, "version": (before.main.get("version") or 1) + 1}
    changes.updates.setdefault("records", []).append(
        {
            "_id": record_id,
            "version": after["version"],
            "fingerprint": said,
            **{c: after[c] for c in RECORD_COLUMNS[2:] if c != "origin"},
        }
    )
    kind_row = {c: v for c, v in wanted.items() if c not in RECORD_COLUMNS}
    changes.updates.setdefault(kind.table, []).append({"_id": record_id, **kind_row})
    changes.audit.append(_entry(actor, "update", kind.table, record_id, audited))
    changes.reindexed.append(record_id)
    changes.indexed.append(_search_row(kind, after, after_children))
    return True


def _merged(child: Child, old: list[Row], new: list[Row], replace: bool, given: bool) -> list[Row]:
    """The child rows a record keeps: the file's (``--replace``), or the stored ones with the
    file's added and those of the same key replaced (the default, and always for a JIU
    status history). A classifier's suggested tags that the file leaves out are kept."""
    if replace and not child.always_merged:
        if child.table != "tags":
            return new
        named = {r["taxon_id"] for r in new}
        kept = [r for r in old if r["taxon_id"] not in named and r["suggested_by"] is not None]
        return _carry(child, old, new + kept)
    if not given and not child.always_merged:
        return old
    index_of = {_key(child, r): i for i, r in enumerate(old)}
    result = list(old)
    last = max((r[child.position] for r in old), default=-1) if child.position else -1
    for row in new:
        index = index_of.get(_key(child, row))
        if index is None:
            index_of[_key(child, row)] = len(result)
            if child.position:
                last += 1
                row = {**row, child.position: last}
            result.append(row)
        else:
            # Replaced where it stands: it keeps the stored item's place.
            place = {child.position: old[index][child.position]} if child.position else {}
            result[index] = {**row, **place}
    result = _carry(child, old, result)
    if child.position is None:
        return sorted(result, key=child.order)
    return result


def _carry(child: Child, old: list[Row], rows: list[Row]) -> list[Row]:
    """Tags keep who entered and reviewed them, and when, across a re-import."""
    if child.table != "tags":
        return rows
    stored = {r["taxon_id"]: r for r in old}
    return [
        {**{k: stored[r["taxon_id"]][k] for k in TAG_KEPT if r["taxon_id"] in stored}, **r}
        for r in rows
    ]


def _key(child: Child, row: Row) -> tuple[Any, ...]:
    return tuple(row[c] for c in child.key)


def _difference(child: Child, old: list[Row], new: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows added and removed, compared by content (and place, when the order is kept)."""
    columns = child.compared
    before = [tuple(r[c] for c in columns) for r in old]
    after = [tuple(r[c] for c in columns) for r in new]
    if before == after:
        return [], []
    gained, lost = Counter(after) - Counter(before), Counter(before) - Counter(after)
    added = [dict(zip(columns, v, strict=True)) for v in gained.elements()]
    removed = [dict(zip(columns, v, strict=True)) for v in lost.elements()]
    return added, removed


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _shown(row: Row) -> Row:
    """A row as the audit trail shows it: no empty or bookkeeping columns, dates as text."""
    return {
        k: v.isoformat() if type(v) is date else v
        for k, v in row.items()
        if v is not None and k not in NOT_AUDITED
    }


def _entry(actor: str, action: str, name: str, record_id: str, changes: Row) -> Row:
    return {
        "actor": actor,
        "action": action,
        "table_name": name,
        "record_id": record_id,
        "changes": changes,
    }


def _search_row(kind: Kind, main: Row, children: dict[str, list[Row]]) -> Row:
    words = [str(main[c]) for c in SEARCHED if main.get(c)]
    words += [r["alias"] for r in children.get("organization_aliases", [])]
    for name in children.get("organization_names", []):
        words += [w for w in (name["name"], name["acronym"]) if w]
    if main.get("description"):
        words.append(main["description"])
    return {
        "record_id": main["id"],
        "record_type": kind.record_type,
        "title": kind.label(main),
        "body": " ".join(dict.fromkeys(words)),
    }


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _execute(session: Session, changes: Changes) -> None:
    connection = session.connection()
    dialect = connection.dialect.name
    for name, owners in changes.cleared.items():
        rows = table(name)
        owner = next(c for k in KINDS.values() for c in k.all_children if c.table == name).owner
        for start in range(0, len(owners), CHUNK):
            some = owners[start : start + CHUNK]
            connection.execute(delete(rows).where(among(rows.c[owner], some, dialect)))
    for name, values in changes.updates.items():
        rows = table(name)
        # Parameters named apart from the columns (SQLAlchemy reserves the columns' names).
        columns: dict[str, Any] = {c: bindparam("v_" + c) for c in values[0] if c != "_id"}
        statement = update(rows).where(rows.c.id == bindparam("_id")).values(columns)
        connection.execute(
            statement,
            [{f"v_{k}" if k != "_id" else k: v for k, v in row.items()} for row in values],
        )
    # Parents first: the foreign keys are deferred, but a kind's table needs its records row.
    order = ["records", *(k.table for k in KINDS.values())]
    for name in sorted(changes.inserts, key=lambda n: order.index(n) if n in order else 99):
        insert_rows(connection, table(name), changes.inserts[name])
    if changes.fingerprints:
        records = table("records")
        statement = (
            update(records)
            .where(records.c.id == bindparam("_id"))
            .values(fingerprint=bindparam("v_fingerprint"), updated_at=records.c.updated_at)
        )
        connection.execute(statement, changes.fingerprints)
    search = table("search_entries")
    for start in range(0, len(changes.reindexed), CHUNK):
        some = changes.reindexed[start : start + CHUNK]
        connection.execute(delete(search).where(among(search.c.record_id, some, dialect)))
    insert_rows(connection, search, changes.indexed)
    insert_rows(connection, table("audit_entries"), changes.audit)
