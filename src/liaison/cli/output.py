"""Rendering rows and records for the terminal: a table, JSON or CSV.

Rich is imported only when something is printed through it, so that a command that prints
nothing through it (``liaison --help``) does not pay for it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from functools import cache
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    """The console on standard output, made on first use."""
    from rich.console import Console

    return Console()


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on standard error while a long job runs (none when not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        """``done`` of ``total`` items; a total of 0 is not known (a stream)."""
        if done == total or done % 200 == 0:
            bar.update(task, completed=done, total=total or None)

    with bar:
        yield update


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


_encode = json.JSONEncoder(ensure_ascii=False).encode
# The common scalars' JSON, without the encoder's per-call set-up (strings: its C function).
_SCALAR_JSON: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false",
}


def _json_value(value: Any) -> str:
    """A value of a row, as ``json.dumps(rows, indent=2)`` writes it two levels deep."""
    scalar = _SCALAR_JSON.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, list | dict) and value:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return _encode(value)


def json_text(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The text of ``json.dumps(list(rows), ensure_ascii=False, indent=2)``, a row at a time.

    The same characters, made faster: the standard library encodes with ``indent`` in Python,
    while here each scalar goes through the C encoder (JSON text holds no raw newline, so
    indenting a nested value's lines is safe).
    """
    opening = "[\n"
    for row in rows:
        body = ",\n".join(
            f"    {encode_basestring(key)}: {_json_value(value)}" for key, value in row.items()
        )
        yield f"{opening}  {{\n{body}\n  }}" if body else f"{opening}  {{}}"
        opening = ",\n"
    yield "[]" if opening == "[\n" else "\n]"


def print_rows(rows: Sequence[dict[str, Any]], fmt: Format, title: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.writelines(json_text(rows))
        sys.stdout.write("\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt is Format.csv:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _text(v) for k, v in row.items()} for row in rows)
        print(out.getvalue(), end="")
        return
    if not rows:
        console().print("(nothing)" if title is None else f"{title}: nothing")
        return
    from rich.table import Table

    table = Table(title=title, show_lines=False, highlight=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_text(row[c]) for c in columns))
    console().print(table)


def print_record(record: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        print_rows([record], fmt)
    else:
        from rich.table import Table

        table = Table(show_header=False, highlight=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in record.items():
            if value not in (None, [], {}):
                table.add_row(key, _text(value))
        console().print(table)
