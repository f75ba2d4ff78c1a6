"""Export writes every record with stable ids; export → import → export is the identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from liaison.registry import dump, exporter
from liaison.registry.importer import import_paths
from liaison.storage.database import Database


def export_to(database: Database, fmt: str, folder: Path) -> dict[str, bytes]:
    with database.session() as session:
        return {p.name: p.read_bytes() for p in dump.write(session, fmt, folder)}


def test_the_streamed_export_says_what_the_records_say(demo_database: Database) -> None:
    """The export reads rows with Core statements; the records the ORM loads must agree."""
    with demo_database.session() as session:
        loaded = exporter.plain(exporter.dataset(session))
        assert json.loads(dump.text(session, "json")) == loaded
        assert yaml.safe_load(dump.text(session, "yaml")) == loaded
        lines = [json.loads(line) for line in dump.text(session, "jsonl").splitlines()]
    assert len(lines) == sum(len(records) for records in loaded.values())
    assert [next(iter(line.values())) for line in lines if "events" in line] == loaded["events"]


@pytest.mark.parametrize("fmt", dump.FORMATS)
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
    with database.session() as session, pytest.raises(Exception, match="unknown format"):
        list(dump.write(session, "xml", tmp_path))
