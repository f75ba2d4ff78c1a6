"""Benchmark of the Council report: every format, from a synthetic registry of ten years.

    python -m benchmarks.report [--records 50000] [--from 2017-01] [--to 2018-04] [--db FILE]

Builds (or reuses, with ``--db``) a SQLite registry holding the synthetic dataset, then times
gathering and composing the report for the period (figures included) and rendering each of
Markdown, HTML, DOCX and PDF. The figure that counts is the sum of the four formats, each
starting from the registry: compose once, render four times.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.registry_io import machine
from benchmarks.synthetic import synthetic_dataset, write_dataset
from liaison.dates import DateRange
from liaison.registry.importer import import_paths
from liaison.registry.setup import open_registry
from liaison.report import FORMATS, renderer
from liaison.report.compose import ReportOptions, build_report
from liaison.storage.database import Database


def prepare(path: Path, records: int) -> Database:
    """The registry at ``path``, with the synthetic dataset imported unless already there."""
    fresh = not path.exists()
    database = open_registry(f"sqlite:///{path}")
    if fresh:
        data_file = path.with_suffix(".json")
        write_dataset(synthetic_dataset(records), data_file)
        started = time.perf_counter()
        with database.session(actor="benchmark") as session:
            import_paths(session, [data_file])
        print(f"Imported {records:,} synthetic records in {time.perf_counter() - started:.1f} s")
    return database


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--from", dest="start", default="2017-01")
    parser.add_argument("--to", dest="end", default="2018-04")
    parser.add_argument("--db", type=Path, help="reuse (or create) this SQLite file")
    parser.add_argument("--repeat", type=int, default=3, help="take the best of N runs")
    args = parser.parse_args(argv)
    path = args.db or Path(tempfile.mkdtemp(prefix="liaison-report-bench-")) / "bench.db"
    database = prepare(path, args.records)
    period = DateRange.parse(f"{args.start}/{args.end}")
    options = ReportOptions("itu", period, mark_new=True, date=date(2018, 5, 1))
    best: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        started = time.perf_counter()
        with database.session() as session:
            report = build_report(session, options)
        best["compose"] = min(best.get("compose", 1e9), time.perf_counter() - started)
        for fmt in FORMATS:
            started = time.perf_counter()
            content = renderer(fmt)(report)
            best[fmt] = min(best.get(fmt, 1e9), time.perf_counter() - started)
            sizes[fmt] = len(content.encode() if isinstance(content, str) else content)
    paragraphs = sum(len(s.blocks) for s in report.sections)
    total = best["compose"] + sum(best[f] for f in FORMATS)
    print(
        f"\nReport for {report.period}: {len(report.sections)} sections, {paragraphs} blocks, "
        f"{len(report.figures())} figures, {len(report.sources)} sources\n"
    )
    print("| step | seconds | output |\n|---|---:|---:|")
    print(f"| gather and compose (with figures) | {best['compose']:.2f} | |")
    for fmt in FORMATS:
        print(f"| render {fmt} | {best[fmt]:.2f} | {sizes[fmt] / 1024:.0f} KB |")
    print(f"| **all four formats** | **{total:.2f}** | |\n")
    print("| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")
    database.dispose()


if __name__ == "__main__":
    main()
