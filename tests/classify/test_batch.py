"""Corpus-scale runs give the same results, in the same order, in one process, in a process
pool and on a real (local) Dask distributed cluster."""

from __future__ import annotations

import pytest

from liaison.classify.batch import classify_stream

TEXTS = [
    "Affordable Internet access for the least developed countries.",
    "Clean water and sanitation for all.",
    "Telemedicine for rural clinics.",
    "Closing the digital gender gap.",
    "Early warning systems for tsunamis using submarine cables.",
    "",
    "Smart sustainable cities and their key performance indicators.",
] * 7
ITEMS = [(f"t{i}", text) for i, text in enumerate(TEXTS)]


def lines(**options: object) -> list[dict[str, object]]:
    return [r.as_line() for r in classify_stream(iter(ITEMS), batch=4, **options)]  # type: ignore[arg-type]


def test_process_pool_matches_one_process() -> None:
    alone = lines()
    assert [line["id"] for line in alone] == [i for i, _ in ITEMS]
    assert lines(workers=2) == alone


def test_dask_cluster_matches_one_process() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        assert lines(scheduler=cluster.scheduler_address) == lines()
