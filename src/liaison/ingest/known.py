"""What the registry already knows, as plain data that extractors read without a database: the
organizations by every name, acronym and alias they bear (and bore), and the roles, events,
initiatives and documents a candidate may state again.

Mentions of organizations are found in a text by their names (any case, spaces folded) and their
acronyms (as written, since "WHO" is an organization and "who" is not); the longest mention wins
where two overlap. A phrase that names no organization exactly is looked up by its closeness to
every name (rapidfuzz), and proposed as a new organization when none is close enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.model import Document, Event, Initiative, Organization, Role
from liaison.services.organizations import name_rows

#: How close (0-100) a phrase must be to a recorded name to be taken as that organization.
CLOSE_ENOUGH = 90.0


@dataclass(frozen=True)
class KnownOrganization:
    id: str
    name: str
    acronym: str | None
    kind: str | None
    category: str | None


@dataclass(frozen=True)
class Mention:
    """An organization named in a text, at ``start:end``."""

    start: int
    end: int
    text: str
    organization: str
    score: float


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


@dataclass
class Known:
    organizations: dict[str, KnownOrganization] = field(default_factory=dict)
    #: Folded name or alias → organization ids.
    names: dict[str, set[str]] = field(default_factory=dict)
    #: Acronym as written → organization ids.
    acronyms: dict[str, set[str]] = field(default_factory=dict)
    #: (holder, role, body) → role id.
    roles: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: Folded name or short name → (event id, first day as written) of the events so named.
    events: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    #: Folded name or short name → initiative id; symbol → document id.
    initiatives: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    #: Folded title or short title → document id.
    titles: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, session: Session) -> Known:
        known = cls()
        for org in session.scalars(select(Organization)):
            known.organizations[org.id] = KnownOrganization(
                org.id, org.name, org.acronym, org.kind, org.category
            )
        for tier, text, org_id in name_rows(session):
            if tier == 0:
                continue
            target = known.acronyms if _is_acronym(text) else known.names
            target.setdefault(text if _is_acronym(text) else fold(text), set()).add(org_id)
        for role in session.scalars(select(Role)):
            known.roles[(role.holder_id, role.role, role.body_id)] = role.id
        for event in session.scalars(select(Event)):
            for name in {event.name, event.short_name} - {None, ""}:
                known.events.setdefault(fold(str(name)), []).append((event.id, event.starts))
        for initiative in session.scalars(select(Initiative)):
            for name in (initiative.name, initiative.short_name):
                if name:
                    known.initiatives[fold(name)] = initiative.id
        for document in session.scalars(select(Document)):
            if document.symbol:
                known.documents[str(document.symbol)] = document.id
            for title in {document.title, document.short_title} - {None, ""}:
                known.titles[fold(str(title))] = document.id
        return known

    # --- organizations ------------------------------------------------------------------------
    def _mention_pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            names = sorted(self.names, key=len, reverse=True)
            acronyms = sorted(self.acronyms, key=len, reverse=True)
            alternatives = [f"(?i:{re.escape(n)})" for n in names if len(n) > 3]
            alternatives += [re.escape(a) for a in acronyms]
            body = "|".join(sorted(alternatives, key=len, reverse=True)) or "(?!)"
            self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        return self._pattern

    def event(self, name: str, day: str) -> str | None:
        """The recorded event of that name that starts on ``day`` (or in its month or year)."""
        first = day.split("/")[0]
        for event_id, starts in self.events.get(fold(name), []):
            if starts and (starts.startswith(first) or first.startswith(starts)):
                return event_id
        return None

    def initiative(self, name: str) -> str | None:
        """The recorded initiative ``name`` names: exactly, else the one whose name holds the
        other's words (``Decent Jobs for Youth Campaign`` is ``Decent Jobs for Youth``)."""
        return _named(self.initiatives, name)

    def document_titled(self, title: str) -> str | None:
        """The recorded document of that title (or short title), exactly or nearly."""
        return _named(self.titles, title)

    def mentions(self, text: str) -> Iterator[Mention]:
        """The organizations ``text`` names exactly, left to right, without overlaps."""
        folded = text.replace("’", "'")
        for match in self._mention_pattern().finditer(folded):
            found = match.group(0)
            ids = self.acronyms.get(found) or self.names.get(fold(found), set())
            if len(ids) == 1:
                yield Mention(match.start(), match.end(), text[match.start() : match.end()],
                              next(iter(ids)), 1.0)  # fmt: skip

    def resolve(self, phrase: str) -> tuple[str | None, float]:
        """The organization ``phrase`` names: exactly (score 1), else the closest recorded name
        at least :data:`CLOSE_ENOUGH` close (its closeness), else None."""
        exact = self.acronyms.get(phrase.strip()) or self.names.get(fold(phrase))
        if exact and len(exact) == 1:
            return next(iter(exact)), 1.0
        if not self.names:
            return None, 0.0
        best = process.extractOne(
            phrase,
            list(self.names),
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=CLOSE_ENOUGH,
        )
        if best is None:
            return None, 0.0
        ids = self.names[best[0]]
        return (next(iter(ids)), best[1] / 100) if len(ids) == 1 else (None, 0.0)


def _named(names: dict[str, str], name: str) -> str | None:
    exact = names.get(fold(name))
    if exact is not None or not names:
        return exact
    best = process.extractOne(
        name,
        list(names),
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=CLOSE_ENOUGH,
    )
    return names[best[0]] if best is not None else None


def _is_acronym(text: str) -> bool:
    """``UNESCO``, ``UN-Habitat``, ``IAEG-SDGs``: short, and capitals where a name has small."""
    stripped = text.strip()
    return len(stripped) <= 14 and " " not in stripped and sum(c.isupper() for c in stripped) >= 2
