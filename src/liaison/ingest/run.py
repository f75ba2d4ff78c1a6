"""Ingesting files: each document read, its candidates extracted against what the registry knows;
a file that cannot be read is named with what is wrong, and the others go on.

Documents are read and extracted one after the other, or by ``workers`` processes in parallel
(each given what the registry knows once); either way the results come back in the order of the
files, one document at a time, so that memory holds one document's candidates, not a corpus's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, Problem
from liaison.ingest import review
from liaison.ingest.candidates import Candidate
from liaison.ingest.extract import Context, extract
from liaison.ingest.known import Known
from liaison.ingest.reading import read_document
from liaison.ingest.tagging import with_tags

#: The files a folder is searched for.
READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


@dataclass(frozen=True)
class DocumentOutcome:
    """One file: its candidates and the registry's record of it, or what is wrong with it."""

    path: Path
    candidates: list[Candidate] = field(default_factory=list)
    source: str | None = None
    problems: list[Problem] = field(default_factory=list)


def files_of(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The documents ``paths`` name: files as given, folders searched for readable files."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in READABLE)
            if not found:
                problems.append(Problem(str(path), "no document to read in this folder"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return files, problems


@dataclass(frozen=True)
class _Job:
    known: Known
    organization: str
    extractors: tuple[str, ...] | None
    #: The classifier mode that tags the candidates (None: no tags).
    tags: str | None = None


_JOB: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _JOB
    _JOB = job


def _one(path: Path, job: _Job | None = None) -> DocumentOutcome:
    job = job or _JOB
    assert job is not None, "the worker was not given its job"
    try:
        document = read_document(path)
    except InvalidInput as exc:
        return DocumentOutcome(path, problems=exc.problems)
    source = job.known.documents.get(document.symbol) if document.symbol else None
    context = Context(job.known, job.organization, document, source)
    candidates = extract(document, context, job.extractors)
    if job.tags is not None:
        candidates = with_tags(candidates, job.tags)
    return DocumentOutcome(path, candidates, source)


def read_all(
    files: Sequence[Path],
    known: Known,
    organization: str,
    extractors: Sequence[str] | None = None,
    *,
    workers: int = 1,
    tags: str | None = None,
) -> Iterator[DocumentOutcome]:
    """Each file's outcome, in the order of ``files``."""
    job = _Job(known, organization, tuple(extractors) if extractors is not None else None, tags)
    if workers <= 1 or len(files) < 2:
        for path in files:
            yield _one(path, job)
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(job,)) as pool:
        yield from pool.map(_one, files, chunksize=4)


@dataclass
class IngestOutcome:
    #: Each document's candidates, by its path, when they are kept in memory (not when stored).
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    #: Candidates kept for review, and those kept before (when stored).
    added: int = 0
    known: int = 0


Progress = Callable[[int, int], None]


def ingest_files(
    session: Session,
    paths: Sequence[Path],
    organization: str,
    extractors: Sequence[str] | None = None,
    *,
    store: bool = False,
    workers: int = 1,
    tags: str | None = None,
    each: Callable[[DocumentOutcome], None] | None = None,
    progress: Progress | None = None,
) -> IngestOutcome:
    """The candidates of every document under ``paths``: kept for review when ``store``,
    handed to ``each`` as they come when given, else gathered in the outcome."""
    files, problems = files_of(paths)
    outcome = IngestOutcome(problems=problems)
    known = Known.read(session)
    results = read_all(files, known, organization, extractors, workers=workers, tags=tags)
    for done, result in enumerate(results, start=1):
        outcome.problems += result.problems
        if not result.problems:
            outcome.documents += 1
            if store:
                kept = review.store(session, result.path.name, result.source, result.candidates)
                outcome.added += kept.added
                outcome.known += kept.known
            if each is not None:
                each(result)
            elif not store:
                outcome.candidates[str(result.path)] = result.candidates
        if progress is not None:
            progress(done, len(files))
    return outcome
