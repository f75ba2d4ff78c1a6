"""Whether a database is at the current schema, told without importing SQLAlchemy or Alembic;
and how a database URL is shown (never with its password).

The revision a database is at is in its ``alembic_version`` table; the head revision of the
migrations is read from their files as text. Commands that only read compare the two before
reading the database with its own driver (:mod:`liaison.storage.direct`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

from liaison.errors import DatabaseUnavailable

__all__ = [
    "DatabaseUnavailable",
    "head_revision",
    "hide_secrets",
    "known_revisions",
    "one_line",
    "shown_url",
    "sqlite_file",
    "unusable",
]

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
SQLITE_PREFIX = "sqlite:///"

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")
# Query parameters of a URL that hold a secret (libpq's password and sslpassword).
_SECRET_PARAMETER = re.compile(r"(?i)([?&](?:ssl)?password=)([^&#]*)")
HIDDEN = "***"


def _revision_graph(versions: Path) -> tuple[set[str], set[str]] | None:
    """Every revision of the migration files and those another revises; None when unreadable."""
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
    return revisions, revised


def head_revision(versions: Path = MIGRATIONS / "versions") -> str | None:
    """The head revision of the migrations, read from their files without importing Alembic.

    Each file's ``revision = "…"`` and ``down_revision = …`` lines are read as text; the head is
    the one revision that no other revises. None when that cannot be told so (no file, several
    heads, a line written otherwise): :meth:`Database.head` then asks Alembic.
    """
    graph = _revision_graph(versions)
    if graph is None:
        return None
    heads = graph[0] - graph[1]
    return heads.pop() if len(heads) == 1 else None


def known_revisions(versions: Path = MIGRATIONS / "versions") -> set[str] | None:
    """Every revision this version of Liaison has a migration for; None when unreadable."""
    graph = _revision_graph(versions)
    return None if graph is None else graph[0]


def sqlite_file(url: str) -> Path | None:
    """The file a plain ``sqlite:///path`` URL names; None for other URLs and forms."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = url.removeprefix(SQLITE_PREFIX)
    if not path or path == ":memory:" or any(c in path for c in "?%"):
        return None
    return Path(path)


def _userinfo_end(url: str) -> tuple[int, int] | None:
    """Where the password of ``scheme://user:password@host`` starts and ends, if it has one.

    The password runs to the last ``@`` before the query, so that one written with an ``@`` or
    ``/`` left unescaped is hidden whole (more is hidden, never less, when unsure).
    """
    scheme, sep, rest = url.partition("://")
    if not sep:  # not a URL: a password may still be written as in one (``x:secret@host``)
        scheme, sep, rest = "", "", url
    elif rest.startswith("/"):
        return None
    query = rest.find("?")
    at = rest.rfind("@", 0, query if query >= 0 else len(rest))
    colon = rest.find(":", 0, at)
    if at < 0 or colon < 0:
        return None
    offset = len(scheme) + len(sep)
    return offset + colon + 1, offset + at


def shown_url(url: str) -> str:
    """The database URL as every message and banner shows it: its password hidden, whether it
    is in the user part (``user:***@host``) or in the query (``?password=***``).

    A SQLite file's URL is written here; any other is SQLAlchemy's to write, and one SQLAlchemy
    cannot read is shown as given, less its secrets.
    """
    if sqlite_file(url) is not None:
        return SQLITE_PREFIX + quote(url.removeprefix(SQLITE_PREFIX), safe=" +/")
    span = _userinfo_end(url)
    masked = url if span is None else url[: span[0]] + HIDDEN + url[span[1] :]
    try:
        from sqlalchemy.engine import make_url

        masked = make_url(masked).render_as_string(hide_password=True)
    except Exception:  # anything SQLAlchemy cannot read is shown as given, less its secrets
        pass
    return _SECRET_PARAMETER.sub(lambda m: m.group(1) + HIDDEN, masked)


def _secrets(url: str) -> set[str]:
    """The secrets written in ``url`` (its password, in the user part or the query)."""
    found: list[str] = []
    span = _userinfo_end(url)
    if span is not None:
        found.append(url[span[0] : span[1]])
    found += [m.group(2) for m in _SECRET_PARAMETER.finditer(url)]
    # As written and decoded; short ones are left, as hiding them would garble the text.
    return {s for secret in found for s in (secret, unquote(secret)) if len(s) >= 3}


# What SQLite says when a database cannot be used, and what it means (checked in this order).
_UNUSABLE = (
    (("file is not a database", "malformed", "file is encrypted"),
     "is damaged or is not a database: restore it from a backup"),
    (("readonly database", "read-only"),
     "is read-only: Liaison writes to the file and to its folder"),
    (("unable to open database file",),
     "cannot be opened: check that the file and its folder can be read and written"),
    (("disk i/o error",), "cannot be read or written: the disk failed"),
    (("database or disk is full",), "cannot be written: the disk is full"),
)  # fmt: skip


def unusable(url: str, said: str) -> str:
    """The message for a database at ``url`` that cannot be used, as its driver ``said``."""
    lowered = said.lower()
    for needles, meaning in _UNUSABLE:
        if any(needle in lowered for needle in needles):
            return f"the database {shown_url(url)} {meaning} ({said})"
    return f"cannot open the database {shown_url(url)}: {said}"


def one_line(text: str) -> str:
    """A driver's message on one line (libpq adds hints on lines of their own)."""
    return " ".join(text.split())


def hide_secrets(text: str, *urls: str | None) -> str:
    """``text`` with every secret of ``urls`` replaced by ``***`` (for error messages that
    quote a driver, which may repeat what it was given)."""
    for url in urls:
        for secret in sorted(_secrets(url or ""), key=len, reverse=True):
            text = text.replace(secret, HIDDEN)
    return text
