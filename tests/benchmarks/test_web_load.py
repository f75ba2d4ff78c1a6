"""The web load benchmark's building blocks work end to end on a tiny registry (no timings)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.load_clients import TYPES, percentile

from benchmarks import web_load


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) == 0.0


def test_a_tiny_registry_under_load_answers_every_request(
    empty_db_url: str, tmp_path: Path
) -> None:
    data_path, mix = web_load.dataset_and_mix(tmp_path / "data", 200, seed=7)
    assert set(mix["ids"]) >= {"events", "organizations"} and mix["words"]
    web_load.import_registry(empty_db_url, data_path)
    backend = "sqlite" if empty_db_url.startswith("sqlite") else "postgresql"
    datasette = backend == "sqlite" and (web_load.DATASETTE_VENV / "bin" / "datasette").exists()
    args = argparse.Namespace(
        records=200, clients=3, seconds=2, warmup=0, workers=1, datasette=datasette,
        load_average="0 / 0 / 0",
    )  # fmt: skip
    results = web_load.measure(backend, empty_db_url, mix, args, tmp_path)
    servers = {"Liaison", "Datasette"} if datasette else {"Liaison"}
    for server in servers:
        for model in web_load.MODELS:
            run = results[(server, model)]
            assert run["errors"] == 0, run
            assert set(run["types"]) == set(TYPES)
            assert run["requests"] > 0
    report = web_load.table({backend: results}, args)
    assert "| all, " in report and "| machine |" in report
    assert ("Latency ratio" in report) == datasette


def test_the_cache_key_follows_size_and_seed() -> None:
    assert web_load.cache_key(200, 1) != web_load.cache_key(300, 1) != web_load.cache_key(200, 2)
    assert web_load.cache_key(200, 1) == web_load.cache_key(200, 1)
