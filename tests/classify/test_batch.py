"""Corpus-scale runs give the same results, in the same order, in one process, in a process
pool and on a real (local) Dask distributed cluster."""

from __future__ import annotations

import pytest

from liaison.classify.analysis import Options
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


MODES = pytest.mark.parametrize("mode", ["fast", "accurate"])


def lines(mode: str, **where: object) -> list[dict[str, object]]:
    stream = classify_stream(iter(ITEMS), Options(mode), batch=4, **where)  # type: ignore[arg-type]
    return [r.as_line() for r in stream]


@MODES
def test_process_pool_matches_one_process(mode: str) -> None:
    alone = lines(mode)
    assert [line["id"] for line in alone] == [i for i, _ in ITEMS]
    assert any(line["sdgs"] for line in alone)
    assert lines(mode, workers=2) == alone


@MODES
def test_dask_cluster_matches_one_process(mode: str) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        assert lines(mode, scheduler=cluster.scheduler_address) == lines(mode)
