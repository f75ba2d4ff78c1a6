"""The import format as Pydantic models: what a file may say, validated field by field.

These are the shapes of ``docs/import-format.md``; the exporter produces the same shapes, so
whatever Liaison writes it can read back. They are not the tables (see :mod:`liaison.model`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from liaison.dates import DateRange, PartialDate
from liaison.reference.vocabulary import vocabulary

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ID_LENGTH = 120
TAXON_PATTERN = re.compile(r"^(sdg|wsis|theme):[A-Za-z0-9.-]+$")


ID_RULE = "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit"


def id_problem(value: object) -> str:
    """What is wrong with an id (checked by Pydantic's own pattern, in Rust, for speed)."""
    if isinstance(value, str) and len(value) > ID_LENGTH:
        return f"'{value[:40]}…' is not an id: at most {ID_LENGTH} characters"
    return f"'{value}' is not an id: {ID_RULE}"


@lru_cache(maxsize=8192)  # an import repeats the same dates many times
def _date_range(value: str) -> str:
    return str(DateRange.parse(value))


@lru_cache(maxsize=8192)
def _partial_date(value: str) -> str:
    return str(PartialDate.parse(value))


def _taxon(value: str) -> str:
    if not TAXON_PATTERN.match(value):
        raise ValueError(f"'{value}' is not a taxon: write sdg:9.c, wsis:C7.e-health or theme:ai")
    return value


#: The vocabulary each validator of :func:`_in` checks, so that forms can offer its codes.
VOCABULARY_OF: dict[Any, str] = {}


def _in(name: str) -> AfterValidator:
    def check(value: str) -> str:
        codes = vocabulary(name)
        if value not in codes:
            raise ValueError(f"'{value}' is not one of: {', '.join(codes)}")
        return value

    VOCABULARY_OF[check] = name
    return AfterValidator(check)


URL_SCHEMES = ("http", "https", "mailto")


def _url(value: str) -> str:
    scheme, colon, rest = value.partition(":")
    if not colon or scheme.lower() not in URL_SCHEMES or not rest.strip("/"):
        raise ValueError(
            f"'{value}' is not a web or mail address: write http://, https:// or mailto:"
        )
    return value


def _coerce_date(value: Any) -> Any:
    # YAML reads 2017 as an int and 2017-05-06 as a date; the format means the text.
    return str(value) if value is not None and not isinstance(value, str) else value


RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN.pattern, max_length=ID_LENGTH)]
Dates = Annotated[str, BeforeValidator(_coerce_date), AfterValidator(_date_range)]
Day = Annotated[str, BeforeValidator(_coerce_date), AfterValidator(_partial_date)]
TaxonId = Annotated[str, AfterValidator(_taxon)]
Url = Annotated[str, AfterValidator(_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceData(Strict):
    document: RecordId | None = None
    url: Url | None = None
    locator: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _says_something(self) -> SourceData:
        if not (self.document or self.url or self.note):
            raise ValueError("a source needs a document, a url or a note")
        return self


class TagData(Strict):
    taxon: TaxonId
    state: Annotated[str, _in("tag_state")] = "accepted"
    score: float | None = Field(default=None, ge=0, le=1)
    evidence: str | None = None
    suggested_by: str | None = None


class RecordData(Strict):
    id: RecordId
    description: str | None = None
    tags: list[TaxonId | TagData] = Field(default_factory=list)
    sources: list[SourceData] = Field(default_factory=list)
    related: list[RecordId] = Field(default_factory=list)
    # Where the Council report states the record: a section, and an order among its parts.
    section: Annotated[str, _in("report_section")] | None = None
    order: int | None = None
    # When the record stopped being current (it stays, with its history, out of lists).
    retired: Day | None = None


class NameData(Strict):
    """A name an organization bore over a period (Popolo's ``other_names``)."""

    name: str = Field(min_length=1)
    acronym: str | None = None
    kind: Annotated[str, _in("name_kind")] = "official"
    period: Dates | None = None
    note: str | None = None


class OrganizationData(RecordData):
    name: str = Field(min_length=1)
    acronym: str | None = None
    kind: Annotated[str, _in("organization_kind")]
    parent: RecordId | None = None
    aliases: list[str] = Field(default_factory=list)
    category: Annotated[str, _in("network_category")] | None = None
    classifications: dict[str, str] = Field(default_factory=dict)
    url: Url | None = None
    names: list[NameData] = Field(default_factory=list)


class RoleData(RecordData):
    id: RecordId = ""  # derived from holder, role, body and start when left out
    holder: RecordId
    body: RecordId
    role: Annotated[str, _in("role")]
    period: Dates | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("id", "") == "":  # left out; null is no id
            parts = [data.get("holder"), data.get("role"), data.get("body")]
            period = str(data.get("period") or "")
            start = period.partition("/")[0]
            data = {**data, "id": ".".join(str(p) for p in parts + ([start] if start else []))}
        return data


class ParticipationData(Strict):
    org: RecordId
    role: Annotated[str, _in("participation_role")] = "participant"
    contribution: str | None = None


class EventData(RecordData):
    name: str = Field(min_length=1)
    short_name: str | None = None
    kind: Annotated[str, _in("event_kind")]
    date: Dates
    place: str | None = None
    session_of: RecordId | None = None
    series: RecordId | None = None
    organizers: list[RecordId] = Field(default_factory=list)
    participants: list[ParticipationData] = Field(default_factory=list)


class PartnerData(Strict):
    org: RecordId
    role: Annotated[str, _in("partner_role")] = "partner"
    note: str | None = None


class InitiativeData(RecordData):
    name: str = Field(min_length=1)
    short_name: str | None = None
    kind: Annotated[str, _in("initiative_kind")]
    period: Dates | None = None
    status: Annotated[str, _in("initiative_status")] | None = None
    partners: list[PartnerData] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    purpose: str | None = None
    key_figures: list[str] = Field(default_factory=list)


class DocumentData(RecordData):
    title: str = Field(min_length=1)
    symbol: str | None = None
    kind: Annotated[str, _in("document_kind")]
    short_title: str | None = None
    issued_by: RecordId | None = None
    date: Day | None = None
    url: Url | None = None
    reflects: list[RecordId] = Field(default_factory=list)
    quotation: str | None = None
    quotation_locator: str | None = None
    covers: Dates | None = None
    session: str | None = None
    venue: str | None = None
    languages: str | None = None


class ActivityData(RecordData):
    text: str = Field(min_length=1)
    org: RecordId
    kind: Annotated[str, _in("activity_kind")] = "activity"
    date: Dates | None = None
    restates: list[RecordId] = Field(default_factory=list)
    list_related: bool = False


class JiuStatusData(Strict):
    org: RecordId
    date: Day
    acceptance: Annotated[str, _in("jiu_acceptance")] | None = None
    implementation: Annotated[str, _in("jiu_implementation")] | None = None
    note: str | None = None


class JiuRecommendationData(RecordData):
    report: RecordId
    number: int = Field(ge=1)
    text: str | None = None
    addressed_to: Annotated[str, _in("jiu_addressee")] | None = None
    scope: Annotated[str, _in("jiu_scope")] | None = None
    statuses: list[JiuStatusData] = Field(default_factory=list)


class Dataset(Strict):
    """A whole file: every kind is optional."""

    organizations: list[OrganizationData] = Field(default_factory=list)
    roles: list[RoleData] = Field(default_factory=list)
    events: list[EventData] = Field(default_factory=list)
    initiatives: list[InitiativeData] = Field(default_factory=list)
    documents: list[DocumentData] = Field(default_factory=list)
    activities: list[ActivityData] = Field(default_factory=list)
    jiu_recommendations: list[JiuRecommendationData] = Field(default_factory=list)

    def records(self) -> list[tuple[str, int, RecordData]]:
        """Every record with its kind and its position in that kind's list."""
        return [
            (kind, index, record)
            for kind in KINDS
            for index, record in enumerate(getattr(self, kind))
        ]


KINDS = tuple(Dataset.model_fields)
