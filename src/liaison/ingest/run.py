"""Ingesting files: each document read, its candidates extracted against what the registry knows;
a file that cannot be read is named with what is wrong, and the others go on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, Problem
from liaison.ingest import review
from liaison.ingest.candidates import Candidate
from liaison.ingest.extract import Context, extract
from liaison.ingest.known import Known
from liaison.ingest.reading import read_document

#: The files a folder is searched for.
READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")


@dataclass
class IngestOutcome:
    #: Each document's candidates, by its name, in the order the documents were given.
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Candidates kept for review, and those kept before (when stored).
    added: int = 0
    known: int = 0


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


def ingest_files(
    session: Session,
    paths: Sequence[Path],
    organization: str,
    extractors: Sequence[str] | None = None,
    *,
    store: bool = False,
) -> IngestOutcome:
    """The candidates of every document under ``paths``, kept for review when ``store``."""
    files, problems = files_of(paths)
    outcome = IngestOutcome(problems=problems)
    known = Known.read(session)
    for path in files:
        try:
            document = read_document(path)
        except InvalidInput as exc:
            outcome.problems += exc.problems
            continue
        source = known.documents.get(document.symbol) if document.symbol else None
        context = Context(known, organization, document, source)
        candidates = extract(document, context, extractors)
        outcome.candidates[str(path)] = candidates
        if store:
            kept = review.store(session, path.name, source, candidates)
            outcome.added += kept.added
            outcome.known += kept.known
    return outcome
