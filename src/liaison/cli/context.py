"""What every command shares: the settings and, once opened, the registry database."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from liaison.config import Settings

if TYPE_CHECKING:
    from liaison.storage.database import Database


@dataclass
class State:
    """Set by the ``liaison`` callback on the click context; read with :func:`state_of`."""

    database_url: str
    settings: Settings
    _database: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The registry, created, migrated and loaded with reference data on first use."""
        if self._database is None:
            from liaison.registry.setup import open_registry

            self._database = open_registry(self.database_url)
        return self._database

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
