"""How well ingestion reads documents it was not developed on: held-out precision and recall.

    python -m benchmarks.ingest_heldout [FOLDER]

Each ``NAME.txt`` of ``tests/ingest/heldout`` (or FOLDER) comes with ``NAME.facts.yaml``: the
facts a person recorded by hand from the text before any extractor was run on it (roles, events
with their dates, initiatives with their partners, documents named by symbol). Every document is
read and its candidates extracted against a registry of the reference data alone, then compared
with those facts by the same rules as :mod:`benchmarks.ingest_seed`. Resolutions named by their
subject are not among the recorded facts: they are counted apart, not judged. Nothing here was
tuned on these documents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from benchmarks.ingest_seed import ROOT, Score, _document, _event, _initiative, _role, _score
from liaison.ingest.candidates import Candidate

HELD_OUT = ROOT / "tests" / "ingest" / "heldout"


def _partners(candidates: list[dict[str, Any]], initiatives: list[dict[str, Any]]) -> Score:
    proposed: set[tuple[str, str, str]] = set()
    for c in candidates:
        target = next((i for i in initiatives if _initiative(c, i)), None)
        name = str(target["name"]) if target else c["name"]
        proposed |= {(name, p["org"], p["role"]) for p in c.get("partners", [])}
    expected = {
        (str(i["name"]), p["org"], p.get("role", "partner"))
        for i in initiatives
        for p in i.get("partners", [])
        if p.get("org")
    }
    right = len(proposed & expected)
    return Score("initiative partners (org, role)", len(proposed), right, len(expected), right)


def compare(candidates: list[Candidate], facts: dict[str, Any]) -> list[Score]:
    of = {k: [c.fields for c in candidates if c.kind == k] for k in ("event", "role", "initiative")}
    symbols = [c.fields for c in candidates if c.kind == "document" and c.fields.get("symbol")]
    expected_roles = [r for r in facts.get("roles", []) if r.get("body")]
    scores = [
        _score("events (name and month)", of["event"], facts.get("events", []), _event),
        _score("roles (body, role, period)", of["role"], expected_roles, _role),
        _score("initiatives (name)", of["initiative"], facts.get("initiatives", []), _initiative),
        _score("documents (symbol)", symbols, facts.get("documents", []), _document),
        _partners(of["initiative"], facts.get("initiatives", [])),
    ]
    total = Score("overall")
    for s in scores:
        total.candidates += s.candidates
        total.right += s.right
        total.expected += s.expected
        total.found += s.found
    return [*scores, total]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HELD_OUT)
    args = parser.parse_args(argv)
    texts = sorted(args.folder.glob("*.txt"))
    if not texts:
        sys.exit(f"no held-out document in {args.folder}")
    from liaison.ingest.extract import Context, extract
    from liaison.ingest.known import Known
    from liaison.ingest.reading import read_document
    from liaison.registry.setup import open_registry

    with tempfile.TemporaryDirectory(prefix="liaison-heldout-") as folder:
        database = open_registry(f"sqlite:///{Path(folder) / 'reference.db'}")
        with database.session() as session:
            known = Known.read(session)
        database.dispose()
    print("| document | kind | candidates | right | facts | found | precision | recall |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pooled = Score("overall")
    for text in texts:
        facts = yaml.safe_load(text.with_suffix(".facts.yaml").read_text("utf-8")) or {}
        document = read_document(text)
        candidates = extract(document, Context(known, "itu", document))
        unjudged = sum(c.extractor == "resolutions" for c in candidates)
        scores = compare(candidates, facts)
        for name in ("candidates", "right", "expected", "found"):
            setattr(pooled, name, getattr(pooled, name) + getattr(scores[-1], name))
        for s in scores:
            p = "–" if s.precision is None else f"{s.precision:.2f}"
            r = "–" if s.recall is None else f"{s.recall:.2f}"
            print(f"| {text.stem} | {s.kind} | {s.candidates} | {s.right} | {s.expected} "
                  f"| {s.found} | {p} | {r} |")  # fmt: skip
        print(f"| {text.stem} | resolutions by subject (not judged) | {unjudged} | | | | | |")
    p = "–" if pooled.precision is None else f"{pooled.precision:.2f}"
    r = "–" if pooled.recall is None else f"{pooled.recall:.2f}"
    print(f"| all {len(texts)} documents | overall | {pooled.candidates} | {pooled.right} "
          f"| {pooled.expected} | {pooled.found} | {p} | {r} |")  # fmt: skip


if __name__ == "__main__":
    main()
