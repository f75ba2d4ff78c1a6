"""Finding organizations by what people type: names, acronyms and aliases, exact or close.

Used to warn before a second record of the same body is created, and to complete a name as it
is typed. Close matches are scored by rapidfuzz (0–100, token order and case ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from liaison.errors import NotFound
from liaison.model import Organization, OrganizationAlias, OrganizationName

SIMILAR_SCORE = 88.0


@dataclass(frozen=True)
class OrganizationMatch:
    id: str
    name: str
    acronym: str | None
    matched: str
    score: float


def name_rows(session: Session) -> Iterator[tuple[int, str, str]]:
    """(tier, text, id) for every id, current name and acronym (tier 0 and 1), alias and former
    name or acronym (tier 2) on record."""
    for org_id, name, acronym in session.execute(
        select(Organization.id, Organization.name, Organization.acronym)
    ):
        yield 0, org_id, org_id
        yield 1, name, org_id
        if acronym:
            yield 1, acronym, org_id
    for alias, org_id in session.execute(
        select(OrganizationAlias.alias, OrganizationAlias.organization_id)
    ):
        yield 2, alias, org_id
    for name, acronym, org_id in session.execute(
        select(OrganizationName.name, OrganizationName.acronym, OrganizationName.organization_id)
    ):
        yield 2, name, org_id
        if acronym:
            yield 2, acronym, org_id


def _names(session: Session) -> list[tuple[str, str, str, str | None]]:
    """(text, id, current name, acronym) for every name, acronym and alias on record."""
    current = {
        row[0]: (row[1], row[2])
        for row in session.execute(select(Organization.id, Organization.name, Organization.acronym))
    }
    return [
        (text, org, *current[org])
        for tier, text, org in name_rows(session)
        if tier > 0 and org in current
    ]


class OrganizationNames:
    """The registry's organizations as people name them exactly: by id, current name or acronym
    (any case, spaces folded), else by an alias or a former name; read once."""

    def __init__(self, session: Session) -> None:
        self.acronyms: dict[str, str | None] = {
            org: acronym
            for org, acronym in session.execute(select(Organization.id, Organization.acronym))
        }
        self._tiers: list[dict[str, set[str]]] = [{}, {}, {}]
        for tier, text, org in name_rows(session):
            self._tiers[tier].setdefault(_folded(text), set()).add(org)

    def resolve(self, text: str) -> str:
        """The id of the organization ``text`` names; ValueError when none or several do."""
        if text in self.acronyms:
            return text
        for tier in self._tiers:
            found = tier.get(_folded(text), set())
            if len(found) == 1:
                return next(iter(found))
            if found:
                raise ValueError(
                    f"'{text}' names several organizations: {', '.join(sorted(found))}"
                )
        raise ValueError(f"no organization in the registry has the id, acronym or name '{text}'")

    def label(self, org: str) -> str:
        """Its acronym when that names it alone, else its id."""
        acronym = self.acronyms.get(org)
        try:
            return acronym if acronym and self.resolve(acronym) == org else org
        except ValueError:
            return org


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def similar_organizations(
    session: Session, *texts: str | None, limit: int = 5, exclude: str | None = None
) -> list[OrganizationMatch]:
    """Organizations whose name, acronym or alias is the same as or close to one of ``texts``."""
    names = _names(session)
    choices = [entry[0] for entry in names]
    best: dict[str, OrganizationMatch] = {}
    for text in texts:
        if not text or not text.strip():
            continue
        for matched, score, index in process.extract(
            text, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=20
        ):
            if score < SIMILAR_SCORE and matched.lower() != text.strip().lower():
                continue
            _, org_id, name, acronym = names[index]
            if org_id == exclude:
                continue
            if org_id not in best or best[org_id].score < score:
                best[org_id] = OrganizationMatch(org_id, name, acronym, matched, round(score, 1))
    return sorted(best.values(), key=lambda m: (-m.score, m.id))[:limit]


def complete_organizations(
    session: Session, typed: str, limit: int = 10
) -> list[OrganizationMatch]:
    """Current organizations whose id, acronym or name starts with what was typed (for
    autocomplete: a retired organization is not offered for new references)."""
    like = typed.strip() + "%"
    if not typed.strip():
        return []
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.acronym)
        .where(
            or_(
                Organization.id.like(like.lower()),
                Organization.acronym.ilike(like),
                Organization.name.ilike(like),
                Organization.name.ilike("% " + like),
            ),
            Organization.retired.is_(None),
        )
        .order_by(Organization.acronym.is_(None), Organization.acronym, Organization.name)
        .limit(limit)
    ).all()
    return [OrganizationMatch(r[0], r[1], r[2], typed, 100.0) for r in rows]


def organization_by_acronym(session: Session, name: str) -> str:
    """The id of the organization a user names by id or acronym (``itu``, ``ITU``)."""
    if session.get(Organization, name) is not None:
        return name
    found = session.scalars(
        select(Organization.id).where(func.lower(Organization.acronym) == name.lower())
    ).all()
    if len(found) == 1:
        return found[0]
    raise NotFound(f"no organization has the id or acronym '{name}'")


def units_under(root: str, children: dict[str, list[str]]) -> set[str]:
    """The organization and every body under it (its council, secretariat, offices), given
    each organization's children."""
    units, stack = {root}, [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in units:
                units.add(child)
                stack.append(child)
    return units


def organization_units(session: Session, root: str) -> set[str]:
    """The organization ``root`` and every body under it, read from the registry."""
    children: dict[str, list[str]] = {}
    rows = session.execute(
        select(Organization.id, Organization.parent_id).where(Organization.parent_id.is_not(None))
    )
    for organization, parent in rows:
        children.setdefault(str(parent), []).append(organization)
    return units_under(root, children)
