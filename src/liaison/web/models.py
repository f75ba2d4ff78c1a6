"""The shapes of the JSON API, as the OpenAPI schema publishes them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel

from liaison.services.audit import AuditRow
from liaison.services.listing import RecordRow


def _utc(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; every time Liaison writes is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


#: A moment in time, always sent with its offset (RFC 3339 ``date-time``).
Moment = Annotated[datetime, AfterValidator(_utc)]


class ProblemItem(BaseModel):
    file: str
    message: str
    record: str | None = None
    field: str | None = None
    line: int | None = None


class ProblemDocument(BaseModel):
    """RFC 9457 problem details, the shape of every error."""

    type: str
    title: str
    status: int
    detail: str
    problems: list[ProblemItem] | None = None


class RecordPage(BaseModel):
    items: list[RecordRow]
    next_cursor: str | None
    total: int | None


class ChangeOut(BaseModel):
    at: Moment
    actor: str
    action: str


class RecordOut(BaseModel):
    id: str
    kind: str
    version: int
    record: dict[str, Any]
    origin: str | None
    created_at: Moment
    updated_at: Moment
    last_change: ChangeOut | None


class HitOut(BaseModel):
    id: str
    kind: str
    title: str
    score: float
    title_marked: str
    snippet: str


class FacetValue(BaseModel):
    value: str
    count: int


class SearchOut(BaseModel):
    query: str
    total: int
    offset: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValue]]


class TaxonOut(BaseModel):
    id: str
    scheme: str
    code: str
    label: str | None
    text: str
    parent: str | None


class OrganizationMatchOut(BaseModel):
    id: str
    name: str
    acronym: str | None
    matched: str
    score: float


class TokenOut(BaseModel):
    id: int
    name: str | None
    created_at: Moment
    expires_at: Moment | None
    last_used_at: Moment | None
    revoked: bool


class AuditPage(BaseModel):
    items: list[AuditRow]
    next_cursor: str | None


class MeOut(BaseModel):
    username: str | None
    role: str | None
    permissions: list[str]


#: A new record of each kind, valid on the demo registry: the example the schema shows.
EXAMPLES: dict[str, dict[str, Any]] = {
    "organizations": {
        "id": "example-network",
        "name": "Example inter-agency network",
        "acronym": "EXN",
        "kind": "network",
    },
    "roles": {"id": "itu.observer.unesco.2018", "holder": "itu", "role": "observer",
              "body": "unesco", "period": "2018"},
    "events": {"id": "example-meeting-2018", "name": "Example expert meeting", "kind": "meeting",
               "date": "2018-03", "participants": [{"org": "itu", "role": "participant"}]},
    "initiatives": {"id": "example-partnership", "name": "Example partnership",
                    "kind": "partnership", "partners": [{"org": "itu", "role": "lead"}]},
    "documents": {"id": "example-resolution", "kind": "resolution", "title": "An example"},
    "activities": {"id": "example-activity", "org": "itu",
                   "text": "ITU took part in an example activity."},
    "jiu_recommendations": {"id": "jiu-rep-2016-1.r99", "report": "jiu-rep-2016-1", "number": 99},
}  # fmt: skip
