"""Import: validate each record, check its references, write it in batches, all in one
transaction.

Files are read a record at a time (:mod:`liaison.registry.stream`), so memory does not grow
with them. Every problem in every file is collected; when there is any, nothing is written
(the batches already written are rolled back with the transaction) and all are raised
together. Re-importing the same data changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, Problem, ProblemList
from liaison.registry.bulk import write_batch
from liaison.registry.reader import (
    ID_ERRORS,
    ImportFile,
    field_label,
    files_in,
    read_file,
    unstorable_paths,
)
from liaison.registry.references import Checked, Checker
from liaison.registry.schema import KINDS, Dataset, RecordData, id_problem
from liaison.registry.stream import RawRecord, records_in

BATCH = 2_000  # records per batch of Core statements
MAX_PROBLEMS = 1_000  # reading stops after so many: the first ones are what a person fixes
MODELS: dict[str, type[RecordData]] = {
    kind: Dataset.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    for kind in KINDS
}


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
    """Read and validate every file under ``paths`` whole; raise once with every problem."""
    files: list[ImportFile] = []
    problems: list[Problem] = []
    for file, name in files_under(paths, base):
        try:
            files.append(read_file(file, name))
        except InvalidInput as exc:
            problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return files


def files_under(paths: Sequence[Path], base: Path | None = None) -> list[tuple[Path, str]]:
    """Each import file at ``paths`` (files, or folders of them) and the name it is shown by;
    raise InvalidInput naming a path that does not exist or a folder that holds none."""
    problems: list[Problem] = []
    files: list[tuple[Path, str]] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        found = files_in(path)
        if not found:
            problems.append(Problem(str(path), "no .yaml, .yml, .json, .jsonl or .csv files here"))
        files += [(f, str(f.relative_to(base)) if base else str(f)) for f in found]
    if problems:
        raise InvalidInput(problems)
    return files


Progress = Callable[[int, int], None]
"""Told (records written so far, records in all, 0 when not known) as an import goes."""


def import_paths(
    session: Session,
    paths: Sequence[Path],
    *,
    base: Path | None = None,
    progress: Progress | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Import the files at ``paths`` (files or folders) into the session, all or nothing."""
    files = files_under(paths, base)
    return _import(session, _read(files), progress=progress, replace=replace)


def import_files(
    session: Session,
    files: list[ImportFile],
    *,
    progress: Progress | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Write the records of files already read and validated (a form, a request, a dataset),
    as :func:`import_paths` does."""
    total = sum(len(f.dataset.records()) for f in files)
    return _import(session, _validated(files), progress=progress, replace=replace, total=total)


def _read(files: list[tuple[Path, str]]) -> Iterator[Checked | Problem]:
    """Each record of each file, validated, or the problems found reading it."""
    for path, name in files:
        problems = ProblemList(name)
        clean = not _may_hold_unstorable(path)
        for raw in records_in(path, problems):
            yield from problems.problems
            problems.problems.clear()
            yield from _validate(name, raw, clean)
        yield from problems.problems


def _may_hold_unstorable(path: Path) -> bool:
    """Whether a file may hold a NUL or a lone surrogate: only written as a NUL byte or through
    an escape (JSON's \\u0000, YAML's \\0 or \\ud800). A workbook is always looked at."""
    if path.suffix.lower() == ".xlsx":
        return True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                if b"\\" in chunk or b"\x00" in chunk:
                    return True
    except OSError:
        return True  # the reader says what is wrong
    return False


def _validate(name: str, raw: RawRecord, clean: bool) -> Iterator[Checked | Problem]:
    data = raw.data
    label = f"{raw.kind}[{raw.index}]"
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        label += f" ({data['id']})"
    bad = False
    for path in () if clean else unstorable_paths(data):
        bad = True
        message = "a NUL character or a lone surrogate cannot be stored"
        yield Problem(name, message, label, field_label(path) or raw.kind, raw.line_of(path))
    try:
        record = MODELS[raw.kind].model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] in ID_ERRORS:
                message = id_problem(error["input"])
            yield Problem(name, message, label, field_label(path) or None, raw.line_of(path))
        return
    if not bad:
        yield Checked(raw.kind, record, name, raw.index, raw.locator)


def _validated(files: list[ImportFile]) -> Iterator[Checked]:
    for kind in KINDS:
        for file in files:
            for index, record in enumerate(getattr(file.dataset, kind)):
                yield Checked(kind, record, file.name, index, _locator(file, kind, index))


def _locator(file: ImportFile, kind: str, index: int) -> Callable[[Any], int | None]:
    return lambda path: file.line_of(kind, index, path)


def _import(
    session: Session,
    items: Iterable[Checked | Problem],
    *,
    progress: Progress | None,
    replace: bool,
    total: int = 0,
) -> ImportSummary:
    """Check and write records a batch at a time; raise every problem, having written nothing.

    A record the registry has is merged with what the file says: fields the file leaves out
    keep their value and list items are added or replaced by their key, none removed. With
    ``replace`` the record becomes what the file says (a classifier's suggested tags and a JIU
    status history are kept all the same). Records are written with Core statements
    (:mod:`liaison.registry.bulk`), audited and indexed for search.
    """
    _defer_foreign_keys(session)
    # A savepoint, so that a refused import leaves the caller's transaction as it was.
    savepoint = session.begin_nested()
    try:
        summary = _write_all(session, items, progress, replace, total)
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()
    session.expire_all()  # records the session had loaded are read again as written
    return summary


def _write_all(
    session: Session,
    items: Iterable[Checked | Problem],
    progress: Progress | None,
    replace: bool,
    total: int,
) -> ImportSummary:
    checker = Checker(session)
    summary = ImportSummary()
    counts = (summary.created, summary.updated, summary.unchanged)
    actor = str(session.info.get("actor", "system"))
    problems: list[Problem] = []
    batch: list[Checked] = []

    def write() -> None:
        problems.extend(checker.check(batch))
        if not problems:
            write_batch(session, batch, actor=actor, replace=replace, counts=counts)
            if progress is not None:
                progress(summary.total, total)
        batch.clear()

    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            if len(problems) >= MAX_PROBLEMS:
                break
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            write()
    write()
    problems += checker.finish()
    if problems:
        raise InvalidInput(problems)
    return summary


def _defer_foreign_keys(session: Session) -> None:
    """References were checked above; let the database check them at commit, in any order."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        # A page cache of 64 MB (the default is 2 MB) for the indexes a large import writes.
        session.execute(text("PRAGMA cache_size = -65536"))
    else:
        session.execute(text("SET CONSTRAINTS ALL DEFERRED"))
