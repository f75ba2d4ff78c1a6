"""Benchmark of the ``liaison`` command's start: wall-clock time of short commands, cold.

    python -m benchmarks.cli_timing [--repeat 10]

Each run is a new process, as a person typing the command gets: the interpreter starts, imports
what the command needs and runs it. Times ``liaison --help`` and ``liaison summary`` on a demo
registry (made first in a temporary folder with ``liaison --database URL demo``, so that
``summary`` finds the database migrated and the reference data loaded, and only reads), and for
comparison an interpreter that does nothing. Prints the median and the slowest of N runs in
seconds as a Markdown table, with the machine. The goal is under 0.4 s for both commands.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.registry_io import machine

GOAL_SECONDS = 0.4


def liaison_command() -> list[str]:
    """The installed ``liaison`` script beside this interpreter, else ``python -m liaison``."""
    script = Path(sys.executable).with_name("liaison")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "liaison"]


def _run(argv: list[str]) -> float:
    """Seconds of wall-clock time for one run of ``argv``, which must succeed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def timings(argv: list[str], repeat: int) -> list[float]:
    _run(argv)  # once unmeasured: the bytecode cache is written, the files are in the OS cache
    return [_run(argv) for _ in range(repeat)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each command (cold)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    liaison = liaison_command()
    with tempfile.TemporaryDirectory(prefix="liaison-cli-timing-") as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        started = time.perf_counter()
        _run([*liaison, "--database", url, "demo"])
        print(f"Made the demo registry in {time.perf_counter() - started:.1f} s ({url})\n")
        cases = {
            "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
            "liaison --help": [*liaison, "--help"],
            "liaison summary (demo registry)": [*liaison, "--database", url, "summary"],
        }
        results = {label: timings(command, args.repeat) for label, command in cases.items()}
    print(f"| command | median s | max s | runs | under {GOAL_SECONDS} s |")
    print("|---|---:|---:|---:|---|")
    for label, seconds in results.items():
        median, slowest = statistics.median(seconds), max(seconds)
        goal = "" if label.startswith("python") else ("yes" if median < GOAL_SECONDS else "no")
        print(f"| {label} | {median:.3f} | {slowest:.3f} | {len(seconds)} | {goal} |")
    print("\n| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
