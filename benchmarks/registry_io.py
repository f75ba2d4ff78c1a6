"""Benchmark of the registry's import, export and search on SQLite and PostgreSQL.

    python -m benchmarks.registry_io [--records 50000] [--postgres URL] [--profile DIR]

Writes a synthetic dataset (:mod:`benchmarks.synthetic`) as one JSON file, then, for each
backend, in a fresh child process (so peak memory is per backend): opens an empty registry
(migrations and reference data), imports the file in one session, imports it again (which must
change nothing), exports everything as JSON, YAML and CSV, runs 100 searches with words drawn
from the data, lists the events and shows a few records. PostgreSQL runs when ``--postgres`` or
``LIAISON_TEST_POSTGRES_URL`` names a server: a database ``liaison_bench`` is created on it and
dropped afterwards. Prints a Markdown table of the timings, peak memory and the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from random import Random
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.synthetic import synthetic_dataset, write_dataset

BENCH_DATABASE = "liaison_bench"
Result = dict[str, Any]


_STATUS, _CLEAR_REFS = Path("/proc/self/status"), Path("/proc/self/clear_refs")


def _reset_peak_rss() -> None:
    """Start a new high-water mark of resident memory (Linux); elsewhere the peak is cumulative."""
    with suppress(OSError):
        _CLEAR_REFS.write_text("5")


def _peak_rss_mb() -> float:
    """The peak resident memory since the last reset, in MiB.

    ``ru_maxrss`` survives ``exec`` (a child would report its parent's peak), and cannot be reset,
    so Linux's ``VmHWM`` is used when there is one.
    """
    try:
        match = re.search(r"^VmHWM:\s+(\d+) kB", _STATUS.read_text(), re.M)
    except OSError:
        match = None
    kib = int(match.group(1)) if match else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024


class Steps:
    """Times each step and notes the peak resident memory of the process during it."""

    def __init__(self, profile_dir: Path | None, label: str) -> None:
        self.results: dict[str, Result] = {}
        self.profile_dir = profile_dir
        self.label = label

    @contextmanager
    def step(self, name: str, profile: bool = False) -> Iterator[Result]:
        extra: Result = {}
        profiler = cProfile.Profile() if profile and self.profile_dir else None
        _reset_peak_rss()
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        yield extra
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
        self.results[name] = {"seconds": seconds, "rss_mb": _peak_rss_mb(), **extra}
        if profiler and self.profile_dir:
            path = self.profile_dir / f"{self.label}-{name}.prof"
            profiler.dump_stats(path)
            print(f"\n## {self.label}: {name} ({seconds:.1f} s), by own time", file=sys.stderr)
            stats = pstats.Stats(str(path), stream=sys.stderr)
            stats.sort_stats("tottime").print_stats(25)
            print(f"\n## {self.label}: {name}, by cumulative time", file=sys.stderr)
            stats.sort_stats("cumulative").print_stats(40)


# --- the worker: one backend, in its own process -----------------------------------------------


def run_backend(
    url: str, path: Path, words: list[str], records: int, profile_dir: Path | None, label: str
) -> Result:
    from liaison.registry import dump
    from liaison.registry.importer import import_paths
    from liaison.registry.setup import open_registry
    from liaison.services.listing import list_records
    from liaison.services.records import get_record
    from liaison.services.search import search

    steps = Steps(profile_dir, label)
    with steps.step("open_registry"):
        database = open_registry(url)
    with steps.step("import", profile=True) as extra:
        start = time.perf_counter()
        with database.session(actor="benchmark") as session:
            summary = import_paths(session, [path])
            extra["import_paths_s"] = time.perf_counter() - start
        created = sum(summary.created.values())
        assert created == records, f"created {created} records, expected {records}"
        extra["created"] = created
    with steps.step("reimport", profile=True) as extra:
        with database.session(actor="benchmark") as session:
            again = import_paths(session, [path])
        assert not again.created and not again.updated, f"re-import changed: {again.describe()}"
        extra["unchanged"] = sum(again.unchanged.values())
    with (
        tempfile.TemporaryDirectory(prefix="liaison-export-") as folder,
        database.session(actor="benchmark") as session,
    ):
        for fmt in dump.FORMATS:
            with steps.step(f"export_{fmt}", profile=fmt == "json") as extra:
                written = list(dump.write(session, fmt, Path(folder) / fmt))
                extra["bytes"] = sum(p.stat().st_size for p in written)
    with database.session(actor="benchmark") as session:
        with steps.step("search") as extra:
            times, hits = [], 0
            for word in words:
                start = time.perf_counter()
                hits += len(search(session, word).hits)
                times.append((time.perf_counter() - start) * 1000)
            extra |= _spread(times) | {"hits": hits / len(words)}
        with steps.step("list_events", profile=True) as extra:
            extra["rows"] = _count_all(session, list_records)
        with steps.step("show") as extra:
            ids = Random(1).sample(sorted(_some_ids(path)), 5)
            times = []
            for record_id in ids:
                start = time.perf_counter()
                get_record(session, record_id)
                times.append((time.perf_counter() - start) * 1000)
            extra |= _spread(times)
    about = {"versions": _versions(database), "size_mb": _database_size(database) / 1e6}
    database.dispose()
    return {**steps.results, **about}


def _count_all(session: object, list_records: object) -> int:
    """Every event, read a page of 1,000 at a time as `liaison list` does."""
    rows, cursor = 0, None
    while True:
        page = list_records(session, "events", cursor=cursor, limit=1000, count=False)  # type: ignore[operator]
        rows += len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return rows


def _spread(times: list[float]) -> Result:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered), "p95_ms": p95, "count": len(ordered)}


def _some_ids(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {r["id"] for kind in ("events", "initiatives", "documents") for r in data[kind]}


def _versions(database: Any) -> Result:
    with database.engine.connect() as connection:
        if database.backend == "sqlite":
            return {"sqlite": connection.exec_driver_sql("select sqlite_version()").scalar()}
        return {"postgresql": connection.exec_driver_sql("show server_version").scalar()}


def _database_size(database: Any) -> int:
    if database.backend == "sqlite":
        file = Path(make_url(database.url).database or "")
        return sum(p.stat().st_size for p in file.parent.glob(file.name + "*"))
    with database.engine.connect() as connection:
        return int(
            connection.exec_driver_sql("select pg_database_size(current_database())").scalar()
        )


# --- the driver ---------------------------------------------------------------------------------


def search_words(
    data: dict[str, list[dict[str, Any]]], count: int = 100, seed: int = 1
) -> list[str]:
    """Queries a user might type: one word, two words, or the start of a word, from the data."""
    rng = Random(seed)
    names = [
        r.get("name") or r.get("title") or ""
        for kind in ("organizations", "events", "initiatives", "documents")
        for r in data[kind]
    ]
    queries = []
    for _ in range(count):
        words = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", rng.choice(names))]
        r = rng.random()
        if r < 0.6 or len(words) < 2:
            queries.append(rng.choice(words))
        elif r < 0.85:
            first = rng.randrange(len(words) - 1)
            queries.append(f"{words[first]} {words[first + 1][:4]}")
        else:
            queries.append(rng.choice(words)[:4])
    return queries


def _admin(server_url: str) -> Any:
    url = make_url(server_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh, empty database on the server, dropped when done."""
    admin = _admin(server_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    try:
        url = make_url(server_url).set(database=BENCH_DATABASE)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
        admin.dispose()


def _in_child(args: list[str]) -> Result:
    """Run one backend's worker in a new interpreter; its last output line is the result."""
    command = [sys.executable, "-m", "benchmarks.registry_io", "--worker", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the benchmark failed on {args[0]} (status {done.returncode})")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    cpu = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    return {
        "CPU": cpu.group(1) if cpu else platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "RAM": f"{int(mem.group(1)) / 1024**2:.1f} GiB" if mem else "unknown",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite (Python's sqlite3)": sqlite3.sqlite_version,
    }


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _rows(records: int, r: Result) -> list[tuple[str, str]]:
    """The table's rows for one backend: (label, figure)."""
    steps = [v for v in r.values() if isinstance(v, dict) and "seconds" in v]
    imported, search, show = r["import"], r["search"], r["show"]
    writing = imported["import_paths_s"]
    export_rss = max(r[f"export_{s}"]["rss_mb"] for s in ("json", "jsonl", "yaml", "csv", "xlsx"))
    rows = [
        ("open_registry on an empty database", _s(r["open_registry"]["seconds"])),
        (f"import {records:,} records (one JSON file, one session)", _s(imported["seconds"])),
        ("- of which import_paths (read, validate, check, write, flush)", _s(writing)),
        (
            "- of which commit (search index, deferred constraints)",
            _s(imported["seconds"] - writing),
        ),
        ("- records per second", f"{records / imported['seconds']:,.0f}"),
        ("re-import the same file (0 created, 0 updated)", _s(r["reimport"]["seconds"])),
    ]
    for fmt in ("json", "jsonl", "yaml", "csv", "xlsx"):
        step = r[f"export_{fmt}"]
        rows.append(
            (f"export: write {fmt}", f"{_s(step['seconds'])} ({step['bytes'] / 1e6:.1f} MB)")
        )
    rows += [
        (f"search, {search['count']} queries: median", f"{search['median_ms']:.1f} ms"),
        (f"search, {search['count']} queries: p95", f"{search['p95_ms']:.1f} ms"),
        ("search: mean hits per query (limit 20)", f"{search['hits']:.1f}"),
        (
            "list_records('events'), every page of 1,000",
            f"{_s(r['list_events']['seconds'])} ({r['list_events']['rows']:,} rows)",
        ),
        (
            f"get_record, {show['count']} ids: median / p95",
            f"{show['median_ms']:.0f} / {show['p95_ms']:.0f} ms",
        ),
        ("peak RSS during open_registry", f"{r['open_registry']['rss_mb']:.0f} MB"),
        ("peak RSS during import", f"{imported['rss_mb']:.0f} MB"),
        ("peak RSS during re-import", f"{r['reimport']['rss_mb']:.0f} MB"),
        ("peak RSS during export (each format)", f"{export_rss:.0f} MB"),
        ("database size after the run", f"{r['size_mb']:.0f} MB"),
        ("total of the steps above", _s(sum(v["seconds"] for v in steps))),
    ]
    return rows


def table(records: int, generation: Result, results: dict[str, Result]) -> str:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    columns = [_rows(records, result) for result in results.values()]
    lines = [
        f"Synthetic dataset: {records:,} records, generated in {generation['seconds']:.1f} s, "
        f"written as JSON in {generation['write_s']:.1f} s ({generation['bytes'] / 1e6:.1f} MB).",
        "",
        "| step | " + " | ".join(names[b] for b in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for index, (label, _) in enumerate(columns[0]):
        lines.append(f"| {label} | " + " | ".join(c[index][1] for c in columns) + " |")
    info = machine()
    for result in results.values():
        for name, version in result["versions"].items():
            info["SQLite (engine used)" if name == "sqlite" else "PostgreSQL"] = str(version)
    lines += ["", "| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--postgres", default=os.environ.get("LIAISON_TEST_POSTGRES_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true", help="benchmark PostgreSQL only")
    parser.add_argument("--profile", type=Path, help="cProfile the slow steps into this folder")
    parser.add_argument("--worker", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        label, url, path, words, records = args.worker
        result = run_backend(url, Path(path), json.loads(words), int(records), args.profile, label)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="liaison-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        data = synthetic_dataset(args.records, seed=args.seed)
        generation: Result = {"seconds": time.perf_counter() - start}
        path = folder / "synthetic.json"
        start = time.perf_counter()
        write_dataset(data, path)
        generation |= {"write_s": time.perf_counter() - start, "bytes": path.stat().st_size}
        words = json.dumps(search_words(data))
        del data
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
        profile = ["--profile", str(args.profile)] if args.profile else []
        results: dict[str, Result] = {}
        if not args.no_sqlite:
            url = f"sqlite:///{folder / 'bench.db'}"
            print(f"SQLite: {url}", file=sys.stderr)
            worker = ["sqlite", url, str(path), words, str(args.records), *profile]
            results["sqlite"] = _in_child(worker)
        if args.postgres:
            with postgres_database(args.postgres) as url:
                print(f"PostgreSQL: {make_url(url).render_as_string()}", file=sys.stderr)
                worker = ["postgresql", url, str(path), words, str(args.records), *profile]
                results["postgresql"] = _in_child(worker)
    print(table(args.records, generation, results))


if __name__ == "__main__":
    main()
