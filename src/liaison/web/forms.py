"""Forms for every kind of record, made from the import format's models.

A form's fields are the model's: text and numbers as inputs, vocabulary fields as choices, lists
of ids one per line, lists of parts (partners, participants, names…) as rows. What a form sends
is turned back into the import format and saved through the same validation as a file; tags are
kept as they are (they are reviewed, not typed).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import AfterValidator, BaseModel

from liaison.reference.vocabulary import vocabulary
from liaison.registry.schema import VOCABULARY_OF, Dataset, RecordData

NOT_IN_FORMS = {"tags"}
LONG_TEXT = {"description", "text", "note", "purpose", "quotation", "contribution"}
EXTRA_ROWS = 2


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: str  # text, textarea, number, checkbox, select, lines, rows
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    parts: tuple[FormField, ...] = ()
    reference: bool = False
    #: Where the browser may look up values as the user types (an API path ending in ``q=``).
    lookup: str | None = None


@dataclass
class FormState:
    """What a form shows: the fields, the values and the problems by field."""

    fields: list[FormField]
    values: dict[str, Any]
    problems: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def model_of(kind: str) -> type[RecordData]:
    annotation = Dataset.model_fields[kind].annotation
    model: type[RecordData] = typing.get_args(annotation)[0]
    return model


def _vocabulary_in(annotation: Any, metadata: Sequence[Any] = ()) -> str | None:
    """The vocabulary a field's values come from. Pydantic keeps a top-level ``Annotated``'s
    validators in the field's ``metadata``, nested ones in the annotation."""
    for meta in (*metadata, *getattr(annotation, "__metadata__", ())):
        if isinstance(meta, AfterValidator) and meta.func in VOCABULARY_OF:
            return VOCABULARY_OF[meta.func]
    for arg in typing.get_args(annotation):
        found = _vocabulary_in(arg)
        if found:
            return found
    return None


def _plain(annotation: Any) -> Any:
    """The annotation without Annotated, Optional and unions of str with a model."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _plain(args[0])
    return annotation


REFERENCE_FIELDS = {
    "parent", "holder", "body", "session_of", "series", "organizers", "org", "issued_by",
    "reflects", "related", "restates", "report", "document",
}  # fmt: skip
#: Reference fields that always name an organization or body: typing in them offers names.
ORGANIZATION_FIELDS = {"parent", "holder", "body", "session_of", "org", "issued_by"}
ORGANIZATION_LOOKUP = "/api/lookup/organizations?q="


def fields_of(model: type[BaseModel], *, top: bool = True) -> list[FormField]:
    found: list[FormField] = []
    for name, info in model.model_fields.items():
        if name in NOT_IN_FORMS or (top and name in ("sources",)):
            continue
        label = name.replace("_", " ").capitalize()
        required = info.is_required() and not (name == "id" and model.__name__ == "RoleData")
        vocab = _vocabulary_in(info.annotation, info.metadata)
        plain = _plain(info.annotation)
        origin = typing.get_origin(plain)
        reference = name in REFERENCE_FIELDS
        if vocab:
            choices = tuple(vocabulary(vocab).items())
            found.append(FormField(name, label, "select", required, choices))
        elif plain is bool:
            found.append(FormField(name, label, "checkbox"))
        elif plain is int:
            found.append(FormField(name, label, "number", required))
        elif origin is list:
            (item,) = typing.get_args(plain)
            item = _plain(item)
            if isinstance(item, type) and issubclass(item, BaseModel):
                parts = tuple(fields_of(item, top=False))
                found.append(FormField(name, label, "rows", parts=parts))
            else:
                found.append(FormField(name, label, "lines", reference=reference))
        elif origin is dict:
            found.append(FormField(name, label, "pairs"))
        else:
            widget = "textarea" if name in LONG_TEXT else "text"
            lookup = ORGANIZATION_LOOKUP if name in ORGANIZATION_FIELDS else None
            found.append(
                FormField(name, label, widget, required, reference=reference, lookup=lookup)
            )
    return found


def form_for(kind: str, data: dict[str, Any] | None = None) -> FormState:
    return FormState(fields_of(model_of(kind)), dict(data or {}))


def rows_to_show(values: dict[str, Any], name: str) -> int:
    return len(values.get(name) or []) + EXTRA_ROWS


def parse_form(kind: str, form: dict[str, list[str]]) -> dict[str, Any]:
    """The import-format record a submitted form describes (empty inputs left out)."""
    record: dict[str, Any] = {}
    for spec in fields_of(model_of(kind)):
        if spec.widget == "rows":
            rows = _rows(spec, form)
            if rows:
                record[spec.name] = rows
            continue
        value = _one(form, spec.name)
        if spec.widget == "checkbox":
            if value:
                record[spec.name] = True
        elif spec.widget == "lines":
            items = [line.strip() for line in value.splitlines() if line.strip()]
            if items:
                record[spec.name] = items
        elif spec.widget == "pairs":
            pairs = {}
            for line in value.splitlines():
                key, sep, item = line.partition(":")
                if key.strip():
                    pairs[key.strip()] = item.strip() if sep else ""
            if pairs:
                record[spec.name] = pairs
        elif value.strip():
            record[spec.name] = value.strip()
    return record


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[-1]


def _rows(spec: FormField, form: dict[str, list[str]]) -> list[dict[str, Any]]:
    indexes = sorted(
        {
            int(key.split(".")[1])
            for key in form
            if key.startswith(spec.name + ".") and key.split(".")[1].isdigit()
        }
    )
    rows = []
    for index in indexes:
        row: dict[str, Any] = {}
        for part in spec.parts:
            value = _one(form, f"{spec.name}.{index}.{part.name}").strip()
            if part.widget == "checkbox":
                if value:
                    row[part.name] = True
            elif value:
                row[part.name] = value
        if row:
            rows.append(row)
    return rows


def problems_by_field(problems: list[Any]) -> tuple[dict[str, list[str]], list[str]]:
    """Problems keyed by the form input they concern (``participants.1.org``), and the rest."""
    keyed: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in problems:
        label = problem.field if isinstance(problem.field, str) else None
        if not label:
            general.append(problem.message)
            continue
        key = label.replace("[", ".").replace("]", "")
        keyed.setdefault(key, []).append(problem.message)
    return keyed, general
