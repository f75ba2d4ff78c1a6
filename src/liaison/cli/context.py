"""What every command shares: the settings and, once opened, the registry database."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

from liaison.config import Settings
from liaison.registry.setup import open_registry
from liaison.storage.database import Database


@dataclass
class State:
    database_url: str
    settings: Settings
    _database: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The registry, created, migrated and loaded with reference data on first use."""
        if self._database is None:
            self._database = open_registry(self.database_url)
        return self._database

    @property
    def actor(self) -> str:
        try:
            return f"cli:{getpass.getuser()}"
        except (KeyError, OSError):
            return "cli"
