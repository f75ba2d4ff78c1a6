"""Whether a database is at the current schema, told without importing SQLAlchemy or Alembic.

The revision a database is at is in its ``alembic_version`` table; the head revision of the
migrations is read from their files as text. Commands that only read compare the two before
reading the database with its own driver (:mod:`liaison.storage.direct`).
"""

from __future__ import annotations

import re
from pathlib import Path

from liaison.errors import LiaisonError

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


class DatabaseUnavailable(LiaisonError):
    """The database cannot be opened or reached."""

    exit_code = 3
    status = 503
    title = "The database cannot be reached"


def head_revision(versions: Path = MIGRATIONS / "versions") -> str | None:
    """The head revision of the migrations, read from their files without importing Alembic.

    Each file's ``revision = "…"`` and ``down_revision = …`` lines are read as text; the head is
    the one revision that no other revises. None when that cannot be told so (no file, several
    heads, a line written otherwise): :meth:`Database.head` then asks Alembic.
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in sorted(versions.glob("*.py")):
        if path.name.startswith(("__init__", ".#")):
            continue
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        down_value = down.group(1).split("#", 1)[0].strip()
        parents = _QUOTED.findall(down_value)
        if not parents and down_value != "None":
            return None
        revised.update(parents)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None
