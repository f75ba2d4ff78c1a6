"""``liaison ingest``: read documents and propose the records they state, as candidates."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from liaison.cli.context import state_of
from liaison.cli.output import Format, console, print_rows, progress_bar
from liaison.errors import FileProblem, InvalidRequest

if TYPE_CHECKING:
    from liaison.ingest.candidates import Candidate

FORMATS = ("jsonl", "table")
#: The states of a candidate, as ``candidates review --state`` names them.
STATES = ("suggested", "accepted", "rejected")


def register(app: typer.Typer) -> None:
    @app.command(
        epilog="Examples: liaison ingest C18-INF-4.docx --dry-run; "
        "liaison ingest reports/ --dry-run --format jsonl > candidates.jsonl",
    )
    def ingest(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Documents, or folders of them")],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Print the candidates; write nothing")
        ] = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or table")] = "table",
        org: Annotated[
            str | None,
            typer.Option("--org", help="Whose documents (default: the setting, e.g. itu)"),
        ] = None,
        extractors: Annotated[
            str | None,
            typer.Option(help="Only these extractors, comma-separated (default: all)"),
        ] = None,
        workers: Annotated[
            int, typer.Option(help="Processes reading documents in parallel (order is kept)")
        ] = 1,
        tags: Annotated[
            str | None,
            typer.Option(
                help="Suggest SDG and WSIS tags for events and initiatives with this "
                "classifier mode (fast or accurate); default: none"
            ),
        ] = None,
    ) -> None:
        """Read documents (DOCX, PDF, HTML, Markdown, text) and propose the organizations,
        roles, events, initiatives and documents they state, each with its paragraph.

        A bad file is named with what is wrong, and the others go on."""
        if fmt not in FORMATS:
            raise InvalidRequest(f"unknown --format '{fmt}': use {' or '.join(FORMATS)}")
        from liaison.ingest.run import DocumentOutcome, ingest_files
        from liaison.services.organizations import organization_by_acronym

        if workers < 1:
            raise InvalidRequest(f"--workers must be at least 1, not {workers}")
        if tags is not None and tags not in ("fast", "accurate"):
            raise InvalidRequest(f"unknown --tags '{tags}': use fast or accurate")
        state = state_of(ctx)
        names = [n.strip() for n in extractors.split(",")] if extractors else None
        rows: list[dict[str, object]] = []

        def show(result: DocumentOutcome) -> None:
            if fmt == "jsonl":
                for candidate in result.candidates:
                    line = {"document": str(result.path), **candidate.as_json()}
                    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                rows.extend(_row(result.path, c) for c in result.candidates)

        with (
            state.database().session(actor=state.actor, write=not dry_run) as session,
            progress_bar("Reading documents") as progress,
        ):
            organization = organization_by_acronym(session, org or state.settings.organization)
            outcome = ingest_files(
                session,
                paths,
                organization,
                names,
                store=not dry_run,
                workers=workers,
                tags=tags,
                each=show if dry_run else None,
                progress=progress,
            )
        for problem in outcome.problems:
            print(f"error: {problem}", file=sys.stderr)
        if not dry_run:
            console().print(
                f"Kept {outcome.added} new candidates ({outcome.known} already kept) from "
                f"{outcome.documents} documents; review them with `liaison candidates review`.",
                highlight=False,
            )
        elif fmt == "table":
            print_rows(rows, Format.table, title="candidates")
            console().print(
                f"{len(rows)} candidates from {outcome.documents} documents.", highlight=False
            )
        if outcome.problems:
            # A file or folder that does not exist is a file error; the others, bad input.
            missing = any(not path.exists() for path in paths)
            raise typer.Exit(FileProblem.exit_code if missing else 2)

    candidates = typer.Typer(help="Candidates read by `liaison ingest`, and their review.",
                             no_args_is_help=True)  # fmt: skip
    app.add_typer(candidates, name="candidates")

    @candidates.command(
        name="review",
        epilog="Examples: liaison candidates review; liaison candidates review --kind role "
        "--format json",
    )
    def review_command(
        ctx: typer.Context,
        kind: Annotated[str | None, typer.Option(help="Only this kind (role, event…)")] = None,
        min_score: Annotated[float | None, typer.Option(help="Only those scoring this")] = None,
        state: Annotated[
            str, typer.Option(help="suggested (waiting), accepted or rejected")
        ] = "suggested",
        limit: Annotated[int, typer.Option(help="At most this many")] = 200,
        fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    ) -> None:
        """List candidates, best score first, with the paragraph each was read in."""
        from liaison.ingest.candidates import KINDS
        from liaison.ingest.review import waiting

        if state not in STATES:
            raise InvalidRequest(f"unknown --state '{state}': use one of {', '.join(STATES)}")
        if kind is not None and kind not in KINDS:
            raise InvalidRequest(f"unknown --kind '{kind}': use one of {', '.join(KINDS)}")

        with state_of(ctx).database().session() as session:
            rows = [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "fields": ", ".join(f"{k}={_short(v)}" for k, v in c.fields.items()),
                    "matches": ", ".join(c.matches),
                    "where": f"{Path(c.document).name}, {c.locator}",
                    "text": c.paragraph[c.start : c.end][:80],
                    "score": round(c.score, 2),
                }
                for c in waiting(session, kind=kind, min_score=min_score, state=state, limit=limit)
            ]
        print_rows(rows, fmt, title=f"{state} candidates")

    @candidates.command(
        name="accept",
        epilog="Examples: liaison candidates accept 12 14; "
        "liaison candidates accept --above 0.8 --kind role",
    )
    def accept_command(
        ctx: typer.Context,
        ids: Annotated[list[int] | None, typer.Argument(help="Candidate ids")] = None,
        above: Annotated[
            float | None, typer.Option(help="Every waiting candidate scoring at least this")
        ] = None,
        kind: Annotated[str | None, typer.Option(help="With --above: only this kind")] = None,
    ) -> None:
        """Accept candidates: each becomes a record through the import's validation, merged
        into the record it matches, citing the paragraph it was read in."""
        from liaison.ingest.review import decide

        if not ids and above is None:
            raise InvalidRequest("name candidate ids, or --above SCORE")
        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            done = decide(session, state.actor, accept=ids or [], kind=kind, accept_above=above)
        console().print(f"Accepted {done.accepted}; {done.unchanged} already so.", highlight=False)

    @candidates.command(name="reject", epilog="Example: liaison candidates reject 7 9")
    def reject_command(
        ctx: typer.Context,
        ids: Annotated[list[int], typer.Argument(help="Candidate ids")],
    ) -> None:
        """Reject candidates: they stay rejected, even when the document is ingested again."""
        from liaison.ingest.review import decide

        state = state_of(ctx)
        with state.database().session(actor=state.actor, write=True) as session:
            done = decide(session, state.actor, reject=ids)
        console().print(f"Rejected {done.rejected}; {done.unchanged} already so.", highlight=False)


def _row(path: Path, c: Candidate) -> dict[str, object]:
    return {
        "document": path.name,
        "where": c.evidence.locator,
        "kind": c.kind,
        "fields": ", ".join(f"{k}={_short(v)}" for k, v in c.fields.items()),
        "matches": ", ".join(c.matches),
        "score": f"{c.score:.2f}",
    }


def _short(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(
            " ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)
