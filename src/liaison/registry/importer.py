"""Import: validate every file, check references, then write all records in one transaction.

A file that does not validate changes nothing: problems are collected across all files and
raised together before the first write. Re-importing the same data changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, Problem
from liaison.registry.bulk import Entry, write_batch
from liaison.registry.reader import ImportFile, files_in, read_file
from liaison.registry.references import check
from liaison.registry.schema import KINDS

BATCH = 2_000  # records per batch of Core statements


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return (
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())
        )

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def describe(self) -> str:
        parts = []
        for label, counts in (("created", self.created), ("updated", self.updated)):
            if counts:
                detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
                parts.append(f"{label} {detail}")
        unchanged = sum(self.unchanged.values())
        parts.append(f"{unchanged} unchanged")
        return "; ".join(parts)


def read_all(paths: Sequence[Path], base: Path | None = None) -> list[ImportFile]:
    """Read and validate every file under ``paths``; raise once with every problem found."""
    files: list[ImportFile] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        found = files_in(path)
        if not found:
            problems.append(Problem(str(path), "no .yaml, .yml, .json or .csv files here"))
        for file in found:
            name = str(file.relative_to(base)) if base else str(file)
            try:
                files.append(read_file(file, name))
            except InvalidInput as exc:
                problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return files


Progress = Callable[[int, int], None]
"""Told (records written so far, records in all) as an import goes."""


def import_paths(
    session: Session,
    paths: Sequence[Path],
    *,
    base: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the files at ``paths`` (files or folders) into the session, all or nothing."""
    return import_files(session, read_all(paths, base), progress=progress)


def import_files(
    session: Session,
    files: list[ImportFile],
    *,
    progress: Progress | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Write the records of validated files; raise InvalidInput (writing nothing) on problems.

    A record the registry has is merged with what the file says: fields the file leaves out
    keep their value and list items are added or replaced by their key, none removed. With
    ``replace`` the record becomes what the file says (a classifier's suggested tags and a JIU
    status history are kept all the same). Records are written in batches with Core
    statements (:mod:`liaison.registry.bulk`), audited and indexed for search.
    """
    problems, _stored = check(session, files)
    if problems:
        raise InvalidInput(problems)
    _defer_foreign_keys(session)
    session.flush()  # pending changes of the session go first
    summary = ImportSummary()
    counts = (summary.created, summary.updated, summary.unchanged)
    actor = str(session.info.get("actor", "system"))
    total = sum(len(f.dataset.records()) for f in files)
    batch: list[Entry] = []

    def write() -> None:
        write_batch(session, batch, actor=actor, replace=replace, counts=counts)
        batch.clear()
        if progress is not None:
            progress(summary.total, total)

    for kind in KINDS:
        for file in files:
            for index, record in enumerate(getattr(file.dataset, kind)):
                line = file.line_of(kind, index)
                batch.append(Entry(kind, record, f"{file.name}:{line}" if line else file.name))
                if len(batch) >= BATCH:
                    write()
    if batch:
        write()
    session.expire_all()  # records the session had loaded are read again as written
    return summary


def _defer_foreign_keys(session: Session) -> None:
    """References were checked above; let the database check them at commit, in any order."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    else:
        session.execute(text("SET CONSTRAINTS ALL DEFERRED"))
