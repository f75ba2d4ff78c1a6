"""The one exception family of Liaison.

Every error a user can cause (bad input, a missing record, a database that cannot be reached)
is a :class:`LiaisonError`. Interfaces convert it in one place: the CLI prints ``message`` to
stderr and exits with ``exit_code`` (the README's table: 2 bad input, 3 the database cannot be
used, 4 not found, 5 a file that cannot be read or written, 6 not allowed, 7 a conflict; 1 is
left for what no error here describes, a bug); the web layer answers ``status`` with an RFC 9457
problem document (``type``, ``title``, ``status``, ``detail`` and, for input, the field-level
``problems``) or the same facts as an HTML page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class LiaisonError(Exception):
    """Base of every error a user can cause; raised as itself, it is bad input (exit 2)."""

    exit_code = 2
    status = 400
    title = "The request cannot be done"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def type(self) -> str:
        """The problem type: a stable name for the kind of error (RFC 9457 ``type``)."""
        name = type(self).__name__
        return "urn:liaison:problem:" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()

    def as_dict(self) -> dict[str, object]:
        """The problem document of RFC 9457, the same shape for every error."""
        return {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.message,
        }


class NotFound(LiaisonError):
    """A record, taxon or file the user named does not exist."""

    exit_code = 4
    status = 404
    title = "Not found"


class InvalidRequest(LiaisonError):
    """A request that cannot be done as asked: a bad option, a template that breaks the rules."""

    exit_code = 2
    title = "Invalid request"


class Conflict(LiaisonError):
    """The request clashes with the stored state: a stale version, an id already taken."""

    exit_code = 7
    status = 409
    title = "Conflict"


class PreconditionRequired(LiaisonError):
    """A change that must say which version of the record it was made from."""

    exit_code = 2
    status = 428
    title = "The version of the record is required"


class Busy(LiaisonError):
    """The database is busy with another writer past the wait: try again shortly."""

    exit_code = 3
    status = 503
    title = "The database is busy"
    retry_after = 2


class DatabaseUnavailable(LiaisonError):
    """The database cannot be opened, reached or used: down, damaged, read-only, too new."""

    exit_code = 3
    status = 503
    title = "The database cannot be reached"


class Unauthorized(LiaisonError):
    """The request needs a signed-in user or a valid API token."""

    exit_code = 6
    status = 401
    title = "Sign-in required"


class Forbidden(LiaisonError):
    """The user is signed in but their role does not allow this."""

    exit_code = 6
    status = 403
    title = "Not allowed"


class TooManyAttempts(LiaisonError):
    """Too many failed sign-ins for an account or from an address: wait before trying again."""

    exit_code = 6
    status = 429
    title = "Too many attempts"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    file: str
    message: str
    record: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class InvalidInput(LiaisonError):
    """Input that does not validate; carries every problem found, not only the first."""

    exit_code = 2
    status = 422
    title = "The input does not validate"

    def __init__(self, problems: list[Problem]) -> None:
        shown = problems[:20]
        more = len(problems) - len(shown)
        lines = [str(p) for p in shown] + ([f"... and {more} more"] if more > 0 else [])
        super().__init__("\n".join(lines))
        self.problems = problems

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "problems": [dict(p.__dict__) for p in self.problems]}


class FileProblem(InvalidInput):
    """A file that cannot be read or written: missing, a folder, not permitted, already there.

    It is invalid input whose fault is the file system's, not the content's: whoever catches
    :class:`InvalidInput` (to go on with the next file) catches it too.
    """

    exit_code = 5
    title = "The file cannot be read or written"

    @classmethod
    def at(cls, path: object, message: str) -> FileProblem:
        """The error for one file: ``path`` and what is wrong with it."""
        return cls([Problem(file=str(path), message=message)])

    @classmethod
    def of(cls, path: object, exc: OSError, doing: str = "write") -> FileProblem:
        """The error for an :class:`OSError` met while reading or writing ``path``."""
        if isinstance(exc, IsADirectoryError):
            message = "is a folder: give the name of a file"
        elif isinstance(exc, NotADirectoryError):
            message = "a part of this path is a file, not a folder"
        elif isinstance(exc, FileExistsError):
            message = "exists already: remove it or choose another name"
        elif isinstance(exc, FileNotFoundError):
            message = "no such file or folder"
        elif isinstance(exc, PermissionError):
            message = f"cannot {doing} it: permission denied"
        else:
            message = f"cannot {doing} it: {exc.strerror or exc}"
        return cls.at(path, message)


@dataclass
class ProblemList:
    """Collects problems while validating, so one pass reports all of them."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        message: str,
        *,
        record: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problems.append(Problem(self.file, message, record, field, line))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)
