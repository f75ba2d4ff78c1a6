"""Load benchmark of the web API on 100,000 records, with Datasette beside it on the same file.

    python -m benchmarks.web_load --records 100000 [--postgres URL] [--clients 50] [--seconds 60]

Builds (or reuses, from ``benchmarks/.cache/``) a synthetic registry (:mod:`benchmarks.synthetic`)
on SQLite, and on PostgreSQL when ``--postgres`` names a server (a database of its own is created
there and kept for the next run). Starts a real ``liaison serve`` on 127.0.0.1 with an API token
of a reader, and Datasette 0.65.5 on the same SQLite file, from its own virtual environment
(``benchmarks/.datasette-venv``, made on the first run). Then, for each server, runs N clients for
S seconds in a separate process (:mod:`benchmarks.load_clients`) under two load models, a closed
loop (saturation) and a paced one (1–2 requests a second per client), and prints latency
percentiles per request type (list, search, show), errors, throughput, the latency ratio of
Liaison to Datasette, and the machine, as Markdown tables. Issue 9's goal is no error and a p99
under 100 ms for every type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from random import Random
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks import load_clients
from benchmarks.registry_io import machine, search_words
from benchmarks.synthetic import synthetic_dataset, write_dataset

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
DATASETTE = "0.65.5"
DATASETTE_VENV = ROOT / "benchmarks" / ".datasette-venv"
DATABASE_NAME = "bench"  # the SQLite file's stem: Datasette serves it as /bench
READER, READER_PASSWORD = "bench-reader", "bench-reader-password"
GOAL_P99_MS = 100.0
LIST_KINDS = ("events", "events", "events", "organizations", "roles", "initiatives",
              "documents", "activities", "jiu_recommendations")  # fmt: skip
DATED_KINDS = ("roles", "events", "initiatives", "documents", "activities")
SHOWN_PER_KIND = 2000
MODELS = ("closed", "paced")


def cache_key(records: int, seed: int) -> str:
    """Changes with the size, the seed and the generator's code: a new registry is built."""
    source = (ROOT / "benchmarks" / "synthetic.py").read_bytes()
    return f"{records}-{seed}-{hashlib.sha1(source).hexdigest()[:10]}"


def liaison_command() -> list[str]:
    script = Path(sys.executable).with_name("liaison")
    return [str(script)] if script.exists() else [sys.executable, "-m", "liaison"]


def _liaison(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    return subprocess.run(
        [*liaison_command(), "--database", url, *args],
        input=stdin, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def _must(done: subprocess.CompletedProcess[str], what: str) -> str:
    if done.returncode:
        raise SystemExit(f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --- the registry -------------------------------------------------------------------------------


def dataset_and_mix(folder: Path, records: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The synthetic dataset as a JSON file, and the mix the clients draw their requests from."""
    data_path, mix_path = folder / "synthetic.json", folder / "mix.json"
    if data_path.exists() and mix_path.exists():
        return data_path, dict(json.loads(mix_path.read_text(encoding="utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    data = synthetic_dataset(records, seed=seed)
    rng = Random(seed)
    ids = {}
    for kind, rows in data.items():
        found = sorted(str(r["id"]) for r in rows if r.get("id"))
        if found:
            ids[kind] = rng.sample(found, min(SHOWN_PER_KIND, len(found)))
    mix = {
        "ids": ids,
        "words": search_words(data, count=300, seed=seed),
        "years": list(range(2009, 2019)),
        "list_kinds": list(LIST_KINDS),
        "dated_kinds": list(DATED_KINDS),
    }
    write_dataset(data, data_path)
    mix_path.write_text(json.dumps(mix), encoding="utf-8")
    return data_path, mix


def import_registry(url: str, data_path: Path) -> None:
    """Make the registry (``liaison init``), then import the dataset with ``liaison import``."""
    print(f"Importing {data_path} into {make_url(url).render_as_string()}…", file=sys.stderr)
    _must(_liaison(url, "init"), "making the registry")
    _must(_liaison(url, "import", str(data_path)), "the import")


def sqlite_registry(folder: Path, data_path: Path) -> str:
    """The SQLite registry of the cached dataset, imported once, migrated to the current schema."""
    path = folder / f"{DATABASE_NAME}.db"
    url = f"sqlite:///{path}"
    done = folder / "sqlite.imported"
    if not done.exists():
        for stale in folder.glob(f"{DATABASE_NAME}.db*"):
            stale.unlink()
        import_registry(url, data_path)
        done.touch()
    _must(_liaison(url, "init"), "migrating the SQLite registry")
    return url


def _admin(server_url: str) -> Any:
    url = make_url(server_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def postgres_registry(server_url: str, key: str, data_path: Path, records: int) -> str:
    """A database of its own on the server, kept between runs and imported when incomplete."""
    name = "liaison_web_" + key.replace("-", "_")
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    admin = _admin(server_url)
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
    complete = False
    if exists:
        engine = _admin(url)
        with engine.connect() as connection:
            found = connection.scalar(
                text("SELECT count(*) FROM information_schema.tables WHERE table_name = 'records'")
            )
            count = connection.scalar(text("SELECT count(*) FROM records")) if found else 0
        engine.dispose()
        complete = bool(count and count >= records)
    if not complete:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        import_registry(url, data_path)
    admin.dispose()
    _must(_liaison(url, "init"), "migrating the PostgreSQL registry")
    return url


def reader_token(url: str) -> str:
    """An API token of a reader (the user is made on the first run)."""
    listed = _must(_liaison(url, "user", "list", "--format", "json"), "listing the users")
    if READER not in listed:
        add = _liaison(url, "user", "add", READER, "--role", "reader", "--password-stdin",
                       stdin=READER_PASSWORD + "\n")  # fmt: skip
        _must(add, "adding the reader")
    out = _must(_liaison(url, "token", "add", READER, "--name", "web-load"), "making a token")
    return out.strip().splitlines()[-1]


# --- the servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(command: list[str], probe: str, log: Path, headers: dict[str, str]) -> Iterator[None]:
    """Run ``command`` until the block ends, once ``probe`` answers 200."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} stopped:\n{log.read_text()}")
            try:
                if httpx.get(probe, headers=headers, timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"{probe} did not answer:\n{log.read_text()}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def datasette_command() -> list[str]:
    """Datasette from its own environment, made with ``python3 -m venv`` when missing."""
    program = DATASETTE_VENV / "bin" / "datasette"
    stamp = DATASETTE_VENV / f".installed-{DATASETTE}"
    if not (program.exists() and stamp.exists()):
        print(f"Installing Datasette {DATASETTE} into {DATASETTE_VENV}…", file=sys.stderr)
        subprocess.run(["python3", "-m", "venv", str(DATASETTE_VENV)], check=True)
        pip = [str(DATASETTE_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, f"datasette=={DATASETTE}"], check=True)
        stamp.touch()
    return [str(program)]


def datasette_search(base: str, database: str, word: str) -> tuple[str, dict[str, str]]:
    """How Datasette searches search_entries: its own FTS detection, FTS named, or LIKE.

    Datasette ignores ``_search`` on a table it sees no full-text index for, so the SQL it ran
    tells whether it searched.
    """
    path = f"{base}/{database}/search_entries.json"
    explicit = {"_fts_table": "search_fts", "_fts_pk": "rowid"}
    for way, extra in (("FTS5, detected", {}), ("FTS5, named by _fts_table", explicit)):
        answer = httpx.get(path, params={"_search": word, "_size": "1", **extra}, timeout=30)
        sql = answer.json().get("query", {}).get("sql", "") if answer.status_code == 200 else ""
        if " match " in sql.lower():
            return way, extra
    return "LIKE on the title (_where)", {}


# --- running the load ---------------------------------------------------------------------------


def run_clients(plan: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The load, in a process of its own (its output's last line is the summary)."""
    path = folder / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    command = [sys.executable, "-m", "benchmarks.load_clients", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"the clients failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(
    backend: str, url: str, mix: dict[str, Any], args: argparse.Namespace, folder: Path
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every (server, model) of one backend: Liaison, and Datasette beside it on SQLite."""
    token = reader_token(url)
    port = free_port()
    serve = [*liaison_command(), "--database", url, "serve", "--port", str(port)]
    serve += ["--workers", str(args.workers)] if args.workers > 1 else []
    auth = {"authorization": f"Bearer {token}"}
    base = f"http://127.0.0.1:{port}"
    load = {"clients": args.clients, "seconds": args.seconds, "warmup": args.warmup, "mix": mix}
    results: dict[tuple[str, str], dict[str, Any]] = {}
    servers: list[tuple[str, list[str], str, dict[str, str], dict[str, Any]]] = [
        ("Liaison", serve, f"{base}/api/events?limit=1", auth,
         {"flavor": "liaison", "base": base, "token": token}),
    ]  # fmt: skip
    if backend == "sqlite" and args.datasette:
        d_port = free_port()
        database_file = make_url(url).database or ""
        mix = {**mix, "database": Path(database_file).stem}  # Datasette's name for it
        d_base = f"http://127.0.0.1:{d_port}"
        d_serve = [*datasette_command(), "serve", database_file, "--port", str(d_port)]
        servers.append(
            ("Datasette", d_serve, f"{d_base}/{mix['database']}/events.json?_size=1", {},
             {"flavor": "datasette", "base": d_base, "token": None})
        )  # fmt: skip
    for name, command, probe, headers, target in servers:
        with server(command, probe, folder / f"{name}.log", headers):
            if target["flavor"] == "datasette":
                way, extra = datasette_search(target["base"], mix["database"], mix["words"][0])
                mix = {**mix, "datasette_fts": extra, "datasette_search": way}
                load["mix"] = mix
            for model in MODELS:
                print(f"{backend}: {name}, {model} loop, {args.clients} clients…", file=sys.stderr)
                plan = {**load, **target, "model": model}
                results[(name, model)] = run_clients(plan, folder)
    if "datasette_search" in mix:
        results[("Datasette", "search")] = {"how": mix["datasette_search"]}
    return results


# --- the report ---------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def table(results: dict[str, dict[tuple[str, str], dict[str, Any]]], args: Any) -> str:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        f"{args.records:,} records, {args.clients} clients, {args.seconds} s measured after "
        f"{args.warmup} s of warm-up, Liaison with {args.workers} worker process(es).",
        "",
        "| backend | server | load | request | requests | errors | req/s | p50 ms | p95 ms "
        f"| p99 ms | max ms | p99 < {GOAL_P99_MS:.0f} ms |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for backend, runs in results.items():
        for (server_name, model), run in runs.items():
            if model not in MODELS:
                continue
            for kind, t in run["types"].items():
                met = t["errors"] == 0 and t["p99_ms"] < GOAL_P99_MS
                ok = "–" if not t["requests"] else "yes" if met else "no"
                lines.append(
                    f"| {names[backend]} | {server_name} | {model} | {kind} | {t['requests']:,} "
                    f"| {t['errors']} | {t['requests'] / run['seconds']:.1f} "
                    f"| {_ms(t['p50_ms'])} | {_ms(t['p95_ms'])} | {_ms(t['p99_ms'])} "
                    f"| {_ms(t['max_ms'])} | {ok} |"
                )
            lines.append(
                f"| {names[backend]} | {server_name} | {model} | all, {run['seconds']:.0f} s "
                f"| {run['requests']:,} "
                f"| {run['errors']} | {run['per_second']:.1f} | | | | | |"
            )
    lines += _ratios(results.get("sqlite", {}))
    for backend, runs in results.items():
        for (server_name, model), run in runs.items():
            for kind, t in run.get("types", {}).items():
                for sample in t["error_samples"]:
                    lines.append(f"- error, {backend} {server_name} {model} {kind}: {sample}")
    info = {**machine(), "load average at the start": args.load_average}
    lines += ["", "| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items())]
    return "\n".join(lines)


def _ratios(runs: dict[tuple[str, str], dict[str, Any]]) -> list[str]:
    """Liaison's latency over Datasette's, on the same SQLite file, per model and request."""
    if ("Datasette", "closed") not in runs:
        return []
    how = runs[("Datasette", "search")]["how"]
    lines = [
        "",
        f"Latency ratio, Liaison ÷ Datasette {DATASETTE} on the same SQLite file (Datasette's "
        f"search: {how}):",
        "",
        "| load | request | p50 ms, Liaison / Datasette | ratio | p99 ms, Liaison / Datasette "
        "| ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for model in MODELS:
        ours, theirs = runs[("Liaison", model)]["types"], runs[("Datasette", model)]["types"]
        for kind in load_clients.TYPES:
            cells = []
            for key in ("p50_ms", "p99_ms"):
                a, b = ours[kind][key], theirs[kind][key]
                ratio = f"{a / b:.3g}" if b else "–"
                cells += [f"{_ms(a)} / {_ms(b)}", ratio]
            lines.append(f"| {model} | {kind} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--postgres", default="", help="a PostgreSQL server's URL")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="measured, per server and model")
    parser.add_argument("--warmup", type=int, default=5, help="seconds not measured")
    parser.add_argument("--workers", type=int, default=1, help="liaison serve --workers")
    parser.add_argument("--no-datasette", dest="datasette", action="store_false")
    args = parser.parse_args(argv)
    args.load_average = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    key = cache_key(args.records, args.seed)
    folder = CACHE / key
    data_path, mix = dataset_and_mix(folder, args.records, args.seed)
    results: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="liaison-web-load-") as tmp:
        if not args.no_sqlite:
            url = sqlite_registry(folder, data_path)
            results["sqlite"] = measure("sqlite", url, mix, args, Path(tmp))
        if args.postgres:
            url = postgres_registry(args.postgres, key, data_path, args.records)
            results["postgresql"] = measure("postgresql", url, mix, args, Path(tmp))
    print(table(results, args))


if __name__ == "__main__":
    main()
