"""How often the classifier's WSIS suggestions agree with the WSIS tags a person entered on the
demo dataset's initiatives.

    python -m benchmarks.wsis_agreement [--mode accurate|fast]

For each initiative with hand-entered WSIS tags (``wsis:C…``), compares the classifier's
suggested action lines (up to three) with them: precision and recall over all pairs, and the
share of initiatives where at least one suggestion is right. The initiatives are not used to
build or tune the classifier.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from liaison.classify.analysis import Options
from liaison.classify.modes import MODES, classifier_for
from liaison.demo import data_folder
from liaison.model import Initiative, Tag
from liaison.model.hooks import search_rows
from liaison.registry.importer import import_paths
from liaison.registry.setup import open_registry


def main(mode: str = "accurate") -> None:
    path = Path(tempfile.mkdtemp(prefix="liaison-wsis-")) / "demo.db"
    database = open_registry(f"sqlite:///{path}")
    with database.session() as session:
        import_paths(session, [data_folder()], base=data_folder())
    with database.session() as session:
        ids = list(session.scalars(select(Initiative.id).order_by(Initiative.id)))
        gold: dict[str, set[str]] = {}
        for record_id, taxon in session.execute(
            select(Tag.record_id, Tag.taxon_id).where(
                Tag.record_id.in_(ids), Tag.taxon_id.like("wsis:%"), Tag.state == "accepted"
            )
        ):
            gold.setdefault(record_id, set()).add(taxon.removeprefix("wsis:"))
        texts = [(r["record_id"], r["body"]) for r in search_rows(session, sorted(gold))]
    results = classifier_for(Options(mode)).classify_many(texts)
    hits = suggested = expected = any_right = 0
    rows = []
    for result in results:
        want = gold[result.id]
        got = [w.code for w in result.wsis]
        right = set(got) & want
        hits += len(right)
        suggested += len(got)
        expected += len(want)
        any_right += bool(right)
        rows.append(f"| {result.id} | {', '.join(sorted(want))} | {', '.join(got) or '-'} |")
    print(f"{len(results)} initiatives with hand-entered WSIS tags\n")
    print("| initiative | entered by a person | suggested |\n|---|---|---|")
    print("\n".join(rows))
    precision = hits / suggested if suggested else 0.0
    recall = hits / expected if expected else 0.0
    print(
        f"\nprecision {precision:.2f} ({hits}/{suggested}), recall {recall:.2f} "
        f"({hits}/{expected}), at least one right {any_right}/{len(results)}"
    )
    database.dispose()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=MODES, default="accurate")
    main(parser.parse_args().mode)
