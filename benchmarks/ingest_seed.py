"""How well ingestion reads the seed: the candidates it proposes, compared with the demo dataset.

    python -m benchmarks.ingest_seed [--seed PATH] [--format table|json]

Reads the 2018 Council report (the seed, ``../shared/seed/000_f18562a23ebae53b.txt`` by default),
extracts candidates against a registry holding only the reference data (made in a temporary
folder), and compares them, kind by kind, with the facts of the demo dataset that cite the seed
(``src/liaison/demo/data``): the events with their month; the roles (bodies followed, networks
with the role the column's category gives, chairs with their period); the initiatives by name,
and their partners with their role; the earlier reports of the series by symbol and the
resolutions by title. Precision is the share of candidates that state a fact of the demo, recall
the share of the demo's facts some candidate states. The seed is the development document: the
rules were written reading it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, utils

from liaison.ingest.candidates import Candidate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_f18562a23ebae53b.txt"
DEMO = ROOT / "src" / "liaison" / "demo" / "data"
SOURCE = "c18-inf-collab"
CLOSE = 85.0


@dataclass
class Score:
    kind: str
    candidates: int = 0
    right: int = 0
    expected: int = 0
    found: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.candidates if self.candidates else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def _cites_seed(record: dict[str, Any]) -> bool:
    return any(s.get("document") == SOURCE for s in record.get("sources", []))


def demo_facts() -> dict[str, list[dict[str, Any]]]:
    """The demo's records that cite the seed, by kind."""
    facts: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(DEMO.glob("*.yaml")):
        for kind, records in (yaml.safe_load(path.read_text("utf-8")) or {}).items():
            facts.setdefault(kind, []).extend(r for r in records if _cites_seed(r))
    return facts


def _close(a: str | None, b: str | None) -> bool:
    if not (a and b):
        return False
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) >= CLOSE


def _names(record: dict[str, Any]) -> list[str]:
    return [n for n in (record.get("name"), record.get("short_name"), record.get("title")) if n]


def _symbol(text: str | None) -> str:
    return re.sub(r"\(.*?\)", "", text or "").strip()


Match = Callable[[dict[str, Any], dict[str, Any]], bool]


def _event(candidate: dict[str, Any], event: dict[str, Any]) -> bool:
    same_name = any(_close(candidate["name"], n) for n in _names(event))
    return same_name and str(event.get("date", "")).startswith(str(candidate.get("date")))


def _role(candidate: dict[str, Any], role: dict[str, Any]) -> bool:
    keys = ("holder", "role", "body")
    return all(candidate.get(k) == role.get(k) for k in keys) and (
        candidate.get("period") == role.get("period")
    )


def _initiative(candidate: dict[str, Any], initiative: dict[str, Any]) -> bool:
    return any(_close(candidate["name"], n) for n in _names(initiative))


def _closeness(candidate: dict[str, Any], record: dict[str, Any]) -> float:
    return max(
        fuzz.token_set_ratio(candidate["name"], n, processor=utils.default_process)
        + fuzz.ratio(candidate["name"], n, processor=utils.default_process) / 1000
        for n in _names(record)
    )


def _document(candidate: dict[str, Any], document: dict[str, Any]) -> bool:
    if candidate.get("symbol"):
        return _symbol(candidate["symbol"]) == _symbol(document.get("symbol"))
    return candidate.get("kind") == document.get("kind") and any(
        _close(candidate.get("title"), n) for n in _names(document)
    )


def _score(kind: str, candidates: list[dict[str, Any]], expected: list[dict[str, Any]],
           match: Match) -> Score:  # fmt: skip
    score = Score(kind, len(candidates), expected=len(expected))
    score.right = sum(any(match(c, e) for e in expected) for c in candidates)
    score.found = sum(any(match(c, e) for c in candidates) for e in expected)
    return score


def compare(candidates: list[Candidate]) -> list[Score]:
    """Precision and recall per kind, and overall."""
    facts = demo_facts()
    of = {k: [c.fields for c in candidates if c.kind == k] for k in ("event", "role", "initiative")}
    documents = [c.fields for c in candidates if c.kind == "document"]
    earlier = [d for d in facts["documents"] if d["kind"] == "council-report" and d["id"] != SOURCE]
    resolutions = [d for d in facts["documents"] if d["kind"] == "resolution"]
    scores = [
        _score("events (name and month)", of["event"], facts["events"], _event),
        _score("roles (body, role, period)", of["role"], facts["roles"], _role),
        _score("initiatives (name)", of["initiative"], facts["initiatives"], _initiative),
        _score("earlier reports (symbol)",
               [d for d in documents if d.get("kind") == "council-report"], earlier, _document),
        _score("resolutions (title)",
               [d for d in documents if d.get("kind") == "resolution"], resolutions, _document),
    ]  # fmt: skip
    scores.append(_partners(of["initiative"], facts["initiatives"]))
    total = Score("overall")
    for s in scores:
        total.candidates += s.candidates
        total.right += s.right
        total.expected += s.expected
        total.found += s.found
    return [*scores, total]


def _partners(candidates: list[dict[str, Any]], initiatives: list[dict[str, Any]]) -> Score:
    """(initiative, organization, role) of the initiatives both name."""
    proposed: set[tuple[str, str, str]] = set()
    for c in candidates:
        matching = [i for i in initiatives if _initiative(c, i)]
        target = max(matching, key=lambda i: _closeness(c, i)) if matching else None
        name = target["id"] if target else c["name"]
        proposed |= {(name, p["org"], p["role"]) for p in c.get("partners", [])}
    expected = {
        (i["id"], p["org"], p.get("role", "partner"))
        for i in initiatives
        for p in i.get("partners", [])
    }
    return Score("initiative partners (org, role)", len(proposed), len(proposed & expected),
                 len(expected), len(proposed & expected))  # fmt: skip


def ingest_seed(seed: Path) -> list[Candidate]:
    """The seed's candidates against a registry of the reference data alone."""
    from liaison.ingest.extract import Context, extract
    from liaison.ingest.known import Known
    from liaison.ingest.reading import read_document
    from liaison.registry.setup import open_registry

    with tempfile.TemporaryDirectory(prefix="liaison-ingest-seed-") as folder:
        database = open_registry(f"sqlite:///{Path(folder) / 'reference.db'}")
        with database.session() as session:
            known = Known.read(session)
        database.dispose()
    document = read_document(seed)
    return extract(document, Context(known, "itu", document))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    if not args.seed.exists():
        sys.exit(f"no seed at {args.seed}")
    scores = compare(ingest_seed(args.seed))
    if args.format == "json":
        rows = [{"kind": s.kind, "candidates": s.candidates, "right": s.right,
                 "expected": s.expected, "found": s.found, "precision": s.precision,
                 "recall": s.recall} for s in scores]  # fmt: skip
        print(json.dumps(rows, indent=2))
        return
    print("| kind | candidates | right | demo facts | found | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for s in scores:
        p = "–" if s.precision is None else f"{s.precision:.2f}"
        r = "–" if s.recall is None else f"{s.recall:.2f}"
        print(f"| {s.kind} | {s.candidates} | {s.right} | {s.expected} | {s.found} | {p} | {r} |")


if __name__ == "__main__":
    main()
