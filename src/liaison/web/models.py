"""The shapes of the JSON API, as the OpenAPI schema publishes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


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


class RecordItem(BaseModel):
    id: str
    kind: str
    title: str
    version: int
    fields: dict[str, Any]


class RecordPage(BaseModel):
    items: list[RecordItem]
    next_cursor: str | None
    total: int | None


class ChangeOut(BaseModel):
    at: datetime
    actor: str
    action: str


class RecordOut(BaseModel):
    id: str
    kind: str
    version: int
    record: dict[str, Any]
    origin: str | None
    created_at: datetime
    updated_at: datetime
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
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    table: str
    record_id: str | None
    changes: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditOut]
    next_cursor: str | None


class MeOut(BaseModel):
    username: str | None
    role: str | None
    permissions: list[str]
