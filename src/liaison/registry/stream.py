"""Reading an import file a record at a time, so that memory does not grow with the file.

JSON Lines (one record per line, under its kind: ``{"events": {…}}``), JSON (with ijson's C
parser), YAML (libyaml's events, each record composed on its own) and CSV are read record by
record; an
XLSX workbook is read whole (a sheet is small). Each record comes with the lines of its fields
where the format has lines; problems with the file itself (its syntax, its shape) are added
to the file's problem list, and reading stops there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from liaison.errors import ProblemList
from liaison.registry.reader import (
    SUFFIXES,
    DuplicateKey,
    FieldPath,
    UniqueKeys,
    _delimiter,
    _unique_pairs,
    _UniqueKeyLoader,
    table_rows,
)
from liaison.registry.schema import KINDS

try:  # libyaml's parser when PyYAML has it
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]

FORMATS = SUFFIXES
NESTED_TOO_DEEPLY = "nested too deeply: records are mappings of fields, at most a few levels"


@dataclass
class RawRecord:
    """One record as read, before validation: its kind, its place among that kind's records in
    the file, and the lines of the record (``()``), its fields and list items."""

    kind: str
    index: int
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    @property
    def line(self) -> int | None:
        return self.lines.get(())

    def line_of(self, path: FieldPath = ()) -> int | None:
        return line_in(self.lines, path)

    @property
    def locator(self) -> Callable[[FieldPath], int | None]:
        """:meth:`line_of` without holding the record (only its lines)."""
        return partial(line_in, self.lines)


def line_in(lines: dict[FieldPath, int], path: FieldPath = ()) -> int | None:
    """The line of a field (or of an item of a list field), else of the record."""
    for depth in (2, 1, 0):
        if len(path) >= depth and path[:depth] in lines:
            return lines[path[:depth]]
    return None


def records_in(path: Path, problems: ProblemList) -> Iterator[RawRecord]:
    """The records of one file, read as they come."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        problems.add(f"unknown file type '{path.suffix}': use {', '.join(FORMATS)}")
        return
    try:
        with path.open("rb") as handle:
            if fmt == "json":
                yield from _json(handle, problems)
            elif fmt == "jsonl":
                yield from _jsonl(handle, problems)
            elif fmt == "yaml":
                yield from _yaml(handle, problems)
            elif fmt == "csv":
                yield from _csv(path, handle, problems)
            else:
                yield from _xlsx(handle.read(), problems)
    except OSError as exc:
        problems.add(f"cannot read the file: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        problems.add(f"cannot read the file: not UTF-8 text ({exc.reason} at byte {exc.start})")
    except RecursionError:
        problems.add(NESTED_TOO_DEEPLY)


def _kind(name: object, problems: ProblemList, line: int | None = None) -> str | None:
    if isinstance(name, str) and name in KINDS:
        return name
    problems.add(f"'{name}' is not a kind of record: use one of {', '.join(KINDS)}", line=line)
    return None


# --- JSON Lines -----------------------------------------------------------------------------


def _jsonl(handle: IO[bytes], problems: ProblemList) -> Iterator[RawRecord]:
    counts: dict[str, int] = {}
    for number, raw in enumerate(handle, 1):
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        if not text:
            continue
        try:
            item = json.loads(text, object_pairs_hook=_unique_pairs)
        except json.JSONDecodeError as exc:
            problems.add(f"not valid JSON: {exc.msg}", line=number)
            return
        except DuplicateKey as exc:
            problems.add(str(exc), line=number)
            return
        if not isinstance(item, dict) or len(item) != 1:
            problems.add(
                'each line must be one record under its kind: {"events": {…}}', line=number
            )
            return
        ((name, record),) = item.items()
        kind = _kind(name, problems, number)
        if kind is None:
            return
        index = counts[kind] = counts.get(kind, -1) + 1
        yield RawRecord(kind, index, record, {(): number})


# --- JSON -----------------------------------------------------------------------------------


class _Builder:
    """Builds one value from ijson's events, refusing a key given twice in one object."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.keys: list[str | None] = []
        self.value: Any = None

    def event(self, event: str, value: Any) -> bool:
        """Take one event; True when the value is complete."""
        if event == "map_key":
            if value in self.stack[-1]:
                raise DuplicateKey(value)
            self.keys[-1] = value
            return False
        if event in ("start_map", "start_array"):
            self.stack.append({} if event == "start_map" else [])
            self.keys.append(None)
            return False
        if event in ("end_map", "end_array"):
            self.keys.pop()
            return self._add(self.stack.pop())
        return self._add(float(value) if type(value).__name__ == "Decimal" else value)

    def _add(self, value: Any) -> bool:
        if not self.stack:
            self.value = value
            return True
        top = self.stack[-1]
        if isinstance(top, list):
            top.append(value)
        else:
            top[self.keys[-1]] = value
        return False


def _json(handle: IO[bytes], problems: ProblemList) -> Iterator[RawRecord]:
    import ijson  # type: ignore[import-untyped]

    if handle.read(3) != b"\xef\xbb\xbf":  # a byte-order mark is not JSON
        handle.seek(0)
    events = ijson.basic_parse(handle, use_float=True)
    try:
        first = next(events, None)
        if first is None:
            return
        if first[0] != "start_map":
            problems.add("the file must be a mapping of record kinds to lists of records")
            return
        seen: set[str] = set()
        for event, value in events:
            if event == "end_map":
                return
            if value in seen:
                problems.add(f"the key '{value}' is given twice in one mapping")
                return
            seen.add(value)
            kind = _kind(value, problems)
            if kind is None:
                return
            start, _ = next(events)
            if start != "start_array":
                problems.add(f"'{kind}' must be a list of records")
                return
            for index, (event, value) in enumerate(events):
                if event == "end_array":
                    break
                builder = _Builder()
                done = builder.event(event, value)
                while not done:
                    done = builder.event(*next(events))
                yield RawRecord(kind, index, builder.value)
    except ijson.JSONError as exc:
        problems.add(f"not valid JSON: {exc}")
    except DuplicateKey as exc:
        problems.add(str(exc))


# --- YAML -----------------------------------------------------------------------------------


class _RecordLoader(UniqueKeys, _Parser, Composer, SafeConstructor, Resolver):
    """libyaml's parser with PyYAML's composer, so that a document is composed a node at a time;
    keys given twice are refused and dates stay text, as by the whole-file reader."""

    yaml_implicit_resolvers = _UniqueKeyLoader.yaml_implicit_resolvers

    def __init__(self, stream: IO[bytes]) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def next_node(self) -> yaml.Node:
        """The next node of the document, composed whole."""
        node = self.compose_node(None, None)  # type: ignore[arg-type]
        assert node is not None
        return node


def _node_lines(node: yaml.Node) -> dict[FieldPath, int]:
    lines: dict[FieldPath, int] = {(): node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(key.value,)] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for position, item in enumerate(value.value):
                    lines[(key.value, position)] = item.start_mark.line + 1
    return lines


def _yaml(handle: IO[bytes], problems: ProblemList) -> Iterator[RawRecord]:
    loader = _RecordLoader(handle)
    try:
        yield from _yaml_records(loader, problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(f"not valid YAML: {exc}", line=mark.line + 1 if mark else None)
    except DuplicateKey as exc:
        problems.add(str(exc), line=exc.line)
    finally:
        loader.dispose()


def _yaml_records(loader: _RecordLoader, problems: ProblemList) -> Iterator[RawRecord]:
    loader.get_event()  # the stream starts
    if loader.check_event(yaml.StreamEndEvent):
        return
    loader.get_event()  # the document starts
    if not loader.check_event(yaml.MappingStartEvent):
        value = loader.construct_document(loader.next_node())
        if value is not None:
            problems.add("the file must be a mapping of record kinds to lists of records")
        return
    loader.get_event()
    seen: set[str] = set()
    while not loader.check_event(yaml.MappingEndEvent):
        key = loader.next_node()
        line = key.start_mark.line + 1
        if key.value in seen:
            raise DuplicateKey(key.value, line)
        seen.add(key.value)
        kind = _kind(key.value, problems, line)
        if kind is None:
            return
        if not loader.check_event(yaml.SequenceStartEvent):
            if loader.construct_document(loader.next_node()) is not None:
                problems.add(f"'{kind}' must be a list of records", line=line)
                return
            continue
        loader.get_event()
        index = 0
        while not loader.check_event(yaml.SequenceEndEvent):
            node = loader.next_node()
            yield RawRecord(kind, index, loader.construct_document(node), _node_lines(node))
            index += 1
        loader.get_event()


# --- CSV and XLSX ---------------------------------------------------------------------------


def _csv(path: Path, handle: IO[bytes], problems: ProblemList) -> Iterator[RawRecord]:
    kind = path.stem
    if kind not in KINDS:
        problems.add(f"a CSV file is named after the kind it holds: one of {', '.join(KINDS)}")
        return
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    header_line = text.readline()
    if not header_line.strip():
        return
    delimiter = _delimiter(header_line, problems)
    header = next(csv.reader([header_line], delimiter=delimiter))
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = 2
        for row in reader:
            line, start = start, reader.line_num + 2
            yield line, row

    lines: dict[tuple[Any, ...], int] = {}
    for index, line, record in table_rows(kind, header, rows(), problems, lines):
        yield RawRecord(kind, index, record, {(): line})
        lines.clear()


def _xlsx(raw: bytes, problems: ProblemList) -> Iterator[RawRecord]:
    from liaison.registry.workbook import read_workbook

    data, lines = read_workbook(raw, problems)
    if problems.problems:
        return
    for kind, records in data.items():
        for index, record in enumerate(records):
            yield RawRecord(kind, index, record, {(): lines[(kind, index)]})
