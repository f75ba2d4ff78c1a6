"""Ingestion at corpus scale: documents per second and peak memory, one process and several.

    python -m benchmarks.ingest_corpus [--documents 1000] [--workers 2]

Writes a deterministic corpus of ``--documents`` reports in the shape of the Council series (a
quarter each as plain text, Markdown, HTML and DOCX): numbered sections and paragraphs naming
governing bodies followed as an observer, events with their months, a two-column list of
inter-agency networks (one chaired over a period) and a list of joint initiatives with partners,
all drawn from the reference data's organizations with ``random.Random(seed)``. Then runs
``liaison ingest FOLDER --dry-run --format jsonl`` as a new process with 1 and with ``--workers``
processes, and on a quarter of the corpus, timing each and reading its peak memory (GNU time:
the largest resident set of the command or of any one worker), and checks that every run printed
the same candidates in the same order.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tempfile
import time
from pathlib import Path
from random import Random

import docx
import yaml

from benchmarks.cli_timing import liaison_command
from benchmarks.registry_io import machine
from liaison.registry.reference_data import data_folder

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def _organizations() -> dict[str, list[dict[str, str]]]:
    data = yaml.safe_load((data_folder() / "organizations.yaml").read_text("utf-8"))
    by_kind: dict[str, list[dict[str, str]]] = {}
    for org in data["organizations"]:
        by_kind.setdefault(org.get("kind", ""), []).append(org)
    return by_kind


def _report(rng: Random, orgs: dict[str, list[dict[str, str]]], year: int) -> list[str]:
    """The lines of one report: "5.3<TAB>…", "5.<TAB>Title", "· item", column headings."""
    bodies = rng.sample(orgs["functional-commission"] + orgs["principal-organ"], 4)
    networks = rng.sample(orgs["network"], 10)
    agencies = rng.sample(orgs["specialized-agency"] + orgs["fund-programme"], 8)
    events = [f"Session of the {o['name']}" for o in rng.sample(orgs["governing-body"], 5)]
    lines = ["1.\tIntroduction", f"1.1\tThis report covers the work of {year} with the UN system."]
    lines += ["3.\tUN governance", "3.1\tITU followed, as an observer, "
              + ", ".join(b["name"] for b in bodies) + "."]  # fmt: skip
    dated = [f"{e} ({rng.choice(MONTHS)} {year})" for e in events]
    lines += ["4.\tSummits and conferences", "4.1\tITU took part in: " + "; ".join(dated) + "."]
    lines += ["5.\tInter-agency coordination", "5.3\tAmong the networks:",
              "\tManagement / Administrative", "\tThematic", ""]  # fmt: skip
    for index, network in enumerate(networks[:5]):
        chair = f" (chaired by ITU from {year - 3}-{year})" if index == 2 else ""
        lines.append(("\t· " if index == 0 else "· ") + network["name"] + chair)
    lines.append("")
    for index, network in enumerate(networks[5:]):
        lines.append(("\t· " if index == 0 else "· ") + network["name"])
    lines += ["6.\tKey initiatives", "6.2\tKey initiatives include the following:"]
    for n in range(4):
        pair = rng.sample(agencies, 2)
        lead, supporter = pair[0]["name"], pair[1]["name"]
        lines.append(f"· Initiative {year}-{n} led by ITU and {lead}, supported by {supporter};")
    return lines


def _write(lines: list[str], path: Path) -> None:
    if path.suffix == ".txt":
        path.write_text("\n".join(lines) + "\n", "utf-8")
    elif path.suffix == ".md":
        path.write_text("\n\n".join(line.replace("\t", " ").replace("·", "-") for line in lines
                                    if line.strip()), "utf-8")  # fmt: skip
    elif path.suffix == ".html":
        body = "".join(f"<p>{line.strip()}</p>" for line in lines if line.strip())
        path.write_text(f"<html><body>{body}</body></html>", "utf-8")
    else:
        document = docx.Document()
        for line in lines:
            if line.strip():
                document.add_paragraph(line.strip().lstrip("· "),
                                       style="List Bullet" if "·" in line else None)  # fmt: skip
        document.save(str(path))


def corpus(folder: Path, count: int, seed: int = 2018) -> list[Path]:
    rng, orgs = Random(seed), _organizations()
    paths = []
    for index in range(count):
        path = folder / f"report-{index:04d}{('.txt', '.md', '.html', '.docx')[index % 4]}"
        _write(_report(rng, orgs, 2000 + index % 19), path)
        paths.append(path)
    return paths


def _run(argv: list[str]) -> tuple[float, int, str]:
    """Seconds, peak memory (KB) and a digest of the output of one run of ``argv``."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode()[-2000:])
    peak = int(done.stderr.decode().strip().splitlines()[-1])
    return elapsed, peak, hashlib.sha256(done.stdout).hexdigest()[:12]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    liaison = liaison_command()
    with tempfile.TemporaryDirectory(prefix="liaison-ingest-corpus-") as name:
        folder = Path(name)
        registry = f"sqlite:///{folder / 'reference.db'}"
        subprocess.run([*liaison, "--database", registry, "init"], check=True, capture_output=True)
        documents = folder / "documents"
        documents.mkdir()
        started = time.perf_counter()
        paths = corpus(documents, args.documents)
        print(f"Wrote {len(paths)} documents in {time.perf_counter() - started:.0f} s")
        quarter = folder / "quarter"
        quarter.mkdir()
        for path in paths[: len(paths) // 4]:
            (quarter / path.name).write_bytes(path.read_bytes())
        base = [*liaison, "--database", registry, "ingest", "--dry-run", "--format", "jsonl"]
        runs = {
            f"{len(paths) // 4} documents, 1 process": [*base, str(quarter)],
            f"{len(paths)} documents, 1 process": [*base, str(documents)],
            f"{len(paths)} documents, {args.workers} workers": [
                *base, str(documents), "--workers", str(args.workers),
            ],
        }  # fmt: skip
        results = {label: _run(command) for label, command in runs.items()}
    print("\n| run | seconds | documents per second | peak memory | output digest |")
    print("|---|---:|---:|---:|---|")
    for label, (seconds, peak, digest) in results.items():
        count = int(label.split()[0])
        print(f"| {label} | {seconds:.1f} | {count / seconds:.1f} | {peak / 1024:.0f} MB "
              f"| {digest} |")  # fmt: skip
    digests = [r[2] for label, r in results.items() if not label.startswith(f"{len(paths) // 4} ")]
    print("\nSame candidates in the same order with 1 process and with workers:",
          len(set(digests)) == 1)  # fmt: skip
    print("\n| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
