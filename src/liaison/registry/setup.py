"""Opening the registry: the database at its current schema, with the reference data loaded."""

from __future__ import annotations

from liaison.registry.reference_data import FINGERPRINT_KEY, ensure_reference_data, fingerprint
from liaison.storage.database import Database


def open_registry(url: str, *, create: bool = True) -> Database:
    """Open (migrating when needed) the database and load the reference data.

    A SQLite file that does not exist is created only with ``create`` (``liaison init`` and
    ``liaison demo``); otherwise it is :class:`~liaison.errors.DatabaseUnavailable`. The
    reference data is checked in a read, and loaded, when it must be, in a write that holds the
    lock from its start: two commands opening the same new database take turns.
    """
    database = Database(url, create=create)
    database.upgrade()
    if not _holds_current_reference_data(database):
        with database.session(actor="liaison:reference-data", write=True) as session:
            ensure_reference_data(session)
    return database


def _holds_current_reference_data(database: Database) -> bool:
    from liaison.model import Setting

    with database.session() as session:
        stored = session.get(Setting, FINGERPRINT_KEY)
        return stored is not None and stored.value == fingerprint()
