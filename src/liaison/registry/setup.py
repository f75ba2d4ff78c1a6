"""Opening the registry: the database at its current schema, with the reference data loaded."""

from __future__ import annotations

from liaison.registry.reference_data import ensure_reference_data
from liaison.storage.database import Database


def open_registry(url: str) -> Database:
    """Open (creating and migrating when needed) the database and load the reference data."""
    database = Database(url)
    database.upgrade()
    with database.session(actor="liaison:reference-data") as session:
        ensure_reference_data(session)
    return database
