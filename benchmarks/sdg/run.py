"""Run the public SDG Classification Benchmark on Liaison and on a baseline, side by side.

The benchmark (PyPI ``sdgclassification-benchmark`` 1.0.0) is 1,251 expert-labelled texts, each
checked against one SDG: ``label`` says whether the text addresses that SDG. A system "says" a
row's SDG applies when that goal is among its suggestions (with a score at or above a threshold
chosen on the development split only, or simply listed). The benchmark's metric is the accuracy
per SDG, averaged over the 17 SDGs; precision, recall and F1 are reported too, on the held-out
rows and on all rows, with throughput and peak memory.

Liaison runs as its public contract, one ``liaison classify -`` process fed every text as a JSON
line; the baseline (``seesus``) runs in this process. Both are installed in the benchmark's own
environment (``benchmarks/sdg/setup.sh``), never as project dependencies. From the repository
root::

    benchmarks/sdg/setup.sh
    benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.run                 # held-out and all rows
    benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.run --split dev     # tune on dev only
    benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.run --limit 40 --systems liaison

The pure parts (the split, the metrics, the threshold choice) import nothing outside the
standard library, so the project's tests check them in the project's own environment.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import json
import math
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

SDGS = tuple(range(1, 18))
DEV_PREFIXES = ("0", "1", "2", "3")

Split = Literal["dev", "heldout"]
#: For each row id, the goals a system listed for that text and their scores (0..1).
Scores = Mapping[str, Mapping[int, float]]


def split_of(row_id: str) -> Split:
    """The declared development split of the SDG Classification Benchmark (issue 4).

    A row whose ``id`` (the benchmark's 7-character hexadecimal MD5 prefix) starts with ``0``,
    ``1``, ``2`` or ``3`` belongs to the development split ("dev": 313 of the 1,251 rows);
    every other row is held out ("heldout": 938 rows). Everything that is tuned — thresholds,
    keywords, training data, prompts — may look at dev rows only; held-out rows are only scored.
    """
    return "dev" if row_id.startswith(DEV_PREFIXES) else "heldout"


@dataclass(frozen=True)
class Row:
    """One benchmark row: is ``text`` about SDG ``sdg``? (``label``, by the experts)."""

    id: str
    text: str
    sdg: int
    label: bool


@dataclass(frozen=True)
class Metrics:
    """The benchmark's figures for a set of decisions, in its own conventions: accuracy,
    precision and recall in percent, F1 as a fraction (0..1), a ratio with a zero denominator
    counting as 0. For an average over SDGs the counts are averages too."""

    n: float
    tp: float
    fp: float
    tn: float
    fn: float
    accuracy: float
    precision: float
    recall: float
    f1: float


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def metrics(expected: Sequence[bool], predicted: Sequence[bool]) -> Metrics:
    """Accuracy, precision, recall and F1 of ``predicted`` against ``expected``."""
    if len(expected) != len(predicted):
        raise ValueError(f"{len(expected)} expected labels but {len(predicted)} predictions")
    pairs = list(zip(expected, predicted, strict=True))
    tp = sum(e and p for e, p in pairs)
    fp = sum(p and not e for e, p in pairs)
    tn = sum(not e and not p for e, p in pairs)
    fn = sum(e and not p for e, p in pairs)
    n = len(pairs)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    return Metrics(
        n=n,
        tp=tp,
        fp=fp,
        tn=tn,
        fn=fn,
        accuracy=100 * _ratio(tp + tn, n),
        precision=100 * precision,
        recall=100 * recall,
        f1=_ratio(2 * precision * recall, precision + recall),
    )


def average(per_sdg: Iterable[Metrics]) -> Metrics:
    """The unweighted (macro) mean over the SDGs that have rows, as the benchmark averages."""
    present = [m for m in per_sdg if m.n > 0]
    if not present:
        return Metrics(0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0)
    names = [f.name for f in Metrics.__dataclass_fields__.values()]
    return Metrics(**{k: sum(getattr(m, k) for m in present) / len(present) for k in names})


@dataclass(frozen=True)
class Table:
    """Per-SDG metrics (SDGs 1–17, including those with no rows, n = 0) and their average."""

    per_sdg: dict[int, Metrics]
    average: Metrics


def evaluate(rows: Sequence[Row], accepted: Mapping[str, bool]) -> Table:
    """Score decisions (row id → "the row's SDG applies") on ``rows``, per SDG and averaged."""
    per_sdg = {
        sdg: metrics(
            [row.label for row in rows if row.sdg == sdg],
            [accepted[row.id] for row in rows if row.sdg == sdg],
        )
        for sdg in SDGS
    }
    return Table(per_sdg, average(per_sdg.values()))


def decide(rows: Iterable[Row], scores: Scores, threshold: float | None) -> dict[str, bool]:
    """Whether each row's SDG is among the goals listed for its text with a score of at least
    ``threshold``; with ``threshold=None``, whether it is listed at all."""
    decisions = {}
    for row in rows:
        score = scores.get(row.id, {}).get(row.sdg)
        decisions[row.id] = score is not None and (threshold is None or score >= threshold)
    return decisions


def threshold_candidates(values: Iterable[float]) -> list[float]:
    """Every distinct decision a threshold can make on these scores: 0 (accept every listed
    goal), the midpoints between consecutive distinct scores, and just above the highest one
    (accept nothing)."""
    distinct = sorted(set(values))
    if not distinct:
        return [0.0]
    middles = [(a + b) / 2 for a, b in itertools.pairwise(distinct)]
    return [0.0, *middles, math.nextafter(distinct[-1], math.inf)]


def choose_threshold(rows: Sequence[Row], scores: Scores) -> tuple[float, float]:
    """The score threshold that maximises the macro-averaged accuracy over the SDGs on the
    development rows only (held-out rows in ``rows`` are ignored, whatever their scores), and
    that accuracy. Ties go to the lowest threshold."""
    dev = [row for row in rows if split_of(row.id) == "dev"]
    if not dev:
        raise ValueError("no development rows to choose a threshold on")
    own = [scores.get(row.id, {}).get(row.sdg) for row in dev]
    best: tuple[float, float] | None = None
    for threshold in threshold_candidates(s for s in own if s is not None):
        accuracy = evaluate(dev, decide(dev, scores, threshold)).average.accuracy
        if best is None or accuracy > best[1]:
            best = (threshold, accuracy)
    assert best is not None
    return best


# --- Running the systems -------------------------------------------------------------------


@dataclass
class Run:
    """One system's suggestions for the rows it was given, and what producing them cost."""

    name: str
    version: str
    scores: dict[str, dict[int, float]]
    seconds: float
    peak_rss_mb: float
    memory_note: str
    first_result_seconds: float | None = None
    warnings: list[str] = field(default_factory=list)
    first_batch: int = 0  # how many results the first output batch holds (0: not batched)

    @property
    def texts_per_second(self) -> float:
        return _ratio(len(self.scores), self.seconds)

    @property
    def steady_texts_per_second(self) -> float | None:
        """Texts per second once the first batch is out: start-up (imports, loading a model)
        and the first batch left out, as a long corpus would see it."""
        if not self.first_batch or self.first_result_seconds is None:
            return None
        rest = len(self.scores) - self.first_batch
        return _ratio(rest, self.seconds - self.first_result_seconds) if rest > 0 else None


def parse_line(line: str) -> tuple[str, dict[int, float], list[str]]:
    """One line of ``liaison classify -`` output: its id, its goals and scores, and anything
    that breaks the documented contract but still lets it be scored (goals not ranked)."""
    obj = json.loads(line)
    if isinstance(obj, dict) and "id" in obj and isinstance(obj.get("error"), str):
        # A line Liaison could not classify (its own output line, the others go on): no goal.
        return str(obj["id"]), {}, [f"no classification for id {obj['id']}: {obj['error']}"]
    if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("sdgs"), list):
        raise ValueError(f"not a classification line (needs 'id' and a list 'sdgs'): {line!r}")
    if not isinstance(obj.get("wsis", []), list):
        raise ValueError(f"'wsis' is not a list: {line!r}")
    goals: dict[int, float] = {}
    ranked: list[float] = []
    for suggestion in obj["sdgs"]:
        goal, score = int(suggestion["goal"]), float(suggestion["score"])
        if goal not in SDGS or not 0.0 <= score <= 1.0:
            raise ValueError(f"goal {goal} or score {score} out of range: {line!r}")
        goals[goal] = max(score, goals.get(goal, 0.0))
        ranked.append(score)
    problems = []
    if ranked != sorted(ranked, reverse=True):
        problems.append(f"goals not ranked by score for id {obj['id']}")
    return str(obj["id"]), goals, problems


def default_liaison_command(mode: str) -> list[str]:
    """``liaison classify - --mode MODE``, preferring the ``liaison`` beside this Python (the
    venv's)."""
    beside = Path(sys.executable).parent / "liaison"
    found = str(beside) if beside.exists() else shutil.which("liaison")
    if not found:
        raise SystemExit("no 'liaison' command: run benchmarks/sdg/setup.sh first")
    return [found, "classify", "-", "--mode", mode]


def run_liaison(
    command: Sequence[str], rows: Sequence[Row], name: str = "Liaison", first_batch: int = 0
) -> Run:
    """Pipe every row's text as a JSON line into one ``liaison classify -`` process, read its
    output line by line, and measure its wall time and the child's peak memory (the largest
    resident set of any process it ran and waited for)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        list(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdin is not None and child.stdout is not None
    stdin = child.stdin

    def feed() -> None:
        try:
            for row in rows:
                stdin.write(json.dumps({"id": row.id, "text": row.text}) + "\n")
            stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    scores: dict[str, dict[int, float]] = {}
    warnings: list[str] = []
    first: float | None = None
    for line in child.stdout:
        if not line.strip():
            continue
        if first is None:
            first = time.perf_counter() - start
        row_id, goals, problems = parse_line(line)
        if row_id in scores:
            raise ValueError(f"liaison classify - answered twice for id {row_id}")
        scores[row_id] = goals
        warnings.extend(problems)
    # wait4 gives this child's own peak memory (with the descendants it waited for), where
    # RUSAGE_CHILDREN would give the largest of every child the harness ever ran.
    _, raw_status, usage = os.wait4(child.pid, 0)
    status = child.returncode = os.waitstatus_to_exitcode(raw_status)
    seconds = time.perf_counter() - start
    writer.join()
    if status != 0:
        raise SystemExit(f"{shlex.join(command)} exited with status {status}")
    missing = {row.id for row in rows} - scores.keys()
    if missing:
        raise SystemExit(
            f"liaison classify - gave no line for {len(missing)} ids, e.g. {min(missing)}"
        )
    peak = usage.ru_maxrss
    note = "peak RSS of the liaison process, the largest single process if it starts others"
    return Run(
        name=name,
        version=_version("liaison"),
        scores=scores,
        seconds=seconds,
        peak_rss_mb=peak / 1024,
        memory_note=f"{note}; command: {shlex.join(command)}",
        first_result_seconds=first,
        first_batch=first_batch,
        warnings=warnings,
    )


def seesus_goals(text: str) -> dict[int, float]:
    """The goals seesus finds in a text (its natural decision: a goal is found or not)."""
    from seesus import SeeSus

    return {int(sdg.removeprefix("SDG")): 1.0 for sdg in SeeSus(text).sdg}


def run_seesus(rows: Sequence[Row], progress: Callable[[str], None]) -> Run:
    """Classify every row with seesus in this process, timing it; memory is this process's
    peak RSS (the harness with the benchmark's data frame included)."""
    seesus_goals("warm up: import and first compile")
    start = time.perf_counter()
    scores = {}
    for done, row in enumerate(rows, 1):
        scores[row.id] = seesus_goals(row.text)
        if done % 100 == 0 or done == len(rows):
            elapsed = time.perf_counter() - start
            progress(f"seesus: {done}/{len(rows)} texts in {elapsed:.0f} s")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Run(
        name="seesus",
        version=_version("seesus"),
        scores=scores,
        seconds=seconds,
        peak_rss_mb=peak / 1024,
        memory_note="peak RSS of the harness process running it, benchmark texts included",
    )


def benchmark_csv() -> Path:
    """The benchmark's CSV, where the package's own loader finds it (the file it ships, or
    ``SDGCLASSIFICATION_BENCHMARK_CSV``), located without importing the package: that would
    import pandas, and a child forked from a larger harness would report the harness's memory
    as its own peak."""
    if override := os.environ.get("SDGCLASSIFICATION_BENCHMARK_CSV"):
        return Path(override)
    spec = importlib.util.find_spec("sdgclassification.benchmark")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "sdgclassification-benchmark is not installed: run benchmarks/sdg/setup.sh"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "benchmark.csv"


def parse_rows(lines: Iterable[str]) -> list[Row]:
    """Rows from the benchmark's CSV text (columns id, text, sdg, label = True|False)."""
    rows = []
    for record in csv.DictReader(lines):
        if record["label"] not in ("True", "False"):
            raise ValueError(f"label {record['label']!r} of {record['id']} is not True or False")
        rows.append(
            Row(record["id"], record["text"], int(record["sdg"]), record["label"] == "True")
        )
    return rows


def load_rows() -> list[Row]:
    """Every row of the benchmark, in its own order."""
    with benchmark_csv().open(encoding="utf-8", newline="") as file:
        return parse_rows(file)


def check_rows(rows: Sequence[Row]) -> None:
    """Fail unless ``rows`` are exactly what the package's own loader (pandas) reads."""
    from sdgclassification.benchmark import load_benchmark_df

    theirs = [
        Row(id=str(r.id), text=str(r.text), sdg=int(r.sdg), label=bool(r.label))
        for r in load_benchmark_df().itertuples(index=False)
    ]
    if list(rows) != theirs:
        raise AssertionError("the benchmark rows differ from load_benchmark_df()'s")


def check_with_benchmark(rows: Sequence[Row], accepted: Mapping[str, bool], table: Table) -> None:
    """Recompute the table with the benchmark package's own ResultSet and Metrics and fail
    loudly if any figure differs."""
    from sdgclassification.benchmark import Result, ResultSet

    if not rows:
        return
    results = ResultSet()
    for row in rows:
        predictions = [row.sdg] if accepted[row.id] else []
        results.add(Result(row.id, row.text, row.sdg, row.label, predictions))
    stats = results.stats
    pairs = [(table.average, stats.average)]
    pairs += [(table.per_sdg[sdg], stats.sdg(sdg)) for sdg in SDGS if table.per_sdg[sdg].n]
    for ours, theirs in pairs:
        for name in ("n", "tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "f1"):
            if not math.isclose(getattr(ours, name), getattr(theirs, name), abs_tol=1e-9):
                raise AssertionError(f"{name}: ours {ours}, the benchmark's {theirs}")


# --- Reporting ------------------------------------------------------------------------------


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """The machine the figures were measured on (read from /proc: no child process, so the
    children's peak memory stays Liaison's)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "RAM": ram,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
    }


def _figures(m: Metrics) -> list[str]:
    return [f"{m.accuracy:.1f}", f"{m.precision:.1f}", f"{m.recall:.1f}", f"{m.f1:.2f}"]


def markdown_table(title: str, rows: Sequence[Row], tables: Mapping[str, Table]) -> str:
    """Per-SDG and average figures of every system, side by side, as a Markdown table."""
    names = list(tables)
    header = ["SDG", "n", "with SDG"]
    for name in names:
        header += [f"{name} acc.", f"{name} P", f"{name} R", f"{name} F1"]
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join([":--"] + ["--:"] * (len(header) - 1)) + "|")
    positives = sum(row.label for row in rows)
    cells = ["**Average**", str(len(rows)), str(positives)]
    for name in names:
        cells += [f"**{v}**" for v in _figures(tables[name].average)]
    lines.append("| " + " | ".join(cells) + " |")
    for sdg in SDGS:
        ours = [row for row in rows if row.sdg == sdg]
        if not ours:
            continue
        cells = [str(sdg), str(len(ours)), str(sum(row.label for row in ours))]
        for name in names:
            cells += _figures(tables[name].per_sdg[sdg])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dataclass
class System:
    run: Run
    decision: str
    threshold: float | None


def summary_table(systems: Sequence[System], results: Mapping[str, Mapping[str, Table]]) -> str:
    splits = list(results)
    header = ["system", "version", "decision"]
    header += [f"{label} accuracy" for label in splits] + [f"{label} F1" for label in splits]
    header += ["texts/s", "texts/s after start-up", "wall time", "peak memory"]
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join([":--"] * 3 + ["--:"] * (len(header) - 3)) + "|")
    for system in systems:
        run = system.run
        cells = [run.name, run.version, system.decision]
        cells += [f"{results[s][run.name].average.accuracy:.1f}" for s in splits]
        cells += [f"{results[s][run.name].average.f1:.2f}" for s in splits]
        steady = run.steady_texts_per_second
        cells += [
            f"{run.texts_per_second:.1f}",
            "-" if steady is None else f"{steady:.1f}",
            f"{run.seconds:.1f} s",
            f"{run.peak_rss_mb:.0f} MB",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


SPLIT_TITLES = {"dev": "Development rows", "heldout": "Held-out rows", "all": "All rows"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.sdg.run",
        description="Liaison and seesus on the SDG Classification Benchmark, side by side.",
    )
    parser.add_argument(
        "--split",
        choices=["dev", "heldout", "all"],
        default="all",
        help="what to report: dev (tuning: only dev rows are classified), heldout, or all "
        "(held-out and all rows; the default)",
    )
    parser.add_argument(
        "--threshold-from",
        choices=["dev"],
        default="dev",
        help="where Liaison's score threshold is chosen (the dev rows, always)",
    )
    parser.add_argument(
        "--decision",
        choices=["listed", "threshold"],
        default="listed",
        help="Liaison says a row's SDG applies when it lists the goal, at its own calibrated "
        "threshold, itself chosen on the dev rows (default); or when it lists it with a score "
        "over a threshold chosen here on the dev rows",
    )
    parser.add_argument(
        "--modes", default="accurate,fast", help="Liaison's classifier modes, comma-separated"
    )
    parser.add_argument("--threshold", type=float, help="use this threshold instead of choosing")
    parser.add_argument("--limit", type=int, help="only the first N rows (a quick check)")
    parser.add_argument("--systems", default="liaison,seesus", help="comma-separated")
    parser.add_argument(
        "--liaison-command",
        help="the command to run instead of 'liaison classify -' (e.g. with --workers 2)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    if unknown := set(wanted) - {"liaison", "seesus"}:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    all_rows = load_rows()
    needs_dev = "liaison" in wanted and args.decision == "threshold" and args.threshold is None
    reported = (
        ["dev"] if args.split == "dev" else ["heldout"] + (["all"] if args.split == "all" else [])
    )
    # Only what is reported is classified, plus the dev rows a threshold is chosen on.
    keep = {"dev"} if args.split == "dev" else {"heldout"}
    if args.split == "all" or needs_dev:
        keep.add("dev")
    rows = [row for row in all_rows if split_of(row.id) in keep]
    if args.limit is not None:
        rows = rows[: args.limit]
    by_split: dict[str, list[Row]] = {
        "dev": [r for r in rows if split_of(r.id) == "dev"],
        "heldout": [r for r in rows if split_of(r.id) == "heldout"],
        "all": rows,
    }
    progress(
        f"{len(all_rows)} benchmark rows; classifying {len(rows)} "
        f"({len(by_split['dev'])} dev, {len(by_split['heldout'])} held-out)"
    )

    systems: list[System] = []
    modes = [m.strip() for m in args.modes.split(",") if m.strip()] if "liaison" in wanted else []
    if args.liaison_command:
        modes = modes[:1]  # the given command decides the mode: run it once
    for mode in modes:
        from liaison.classify.batch import FIRST_BATCH

        command = (
            shlex.split(args.liaison_command)
            if args.liaison_command
            else default_liaison_command(mode)
        )
        progress(f"running {shlex.join(command)} on {len(rows)} texts")
        name = f"Liaison {mode}" if len(modes) > 1 and not args.liaison_command else "Liaison"
        run = run_liaison(command, rows, name, first_batch=min(FIRST_BATCH, len(rows)))
        for warning in run.warnings[:5]:
            progress(f"warning: {warning}")
        if args.decision == "listed":
            systems.append(System(run, "listed", None))
        elif args.threshold is not None:
            systems.append(System(run, f"score ≥ {args.threshold:g} (given)", args.threshold))
        else:
            threshold, dev_accuracy = choose_threshold(rows, run.scores)
            print(
                f"{name}'s threshold, chosen on the {len(by_split['dev'])} dev rows only: "
                f"{threshold:.4f} (dev macro accuracy {dev_accuracy:.1f})"
            )
            systems.append(System(run, f"score ≥ {threshold:.4f} (dev)", threshold))
    if "seesus" in wanted:
        progress(f"running seesus on {len(rows)} texts in this process")
        systems.append(System(run_seesus(rows, progress), "listed", None))

    check_rows(all_rows)  # imports pandas: only now that the systems have run
    results: dict[str, dict[str, Table]] = {}
    for split in reported:
        results[SPLIT_TITLES[split]] = {}
        for system in systems:
            accepted = decide(by_split[split], system.run.scores, system.threshold)
            table = evaluate(by_split[split], accepted)
            check_with_benchmark(by_split[split], accepted, table)
            results[SPLIT_TITLES[split]][system.run.name] = table

    print()
    print(
        "## SDG Classification Benchmark (sdgclassification-benchmark "
        f"{_version('sdgclassification-benchmark')})"
    )
    print()
    print(
        "Accuracy (the benchmark's metric), precision and recall in %, F1 as a fraction; "
        "the average is the unweighted mean over the SDGs (checked against the benchmark "
        "package's own ResultSet/Metrics)."
    )
    print()
    print(summary_table(systems, results))
    print()
    for split in reported:
        title = SPLIT_TITLES[split]
        print(markdown_table(title, by_split[split], results[title]))
        print()
    print("### Cost")
    print()
    for system in systems:
        run = system.run
        first = (
            f", first result after {run.first_result_seconds:.1f} s"
            if run.first_result_seconds is not None
            else ""
        )
        steady = run.steady_texts_per_second
        after = "" if steady is None else f", {steady:.1f} texts/s after the first batch"
        print(
            f"- {run.name} {run.version}: {len(run.scores)} texts in {run.seconds:.1f} s "
            f"({run.texts_per_second:.1f} texts/s{first}{after}); "
            f"peak memory {run.peak_rss_mb:.0f} MB ({run.memory_note})"
        )
    print()
    print("### Machine")
    print()
    facts = machine()
    for key, value in facts.items():
        print(f"- {key}: {value}")
    if args.json:
        payload: dict[str, Any] = {
            "benchmark": _version("sdgclassification-benchmark"),
            "machine": facts,
            "rows": {k: len(v) for k, v in by_split.items()},
            "systems": [
                {
                    "name": s.run.name,
                    "version": s.run.version,
                    "decision": s.decision,
                    "threshold": s.threshold,
                    "texts": len(s.run.scores),
                    "seconds": s.run.seconds,
                    "texts_per_second": s.run.texts_per_second,
                    "steady_texts_per_second": s.run.steady_texts_per_second,
                    "peak_rss_mb": s.run.peak_rss_mb,
                    "results": {
                        split: {
                            "average": asdict(tables[s.run.name].average),
                            "per_sdg": {
                                str(k): asdict(v) for k, v in tables[s.run.name].per_sdg.items()
                            },
                        }
                        for split, tables in results.items()
                    },
                }
                for s in systems
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
