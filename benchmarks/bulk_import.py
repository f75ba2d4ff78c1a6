"""Benchmark of large imports and exports, as a user runs them: each step is a `liaison` command
in a new process (start-up included), timed from spawn to exit, with its peak resident memory.

    python -m benchmarks.bulk_import [--records 50000] [--postgres URL] [--no-sqlite]
        [--formats jsonl,json,yaml,csv] [--large 500000]

For each backend: `liaison init`, then `liaison import` of the synthetic dataset
(:mod:`benchmarks.synthetic`) in each import format asked for (the first into an empty registry,
then the same file again, which changes nothing), and `liaison export` in every format. On
SQLite, the floor: the same rows inserted with `sqlite-utils` (no validation, no references,
no audit, no search index) in a new process. With ``--large N`` (PostgreSQL), a registry of N
records: its import, a page of a list, searches, and the one-year report. PostgreSQL runs when
``--postgres`` or ``LIAISON_TEST_POSTGRES_URL`` names a server; a database is created and dropped.
Prints Markdown tables and the machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from benchmarks.registry_io import machine, postgres_database

LIAISON = [sys.executable, "-m", "liaison"]
EXPORTS = ("json", "jsonl", "yaml", "csv", "xlsx")
Row = tuple[str, str, str]


def timed(command: list[str], stdout: Any = subprocess.DEVNULL) -> tuple[float, float]:
    """Wall seconds from spawn to exit, and the process's peak resident memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed: {error}")
    return seconds, usage.ru_maxrss / 1024


def write_in_child(records: int, seed: int, path: Path) -> None:
    """The dataset written by another process: this one stays small, and its children's peak
    memory (which starts from this process's, as a fork) is their own."""
    command = [sys.executable, "-m", "benchmarks.synthetic", "--records", str(records)]
    subprocess.run([*command, "--seed", str(seed), "-o", str(path)], check=True)


def _liaison(url: str, *args: str) -> list[str]:
    return [*LIAISON, "--database", url, *args]


def _row(label: str, result: tuple[float, float]) -> Row:
    return (label, f"{result[0]:.2f} s", f"{result[1]:.0f} MB")


def run_backend(url: str, files: dict[str, Path], records: int, folder: Path) -> list[Row]:
    rows: list[Row] = [_row("liaison init (new registry)", timed(_liaison(url, "init")))]
    first = True
    for fmt, path in files.items():
        label = f"import {records:,} records, {fmt} ({path.stat().st_size / 1e6:.0f} MB)"
        if not first:
            label += ", unchanged"
        rows.append(_row(label, timed(_liaison(url, "import", str(path)))))
        if first:
            again = f"import the same {fmt} file again (0 created, 0 updated)"
            rows.append(_row(again, timed(_liaison(url, "import", str(path)))))
            first = False
    for fmt in EXPORTS:
        target = folder / f"export-{fmt}"
        if fmt == "xlsx":
            target = folder / "export.xlsx"
        command = _liaison(url, "export", "--format", fmt, "-o", str(target))
        rows.append(_row(f"export --format {fmt}", timed(command)))
    return rows


FLOOR = """
import json, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
tables = {}
with open(sys.argv[2], encoding="utf-8") as lines:
    for line in lines:
        ((kind, record),) = json.loads(line).items()
        tables.setdefault(kind, []).append(record)
for kind, records in tables.items():
    db[kind].insert_all(records, pk="id", alter=True, batch_size=1000)
"""


def floor(jsonl: Path, folder: Path) -> tuple[float, float]:
    """sqlite-utils inserting the same records into one table per kind, nothing checked."""
    target = folder / "floor.db"
    target.unlink(missing_ok=True)
    return timed([sys.executable, "-c", FLOOR, str(target), str(jsonl)])


PAGE = """
import sys, time
from liaison.services.listing import list_records
from liaison.storage.database import Database
database = Database(sys.argv[1])
with database.session() as session:
    start = time.perf_counter()
    page = list_records(session, "events", sort="-date", limit=50)
    assert len(page.items) == 50
    print(f"{(time.perf_counter() - start) * 1000:.0f} ms in the query", file=sys.stderr)
"""


def large(url: str, path: Path, records: int) -> list[Row]:
    rows = [_row("liaison init", timed(_liaison(url, "init")))]
    rows.append(
        _row(f"import {records:,} records (jsonl)", timed(_liaison(url, "import", str(path))))
    )
    rows.append(
        _row("import the same file again (unchanged)", timed(_liaison(url, "import", str(path))))
    )
    page = [sys.executable, "-c", PAGE, url]
    rows.append(
        _row("a page of 50 events, newest first (new process, as a web request)", timed(page))
    )
    for words in ("health", "digital cooperation", "broadb"):
        rows.append(_row(f"search '{words}'", timed(_liaison(url, "search", words, "-f", "json"))))
    with tempfile.TemporaryDirectory() as out:
        target = str(Path(out) / "report.md")
        report = _liaison(
            url, "report", "--from", "2017-01", "--to", "2017-12", "-f", "md", "-o", target
        )
        rows.append(_row("report for one year (2017), Markdown", timed(report)))
    return rows


def table(title: str, rows: list[Row]) -> str:
    lines = [f"**{title}**", "", "| step | time | peak memory |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--formats", default="jsonl,json,yaml", help="of the dataset files")
    parser.add_argument("--postgres", default=os.environ.get("LIAISON_TEST_POSTGRES_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--large", type=int, default=0, help="records of the PostgreSQL run")
    args = parser.parse_args(argv)
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="liaison-bulk-") as tmp:
        folder = Path(tmp)
        files = {fmt: folder / f"synthetic.{fmt}" for fmt in args.formats.split(",")}
        jsonl = folder / "floor.jsonl"
        for path in [*files.values(), jsonl]:
            write_in_child(args.records, args.seed, path)
        if not args.no_sqlite:
            db = folder / "bench.db"
            rows = run_backend(f"sqlite:///{db}", files, args.records, folder)
            rows.append(_row("floor: sqlite-utils insert of the same rows", floor(jsonl, folder)))
            out.append(table(f"SQLite, {args.records:,} records", rows))
        if args.postgres:
            with postgres_database(args.postgres) as url:
                print(f"PostgreSQL: {make_url(url).render_as_string()}", file=sys.stderr)
                rows = run_backend(url, files, args.records, folder)
                out.append(table(f"PostgreSQL, {args.records:,} records", rows))
            if args.large:
                big = folder / "large.jsonl"
                write_in_child(args.large, args.seed, big)
                with postgres_database(args.postgres) as url:
                    rows = large(url, big, args.large)
                out.append(table(f"PostgreSQL, {args.large:,} records", rows))
    info = machine()
    out.append(
        "\n".join(["| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items())])
    )
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
