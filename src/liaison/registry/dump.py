"""Export a record at a time: the registry in the import format, read with Core statements and
written as it is read, so that time and memory stay low on a large registry.

The records are those :func:`liaison.registry.exporter.dataset` gives, with the same fields,
order and text: export, import into an empty database and export again gives identical output.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.errors import InvalidRequest
from liaison.registry.bulk import CHUNK, load_stored
from liaison.registry.kinds import COMMON, KINDS, Kind, Row, table
from liaison.registry.schema import KINDS as KIND_NAMES
from liaison.registry.schema import Dataset

FORMATS = ("json", "jsonl", "yaml", "csv", "xlsx")
Records = Iterator[dict[str, Any]]


def records(session: Session, kind_name: str) -> Records:
    """Every record of one kind in the import format, in id order, a chunk at a time."""
    kind = KINDS[kind_name]
    rows = table("records")
    query = select(rows.c.id).where(rows.c.record_type == kind.record_type)
    # Sorted here, not in SQL, so that every backend and collation gives the same order.
    ids = sorted(session.scalars(query))
    fields = list(_model(kind_name).model_fields)
    order = _taxon_order(session)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stored = load_stored(session, kind, chunk)
        for record_id in chunk:
            found = stored[record_id]
            found.children["tags"].sort(key=lambda r: order.get(r["taxon_id"], (1 << 30, "")))
            statuses = found.children.get("jiu_statuses")
            if statuses:
                statuses.sort(key=_status_order)
            plain = plain_record(kind, found.main, found.children)
            yield {name: plain[name] for name in fields if name in plain}


def plain_record(kind: Kind, row: Row, children: dict[str, list[Row]]) -> dict[str, Any]:
    """A stored record in the import format, leaving out empty and default fields."""
    out: dict[str, Any] = {"id": row["id"]}
    defaults = _defaults(kind.name)
    for field in (*COMMON, *kind.fields):
        value = field.read(row)
        if value not in (None, []) and value != defaults.get(field.name, _MISSING):
            out[field.name] = value
    for child in kind.all_children:
        value = child.plain(children.get(child.table, []))
        if value:
            out[child.field] = _clean(value)
    return out


_MISSING = object()


@cache
def _defaults(kind: str) -> dict[str, Any]:
    from liaison.registry.schema import Dataset

    model = Dataset.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    return {
        name: info.default
        for name, info in model.model_fields.items()
        if info.default is not None and not isinstance(info.default, list | dict)
    }


def _clean(value: Any) -> Any:
    """A list field's items without their empty values (as the export writes them)."""
    if isinstance(value, list):
        return [
            {k: v for k, v in item.items() if v is not None} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def _model(kind: str) -> Any:
    return Dataset.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]


def _taxon_order(session: Session) -> dict[str, tuple[int, str]]:
    taxa = table("taxa")
    return {t: (p, t) for t, p in session.execute(select(taxa.c.id, taxa.c.position))}


def _status_order(row: dict[str, Any]) -> tuple[Any, ...]:
    # As a recommendation's page lists them: each organization's updates in date order.
    return (row["organization_id"], row["earliest"], row["latest"], row["position"])


# --- writers ----------------------------------------------------------------------------------


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def write_json(kinds: Sequence[tuple[str, Records]], out: IO[str]) -> None:
    """As ``json.dumps({kind: [...], …}, indent=2)`` would write it, a record at a time."""
    out.write("{")
    for number, (kind, items) in enumerate(kinds):
        out.write(("," if number else "") + "\n  " + json.dumps(kind) + ": [")
        first = True
        for item in items:
            out.write("\n" if first else ",\n")
            # orjson writes what json.dumps(indent=2, ensure_ascii=False) does, twenty times faster.
            out.write(_indented(orjson.dumps(item, option=orjson.OPT_INDENT_2).decode(), "    "))
            first = False
        out.write("]" if first else "\n  ]")
    out.write("\n}\n" if kinds else "}\n")


def write_jsonl(kinds: Sequence[tuple[str, Records]], out: IO[str]) -> None:
    """One record per line under its kind (``{"events": {…}}``): what large imports read
    fastest."""
    for kind, items in kinds:
        for item in items:
            out.write(orjson.dumps({kind: item}).decode() + "\n")


YAML_STYLE: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 100}


def _yaml_dumper() -> Any:
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it

    class Dumper(base):  # type: ignore[misc,valid-type]
        """A record shares no value with another: no anchors to look for (10% faster)."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    return Dumper


def write_yaml(kinds: Sequence[tuple[str, Records]], out: IO[str]) -> None:
    """As ``yaml.dump({kind: [...], …})`` would write it, a record at a time."""
    import yaml

    dumper = _yaml_dumper()
    for kind, items in kinds:
        out.write(f"{kind}:")
        first = True
        for item in items:
            if first:
                out.write("\n")
                first = False
            out.write(yaml.dump([item], Dumper=dumper, **YAML_STYLE))
        if first:
            out.write(" []\n")


def write_csv(kinds: Sequence[tuple[str, Records]], out: IO[str]) -> None:
    """One kind as CSV: lists and mappings are JSON inside their cell."""
    ((kind, items),) = kinds
    writer = csv.DictWriter(out, fieldnames=list(_model(kind).model_fields), lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False)
                if isinstance(value, list | dict)
                else value
                for key, value in item.items()
            }
        )


WRITERS: dict[str, Callable[[Sequence[tuple[str, Records]], IO[str]], None]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "yaml": write_yaml,
    "csv": write_csv,
}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InvalidRequest(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")


def render(session: Session, fmt: str, out: IO[str], kinds: Sequence[str] = KIND_NAMES) -> None:
    """Every record to one stream (standard output): JSON and YAML a document per kind, JSON
    Lines one line per record."""
    _check(fmt)
    if fmt in ("csv", "xlsx"):
        what = "one file per kind" if fmt == "csv" else "a workbook"
        raise InvalidRequest(f"a {fmt.upper()} export is {what}: give where with -o")
    WRITERS[fmt]([(kind, records(session, kind)) for kind in kinds], out)


def write(
    session: Session,
    fmt: str,
    folder: Path,
    kinds: Sequence[str] = KIND_NAMES,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Path]:
    """One file per kind (``events.json``…) in ``folder``, or for XLSX one workbook, a sheet per
    kind (``folder`` names the file, or ``registry.xlsx`` in it); yields each path written."""
    _check(fmt)
    if fmt == "xlsx":
        from liaison.registry.workbook import write_workbook

        target = folder if folder.suffix.lower() == ".xlsx" else folder / "registry.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        yield write_workbook(((kind, records(session, kind)) for kind in kinds), target)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        path = folder / f"{kind}.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as out:
            WRITERS[fmt]([(kind, records(session, kind))], out)
        if progress is not None:
            progress(1)
        yield path


def text(session: Session, fmt: str, kinds: Sequence[str] = KIND_NAMES) -> str:
    """:func:`render` into a string (for tests and small registries)."""
    out = io.StringIO()
    render(session, fmt, out, kinds)
    return out.getvalue()
