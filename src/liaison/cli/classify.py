"""``liaison classify``: SDG and WSIS suggestions for documents or for lines of standard input."""

from __future__ import annotations

import io
import json
import os
import sys
from collections import deque
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, cast

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, console, print_rows, progress_bar
from liaison.config import CLASSIFIER_MODES
from liaison.errors import LiaisonError

if TYPE_CHECKING:
    from liaison.classify.analysis import Options
    from liaison.classify.result import Classification

# The classifiers (numpy, scikit-learn, torch, the document readers) are imported by the command
# that runs them, not when the ``liaison`` command starts.

LINE_FORMAT_HELP = (
    "With '-', read one text per line (or JSON lines with id and text) from standard input and "
    "write one JSON object per line: {id, sdgs: [{goal, score, targets, evidence}], wsis: [...]}"
    ", or {id, error} for a line that cannot be classified (not UTF-8, empty, over 1 MB)"
)


def _stdin_bytes() -> BinaryIO:
    """Standard input as bytes (a text stream that has none, as a test may set, is encoded)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def _classify_stdin(options: Options, workers: int, scheduler: str | None) -> None:
    """One output line per input line, in order, written as soon as it is known; a bad line
    gets an error line and the others go on."""
    from liaison.classify.batch import classify_stream
    from liaison.classify.lines import Line, read_lines

    pending: deque[Line] = deque()

    def texts() -> Iterator[tuple[str, str]]:
        for line in read_lines(_stdin_bytes()):
            pending.append(line)
            yield line.id, line.text  # a bad line goes through as an empty text, to keep order

    out = sys.stdout
    try:
        with progress_bar("Classifying") as progress:
            stream = classify_stream(texts(), options, workers, scheduler)
            for done, result in enumerate(stream, 1):
                line = pending.popleft()
                if line.error is None:
                    out.write(json.dumps(result.as_line(), ensure_ascii=False) + "\n")
                else:
                    out.write(json.dumps(line.error_line()) + "\n")
                out.flush()
                progress(done, 0)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other commands do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _summary(result: Classification, count: int = 3) -> str:
    return ", ".join(f"SDG {g.goal} ({g.score:.2f})" for g in result.sdgs[:count])


def _wsis(result: Classification) -> str:
    return ", ".join(f"{w.code} ({w.score:.2f})" for w in result.wsis)


def _options(ctx: typer.Context, mode: str | None) -> Options:
    from liaison.classify.analysis import Options

    settings = state_of(ctx).settings
    chosen = mode or settings.classifier
    if chosen not in CLASSIFIER_MODES:
        raise typer.BadParameter(f"use {' or '.join(CLASSIFIER_MODES)}", param_hint="--mode")
    return Options(chosen, settings.sdg_threshold, settings.wsis_threshold)


def _classify_records(
    ctx: typer.Context, options: Options, kinds: list[str], since: str | None
) -> None:
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError:
        raise LiaisonError(f"--since {since} is not a date of the form YYYY-MM-DD") from None
    from liaison.classify.modes import classifier_for
    from liaison.classify.records import suggest_tags
    from liaison.services.kinds import kind_named

    state = state_of(ctx)
    chosen = [kind_named(k) for k in kinds]
    database = state.database()
    classifier = classifier_for(options)
    with progress_bar("Classifying") as progress, database.session(actor=state.actor) as session:
        summary = suggest_tags(session, chosen, since_date, classifier, progress=progress)
    console().print(
        f"Classified {summary.records} records: {summary.suggested} new suggestions "
        f"({summary.already_tagged} already tagged, left alone). "
        "Review them with `liaison tags review`.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    @app.command(
        epilog="Examples: liaison classify report.docx; "
        "echo 'Broadband for rural schools' | liaison classify -; "
        "liaison classify - --mode fast < texts.txt > suggestions.jsonl; "
        "liaison classify --records --kind initiative"
    )
    def classify(
        ctx: typer.Context,
        files: Annotated[
            list[str] | None,
            typer.Argument(help="Documents (.txt .md .html .docx .pdf), or '-'"),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="table, json or jsonl (documents)")
        ] = "table",
        records: Annotated[
            bool, typer.Option("--records", help="Suggest tags for the registry's records")
        ] = False,
        kind: Annotated[
            list[str] | None, typer.Option("--kind", help="Only records of this kind")
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help="Only records changed since YYYY-MM-DD")
        ] = None,
        workers: Annotated[
            int, typer.Option("--workers", min=1, help="Processes to classify with ('-' only)")
        ] = 1,
        scheduler: Annotated[
            str | None,
            typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786"),
        ] = None,
        mode: Annotated[
            str | None,
            typer.Option(
                "--mode",
                help="accurate (sentence embeddings) or fast (words only); "
                "default: LIAISON_CLASSIFIER, else accurate",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Suggest SDG goals and targets and WSIS Action Lines, with the evidence for each."""
        options = _options(ctx, mode)
        if records:
            _classify_records(ctx, options, kind or [], since)
            return
        if not files:
            raise LiaisonError("give documents to classify, '-' for standard input, or --records")
        if files == ["-"]:
            _classify_stdin(options, workers, scheduler)
            return
        if fmt not in ("table", "json", "jsonl"):
            raise typer.BadParameter("use table, json or jsonl", param_hint="--format")
        from liaison.classify.documents import paragraphs
        from liaison.classify.modes import classifier_for

        classifier = classifier_for(options)
        documents = []
        with progress_bar("Classifying documents") as progress:
            for done, name in enumerate(files, 1):
                path = Path(name)
                texts = paragraphs(path)
                whole = classifier.classify("\n".join(texts), str(path))
                parts = classifier.classify_many(
                    [(f"{path}#{i}", text) for i, text in enumerate(texts, 1)]
                )
                documents.append((path, whole, parts))
                progress(done, len(files))
        if fmt == "jsonl":
            for _, whole, parts in documents:
                for result in (whole, *parts):
                    print(json.dumps(result.as_line(), ensure_ascii=False))
        elif fmt == "json":
            print(
                json.dumps(
                    [
                        {**whole.as_line(), "paragraphs": [p.as_line() for p in parts]}
                        for _, whole, parts in documents
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for path, whole, parts in documents:
                console().print(
                    f"{path}: {_summary(whole) or 'no SDG found'}; WSIS {_wsis(whole) or '-'}",
                    highlight=False,
                )
                rows = [
                    {"paragraph": p.id.rsplit("#", 1)[1], "sdgs": _summary(p), "wsis": _wsis(p)}
                    for p in parts
                    if p.sdgs or p.wsis
                ]
                print_rows(rows, Format.table, title=f"paragraphs of {path.name}")
