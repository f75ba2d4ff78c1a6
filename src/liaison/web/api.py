"""The JSON API under ``/api/``: every kind listed, read, created, replaced and deleted."""

import re
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from liaison.access import PERMISSIONS
from liaison.dates import DateRange
from liaison.errors import InvalidRequest, NotFound, PreconditionRequired
from liaison.reference import SCHEMES
from liaison.registry.reader import storable
from liaison.registry.schema import Dataset, RecordData
from liaison.services import audit as audit_service
from liaison.services import organizations, taxa, tokens
from liaison.services.kinds import VIEWS
from liaison.services.listing import SORTS, RecordFilter, list_records
from liaison.services.records import RecordDetail, get_record
from liaison.services.search import search
from liaison.services.writes import delete_record, save_record
from liaison.web.app import PROBLEM_JSON
from liaison.web.context import check_permission, unit
from liaison.web.models import (
    EXAMPLES,
    AuditPage,
    ChangeOut,
    FacetValue,
    HitOut,
    MeOut,
    OrganizationMatchOut,
    ProblemDocument,
    RecordOut,
    RecordPage,
    SearchOut,
    TaxonOut,
    TokenOut,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDocument, "description": description}
    for status, description in (
        (400, "A request that cannot be done as asked"),
        (401, "Sign-in or an API token is required"),
        (403, "The role does not allow this"),
        (404, "No such record"),
        (409, "A stale version, an id already taken, or a record still referred to"),
        (422, "The input does not validate: the problems say where"),
        (428, "The If-Match header (the record's version) is missing"),
        (503, "The database is busy: try again after Retry-After seconds"),
    )
}
_VERSION = re.compile(r'^(?:W/)?"?(\d+)"?$')


def storable_parameters(request: Request) -> None:
    """Refuse a path or query holding what no database stores: NUL or a lone surrogate."""
    for name, value in [("path", request.url.path), *request.query_params.multi_items()]:
        if not storable(value):
            raise InvalidRequest(f"{name}: a NUL character or a lone surrogate cannot be stored")


def may(permission: str) -> Any:
    """A dependency that checks ``permission`` first, so 401/403 come before body validation."""

    def check(request: Request) -> None:
        check_permission(request, permission)

    return Depends(check)


def json_typed(model: type[RecordData]) -> Any:
    """A dependency holding a record sent as JSON to the types its schema says.

    The import's own validation is lax, as CSV cells are text; but a JSON ``"3"`` or ``false``
    is no integer, whatever the lax reading would make of it.
    """

    async def check(request: Request) -> None:
        try:
            model.model_validate_json(await request.body(), strict=True)
        except ValidationError as exc:
            errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
            raise RequestValidationError(errors) from None

    return Depends(check)


router = APIRouter(prefix="/api", responses=ERRORS, dependencies=[Depends(storable_parameters)])


def problem_json_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI ``schema`` with each error documented as the problem document it is sent as."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return schema


def period_of(text: str | None) -> DateRange | None:
    if not text:
        return None
    try:
        return DateRange.parse(text)
    except ValueError as exc:
        raise InvalidRequest(f"period: {exc}") from None


def version_of(if_match: str | None) -> int:
    if not if_match:
        raise PreconditionRequired(
            "send the record's version in an If-Match header (the ETag of the record you read)"
        )
    found = _VERSION.match(if_match.strip())
    if not found:
        raise InvalidRequest(f"If-Match: '{if_match}' is not a record version like \"3\"")
    return int(found.group(1))


def record_out(detail: RecordDetail, response: Response | None = None) -> RecordOut:
    if response is not None:
        response.headers["ETag"] = f'"{detail.version}"'
    last = detail.last_change
    return RecordOut(
        id=detail.id,
        kind=detail.kind,
        version=detail.version,
        record=detail.data,
        origin=detail.origin,
        created_at=detail.created_at,
        updated_at=detail.updated_at,
        last_change=ChangeOut(at=last.at, actor=last.actor, action=last.action) if last else None,
    )


Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page")]
IfMatch = Annotated[str | None, Header(description='The version read, as "3"', examples=['"1"'])]
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The token's number")]
Sort = Annotated[
    str,
    Query(pattern=f"^-?({'|'.join(SORTS)})$", description="id, name or date; '-' for descending"),
]
Scheme = Annotated[str, Path(pattern=f"^({'|'.join(SCHEMES)})$", description=", ".join(SCHEMES))]


def _kind_routes(kind: str, body: type[RecordData]) -> None:
    view = VIEWS[kind]
    noun = view.singular
    tag = kind.replace("_", " ")
    example = EXAMPLES[kind]
    new_record = Body(openapi_examples={"new": {"summary": f"A new {noun}", "value": example}})
    RecordId = Annotated[str, Path(examples=[example["id"]])]

    @router.get(f"/{kind}", tags=[tag], summary=f"List {tag}", operation_id=f"list_{kind}")
    def list_kind(
        request: Request,
        period: Annotated[str | None, Query(description="2017, 2017-05 or 2017/2018")] = None,
        body_id: Annotated[str | None, Query(alias="body")] = None,
        organization: str | None = None,
        taxon: Annotated[str | None, Query(description="sdg:9, wsis:C7")] = None,
        theme: str | None = None,
        state: str | None = None,
        q: Annotated[str | None, Query(description="Words the records must match")] = None,
        sort: Sort = "id",
        cursor: str | None = None,
        limit: Limit = 50,
        retired: Annotated[
            bool | None, Query(description="true: retired records only; false: current only")
        ] = None,
    ) -> RecordPage:
        where = RecordFilter(
            period_of(period), body_id, organization, taxon, theme, state, q, retired
        )
        with unit(request, "read") as work:
            page = list_records(
                work.session, kind, where, sort=sort, cursor=cursor, limit=limit,
                count=cursor is None,
            )  # fmt: skip
        return RecordPage(items=page.items, next_cursor=page.next_cursor, total=page.total)

    @router.get(
        f"/{kind}/{{record_id}}", tags=[tag], summary=f"Get one {noun}", operation_id=f"get_{kind}"
    )
    def get_kind(request: Request, response: Response, record_id: RecordId) -> RecordOut:
        with unit(request, "read") as work:
            detail = get_record(work.session, record_id)
        if detail.kind != kind:
            raise NotFound(f"no {noun} has the id '{record_id}'")
        return record_out(detail, response)

    @router.post(
        f"/{kind}",
        tags=[tag],
        summary=f"Create a {noun}",
        status_code=201,
        operation_id=f"create_{kind}",
        dependencies=[may("edit"), json_typed(body)],
    )
    def create_kind(
        request: Request,
        response: Response,
        record: Annotated[body, new_record],  # type: ignore[valid-type]
    ) -> RecordOut:
        with unit(request, "edit", write=True) as work:
            detail = save_record(work.session, kind, record)
        response.headers["Location"] = f"/api/{kind}/{detail.id}"
        return record_out(detail, response)

    @router.put(
        f"/{kind}/{{record_id}}",
        tags=[tag],
        summary=f"Replace a {noun}",
        operation_id=f"replace_{kind}",
        dependencies=[may("edit"), json_typed(body)],
    )
    def replace_kind(
        request: Request,
        response: Response,
        record_id: RecordId,
        record: Annotated[body, new_record],  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> RecordOut:
        with unit(request, "edit", write=True) as work:
            version = version_of(if_match)
            if record.id != record_id:  # type: ignore[attr-defined]
                raise InvalidRequest("the record's id cannot change: it must match the address")
            detail = save_record(work.session, kind, record, version=version)
        return record_out(detail, response)

    @router.delete(
        f"/{kind}/{{record_id}}",
        tags=[tag],
        summary=f"Delete a {noun}",
        status_code=204,
        operation_id=f"delete_{kind}",
        dependencies=[may("edit")],
    )
    def delete_kind(
        request: Request,
        record_id: RecordId,
        if_match: IfMatch = None,
    ) -> Response:
        with unit(request, "edit", write=True) as work:
            delete_record(work.session, kind, record_id, version=version_of(if_match))
        return Response(status_code=204)


@router.get("/search", tags=["search"], summary="Search every kind of record")
def api_search(
    request: Request,
    q: str,
    kind: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    facets: Annotated[
        bool,
        Query(
            description="Count the matches by kind, year, body, SDG and theme: a pass over "
            "every match, slow for common words in a large registry, so asked for"
        ),
    ] = False,
) -> SearchOut:
    with unit(request, "read") as work:
        result = search(work.session, q, kind=kind, limit=limit, offset=offset, facets=facets)
    return SearchOut(
        query=result.query,
        total=result.total,
        offset=result.offset,
        hits=[HitOut(**asdict(hit)) for hit in result.hits],
        facets={
            name: [FacetValue(value=v, count=n) for v, n in values]
            for name, values in result.facets.items()
        },
    )


@router.get("/taxa/{scheme}", tags=["taxonomies"], summary="The taxa of a scheme")
def api_taxa(
    request: Request, scheme: Scheme, under: str | None = None, prefix: str | None = None
) -> list[TaxonOut]:
    with unit(request, "read") as work:
        found = taxa.list_taxa(work.session, scheme, under=under, prefix=prefix)
    return [TaxonOut(**asdict(t)) for t in found]


@router.get(
    "/lookup/organizations",
    tags=["organizations"],
    summary="Organizations matching a name, exactly or closely",
)
def api_lookup(
    request: Request,
    q: Annotated[str, Query(max_length=500)],
    close: Annotated[bool, Query(description="Close matches too (rapidfuzz)")] = False,
    exclude: str | None = None,
) -> list[OrganizationMatchOut]:
    with unit(request, "read") as work:
        if close:
            found = organizations.similar_organizations(work.session, q, exclude=exclude)
        else:
            found = organizations.complete_organizations(work.session, q)
    return [OrganizationMatchOut(**asdict(m)) for m in found]


@router.get("/me", tags=["accounts"], summary="Who the request acts for")
def api_me(request: Request) -> MeOut:
    with unit(request, "read") as work:
        who = work.principal
    return MeOut(
        username=who.username,
        role=who.role,
        permissions=sorted(PERMISSIONS.get(who.role or "", frozenset({"read"}))),
    )


@router.get("/tokens", tags=["accounts"], summary="Your API tokens")
def api_tokens(request: Request) -> list[TokenOut]:
    with unit(request, "read") as work:
        found = work.own_tokens()
    return [
        TokenOut(
            id=t.id,
            name=t.name,
            created_at=t.created_at,
            expires_at=t.expires_at,
            last_used_at=t.last_used_at,
            revoked=t.revoked,
        )
        for t in found
    ]


@router.delete(
    "/tokens/{token_id}", tags=["accounts"], summary="Revoke one of your tokens", status_code=204
)
def api_revoke_token(request: Request, token_id: TokenId) -> Response:
    with unit(request, "read", write=True) as work:
        tokens.revoke(work.session, token_id, owner=work.signed_in_user("to revoke a token"))
    return Response(status_code=204)


@router.get("/audit", tags=["audit"], summary="The audit trail (administrators)")
def api_audit(
    request: Request,
    record: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: Limit = 50,
) -> AuditPage:
    where = audit_service.AuditFilter(record, actor, action)
    with unit(request, "administer") as work:
        page = audit_service.list_audit(work.session, where, cursor=cursor, limit=limit)
    return AuditPage(items=page.items, next_cursor=page.next_cursor)


for _kind, _field in Dataset.model_fields.items():
    _model = _field.annotation.__args__[0]  # type: ignore[union-attr]
    assert isinstance(_model, type) and issubclass(_model, BaseModel)
    _kind_routes(_kind, _model)  # type: ignore[arg-type]
