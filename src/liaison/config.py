"""Settings, read from the environment (``LIAISON_*``) with sensible defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from liaison.errors import LiaisonError

DEFAULT_DATABASE_FILE = "liaison.db"
CLASSIFIER_MODES = ("accurate", "fast")


@dataclass(frozen=True)
class Settings:
    database_url: str
    organization: str
    #: ``accurate`` (sentence embeddings) or ``fast`` (words only): see the README.
    classifier: str = "accurate"
    #: Suggest a goal at this calibrated probability or more; None: the default of the mode,
    #: chosen on the development split of the SDG benchmark.
    sdg_threshold: float | None = None
    #: Suggest a WSIS Action Line at this similarity or more.
    wsis_threshold: float = 0.05

    @classmethod
    def from_env(cls) -> Settings:
        url = os.environ.get("LIAISON_DATABASE_URL") or sqlite_url(Path(DEFAULT_DATABASE_FILE))
        classifier = os.environ.get("LIAISON_CLASSIFIER") or "accurate"
        if classifier not in CLASSIFIER_MODES:
            raise LiaisonError(
                f"LIAISON_CLASSIFIER={classifier} is not a classifier mode "
                f"(use {' or '.join(CLASSIFIER_MODES)})"
            )
        sdg = _fraction("LIAISON_SDG_THRESHOLD")
        wsis = _fraction("LIAISON_WSIS_THRESHOLD")
        return cls(
            database_url=url,
            organization=os.environ.get("LIAISON_ORGANIZATION", "itu"),
            classifier=classifier,
            sdg_threshold=sdg,
            wsis_threshold=0.05 if wsis is None else wsis,
        )


def _fraction(name: str) -> float | None:
    value = os.environ.get(name)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise LiaisonError(f"{name}={value} is not a number between 0 and 1")
    return number


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
