"""Settings, read from the environment (``LIAISON_*``) with sensible defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_FILE = "liaison.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    organization: str

    @classmethod
    def from_env(cls) -> Settings:
        url = os.environ.get("LIAISON_DATABASE_URL") or sqlite_url(Path(DEFAULT_DATABASE_FILE))
        return cls(
            database_url=url,
            organization=os.environ.get("LIAISON_ORGANIZATION", "itu"),
        )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
