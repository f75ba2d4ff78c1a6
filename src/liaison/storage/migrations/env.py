"""Alembic environment: runs on the connection Liaison hands over (see Database.upgrade)."""

from alembic import context

import liaison.model  # noqa: F401  (registers every table on the metadata)
from liaison.storage.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `liaison db upgrade`, not the alembic command")


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Leave out the full-text index tables, which the migrations manage by hand."""
    return not (type_ == "table" and name.startswith("search_fts"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
