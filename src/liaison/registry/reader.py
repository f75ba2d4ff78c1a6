"""Reading import files (YAML, JSON, CSV, or a folder of them) into validated datasets.

Every problem names the file, the record, the field and, for YAML and CSV, the line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from liaison.errors import ProblemList
from liaison.registry.schema import KINDS, Dataset, RecordData, id_problem

YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it


class DuplicateKey(ValueError):
    """A mapping that gives one key twice: the later value would silently win."""

    def __init__(self, key: object, line: int | None = None) -> None:
        super().__init__(f"the key '{key}' is given twice in one mapping")
        self.line = line


class UniqueKeys:
    """Refuses a key given twice in one mapping (YAML 1.2 says it is an error; PyYAML keeps the
    last value). Mixed into a loader before its constructor."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if key in seen:
                raise DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)  # type: ignore[arg-type]


class _UniqueKeyLoader(UniqueKeys, YamlLoader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key given twice in one mapping."""


# Dates stay text as written (``date: 2017-05-06``): the format validates them itself, with the
# field and line, where PyYAML would turn them into dates or fail on ``2017-13-45``.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
}


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKey(key)
        found[key] = value
    return found


# Pydantic's errors for an id that breaks the pattern or is too long (ids are the only fields
# with a pattern and the only ones of the import format with a maximum length).
ID_ERRORS = ("string_pattern_mismatch", "string_too_long")
SUFFIXES = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass
class ImportFile:
    """One validated file, with the line of every record and field where known."""

    name: str
    dataset: Dataset
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line_of(self, kind: str, index: int, path: FieldPath = ()) -> int | None:
        """The line of a record, of one of its fields, or of one item of a list field."""
        for depth in (2, 1, 0):
            key = (kind, index, *path[:depth])
            if len(key) == 2 + depth and key in self.lines:
                return self.lines[key]
        return None


FieldPath = tuple[str | int, ...]


def field_label(path: FieldPath) -> str | None:
    """``("participants", 1, "org")`` → ``participants[1].org``."""
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label or None


def files_in(path: Path) -> list[Path]:
    """The import files at ``path``: the file itself, or every known file under a folder."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    return [path]


def read_file(path: Path, display_name: str | None = None) -> ImportFile:
    name = display_name or str(path)
    problems = ProblemList(name)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        suffixes = ", ".join(SUFFIXES)
        problems.add(f"unknown file type '{path.suffix}': use {suffixes}")
        problems.raise_if_any()
    try:
        raw = path.read_bytes()
        # Bytes decoded as they are: a CSV cell keeps its own line breaks ("\r\n" included),
        # and a byte-order mark (Excel's "CSV UTF-8") is not taken for text.
        text = "" if fmt == "xlsx" else raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(f"cannot read the file: {exc}")
        problems.raise_if_any()
    lines: dict[tuple[Any, ...], int] = {}
    data: Any = None
    try:
        if fmt == "xlsx":
            from liaison.registry.workbook import read_workbook

            data, lines = read_workbook(raw, problems)
        elif fmt == "yaml":
            data = yaml.load(text, Loader=_UniqueKeyLoader) or {}
            lines = _yaml_lines(text)
        elif fmt == "json":
            data = json.loads(text, object_pairs_hook=_unique_pairs) if text.strip() else {}
        elif fmt == "jsonl":
            data = _jsonl_dataset(text)
        else:
            data, lines = _read_csv(path, text, problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(f"not valid YAML: {exc}", line=mark.line + 1 if mark else None)
    except json.JSONDecodeError as exc:
        problems.add(f"not valid JSON: {exc.msg}", line=exc.lineno)
    except DuplicateKey as exc:
        problems.add(str(exc), line=exc.line)
    except RecursionError:
        problems.add("nested too deeply: records are mappings of fields, at most a few levels")
    problems.raise_if_any()
    # Text read from a file can hold a NUL or a lone surrogate only as written (a NUL byte) or
    # through an escape (JSON's \u0000, YAML's \0 or \ud800): without either, no need to look.
    unsure = "\x00" in text or "\\" in text or fmt == "xlsx"
    try:
        return validated(name, data, lines, problems, may_hold_unstorable=unsure)
    except RecursionError:
        problems.add("nested too deeply: records are mappings of fields, at most a few levels")
        problems.raise_if_any()
        raise


def validated(
    name: str,
    data: Any,
    lines: dict[tuple[Any, ...], int] | None = None,
    problems: ProblemList | None = None,
    *,
    may_hold_unstorable: bool = True,
) -> ImportFile:
    """Data read from a file (or sent by a form or the API) as a validated import file.

    Every problem names ``name``, the record, the field and, when ``lines`` knows it, the line.
    """
    lines = lines or {}
    problems = problems or ProblemList(name)
    if not isinstance(data, dict):
        problems.add("the file must be a mapping of record kinds to lists of records")
        problems.raise_if_any()
    unstorable = list(unstorable_paths(data)) if may_hold_unstorable else []
    for path in unstorable:
        kind = str(path[0]) if path else ""
        index = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
        problems.add(
            "a NUL character or a lone surrogate cannot be stored",
            record=_record_label(data, kind, index),
            field=field_label(path[2:]) or kind,
            line=ImportFile(name, Dataset(), lines).line_of(kind, index, path[2:]),
        )
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as exc:
        located = ImportFile(name, Dataset(), lines)
        for error in exc.errors():
            loc = error["loc"]
            kind = str(loc[0]) if loc else ""
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1
            field_path = tuple(loc[2:])
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] in ID_ERRORS:
                message = id_problem(error["input"])
            problems.add(
                message,
                record=_record_label(data, kind, index),
                field=field_label(field_path) or kind,
                line=located.line_of(kind, index, field_path),
            )
        problems.raise_if_any()
    if unstorable:
        problems.raise_if_any()
    return ImportFile(name, dataset, lines)


def _jsonl_dataset(text: str) -> dict[str, list[Any]]:
    """JSON Lines (one record per line, under its kind: ``{"events": {…}}``) as one dataset."""
    data: dict[str, list[Any]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        item = json.loads(line, object_pairs_hook=_unique_pairs)
        for kind, record in item.items() if isinstance(item, dict) else [("", item)]:
            data.setdefault(str(kind), []).append(record)
    return data


def storable(text: str) -> bool:
    """Whether both databases can store ``text``: PostgreSQL takes no NUL, UTF-8 no surrogate."""
    return _UNSTORABLE.search(text) is None


def unstorable_paths(value: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Where in ``value`` a text (or a key) is not :func:`storable`."""
    if isinstance(value, str):
        if not storable(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and not storable(key):
                yield path
            yield from unstorable_paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from unstorable_paths(item, (*path, position))


def _record_label(data: dict[str, Any], kind: str, index: int) -> str | None:
    try:
        item = data[kind][index]
    except (KeyError, IndexError, TypeError):
        return None
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{kind}[{index}]" + (f" ({ident})" if ident else "")


def _yaml_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Line numbers of each record and each of its fields, from the YAML node tree."""
    lines: dict[tuple[Any, ...], int] = {}
    root = yaml.compose(text, Loader=YamlLoader)
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        if not isinstance(value_node, yaml.SequenceNode):
            continue
        kind = key_node.value
        for index, item in enumerate(value_node.value):
            lines[(kind, index)] = item.start_mark.line + 1
            if isinstance(item, yaml.MappingNode):
                for field_key, field_value in item.value:
                    lines[(kind, index, field_key.value)] = field_key.start_mark.line + 1
                    if isinstance(field_value, yaml.SequenceNode):
                        for position, element in enumerate(field_value.value):
                            line = element.start_mark.line + 1
                            lines[(kind, index, field_key.value, position)] = line
    return lines


def _structured_fields(kind: str) -> set[str]:
    model = Dataset.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    assert issubclass(model, RecordData)
    return {
        name
        for name, info in model.model_fields.items()
        if info.default_factory in (list, dict) or isinstance(info.default, list | dict)
    }


#: The separators a CSV file may use, in the order they are preferred when a header has several.
DELIMITERS = (",", ";", "\t")


def _delimiter(header: str, problems: ProblemList) -> str:
    """The separator of a CSV file, told from its header line (the field names have none)."""
    found = [d for d in DELIMITERS if d in header]
    if not found:
        if re.fullmatch(r"[a-z_]+", header.strip()):
            return ","  # one column: nothing to separate
        problems.add(
            "cannot tell how the columns are separated: the header line has no comma, "
            "semicolon or tab",
            line=1,
        )
        problems.raise_if_any()
    return max(found, key=lambda d: (header.count(d), -DELIMITERS.index(d)))


def _read_csv(
    path: Path, text: str, problems: ProblemList
) -> tuple[dict[str, Any], dict[tuple[Any, ...], int]]:
    kind = path.stem
    if kind not in KINDS:
        problems.add(f"a CSV file is named after the kind it holds: one of {', '.join(KINDS)}")
        problems.raise_if_any()
    lines: dict[tuple[Any, ...], int] = {}
    if not text.strip():
        return {kind: []}, lines
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(
        text.split("\n", 1)[0], problems
    ))  # fmt: skip
    header = next(reader)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            yield line, row

    return {kind: table_records(kind, header, rows(), problems, lines)}, lines


def table_records(
    kind: str,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    problems: ProblemList,
    lines: dict[tuple[Any, ...], int],
) -> list[dict[str, Any]]:
    """The records of a table of one kind (a CSV file, a sheet): a header naming the fields, then
    one row per record, lists and mappings as JSON inside their cell, empty cells absent."""
    return [record for _, _, record in table_rows(kind, header, rows, problems, lines)]


def table_rows(
    kind: str,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    problems: ProblemList,
    lines: dict[tuple[Any, ...], int],
) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """:func:`table_records` a row at a time, with its place and line; a row with too many cells
    is added to ``problems`` and left out, so that the next rows are still read."""
    structured = _structured_fields(kind)
    for column in sorted({c for c in header if header.count(c) > 1}):
        problems.add(f"the column '{column}' is given twice in the header", field=column, line=1)
    problems.raise_if_any()
    index = -1
    for line, row in rows:
        index += 1
        lines[(kind, index)] = line
        if len(row) > len(header):
            problems.add(
                f"this row has {len(row)} cells and the header {len(header)}: the cells past "
                "the last column belong to no field",
                record=f"{kind}[{index}]",
                line=line,
            )
            continue
        record: dict[str, Any] = {}
        for column, cell in zip(header, row, strict=False):
            if cell == "":
                continue
            if column in structured:
                try:
                    record[column] = json.loads(cell, object_pairs_hook=_unique_pairs)
                except (json.JSONDecodeError, DuplicateKey) as exc:
                    message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                    problems.add(
                        f"not a JSON value: {message}",
                        record=f"{kind}[{index}]",
                        field=column,
                        line=line,
                    )
            else:
                record[column] = cell
        yield index, line, record
