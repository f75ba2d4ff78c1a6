"""Alembic environment: runs on the connection Liaison hands over (see Database.upgrade)."""

from alembic import context

import liaison.model  # noqa: F401  (registers every table on the metadata)
from liaison.storage.base import Base, declared_in_model

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `liaison db upgrade`, not the alembic command")


context.configure(
    connection=connection,
    include_object=declared_in_model,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
