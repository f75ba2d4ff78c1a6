"""Export writes every record with stable ids; export → import → export is the identity."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.registry import exporter
from liaison.registry.importer import import_paths
from liaison.storage.database import Database


def export_to(database: Database, fmt: str, folder: Path) -> dict[str, bytes]:
    with database.session() as session:
        data = exporter.dataset(session)
    return {p.name: p.read_bytes() for p in exporter.write(data, fmt, folder)}


@pytest.mark.parametrize("fmt", exporter.FORMATS)
def test_export_import_export_is_identical(
    demo_database: Database, db_url: str, tmp_path: Path, fmt: str
) -> None:
    first = export_to(demo_database, fmt, tmp_path / "first")
    # One file per kind; XLSX is one workbook with a sheet per kind.
    files = ["registry.xlsx"] if fmt == "xlsx" else [f"{kind}.{fmt}" for kind in exporter.KINDS]
    assert sorted(first) == sorted(files)
    empty = Database(db_url)
    with empty.session() as session:
        result = import_paths(session, [tmp_path / "first"])
    assert sum(result.created.values()) > 100
    second = export_to(empty, fmt, tmp_path / "second")
    empty.dispose()
    assert second == first


def test_export_is_stable_and_sorted(demo_database: Database) -> None:
    with demo_database.session() as session:
        once = exporter.plain(exporter.dataset(session))
        twice = exporter.plain(exporter.dataset(session))
    assert once == twice
    for kind, records in once.items():
        ids = [r["id"] for r in records]
        assert ids == sorted(ids), kind


def test_tags_keep_their_provenance(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "tagged.yaml"
    path.write_text(
        "activities:\n"
        "  - id: act-tagged\n"
        "    org: itu\n"
        "    text: Mapped activities to the SDGs.\n"
        "    tags:\n"
        "      - sdg:9\n"
        "      - {taxon: sdg:17, state: suggested, score: 0.82, evidence: SDGs,"
        " suggested_by: test-classifier 1.0}\n"
        "      - {taxon: wsis:C1, state: rejected, score: 0.4,"
        " suggested_by: test-classifier 1.0}\n",
        encoding="utf-8",
    )
    with database.session() as session:
        import_paths(session, [path])
    with database.session() as session:
        tags = exporter.plain(exporter.dataset(session, ["act-tagged"]))["activities"][0]["tags"]
    assert tags == [
        "sdg:9",
        {
            "taxon": "sdg:17",
            "state": "suggested",
            "score": 0.82,
            "evidence": "SDGs",
            "suggested_by": "test-classifier 1.0",
        },
        {
            "taxon": "wsis:C1",
            "state": "rejected",
            "score": 0.4,
            "suggested_by": "test-classifier 1.0",
        },
    ]


def test_unknown_format_is_refused(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        data = exporter.dataset(session)
    with pytest.raises(Exception, match="unknown format"):
        list(exporter.write(data, "xml", tmp_path))
