"""The one exception family of Liaison.

Every error a user can cause (bad input, a missing record, a database that cannot be reached)
is a :class:`LiaisonError`. Interfaces convert it in one place: the CLI prints ``message`` to
stderr and exits with ``exit_code``; the web layer will render the same shape as JSON or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class LiaisonError(Exception):
    """Base of every error a user can cause."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, object]:
        return {"error": type(self).__name__, "message": self.message}


class NotFound(LiaisonError):
    """A record, taxon or file the user named does not exist."""

    exit_code = 4


class InvalidRequest(LiaisonError):
    """A request that cannot be done as asked: a bad option, a template that breaks the rules."""

    exit_code = 2


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

    def __init__(self, problems: list[Problem]) -> None:
        shown = problems[:20]
        more = len(problems) - len(shown)
        lines = [str(p) for p in shown] + ([f"... and {more} more"] if more > 0 else [])
        super().__init__("\n".join(lines))
        self.problems = problems

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "problems": [p.__dict__ for p in self.problems]}


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
