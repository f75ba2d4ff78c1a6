"""Benchmark of the JIU follow-up commands on a large registry: wall-clock time, cold.

    python -m benchmarks.jiu_follow_up [--records 200000 | --registry URL] [--repeat 5]

Builds ``benchmarks/synthetic.py``'s registry of ``--records`` records in a temporary folder
(200,000 records hold 10,000 JIU recommendations with 1 to 4 dated statuses each, over the JIU's
participating organizations), or uses the registry ``--registry`` names. Then times, each run a
new process as a person typing the command gets: ``liaison jiu rates`` (overall and by
addressee), ``jiu trend`` over ten years, ``jiu due`` and ``jiu list`` as JSON, the export of the
whole tracking sheet to XLSX and its import into a registry that already holds it (every row
checked, nothing to change) and into one that holds only the reference data and the first one's
organizations (every report and recommendation created). Prints the median and the slowest of N
runs as a Markdown table, with the peak memory of the slowest commands and the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.cli_timing import Run, liaison_command, synthetic_registry, timings
from benchmarks.registry_io import machine


def _peak_kb(argv: list[str]) -> int:
    """The peak resident memory of one run of ``argv``, in KB (GNU time)."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


def _timed_once(argv: list[str]) -> Run:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    return Run(time.perf_counter() - started, 0.0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000, help="synthetic records")
    parser.add_argument("--registry", help="a SQLite registry URL to use instead")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (cold)")
    args = parser.parse_args(argv)
    liaison = liaison_command()
    with tempfile.TemporaryDirectory(prefix="liaison-jiu-bench-") as name:
        folder = Path(name)
        registry = args.registry or synthetic_registry(liaison, folder, args.records)
        db = [*liaison, "--database", registry]
        sheet = folder / "tracking.xlsx"
        commands = (
            "jiu rates --as-at 2018-04",
            "jiu rates --as-at 2018-04 --by addressee --format json",
            "jiu trend --from 2009 --to 2018",
            "jiu due --org itu --format json",
            "jiu list --format json",
            f"jiu export {sheet}",
        )
        cases = {c.replace(str(sheet), sheet.name): [*db, *c.split()] for c in commands}
        results = {label: timings(command, args.repeat) for label, command in cases.items()}
        peaks = {
            label: _peak_kb(cases[label])
            for label in ("jiu list --format json", "jiu export tracking.xlsx")
        }
        rows = subprocess.run(
            [*db, "jiu", "export", str(folder / "count.csv")], capture_output=True, text=True
        ).stdout.strip()
        # Import into a copy of the registry that holds it all (nothing changes) …
        again = folder / "again.db"
        shutil.copyfile(registry.removeprefix("sqlite:///"), again)
        label = "jiu import tracking.xlsx (all there already)"
        results[label] = [
            _timed_once([*liaison, "--database", f"sqlite:///{again}", "jiu", "import", str(sheet)])
        ]
        peaks[label] = _peak_kb(
            [*liaison, "--database", f"sqlite:///{again}", "jiu", "import", str(sheet)]
        )
        # … and into a registry with the organizations only (everything else is created).
        fresh = f"sqlite:///{folder / 'fresh.db'}"
        exported = folder / "export"
        subprocess.run([*db, "export", "--format", "csv", "-o", str(exported)], check=True)
        subprocess.run([*liaison, "--database", fresh, "init"], check=True, capture_output=True)
        subprocess.run(
            [*liaison, "--database", fresh, "import", str(exported / "organizations.csv")],
            check=True,
            capture_output=True,
        )
        label = "jiu import tracking.xlsx (into an empty registry)"
        results[label] = [_timed_once([*liaison, "--database", fresh, "jiu", "import", str(sheet)])]
    print(f"\n{rows}\n")
    print("| command | median s | max s | runs | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for label, runs in results.items():
        walls = [run.wall for run in runs]
        peak = f"{peaks[label] / 1024:.0f} MB" if label in peaks else ""
        print(
            f"| `liaison {label}` | {statistics.median(walls):.2f} | {max(walls):.2f} "
            f"| {len(runs)} | {peak} |"
        )
    print(f"\nLoad average while measured (1, 5, 15 min): {os.getloadavg()}")
    print(
        f"CPU time of the children: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.0f} s"
    )
    print("\n| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
