"""The load of :mod:`benchmarks.web_load`: N asyncio clients over one httpx connection pool.

    python -m benchmarks.load_clients PLAN.json

Runs in its own process, so that the clients' work does not slow the server's interpreter. The
plan (JSON) names the server (``flavor`` ``liaison`` or ``datasette``, ``base`` URL, ``token``),
the load (``clients``, ``seconds``, ``warmup``, ``model`` ``closed`` or ``paced``) and the
``mix``: record ids by kind, search words and years. Each client draws its requests from its own
seeded random generator: 40 % lists (a kind, sometimes a period or a date order, then, half of
the time, the next page by the cursor the answer gave), 30 % searches, 30 % records shown.

The load models:

- ``closed``: each client sends its next request as soon as the previous one is answered; it
  measures the server at saturation (latency grows with the queue of N clients).
- ``paced``: each client sends 1 to 2 requests a second (an interval drawn between 0.5 and 1 s)
  on a fixed schedule; a request's latency is counted from when it was due, so a server that
  falls behind is charged for the wait (no coordinated omission).

Prints one JSON line: per request type the count, errors and latencies (p50, p95, p99, max, in
ms), and the throughput over the measured time (after ``warmup`` seconds, not counted; until the
last measured answer when the server fell behind).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import httpx

TYPES = ("list", "search", "show")
LIST_PAGE = 50
SEARCH_PAGE = 20
ERROR_SAMPLES = 5
KEEPALIVE_SECONDS = 4.0


@dataclass
class Tally:
    """What one request type measured: latencies in seconds and failures."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)

    def failed(self, message: str) -> None:
        self.errors += 1
        if len(self.samples) < ERROR_SAMPLES:
            self.samples.append(message[:300])


def percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values (0 when there are none)."""
    if not ordered:
        return 0.0
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(len(ordered), rank) - 1]


def summary(tallies: dict[str, Tally], seconds: float) -> dict[str, Any]:
    result: dict[str, Any] = {"seconds": seconds, "types": {}}
    answered = 0
    for name, tally in tallies.items():
        ordered = sorted(tally.latencies)
        answered += len(ordered)
        result["types"][name] = {
            "requests": len(ordered) + tally.errors,
            "errors": tally.errors,
            "error_samples": tally.samples,
            **{
                f"p{int(share * 100)}_ms": percentile(ordered, share) * 1000
                for share in (0.5, 0.95, 0.99)
            },
            "max_ms": (ordered[-1] if ordered else 0.0) * 1000,
        }
    errors = sum(t.errors for t in tallies.values())
    result["requests"] = answered + errors
    result["errors"] = errors
    result["per_second"] = (answered + errors) / seconds if seconds else 0.0
    return result


class Requests:
    """The requests of one client: a seeded draw of lists, searches and shows."""

    def __init__(self, flavor: str, mix: dict[str, Any], seed: int) -> None:
        self.flavor = flavor
        self.mix = mix
        self.rng = Random(seed)
        self.next_page: tuple[str, dict[str, str]] | None = None

    def draw(self) -> tuple[str, str, dict[str, str]]:
        """(type, path, query parameters) of the next request."""
        if self.next_page is not None:
            path, params = self.next_page
            self.next_page = None
            return "list", path, params
        r = self.rng.random()
        if r < 0.4:
            return ("list", *self._list())
        if r < 0.7:
            return ("search", *self._search())
        return ("show", *self._show())

    def _list(self) -> tuple[str, dict[str, str]]:
        kind = self.rng.choice(self.mix["list_kinds"])
        dated = kind in self.mix["dated_kinds"]
        year = str(self.rng.choice(self.mix["years"])) if dated and self.rng.random() < 0.3 else ""
        by_date = dated and self.rng.random() < 0.3
        if self.flavor == "liaison":
            params = {"limit": str(LIST_PAGE)}
            params |= {"period": year} if year else {}
            params |= {"sort": "-date"} if by_date else {}
            return f"/api/{kind}", params
        params = {"_size": str(LIST_PAGE)}
        params |= {"earliest__lte": f"{year}-12-31", "latest__gte": f"{year}-01-01"} if year else {}
        params |= {"_sort_desc": "earliest"} if by_date else {}
        return f"/{self.mix['database']}/{kind}.json", params

    def _search(self) -> tuple[str, dict[str, str]]:
        word = self.rng.choice(self.mix["words"])
        if self.flavor == "liaison":
            return "/api/search", {"q": word, "limit": str(SEARCH_PAGE)}
        params = {"_size": str(SEARCH_PAGE)}
        if "LIKE" in self.mix.get("datasette_search", ""):  # words are letters: no quoting
            params["_where"] = f"title like '%{word.split()[0]}%'"
        else:
            params |= {"_search": word, **self.mix.get("datasette_fts", {})}
        return f"/{self.mix['database']}/search_entries.json", params

    def _show(self) -> tuple[str, dict[str, str]]:
        kind = self.rng.choice(sorted(self.mix["ids"]))
        record_id = self.rng.choice(self.mix["ids"][kind])
        if self.flavor == "liaison":
            return f"/api/{kind}/{record_id}", {}
        return f"/{self.mix['database']}/records/{record_id}.json", {}

    def answered(self, path: str, params: dict[str, str], body: Any) -> None:
        """Half of the time, a client reads the next page of the list it was given."""
        following = body.get("next_cursor") if self.flavor == "liaison" else body.get("next")
        if following and self.rng.random() < 0.5:
            key = "cursor" if self.flavor == "liaison" else "_next"
            self.next_page = path, {**params, key: str(following)}


async def _send(
    client: httpx.AsyncClient, requests: Requests, tallies: dict[str, Tally] | None, due: float
) -> None:
    kind, path, params = requests.draw()
    try:
        response = await client.get(path, params=params)
        elapsed = time.perf_counter() - due
        if response.status_code != 200:
            if tallies is not None:
                tallies[kind].failed(f"{response.status_code} {path}: {response.text[:200]}")
            return
        if kind == "list":
            requests.answered(path, params, response.json())
    except (httpx.HTTPError, ValueError) as error:
        if tallies is not None:
            tallies[kind].failed(f"{type(error).__name__} {path}: {error}")
        return
    if tallies is not None:
        tallies[kind].latencies.append(elapsed)


async def _client(
    client: httpx.AsyncClient, plan: dict[str, Any], number: int, tallies: dict[str, Tally]
) -> None:
    requests = Requests(plan["flavor"], plan["mix"], seed=plan.get("seed", 1) * 1000 + number)
    started = plan["started"]
    measured_from = started + plan["warmup"]
    ends = measured_from + plan["seconds"]
    due = started + requests.rng.random()  # paced clients start spread over the first second
    while True:
        now = time.perf_counter()
        if plan["model"] == "paced":
            if due > now:
                await asyncio.sleep(due - now)
        else:
            due = now
        if due >= ends:
            return
        await _send(client, requests, tallies if due >= measured_from else None, due)
        due += requests.rng.uniform(0.5, 1.0)


async def run(plan: dict[str, Any]) -> dict[str, Any]:
    """Run the plan's clients against its server and summarise what they measured."""
    tallies = {name: Tally() for name in TYPES}
    # Idle connections are dropped before the server's keep-alive timeout (uvicorn's is 5 s), so
    # that a client never sends on a connection the server is closing.
    limits = httpx.Limits(
        max_connections=plan["clients"],
        max_keepalive_connections=plan["clients"],
        keepalive_expiry=KEEPALIVE_SECONDS,
    )
    headers = {"authorization": f"Bearer {plan['token']}"} if plan.get("token") else {}
    timeout = httpx.Timeout(plan.get("timeout", 30.0))
    async with httpx.AsyncClient(
        base_url=plan["base"], headers=headers, limits=limits, timeout=timeout
    ) as client:
        plan = {**plan, "started": time.perf_counter()}
        await asyncio.gather(*(_client(client, plan, n, tallies) for n in range(plan["clients"])))
    # A server that falls behind answers the last requests after the planned end: the rates are
    # over the time the measured requests really took.
    elapsed = time.perf_counter() - plan["started"] - plan["warmup"]
    return summary(tallies, max(float(plan["seconds"]), elapsed))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m benchmarks.load_clients PLAN.json")
    plan = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    print(json.dumps(asyncio.run(run(plan))))


if __name__ == "__main__":
    main()
