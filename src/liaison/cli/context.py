"""What every command shares: the settings and, once opened, the registry database."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from liaison.config import Settings

if TYPE_CHECKING:
    from liaison.storage.database import Database
    from liaison.storage.direct import DirectReader

#: The commands that may create a SQLite registry that does not exist; every other refuses one
#: ("no registry at PATH"), so that a typo in the path does not make a new, empty registry.
CREATING_COMMANDS = frozenset({"init", "demo", "restore"})


@dataclass
class State:
    """Set by the ``liaison`` callback on the click context; read with :func:`state_of`."""

    database_url: str
    settings: Settings
    #: Whether the command may create the registry (see :data:`CREATING_COMMANDS`).
    create: bool = False
    _database: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The registry, migrated and loaded with reference data on first use (and created,
        when the command may create it)."""
        if self._database is None:
            from liaison.registry.setup import open_registry

            self._database = open_registry(self.database_url, create=self.create)
        return self._database

    @contextmanager
    def reader(self) -> Iterator[DirectReader]:
        """A connection to read the registry with plain SQL, closed when the block ends.

        When the database is current (at the head revision, with the current reference data) it
        is the driver's own connection, opened without SQLAlchemy; otherwise the registry is
        opened as by :meth:`database` (migrated, loaded) and read through its engine.
        """
        from liaison.storage.direct import engine_reader, open_direct_reader

        reader = open_direct_reader(self.database_url)
        if reader is None:
            reader = engine_reader(self.database().engine, self.database_url)
        try:
            yield reader
        finally:
            reader.close()

    @property
    def actor(self) -> str:
        try:
            return f"cli:{getpass.getuser()}"
        except (KeyError, OSError):
            return "cli"


def state_of(ctx: typer.Context) -> State:
    state = ctx.obj
    if not isinstance(state, State):
        raise RuntimeError("the liaison callback did not run")
    return state
