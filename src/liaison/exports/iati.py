"""Initiatives as IATI activity XML, version 2.03 (docs/formats/iati.md).

One ``iati-activity`` per initiative that the reporting organization, or a body under it, is a
partner of, in the element order of the 2.03 activity schema: identifier, reporting
organization, title, descriptions, participating organizations, status, dates, sectors, tags.

The reporting organization needs an IATI organisation identifier, recorded as its ``iati``
classification (ITU: ``XM-DAC-41303``, from its OECD DAC channel code). Initiatives that cannot
make a valid activity — no status, no start date, no description, no SDG goal or target for a
sector — are left out and named in a comment at the top of the file, never given made-up values.

The same records give the same bytes: ``generated-datetime`` is the newest change among the
records exported, and activities, partners and tags come in a fixed order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_DOWN, Decimal

from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from liaison.dates import DateRange, PartialDate, range_of
from liaison.errors import InvalidRequest, NotFound
from liaison.model import Initiative, InitiativePartner, Organization, Tag, Taxon
from liaison.services.listing import RecordFilter, filtered
from liaison.services.organizations import organization_units

VERSION = "2.03"
#: The classification scheme that holds an organization's IATI organisation identifier.
IATI_SCHEME = "iati"
#: OrganisationRole codelist: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing.
ROLE_CODES: dict[str, str] = {
    "lead": "2",
    "co-lead": "2",
    "coordinator": "3",
    "partner": "4",
    "supporter": "4",
    "member": "4",
}
#: ActivityStatus codelist: 1 Pipeline/identification, 2 Implementation, 3 Completion.
STATUS_CODES: dict[str, str] = {"planned": "1", "active": "2", "completed": "3"}
#: ActivityDateType codelist.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
START_TYPES = frozenset({PLANNED_START, ACTUAL_START})
#: OrganisationType codelist: 40 Multilateral, 90 Other.
MULTILATERAL, OTHER_TYPE = "40", "90"
MULTILATERAL_KINDS = frozenset(
    {
        "specialized-agency",
        "fund-programme",
        "related-organization",
        "intergovernmental",
        "regional-commission",
        "research-training",
        "convention-secretariat",
    }
)
#: SectorVocabulary 7 SDG Goal, 8 SDG Target; TagVocabulary 2 SDG Goal, 3 SDG Target.
SECTOR_GOAL, SECTOR_TARGET = "7", "8"
TAG_GOAL, TAG_TARGET = "2", "3"
#: TagVocabulary 99: a vocabulary of the reporting organisation, named by its URI.
TAG_OWN = "99"
VOCABULARY_URIS: dict[str, str] = {
    "wsis": "urn:liaison:taxonomy:wsis",
    "theme": "urn:liaison:taxonomy:theme",
}
#: DescriptionType codelist: 1 General, 2 Objectives, 4 Other.
GENERAL, OBJECTIVES, OTHER_DESCRIPTION = "1", "2", "4"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class _Reporter:
    id: str
    ref: str
    type: str
    name: str


def iati_activities(
    session: Session, *, organization: str, period: DateRange | None = None
) -> bytes:
    """The initiatives ``organization`` (an id) or a body under it is a partner of, those whose
    period overlaps ``period`` (all when None), as an IATI 2.03 ``iati-activities`` file."""
    reporter = _reporter(session, organization)
    initiatives = _initiatives(session, organization, period)
    tags = _tags(session, [i.id for i in initiatives])
    orgs = _organizations(session, initiatives)
    kept: list[Initiative] = []
    left_out: list[str] = []
    for initiative in initiatives:
        missing = _missing(initiative, tags.get(initiative.id, []))
        if missing:
            left_out.append(f"{initiative.id} (no {', no '.join(missing)})")
        else:
            kept.append(initiative)
    if not kept:
        raise NotFound(
            f"no initiative of {organization} can be written as an IATI activity"
            + (f": {'; '.join(left_out)}" if left_out else "")
        )
    stamps = [_stamp(i.updated_at) for i in kept]
    root = etree.Element("iati-activities", version=VERSION)
    root.set("generated-datetime", _iso(max(stamps)))
    if left_out:
        root.append(etree.Comment(f" Left out: {'; '.join(left_out)} "))
    for initiative in kept:
        root.append(_activity(initiative, reporter, orgs, tags.get(initiative.id, [])))
    data: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return data


def role_code(role: str) -> str:
    """The IATI OrganisationRole code of a Liaison partner role."""
    return ROLE_CODES.get(role, "4")


def _reporter(session: Session, organization: str) -> _Reporter:
    org = session.scalars(
        select(Organization)
        .where(Organization.id == organization)
        .options(selectinload(Organization.classifications))
    ).one_or_none()
    if org is None:
        raise NotFound(f"no organization '{organization}'")
    ref = next((c.value for c in org.classifications if c.scheme == IATI_SCHEME), None)
    if ref is None:
        raise InvalidRequest(
            f"organization '{organization}' has no IATI organisation identifier "
            f"(an '{IATI_SCHEME}' classification)"
        )
    kind = MULTILATERAL if org.kind in MULTILATERAL_KINDS else OTHER_TYPE
    return _Reporter(org.id, ref, kind, org.name)


def _initiatives(session: Session, organization: str, period: DateRange | None) -> list[Initiative]:
    units = sorted(organization_units(session, organization))
    query = (
        select(Initiative)
        .where(
            exists().where(
                InitiativePartner.initiative_id == Initiative.id,
                InitiativePartner.organization_id.in_(units),
            )
        )
        .options(selectinload(Initiative.partners))
    )
    if period is not None:  # the rule of `liaison list --period`
        query = query.where(
            Initiative.id.in_(filtered(session, "initiatives", RecordFilter(period=period)))
        )
    return sorted(session.scalars(query), key=lambda i: i.id)


def _tags(session: Session, ids: list[str]) -> dict[str, list[Taxon]]:
    """The accepted tags of each initiative, in the taxonomy's order."""
    found: dict[str, list[Taxon]] = defaultdict(list)
    if not ids:
        return found
    rows = session.execute(
        select(Tag.record_id, Taxon)
        .join(Taxon, Taxon.id == Tag.taxon_id)
        .where(Tag.record_id.in_(ids), Tag.state == "accepted")
    )
    for record_id, taxon in rows:
        found[record_id].append(taxon)
    for taxa in found.values():
        taxa.sort(key=lambda t: (t.scheme, t.position, t.code))
    return found


def _organizations(session: Session, initiatives: list[Initiative]) -> dict[str, Organization]:
    ids = sorted({p.organization_id for i in initiatives for p in i.partners})
    if not ids:
        return {}
    query = (
        select(Organization)
        .where(Organization.id.in_(ids))
        .options(selectinload(Organization.classifications))
    )
    return {org.id: org for org in session.scalars(query)}


def _missing(initiative: Initiative, taxa: list[Taxon]) -> list[str]:
    """What the initiative lacks to be a valid activity (schema and IATI rules)."""
    missing = []
    if initiative.status not in STATUS_CODES:
        missing.append("status")
    dates = range_of(initiative.starts, initiative.ends)
    if dates is None or dates.start is None:
        missing.append("start date")
    if not (initiative.description or initiative.purpose or initiative.outputs):
        missing.append("description")
    if not any(_sdg_level(t) for t in taxa):
        missing.append("SDG goal or target")
    return missing


def _sdg_level(taxon: Taxon) -> str | None:
    """``goal`` or ``target`` for an SDG goal or target, None otherwise (indicators too)."""
    if taxon.scheme != "sdg":
        return None
    dots = taxon.code.count(".")
    return "goal" if dots == 0 else "target" if dots == 1 else None


def _text(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    """``<tag ...><narrative>text</narrative></tag>``."""
    element = etree.SubElement(parent, tag, attributes)
    narrative = etree.SubElement(element, "narrative")
    narrative.text = " ".join(text.split())
    return element


def _activity(
    initiative: Initiative,
    reporter: _Reporter,
    orgs: dict[str, Organization],
    taxa: list[Taxon],
) -> etree._Element:
    activity = etree.Element("iati-activity")
    activity.set(XML_LANG, "en")
    activity.set("last-updated-datetime", _iso(_stamp(initiative.updated_at)))
    identifier = etree.SubElement(activity, "iati-identifier")
    identifier.text = f"{reporter.ref}-{initiative.id}"
    _text(activity, "reporting-org", reporter.name, ref=reporter.ref, type=reporter.type)
    _text(activity, "title", initiative.name)
    if initiative.description:
        _text(activity, "description", initiative.description, type=GENERAL)
    if initiative.purpose:
        _text(activity, "description", initiative.purpose, type=OBJECTIVES)
    if initiative.outputs:
        _text(activity, "description", "; ".join(initiative.outputs), type=OTHER_DESCRIPTION)
    for partner in initiative.partners:
        _participating(activity, partner, orgs.get(partner.organization_id))
    etree.SubElement(activity, "activity-status", code=STATUS_CODES[str(initiative.status)])
    dates = range_of(initiative.starts, initiative.ends)
    assert dates is not None and dates.start is not None
    started, ended = _date_types(initiative.status)
    _date(activity, started, dates.start, dates.start.earliest())
    if dates.end is not None:
        _date(activity, ended, dates.end, dates.end.latest())
    _sdg(activity, taxa)
    for taxon in taxa:
        uri = VOCABULARY_URIS.get(taxon.scheme)
        if uri is not None:
            _text(
                activity,
                "tag",
                taxon.label or taxon.code,
                vocabulary=TAG_OWN,
                **{"vocabulary-uri": uri},
                code=taxon.code,
            )
    return activity


def _participating(
    activity: etree._Element, partner: InitiativePartner, org: Organization | None
) -> None:
    attributes: dict[str, str] = {}
    if org is not None:
        ref = next((c.value for c in org.classifications if c.scheme == IATI_SCHEME), None)
        if ref is not None:
            attributes["ref"] = ref
        if org.kind in MULTILATERAL_KINDS:
            attributes["type"] = MULTILATERAL
    attributes["role"] = role_code(partner.role)
    name = partner.organization_id if org is None else org.name
    _text(activity, "participating-org", name, **attributes)


def _date_types(status: str | None) -> tuple[str, str]:
    """The date types of the start and end: actual once started or done, planned before."""
    if status == "completed":
        return ACTUAL_START, ACTUAL_END
    if status == "active":
        return ACTUAL_START, PLANNED_END
    return PLANNED_START, PLANNED_END


def _date(activity: etree._Element, kind: str, written: PartialDate, day: date) -> None:
    element = etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": str(day)})
    if written.precision != "day":
        narrative = etree.SubElement(element, "narrative")
        narrative.text = f"Recorded to the {written.precision} only: {written}"


def _sdg(activity: etree._Element, taxa: list[Taxon]) -> None:
    """SDG goals and targets as sectors (vocabularies 7 and 8, percentages split evenly within
    each vocabulary) and as tags (vocabularies 2 and 3)."""
    goals = [t for t in taxa if _sdg_level(t) == "goal"]
    targets = [t for t in taxa if _sdg_level(t) == "target"]
    for vocabulary, group in ((SECTOR_GOAL, goals), (SECTOR_TARGET, targets)):
        for taxon, share in zip(group, _shares(len(group)), strict=True):
            _text(
                activity,
                "sector",
                taxon.label or taxon.text,
                vocabulary=vocabulary,
                code=taxon.code,
                percentage=share,
            )
    for vocabulary, group in ((TAG_GOAL, goals), (TAG_TARGET, targets)):
        for taxon in group:
            _text(
                activity, "tag", taxon.label or taxon.text, vocabulary=vocabulary, code=taxon.code
            )


def _shares(count: int) -> list[str]:
    """``count`` percentages with two decimals that add up to exactly 100."""
    if count == 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    first = Decimal(100) - share * (count - 1)
    return [str(first)] + [str(share)] * (count - 1)


def _stamp(moment: datetime) -> datetime:
    """The moment in UTC, to the second (SQLite gives it back without a zone: it is UTC)."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
