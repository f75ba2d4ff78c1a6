"""Records as the import format describes them, loaded through the ORM: the data of a record's
page, the API, the forms and the services (a few records at a time).

`liaison export` reads the same records with Core statements, a chunk at a time
(:mod:`liaison.registry.dump`); a test checks that both readings agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from liaison.model import (
    RECORD_KINDS,
    Activity,
    Document,
    Event,
    Initiative,
    JiuRecommendation,
    Organization,
    Record,
    Role,
    Tag,
    Taxon,
)
from liaison.registry.schema import (
    KINDS,
    ActivityData,
    Dataset,
    DocumentData,
    EventData,
    InitiativeData,
    JiuRecommendationData,
    JiuStatusData,
    NameData,
    OrganizationData,
    ParticipationData,
    PartnerData,
    RecordData,
    RoleData,
    SourceData,
    TagData,
)


def load_records(session: Session, model: type[Record], ids: list[str] | None = None) -> list[Any]:
    """Records of one kind with every child collection loaded, in id order."""
    options = [selectinload(rel.class_attribute) for rel in inspect(model).relationships]
    query = select(model).options(*options)
    if ids is not None:
        query = query.where(model.id.in_(ids))
    # Sorted here, not in SQL, so that every backend and collation gives the same order.
    return sorted(session.scalars(query), key=lambda obj: str(obj.id))


def _tags(session: Session, model: type[Record], ids: list[str] | None) -> dict[str, list[Tag]]:
    query = (
        select(Tag)
        .join(Taxon)
        .join(model, model.id == Tag.record_id)
        .order_by(Tag.record_id, Taxon.position)
    )
    if ids is not None:
        query = query.where(Tag.record_id.in_(ids))
    tags: dict[str, list[Tag]] = {}
    for tag in session.scalars(query):
        tags.setdefault(tag.record_id, []).append(tag)
    return tags


def dataset(
    session: Session, ids: list[str] | None = None, kinds: Sequence[str] = KINDS
) -> Dataset:
    """The registry as one import-format dataset: every record, or those of the given ids
    and kinds."""
    lists: dict[str, list[RecordData]] = {}
    for kind in kinds:
        model = RECORD_KINDS[kind]
        tags = _tags(session, model, ids)
        lists[kind] = [
            to_data(obj, tags.get(obj.id, [])) for obj in load_records(session, model, ids)
        ]
    return Dataset.model_validate(lists)


def to_data(obj: Any, tags: list[Tag]) -> RecordData:
    """One stored record as the import format describes it."""
    common: dict[str, Any] = {
        "id": obj.id,
        "description": obj.description,
        "sources": [
            SourceData(document=s.document_id, url=s.url, locator=s.locator, note=s.note)
            for s in obj.sources
        ],
        "tags": [_tag(t) for t in tags],
        "related": sorted(r.related_id for r in obj.relations),
        "section": obj.report_section,
        "order": obj.report_order,
        "retired": obj.retired,
    }
    dates = str(obj.dates) if getattr(obj, "dates", None) else None
    if isinstance(obj, Organization):
        return OrganizationData(
            **common,
            name=obj.name,
            acronym=obj.acronym,
            kind=obj.kind,
            parent=obj.parent_id,
            aliases=sorted(a.alias for a in obj.aliases),
            category=obj.category,
            classifications={c.scheme: c.value for c in sorted(obj.classifications, key=_scheme)},
            url=obj.url,
            names=[
                NameData(
                    name=n.name,
                    acronym=n.acronym,
                    kind=n.kind,
                    period=str(n.dates) if n.dates else None,
                    note=n.note,
                )
                for n in obj.names
            ],
        )
    if isinstance(obj, Role):
        return RoleData(
            **common,
            holder=obj.holder_id,
            body=obj.body_id,
            role=obj.role,
            period=dates,
            note=obj.note,
        )
    if isinstance(obj, Event):
        return EventData(
            **common,
            name=obj.name,
            short_name=obj.short_name,
            kind=obj.kind,
            date=dates or "",
            place=obj.place,
            session_of=obj.session_of_id,
            series=obj.series_id,
            organizers=sorted(o.organization_id for o in obj.organizers),
            participants=[
                ParticipationData(org=p.organization_id, role=p.role, contribution=p.contribution)
                for p in obj.participations
            ],
        )
    if isinstance(obj, Initiative):
        return InitiativeData(
            **common,
            name=obj.name,
            short_name=obj.short_name,
            kind=obj.kind,
            period=dates,
            status=obj.status,
            partners=[
                PartnerData(org=p.organization_id, role=p.role, note=p.note) for p in obj.partners
            ],
            outputs=list(obj.outputs or []),
            purpose=obj.purpose,
            key_figures=list(obj.key_figures or []),
        )
    if isinstance(obj, Document):
        return DocumentData(
            **common,
            title=obj.title,
            symbol=obj.symbol,
            kind=obj.kind,
            issued_by=obj.issued_by_id,
            date=dates,
            url=obj.url,
            reflects=sorted(r.record_id for r in obj.reflections),
            short_title=obj.short_title,
            quotation=obj.quotation,
            quotation_locator=obj.quotation_locator,
            covers=str(obj.covers) if obj.covers else None,
            session=obj.session,
            venue=obj.venue,
            languages=obj.languages,
        )
    if isinstance(obj, Activity):
        return ActivityData(
            **common,
            text=obj.text,
            org=obj.organization_id,
            kind=obj.kind,
            date=dates,
            restates=sorted(r.record_id for r in obj.restatements),
            list_related=obj.lists_related,
        )
    if isinstance(obj, JiuRecommendation):
        return JiuRecommendationData(
            **common,
            report=obj.report_id,
            number=obj.number,
            text=obj.text,
            addressed_to=obj.addressed_to,
            scope=obj.scope,
            statuses=[
                JiuStatusData(
                    org=s.organization_id,
                    date=str(s.dates),
                    acceptance=s.acceptance,
                    implementation=s.implementation,
                    note=s.note,
                )
                for s in obj.statuses
            ],
        )
    raise TypeError(f"no export for {type(obj).__name__}")


def _scheme(classification: Any) -> str:
    return str(classification.scheme)


def _tag(tag: Tag) -> str | TagData:
    """A tag a person entered is written as its taxon; a classifier's keeps its provenance."""
    if tag.state == "accepted" and tag.suggested_by is None and tag.score is None:
        return tag.taxon_id
    return TagData(
        taxon=tag.taxon_id,
        state=tag.state,
        score=tag.score,
        evidence=tag.evidence,
        suggested_by=tag.suggested_by,
    )


def plain(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    """The dataset as plain data, leaving out empty and default fields."""
    dumped = data.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return {kind: dumped.get(kind, []) for kind in KINDS}
