"""Benchmark of ``liaison classify -``: time to the first answer from a cold start, and texts/s.

    .venv/bin/python -m benchmarks.classifier_startup [--mode accurate] [--texts 1251] [--runs 3]

Each run is a new ``liaison classify - --mode MODE`` process fed N texts as JSON lines (all of
them written at once, by a thread, as a user piping a file does). It measures, from the moment
the process is spawned: when the first output line arrives (the first answer), when the last
one does, the texts per second over the whole run and after the first answer (what a long
corpus sees), the process's CPU time (user + system: what it costs on a machine shared with
other work) and its peak memory. The texts are those of the SDG Classification Benchmark when
its environment exists (``benchmarks/sdg/setup.sh``; only the texts are read, never a label),
else generated sentences; with N above their number they repeat. Prints one Markdown table row
per run and the median, with the machine and the load average while it measured. The goals:
the first answer within 3 s, at least 150 texts/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_ANSWER_GOAL = 3.0
TEXTS_PER_SECOND_GOAL = 150.0
WORDS = (
    "access affordable broadband children clean climate digital education electricity energy "
    "farmers forests gender girls health hunger infrastructure innovation internet justice "
    "oceans partnership peace poverty rural sanitation schools small-island solar sustainable "
    "training water women workers"
)


@dataclass(frozen=True)
class Run:
    first: float  # seconds from spawn to the first output line
    wall: float  # seconds from spawn to exit
    texts: int
    cpu: float  # user + system seconds of the process
    peak_mb: float

    @property
    def per_second(self) -> float:
        return self.texts / self.wall

    @property
    def after_first(self) -> float:
        return (self.texts - 1) / (self.wall - self.first) if self.wall > self.first else 0.0


def benchmark_csv() -> Path | None:
    """The SDG benchmark's CSV: ``SDGCLASSIFICATION_BENCHMARK_CSV``, else the file its
    package ships in the benchmark's environment (``benchmarks/sdg/setup.sh``)."""
    if chosen := os.environ.get("SDGCLASSIFICATION_BENCHMARK_CSV"):
        return Path(chosen)
    package = "site-packages/sdgclassification/benchmark/resources/benchmark.csv"
    found = sorted((ROOT / "benchmarks/sdg/.venv/lib").glob(f"python3*/{package}"))
    return found[0] if found else None


def benchmark_texts() -> tuple[list[str], str]:
    """The SDG benchmark's texts (only the texts), else generated sentences."""
    path = benchmark_csv()
    if path is not None and path.is_file():
        with path.open(encoding="utf-8", newline="") as file:
            return [row["text"] for row in csv.DictReader(file)], "the SDG benchmark's texts"
    chooser = random.Random(13)
    words = WORDS.split()
    texts = [
        " ".join(
            " ".join(chooser.choice(words) for _ in range(12)).capitalize() + "." for _ in range(4)
        )
        for _ in range(1251)
    ]
    return texts, "generated texts (4 sentences of 12 words)"


def liaison_command(mode: str) -> list[str]:
    script = Path(sys.executable).with_name("liaison")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "liaison"]
    return [*base, "classify", "-", "--mode", mode]


def run_once(command: list[str], texts: list[str]) -> Run:
    """Spawn ``command``, feed it the texts, and time its answers."""
    env = {k: v for k, v in os.environ.items() if k != "LIAISON_CLASSIFIER"}
    started = time.perf_counter()
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    assert child.stdin is not None and child.stdout is not None
    stdin = child.stdin

    def feed() -> None:
        for number, text in enumerate(texts):
            stdin.write(json.dumps({"id": str(number), "text": text}).encode() + b"\n")
        stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    first = None
    answered = 0
    for line in child.stdout:
        if first is None:
            first = time.perf_counter() - started
        answered += bool(line.strip())
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    writer.join()
    if os.waitstatus_to_exitcode(status) != 0 or answered != len(texts) or first is None:
        raise SystemExit(f"{' '.join(command)} failed: {answered} of {len(texts)} lines")
    return Run(first, wall, len(texts), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0))
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def _row(label: str, run: Run) -> str:
    return (
        f"| {label} | {run.texts} | {run.first:.2f} s | {run.wall:.2f} s | "
        f"{run.per_second:.0f} | {run.after_first:.0f} | {run.cpu:.1f} s | {run.peak_mb:.0f} MB |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", default="accurate", choices=["accurate", "fast"])
    parser.add_argument("--texts", type=int, default=0, help="how many (default: all of them)")
    parser.add_argument("--runs", type=int, default=3, help="cold starts, one after the other")
    parser.add_argument("--command", help="the command to time (default: liaison classify -)")
    args = parser.parse_args(argv)
    texts, source = benchmark_texts()
    count = args.texts or len(texts)
    texts = [texts[i % len(texts)] for i in range(count)]
    command = args.command.split() if args.command else liaison_command(args.mode)
    print(f"Machine: {machine()}; {len(texts)} {source}; command: {' '.join(command)}")
    print()
    print(
        "| run | texts | first answer | wall | texts/s | texts/s after the first | CPU "
        "| peak memory |"
    )
    print("|:--|--:|--:|--:|--:|--:|--:|--:|")
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(run_once(command, texts))
        print(_row(f"{args.mode} {number}", runs[-1]), flush=True)
    median = Run(
        statistics.median(r.first for r in runs),
        statistics.median(r.wall for r in runs),
        count,
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )
    print(_row(f"{args.mode}, median", median))
    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    best = max(r.after_first for r in runs)
    print(
        f"Load average after the runs: {load}. Goals: first answer within "
        f"{FIRST_ANSWER_GOAL:g} s (median {median.first:.2f} s); at least "
        f"{TEXTS_PER_SECOND_GOAL:g} texts/s after the first answer (median "
        f"{statistics.median(r.after_first for r in runs):.0f}, best {best:.0f})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
