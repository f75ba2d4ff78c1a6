"""Files are read a record at a time, each format giving what the whole-file reader gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.errors import InvalidInput, ProblemList
from liaison.registry import dump
from liaison.registry.importer import import_paths
from liaison.registry.reader import read_file
from liaison.registry.stream import records_in
from liaison.storage.database import Database


def streamed(path: Path) -> tuple[dict[str, list[object]], list[str]]:
    problems = ProblemList(str(path))
    found: dict[str, list[object]] = {}
    for raw in records_in(path, problems):
        assert raw.index == len(found.setdefault(raw.kind, []))
        found[raw.kind].append(raw.data)
    return found, [str(p) for p in problems.problems]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_each_format_streams_the_records_the_whole_file_holds(
    demo_database: Database, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"registry.{fmt}"
    with demo_database.session() as session:
        path.write_text(dump.text(session, fmt), encoding="utf-8")
    records, problems = streamed(path)
    assert problems == []
    whole = read_file(path).dataset.model_dump(exclude_defaults=True, exclude_none=True)
    assert sum(map(len, records.values())) == sum(map(len, whole.values())) > 400
    assert [r["id"] for r in records["events"]] == [r["id"] for r in whole["events"]]  # type: ignore[index]


def test_a_yaml_record_knows_the_lines_of_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "events:\n  - id: e1\n    name: A\n    organizers:\n      - itu\n      - unesco\n"
        "  - id: e2\n    date: 2017-13-45\n",
        encoding="utf-8",
    )
    raws = list(records_in(path, ProblemList("a.yaml")))
    assert [r.line for r in raws] == [2, 7]
    assert raws[0].line_of(("organizers", 1)) == 6
    assert raws[1].data["date"] == "2017-13-45"  # dates stay text, to be validated with a line


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.jsonl", '{"events": {}}\n{"id": "e2", "name": "x"}\n', "a.jsonl:2: each line"),
        ("b.jsonl", '{"events": {"id": "e1"}}\nnot json\n', "b.jsonl:2: not valid JSON"),
        ("c.json", '{"events": [{"id": "e1", "id": "e2"}]}', "the key 'id' is given twice"),
        ("d.json", '{"planets": []}', "'planets' is not a kind of record"),
        ("e.json", '[{"id": "e1"}]', "must be a mapping of record kinds"),
        ("f.json", '{"events": [{"id": "e1"', "not valid JSON"),
        ("g.yaml", "events:\n  - id: e1\n    id: e2\n", "g.yaml:3: the key 'id' is given twice"),
        ("h.yaml", "events: [\n", "not valid YAML"),
        ("i.yaml", "events: 3\n", "'events' must be a list of records"),
    ],
)
def test_a_bad_file_is_one_problem_with_its_place(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, problems = streamed(path)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_large_import_writes_nothing_when_its_last_record_is_bad(
    database: Database, tmp_path: Path
) -> None:
    """Batches written before the problem is found are rolled back with the import."""
    lines = [
        f'{{"events": {{"id": "e{n}", "name": "Event {n}", "kind": "meeting", "date": "2017"}}}}'
        for n in range(4_500)  # more than two batches
    ]
    lines.append('{"events": {"id": "last", "name": "Bad", "kind": "party", "date": "2017"}}')
    lines.append('{"roles": {"holder": "itu", "role": "member", "body": "nowhere"}}')
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused, database.session() as session:
        import_paths(session, [path])
    said = [str(p) for p in refused.value.problems]
    assert any("many.jsonl:4501" in p and "'party' is not one of" in p for p in said), said
    assert any("many.jsonl:4502" in p and "no record has the id 'nowhere'" in p for p in said)
    with database.session() as session:
        assert dump.text(session, "jsonl").count('"events"') == 0
