"""Property-based fuzz of the JSON API from its OpenAPI schema, against a real server.

    python -m benchmarks.api_fuzz [--cases 1000] [--database URL] [--seed N]

Loads the demo registry into a SQLite file in a temporary folder (or into ``--database``, an
empty database), adds an administrator and an API token for it with the ``liaison`` command,
starts ``liaison serve`` on 127.0.0.1 at a free port, and runs Schemathesis (``st run``) against
``/api/openapi.json`` with that token: the examples, coverage, fuzzing and stateful phases (the
stateful one follows the links between operations, such as a created record then read), and
every check but ``positive_data_acceptance`` (the schema cannot say that an organization a
record names must exist, so a schema-valid record may rightly be refused). The revocation of a
token is left out: the fuzzer would revoke its own. Runs again with another seed until at least
``--cases`` test cases ran, then prints the cases, the failures and the time. Exits 1 when any
check failed (a server error, a response that breaks the schema…).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.registry_io import machine

ADMIN = "fuzzer"
PASSWORD = "a long enough pass phrase for the fuzzer"
#: Operations the fuzz leaves out, with the reason.
EXCLUDED_PATHS = {"/api/tokens/{token_id}": "revoking would revoke the fuzzer's own token"}
OPERATIONS = 41  # of the API's 42 operations, the revocation of a token left out


@dataclass
class Run:
    seed: int
    cases: int
    failures: list[str]
    errors: list[str]
    seconds: float
    #: Valid inputs the API accepted, and refused (an organization a record names must exist…).
    accepted: int
    refused: int
    #: Schemathesis' warnings: for each, how many operations it names.
    warnings: dict[str, int]


def _bin(name: str) -> str:
    """A script installed beside this interpreter (``liaison``, ``st``)."""
    script = Path(sys.executable).with_name(name)
    if not script.exists():
        raise SystemExit(f"{script} is missing: run `make setup`")
    return str(script)


def _liaison(url: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [_bin("liaison"), "--database", url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"liaison {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(url: str, log: Path) -> Iterator[str]:
    """``liaison serve`` on the registry at ``url``; yields the server's base URL."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [_bin("liaison"), "--database", url, "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/openapi.json", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def fuzz(base: str, token: str, *, examples: int, seed: int, report: Path) -> Run:
    """One ``st run``: every phase, every check but positive_data_acceptance."""
    command = [
        _bin("st"), "run", f"{base}/api/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", "all", "--exclude-checks", "positive_data_acceptance",
        "--max-examples", str(examples), "--seed", str(seed), "--workers", "1",
        "--continue-on-failure", "--no-color",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    for path in EXCLUDED_PATHS:
        command += ["--exclude-path", path]
    started = time.perf_counter()
    # Run in the report's folder: Schemathesis keeps a cache in .schemathesis/ where it runs.
    done = subprocess.run(command, capture_output=True, text=True, cwd=report.parent, check=False)
    seconds = time.perf_counter() - started
    if not report.exists():
        raise SystemExit(f"schemathesis wrote no report ({done.returncode}):\n{done.stdout}")
    result = json.loads(report.read_text(encoding="utf-8"))
    failures = [_failure(f) for f in result["failures"]]
    errors = [json.dumps(e)[:300] for e in result["errors"]]
    if (failures or errors) and done.stdout:
        print(done.stdout[-6000:])
    rates = [rate for phases in result["valid_rates"].values() for rate in phases.values()]
    warnings = {name: len(found) for name, found in result["warnings"].items() if found}
    cases = int(result["test_cases"]["generated"])
    accepted, refused = (sum(rate[key] for rate in rates) for key in ("accepted", "rejected"))
    return Run(seed, cases, failures, errors, seconds, accepted, refused, warnings)


def _failure(failure: dict[str, object]) -> str:
    return json.dumps(failure, ensure_ascii=False)[:400]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="test cases to run at least")
    parser.add_argument("--database", help="an empty database to use instead of a SQLite file")
    parser.add_argument("--seed", type=int, default=9, help="seed of the first run")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    with tempfile.TemporaryDirectory(prefix="liaison-api-fuzz-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'demo.db'}"
        _liaison(url, "demo")
        _liaison(url, "user", "add", ADMIN, "--role", "admin", "--password-stdin", stdin=PASSWORD)
        token = _liaison(url, "token", "add", ADMIN, "--name", "api fuzz").strip().splitlines()[-1]
        runs: list[Run] = []
        with served(url, Path(folder) / "serve.log") as base:
            # Fuzzing alone makes about --cases; the coverage and stateful phases add theirs.
            examples = max(1, math.ceil(args.cases / OPERATIONS))
            while sum(run.cases for run in runs) < args.cases:
                seed = args.seed + len(runs)
                report = Path(folder) / f"report-{seed}.json"
                runs.append(fuzz(base, token, examples=examples, seed=seed, report=report))
                print(f"seed {seed}: {runs[-1].cases} cases in {runs[-1].seconds:.0f} s")
    cases = sum(run.cases for run in runs)
    failures = [f for run in runs for f in run.failures]
    errors = [e for run in runs for e in run.errors]
    seconds = sum(run.seconds for run in runs)
    backend = url.split(":", 1)[0]
    print("\n| database | runs | cases | failures | errors | time |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| {backend} | {len(runs)} | {cases} | {len(failures)} | {len(errors)} | {seconds:.0f} s |"
    )
    for reason in (f"{path}: {why}" for path, why in EXCLUDED_PATHS.items()):
        print(f"\nLeft out: {reason}")
    accepted, refused = sum(r.accepted for r in runs), sum(r.refused for r in runs)
    print(f"Valid inputs (schema-wise) accepted: {accepted}; refused: {refused}")
    for run in runs:
        warned = ", ".join(f"{name} ({count} operations)" for name, count in run.warnings.items())
        print(f"Warnings of seed {run.seed}: {warned or 'none'}")
    for line in failures + errors:
        print(line)
    print("\n| machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")
    raise SystemExit(1 if failures or errors else 0)


if __name__ == "__main__":
    main()
