"""Classifying a stream of texts at corpus scale: in this process, a local process pool, or a
Dask distributed cluster — with identical results in the same order.

The stream is cut into batches and at most a few batches are in flight at a time, so memory
stays flat however long the input is. The first batch is small, so the first results come out
as soon as the classifier is loaded.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from liaison.classify.analysis import Options
from liaison.classify.modes import classifier_for
from liaison.classify.result import Classification

BATCH = 256
FIRST_BATCH = 16
Item = tuple[str, str]


def classify_batch(items: list[Item], options: Options) -> list[Classification]:
    """One batch, in whatever process runs it (the classifier is built once per process)."""
    return classifier_for(options).classify_many(items)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches of ``size`` items, the first of at most FIRST_BATCH."""
    iterator = iter(items)
    first = list(islice(iterator, min(size, FIRST_BATCH)))
    if first:
        yield first
    while batch := list(islice(iterator, size)):
        yield batch


def _ordered(
    submit: Any, items: Iterable[Item], in_flight: int, size: int
) -> Iterator[Classification]:
    """Submit batches, keeping at most ``in_flight`` pending, and yield results in order."""
    pending: deque[Any] = deque()
    for batch in _batches(items, size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def classify_stream(
    items: Iterable[Item],
    options: Options,
    workers: int = 1,
    scheduler: str | None = None,
    batch: int = BATCH,
) -> Iterator[Classification]:
    """Classify (id, text) pairs in order, here, in ``workers`` processes, or on a Dask cluster
    at ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``), as ``options`` say; every
    process builds its own classifier from the options."""
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            in_flight = max(2, 2 * sum(client.nthreads().values()))
            yield from _ordered(
                lambda b: client.submit(classify_batch, b, options, pure=False),
                items,
                in_flight,
                batch,
            )
        return
    if workers <= 1:
        for chunk in _batches(items, batch):
            yield from classify_batch(chunk, options)
        return
    # Spawned, not forked: a fork of a process whose torch threads already run can hang.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:

        def submit(chunk: list[Item]) -> Future[list[Classification]]:
            return pool.submit(classify_batch, chunk, options)

        yield from _ordered(submit, items, 2 * workers, batch)
