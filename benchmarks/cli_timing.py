"""Benchmark of the ``liaison`` command's start and of ``liaison list``: wall-clock time, cold.

    python -m benchmarks.cli_timing [--repeat 10] [--records 50000 | --registry URL]

Each run is a new process, as a person typing the command gets: the interpreter starts, imports
what the command needs and runs it. Times ``liaison --help`` and ``liaison summary`` on a demo
registry (made first in a temporary folder with ``liaison --database URL demo``, so that
``summary`` finds the database migrated and the reference data loaded, and only reads), and
``liaison list events --format json`` on a synthetic registry: ``benchmarks/synthetic.py``'s
``--records`` records (50,000 hold 15,000 events) imported first into the temporary folder, or
the registry ``--registry`` names (``--records 0`` skips it). For comparison, an interpreter that
does nothing. Prints the median and the slowest of N runs in seconds as a Markdown table, with
the median CPU time of the process (user + system: what the command costs on a machine shared
with other work), and the machine. The goals: under 0.4 s for ``--help`` and ``summary``, under
1 s for the list.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.registry_io import machine

START_GOAL_SECONDS = 0.4
LIST_GOAL_SECONDS = 1.0


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float


def liaison_command() -> list[str]:
    """The installed ``liaison`` script beside this interpreter, else ``python -m liaison``."""
    script = Path(sys.executable).with_name("liaison")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "liaison"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str]) -> Run:
    """Wall-clock and CPU seconds of one run of ``argv``, which must succeed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return Run(elapsed, _children_cpu() - cpu_before)


def timings(argv: list[str], repeat: int) -> list[Run]:
    _run(argv)  # once unmeasured: the bytecode cache is written, the files are in the OS cache
    return [_run(argv) for _ in range(repeat)]


def synthetic_registry(liaison: list[str], folder: Path, records: int) -> str:
    """A SQLite registry in ``folder`` holding the synthetic dataset of ``records`` records."""
    from benchmarks.synthetic import synthetic_dataset, write_dataset

    data = synthetic_dataset(records)
    path = folder / "synthetic.json"
    write_dataset(data, path)
    url = f"sqlite:///{folder / 'synthetic.db'}"
    started = time.perf_counter()
    _run([*liaison, "--database", url, "init"])
    _run([*liaison, "--database", url, "import", str(path)])
    events = len(data["events"])
    print(
        f"Imported {records:,} records ({events:,} events) in {time.perf_counter() - started:.0f} s"
    )
    return url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each command (cold)")
    parser.add_argument(
        "--records", type=int, default=50_000, help="synthetic records for the list (0: none)"
    )
    parser.add_argument("--registry", help="time the list on this registry instead (a URL)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    liaison = liaison_command()
    with tempfile.TemporaryDirectory(prefix="liaison-cli-timing-") as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'demo.db'}"
        started = time.perf_counter()
        _run([*liaison, "--database", url, "demo"])
        print(f"Made the demo registry in {time.perf_counter() - started:.1f} s ({url})")
        cases = {
            "python -c pass (the interpreter alone)": ([sys.executable, "-c", "pass"], None),
            "liaison --help": ([*liaison, "--help"], START_GOAL_SECONDS),
            "liaison summary (demo registry)": (
                [*liaison, "--database", url, "summary"],
                START_GOAL_SECONDS,
            ),
        }
        registry = args.registry
        if registry is None and args.records > 0:
            registry = synthetic_registry(liaison, folder, args.records)
        if registry is not None:
            cases["liaison list events --format json (synthetic registry)"] = (
                [*liaison, "--database", registry, "list", "events", "--format", "json"],
                LIST_GOAL_SECONDS,
            )
        results = {label: timings(command, args.repeat) for label, (command, _) in cases.items()}
    print("\n| command | median s | max s | median CPU s | runs | goal |")
    print("|---|---:|---:|---:|---:|---|")
    for label, runs in results.items():
        walls = [run.wall for run in runs]
        median, slowest = statistics.median(walls), max(walls)
        cpu = statistics.median(run.cpu for run in runs)
        goal = cases[label][1]
        verdict = "" if goal is None else f"{goal} s: {'met' if median < goal else 'not met'}"
        print(f"| {label} | {median:.3f} | {slowest:.3f} | {cpu:.3f} | {len(runs)} | {verdict} |")
    print(f"\nLoad average while measured (1, 5, 15 min): {os.getloadavg()}")
    print("\n| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
