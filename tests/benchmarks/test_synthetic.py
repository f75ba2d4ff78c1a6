"""The synthetic registry is deterministic, valid, and imports cleanly on every backend."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import (
    LAST_YEAR,
    SHARES,
    main,
    record_counts,
    reference_organizations,
    synthetic_dataset,
)

from liaison.dates import DateRange
from liaison.registry import exporter
from liaison.registry.importer import import_paths
from liaison.registry.reader import read_file
from liaison.registry.references import references
from liaison.registry.schema import Dataset
from liaison.storage.database import Database

ROOT = Path(__file__).parents[2]
RECORDS = 500


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict[str, Any]]]:
    return synthetic_dataset(RECORDS)


def _digest(records: int, seed: int, hash_seed: str) -> str:
    code = (
        "import hashlib, json, sys; from benchmarks.synthetic import synthetic_dataset; "
        f"d = synthetic_dataset({records}, seed={seed}); "
        "print(hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_same_seed_same_data(data: dict[str, list[dict[str, Any]]]) -> None:
    assert synthetic_dataset(RECORDS) == data
    assert synthetic_dataset(RECORDS, seed=1) != data


def test_same_data_in_every_process() -> None:
    # Hash randomization changes set order between processes; the output must not depend on it.
    digests = {_digest(300, 5, hash_seed) for hash_seed in ("1", "2")}
    here = hashlib.sha256(json.dumps(synthetic_dataset(300, seed=5), sort_keys=True).encode())
    assert digests == {here.hexdigest()}


@pytest.mark.parametrize("records", [500, 1234, 10_000])
def test_counts_add_up_to_the_records_asked(records: int) -> None:
    counts = record_counts(records)
    assert sum(counts.values()) == records
    for kind, share in SHARES.items():
        assert abs(counts[kind] - records * share) <= max(2, records * 0.01)


def test_dataset_validates_with_the_asked_count(data: dict[str, list[dict[str, Any]]]) -> None:
    dataset = Dataset.model_validate(data)
    total = len(dataset.records())
    assert abs(total - RECORDS) <= RECORDS * 0.01
    assert {kind: len(records) for kind, records in data.items()} == record_counts(RECORDS)


def test_dataset_is_in_the_shape_export_writes(data: dict[str, list[dict[str, Any]]]) -> None:
    assert exporter.plain(Dataset.model_validate(data)) == data


def test_ids_and_symbols_are_unique(data: dict[str, list[dict[str, Any]]]) -> None:
    ids = [r["id"] for records in data.values() for r in records]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {org["id"] for org in reference_organizations()}
    symbols = [d["symbol"] for d in data["documents"] if "symbol" in d]
    assert len(symbols) == len(set(symbols))
    numbers = [(r["report"], r["number"]) for r in data["jiu_recommendations"]]
    assert len(numbers) == len(set(numbers))


def test_records_look_like_the_domain(data: dict[str, list[dict[str, Any]]]) -> None:
    dataset = Dataset.model_validate(data)
    assert all(2 <= len(i.partners) <= 15 for i in dataset.initiatives)
    assert all(1 <= len(r.statuses) <= 4 for r in dataset.jiu_recommendations)
    assert any(e.session_of for e in dataset.events)
    assert any(o.category for o in dataset.organizations)
    dates = [e.date for e in dataset.events] + [a.date for a in dataset.activities if a.date]
    ranges = [DateRange.parse(d) for d in dates]
    firsts = [r.earliest() for r in ranges]
    lasts = [r.latest() for r in ranges]
    years = {d.year for d in firsts + lasts if d is not None}
    assert None not in firsts + lasts
    assert (min(years), max(years)) == (LAST_YEAR - 9, LAST_YEAR)
    assert {len(d.partition("/")[0]) for d in dates} == {4, 7, 10}  # years, months and days
    kinds = {d.kind for d in dataset.documents}
    assert "jiu-report" in kinds
    reports = {d.id for d in dataset.documents if d.kind == "jiu-report"}
    assert {r.report for r in dataset.jiu_recommendations} <= reports
    assert any(d.reflects for d in dataset.documents)
    assert any(isinstance(t, str) for r in data["events"] for t in r.get("tags", []))


def test_references_point_to_records_in_the_data_or_the_reference_data(
    data: dict[str, list[dict[str, Any]]],
) -> None:
    known = {r["id"] for records in data.values() for r in records}
    known |= {org["id"] for org in reference_organizations()}
    dataset = Dataset.model_validate(data)
    missing = {ref for _, _, r in dataset.records() for _, ref, _ in references(r)} - known
    assert not missing


def test_imports_into_an_empty_registry_and_exports_the_same(
    data: dict[str, list[dict[str, Any]]], database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "synthetic.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with database.session() as session:
        summary = import_paths(session, [path])
    assert dict(summary.created) == record_counts(RECORDS)
    with database.session() as session:
        again = import_paths(session, [path])
    assert not again.changed
    with database.session() as session:
        exported = exporter.plain(exporter.dataset(session))
    for kind, records in data.items():
        by_id = {r["id"]: r for r in exported[kind]}
        assert [by_id[r["id"]] for r in records] == records


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_command_writes_a_file_liaison_reads(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"synthetic{suffix}"
    main(["--records", "120", "-o", str(path)])
    read = read_file(path)
    assert len(read.dataset.records()) == 120
    assert exporter.plain(read.dataset) == synthetic_dataset(120)
