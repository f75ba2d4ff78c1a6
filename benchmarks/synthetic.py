"""A deterministic synthetic registry in the import format, for benchmarks and scale tests.

``synthetic_dataset(records=50_000)`` returns the plain mapping ``liaison export`` writes (kinds
to lists of records, empty and default fields left out), spread over ``years`` years ending in
2018. It refers to the organizations of the shipped reference data and adds its own: networks
with their category, partnerships, expert bodies… Events are sessions of bodies or conferences
with participants, initiatives have 2 to 15 partners, documents carry unique official-looking
symbols and reflect other records, JIU recommendations have 1 to 4 dated statuses, and tags come
from the real taxa. Only ``random.Random(seed)`` draws, so a seed always gives the same data.

    python -m benchmarks.synthetic --records 50000 -o synthetic.json
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from random import Random
from typing import Any, TypeVar

import yaml

from liaison.dates import PartialDate
from liaison.reference import all_taxa

Data = dict[str, Any]
T = TypeVar("T")
LAST_YEAR = 2018
SHARES = {
    "organizations": 0.03,
    "roles": 0.15,
    "events": 0.30,
    "initiatives": 0.10,
    "documents": 0.15,
    "activities": 0.22,
    "jiu_recommendations": 0.05,
}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# (topic, taxa it is about): names, descriptions and tags are drawn from these together.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Broadband Connectivity", ("theme:broadband", "sdg:9.c", "wsis:C2")),
    ("Digital Inclusion", ("theme:inclusion", "theme:digital-divide", "sdg:10.2")),
    ("Gender Equality in ICT", ("theme:gender", "sdg:5.b", "sdg:5")),
    ("Digital Skills", ("theme:digital-skills", "sdg:4.4", "wsis:C4")),
    ("Digital Financial Inclusion", ("theme:digital-financial-inclusion", "sdg:8.10")),
    ("Climate Change", ("theme:climate-change", "sdg:13", "wsis:C7.e-environment")),
    ("Smart Sustainable Cities", ("theme:smart-cities", "sdg:11", "sdg:11.3")),
    ("Artificial Intelligence", ("theme:ai", "sdg:9.5", "theme:innovation")),
    ("Internet of Things", ("theme:iot", "sdg:9", "theme:standards")),
    ("E-Agriculture", ("theme:agriculture", "sdg:2", "wsis:C7.e-agriculture")),
    ("E-Health", ("theme:health", "sdg:3", "wsis:C7.e-health")),
    ("E-Waste Management", ("theme:e-waste", "sdg:12.5", "sdg:12")),
    ("Youth Employment", ("theme:youth", "sdg:8.6", "wsis:C7.e-employment")),
    ("Accessibility", ("theme:accessibility", "sdg:10.2", "wsis:C1")),
    ("Least Developed Countries", ("theme:ldc-lldc-sids", "sdg:17.8", "sdg:9.c")),
    ("Technology Transfer", ("theme:technology-transfer", "sdg:17.6", "sdg:17.8")),
    ("Capacity Building", ("theme:capacity-building", "sdg:17.9", "wsis:C4")),
    ("Emergency Telecommunications", ("theme:emergency-telecommunications", "sdg:11.5")),
    ("Disaster Risk Reduction", ("theme:disaster-risk-reduction", "sdg:11.b", "sdg:1.5")),
    ("Cybersecurity", ("theme:cybersecurity", "wsis:C5", "sdg:16")),
    ("ICT Financing", ("theme:ict-financing", "sdg:17.3", "sdg:9.a")),
    ("Data and Statistics", ("theme:data-statistics", "sdg:17.18", "sdg:17.19")),
    ("Outer Space", ("theme:outer-space", "sdg:9.1")),
    ("Spectrum Management", ("theme:spectrum", "wsis:C2", "sdg:9.c")),
    ("Intelligent Transport Systems", ("theme:intelligent-transport", "sdg:3.6", "sdg:11.2")),
    ("Standardization", ("theme:standards", "sdg:9.b")),
    ("Innovation", ("theme:innovation", "sdg:9.5", "sdg:9.b")),
    ("Digital Economy", ("theme:digital-economy", "sdg:8.2", "wsis:C7.e-business")),
    ("Internet Governance", ("theme:internet-governance", "wsis:C1", "sdg:16.10")),
    ("Environmental Sustainability", ("theme:environment", "sdg:12", "wsis:C7.e-environment")),
    ("Ocean Observation", ("theme:ocean", "sdg:14", "sdg:14.a")),
    ("E-Government", ("wsis:C7.e-government", "sdg:16.6", "sdg:16")),
    ("E-Learning", ("wsis:C7.e-learning", "sdg:4", "sdg:4.a")),
    ("E-Science", ("wsis:C7.e-science", "sdg:9.5")),
    ("Access to Information", ("wsis:C9", "wsis:C3", "sdg:16.10")),
    ("Ethics of the Information Society", ("wsis:C10", "sdg:16")),
    ("International Cooperation", ("wsis:C11", "sdg:17", "sdg:17.16")),
    ("Cultural Diversity", ("wsis:C8", "sdg:11.4")),
    ("Energy Efficiency", ("sdg:7", "sdg:7.3", "theme:environment")),
    ("Water and Sanitation", ("sdg:6", "sdg:6.1")),
    ("Quality Education", ("sdg:4", "sdg:4.1", "theme:digital-skills")),
    ("Food Security", ("sdg:2", "sdg:2.3", "theme:agriculture")),
)
MANAGEMENT = ("Procurement", "Human Resources", "Finance and Budget", "Legal Affairs",
              "Security Management", "Knowledge Management", "Risk Management", "Evaluation",
              "Ethics", "Business Innovation", "Common Premises", "Travel Management",
              "Internal Audit", "Medical Services", "Staff Development",
              "Information Security")  # fmt: skip
REGIONS = ("Africa", "the Arab States", "Asia and the Pacific", "Europe", "the Americas",
           "Latin America and the Caribbean", "Small Island Developing States", "Central Asia",
           "the Western Balkans", "West Africa", "East Africa", "Southern Africa",
           "the Pacific Islands", "the Commonwealth of Independent States")  # fmt: skip
CITIES = ("Geneva, Switzerland", "New York, United States", "Vienna, Austria", "Nairobi, Kenya",
          "Paris, France", "Rome, Italy", "Bangkok, Thailand", "Addis Ababa, Ethiopia",
          "Santiago, Chile", "Beirut, Lebanon", "Bonn, Germany", "Montréal, Canada",
          "Buenos Aires, Argentina", "Dubai, United Arab Emirates", "Kigali, Rwanda",
          "Busan, Republic of Korea", "Sharm El-Sheikh, Egypt", "Marrakech, Morocco",
          "Hyderabad, India", "Beijing, China", "Brasília, Brazil", "Mexico City, Mexico",
          "Jakarta, Indonesia", "Dakar, Senegal", "Apia, Samoa", "Almaty, Kazakhstan")  # fmt: skip
DESCRIPTIONS = (
    "Focuses on {topic} and its contribution to the 2030 Agenda in {region}.",
    "Brings together governments, industry and UN entities to advance {topic}.",
    "Covers {topic}, {topic2} and the follow-up of the World Summit on the Information Society.",
    "Reviews progress on {topic} and agrees on next steps for {region}.",
    "Addresses the role of information and communication technologies in {topic}.",
)
NOTES = ("Entered by the UN Liaison Office.", "Reported by the focal point of the bureau.",
         "From the mission report.", "Confirmed by the secretariat of the body.")  # fmt: skip
CONTRIBUTIONS = ("made a statement on {topic}", "moderated a panel on {topic}",
                 "presented a report on {topic}", "organized a side event on {topic}",
                 "submitted a written contribution on {topic}")  # fmt: skip
ROLE_NOTES = ("the ITU Secretary-General", "the Deputy Secretary-General",
              "the Director of the Telecommunication Development Bureau",
              "the UN Liaison Office in New York", "through its regional office")  # fmt: skip
BODY_KINDS = ("principal-organ", "subsidiary-body", "functional-commission", "expert-body",
              "regional-commission", "governing-body", "inter-agency-mechanism",
              "network")  # fmt: skip
ACTOR_KINDS = ("specialized-agency", "fund-programme", "related-organization",
               "research-training", "secretariat-office", "partnership", "non-governmental",
               "intergovernmental", "convention-secretariat")  # fmt: skip
_SMALL_WORDS = {"on", "for", "of", "the", "and", "in", "to", "ict"}


def record_counts(records: int) -> dict[str, int]:
    """How many records of each kind make ``records`` in all (the rest goes to activities)."""
    counts = {kind: int(records * share) for kind, share in SHARES.items()}
    counts["activities"] += records - sum(counts.values())
    return counts


def reference_organizations() -> list[Data]:
    """The organizations and member states the package ships (id, name, acronym, kind)."""
    folder = files("liaison.reference").joinpath("data")
    found = []
    for name in ("organizations.yaml", "countries.yaml"):
        for org in yaml.load(folder.joinpath(name).read_text("utf-8"), Loader=_LOADER)[
            "organizations"
        ]:
            found.append({k: org.get(k) for k in ("id", "name", "acronym", "kind")})
    return found


def _demo_ids_and_symbols() -> tuple[set[str], set[str]]:
    """What the demo dataset uses, so the synthetic data can be loaded next to it."""
    ids, symbols = set(), set()
    for item in sorted(files("liaison.demo").joinpath("data").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            for records in (yaml.load(item.read_text("utf-8"), Loader=_LOADER) or {}).values():
                for record in records or []:
                    parts = [record.get(k) for k in ("holder", "role", "body")]
                    start = str(record.get("period") or "").partition("/")[0]
                    derived = ".".join(str(p) for p in [*parts, start] if p)
                    ids.add(str(record.get("id") or derived))
                    if record.get("symbol"):
                        symbols.add(str(record["symbol"]))
    return ids, symbols


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:90] or "x"


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()[:8] or "X"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Generator:
    def __init__(self, rng: Random, years: int) -> None:
        self.rng = rng
        self.first = LAST_YEAR - years + 1
        self.reference = reference_organizations()
        demo_ids, self.symbols = _demo_ids_and_symbols()
        self.taken = {org["id"] for org in self.reference} | demo_ids
        self.label = {o["id"]: o["acronym"] or o["name"] for o in self.reference}
        self.name = {o["id"]: o["name"] for o in self.reference}
        self.bodies = [o["id"] for o in self.reference if o["kind"] in BODY_KINDS]
        self.actors = [o["id"] for o in self.reference if o["kind"] in ACTOR_KINDS]
        self.states = [o["id"] for o in self.reference if o["kind"] == "member-state"]
        self.taxa = [t.id for t in all_taxa()]
        self.position = {taxon: i for i, taxon in enumerate(self.taxa)}
        known = set(self.taxa)
        self.topics = [(t, tuple(x for x in taxa if x in known)) for t, taxa in TOPICS]
        self.suffixes: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.documents: list[Data] = []

    # --- small draws -------------------------------------------------------------------------

    def unique_id(self, base: str) -> str:
        slug = _slug(base)
        candidate = slug
        while candidate in self.taken:
            self.suffixes[slug] = self.suffixes.get(slug, 1) + 1
            candidate = f"{slug}-{self.suffixes[slug]}"
        self.taken.add(candidate)
        return candidate

    def next_number(self, prefix: str, step: int = 4) -> int:
        self.counters[prefix] = self.counters.get(prefix, 0) + self.rng.randint(1, step)
        return self.counters[prefix]

    def topic(self) -> tuple[str, tuple[str, ...]]:
        return self.rng.choice(self.topics)

    def day(self, after: date | None = None) -> date:
        """A day in the years covered (and after ``after``, up to the last day covered)."""
        high = date(LAST_YEAR, 12, 31).toordinal()
        low = min((after or date(self.first, 1, 1)).toordinal(), high)
        return date.fromordinal(self.rng.randint(low, high))

    def when(self, day: date) -> str:
        """An event's date as a report gives it: a year, a month, a day or a few days."""
        r = self.rng.random()
        if r < 0.08:
            return str(day.year)
        if r < 0.45:
            return f"{day:%Y-%m}"
        if r < 0.60:
            return day.isoformat()
        end = day + timedelta(days=self.rng.randint(1, 4))
        if r < 0.95 and end.year == day.year:
            return f"{day.isoformat()}/{end.isoformat()}"
        if day.month < 12:
            return f"{day:%Y-%m}/{day.year}-{day.month + 1:02d}"
        return f"{day:%Y-%m}"

    def period(self, longest: int = 5) -> str:
        """A period of up to ``longest`` years, which may start before the years covered."""
        start = self.rng.randint(self.first - 3, LAST_YEAR)
        text = str(start) if self.rng.random() < 0.7 else f"{start}-{self.rng.randint(1, 12):02d}"
        end = start + self.rng.randint(0, longest)
        if end > LAST_YEAR or self.rng.random() < 0.2:
            return f"{text}/"
        if end == start:
            return text if len(text) == 4 else f"{text}/{end}"
        return f"{text}/{end}" if self.rng.random() < 0.7 else f"{text}/{end}-06"

    def some(self, pool: Sequence[T], low: int, high: int) -> list[T]:
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))

    def description(self, topic: str) -> str | None:
        if self.rng.random() < 0.4:
            return None
        return self.rng.choice(DESCRIPTIONS).format(
            topic=topic.lower(), topic2=self.topic()[0].lower(), region=self.rng.choice(REGIONS)
        )

    def tags(self, taxa: tuple[str, ...]) -> list[str | Data]:
        chosen: dict[str, str | Data] = {}
        for _ in range(self.rng.choices((0, 1, 2, 3, 4), (25, 30, 25, 12, 8))[0]):
            pool = taxa if taxa and self.rng.random() < 0.6 else self.taxa
            taxon = self.rng.choice(pool)
            if self.rng.random() < 0.9:
                chosen[taxon] = taxon
                continue
            state = self.rng.choice(("suggested", "suggested", "rejected", "accepted"))
            tag: Data = {"taxon": taxon, "score": round(self.rng.random(), 3)}
            tag |= {"evidence": f"mentions {taxon.partition(':')[2]}"}
            tag |= {"suggested_by": "classifier:keywords"}
            chosen[taxon] = tag if state == "accepted" else {**tag, "state": state}
        return [chosen[t] for t in sorted(chosen, key=self.position.__getitem__)]

    def sources(self, exclude: str = "") -> list[Data]:
        found: list[Data] = []
        for _ in range(self.rng.choices((0, 1, 2), (40, 45, 15))[0]):
            r = self.rng.random()
            document = self.rng.choice(self.documents)["id"] if self.documents else exclude
            if r < 0.55 and document != exclude:
                locator = f"para. {self.rng.randint(1, 9)}.{self.rng.randint(1, 12)}"
                found.append({"document": document, "locator": locator})
            elif r < 0.8:
                found.append({"url": f"https://www.un.org/en/{_slug(self.topic()[0])}"})
            else:
                found.append({"note": self.rng.choice(NOTES)})
        return found

    def common(self, record_id: str, topic: str, taxa: tuple[str, ...], skip: str = "") -> Data:
        extra = {
            "description": self.description(topic),
            "tags": self.tags(taxa),
            "sources": self.sources(skip),
        }
        return {"id": record_id} | {k: v for k, v in extra.items() if v}

    # --- records -----------------------------------------------------------------------------

    def organizations(self, count: int) -> list[Data]:
        made: list[Data] = []
        kinds = ("network", "partnership", "non-governmental", "intergovernmental", "expert-body",
                 "inter-agency-mechanism", "governing-body", "research-training")  # fmt: skip
        for _ in range(count):
            kind = self.rng.choices(kinds, (30, 15, 15, 10, 10, 6, 7, 7))[0]
            topic, taxa = self.topic()
            region = self.rng.choice(REGIONS)
            extra: Data = {}
            if kind == "network":
                category = self.rng.choice(("management", "thematic"))
                subject = self.rng.choice(MANAGEMENT) if category == "management" else topic
                pattern = self.rng.choice(("Inter-Agency Network on {}", "Working Group on {}",
                                           "Task Force on {}", "{} Network"))  # fmt: skip
                name, topic = pattern.format(subject), subject
                parent = "hlcm" if category == "management" else self.rng.choice(("hlcp", "unsdg"))
                extra = {"category": category, "parent": parent}
            else:
                pattern = {
                    "partnership": "Global Partnership for {t}",
                    "non-governmental": "{t} Association of {r}",
                    "intergovernmental": "Regional Commission on {t} for {r}",
                    "expert-body": "Expert Group on {t}",
                    "inter-agency-mechanism": "Inter-Agency Committee on {t}",
                    "governing-body": "Governing Council of the {t} Programme for {r}",
                    "research-training": "Institute for {t} in {r}",
                }[kind]
                name = pattern.format(t=topic, r=region)
                parents = {"expert-body": ("ecosoc", "statistical-commission", "unga", "hrc"),
                           "inter-agency-mechanism": ("ceb", "unsdg"),
                           "governing-body": tuple(self.actors[:20]),
                           "research-training": ("unu", "unitar")}  # fmt: skip
                if kind in parents:
                    extra["parent"] = self.rng.choice(parents[kind])
                elif self.rng.random() < 0.15:
                    peers = [o["id"] for o in made if o["kind"] == kind]
                    extra |= {"parent": self.rng.choice(peers)} if peers else {}
            acronym = _acronym(name)
            org_id = self.unique_id(acronym)
            aliases = {f"UN {name}", name.replace("Inter-Agency", "Interagency")}
            aliases = {a for a in sorted(aliases) if a != name and self.rng.random() < 0.5}
            record = self.common(org_id, topic, taxa) | {"name": name, "acronym": acronym}
            record |= {"kind": kind, **extra}
            if aliases:
                record["aliases"] = sorted(aliases)
            if kind == "research-training":
                record["classifications"] = {"un-chart": "research-and-training"}
            if self.rng.random() < 0.5:
                record["url"] = f"https://www.{org_id}.org"
            made.append(record)
            self.name[org_id], self.label[org_id] = name, acronym
            (self.bodies if kind in BODY_KINDS else self.actors).append(org_id)
        return made

    def document_shells(self, count: int, jiu_reports: int) -> None:
        """Documents without what they reflect: other records cite them as sources."""
        kinds = ("resolution", "decision", "sg-report", "council-report", "contribution",
                 "publication", "report", "agreement")  # fmt: skip
        for index in range(count):
            kind = "jiu-report" if index < jiu_reports else None
            kind = kind or self.rng.choices(kinds, (20, 8, 10, 6, 22, 16, 12, 6))[0]
            day = self.day()
            year, session = day.year, day.year - 1945 - (day.month < 9)
            topic, taxa = self.topic()
            body = self.rng.choice(self.bodies)
            issuer, symbol, title = self.symbol_and_title(kind, day, session, topic, body)
            if symbol in self.symbols:
                symbol = f"{symbol}/Add.1"
            self.symbols.add(symbol or "")
            doc_id = self.unique_id(symbol or f"{kind}-{topic}-{year}")
            precision = self.rng.choices((str(year), f"{day:%Y-%m}", day.isoformat()), (2, 4, 4))
            record = self.common(doc_id, topic, taxa) | {"title": title, "kind": kind}
            if symbol:
                record["symbol"] = symbol
            record |= {"issued_by": issuer, "date": precision[0]}
            if symbol and self.rng.random() < 0.3:
                record["url"] = f"https://undocs.org/{symbol}"
            self.documents.append(record)

    def symbol_and_title(
        self, kind: str, day: date, session: int, topic: str, body: str
    ) -> tuple[str, str | None, str]:
        year, short = day.year, f"{day.year % 100:02d}"
        acr = re.sub(r"[^A-Z0-9-]", "", (self.label[body] or body).upper().replace(" ", "-"))
        if kind == "resolution":
            issuer = self.rng.choice(("unga", "unga", "ecosoc", "hrc"))
            prefix = {"unga": f"A/RES/{session}", "ecosoc": f"E/RES/{year}"}.get(
                issuer, f"A/HRC/RES/{3 * (year - 2006) + (day.month - 1) // 4 + 1}"
            )
            return issuer, f"{prefix}/{self.next_number(prefix)}", f"{topic} for development"
        if kind == "decision":
            issuer, prefix = self.rng.choice((("ecosoc", f"E/DEC/{year}"), ("itu-council", "")))
            if issuer == "itu-council":
                number = self.next_number("itu-decision", 2) + 500
                return issuer, f"Decision {number} (C{short})", f"Council decision on {topic}"
            return issuer, f"{prefix}/{self.next_number(prefix)}", f"Decision on {topic}"
        if kind == "jiu-report":
            series = self.rng.choices(("REP", "NOTE"), (4, 1))[0]
            prefix = f"JIU/{series}/{year}"
            title = f"Review of {topic.lower()} in the United Nations system"
            return "jiu", f"{prefix}/{self.next_number(prefix, 1)}", title
        if kind == "sg-report":
            prefix = f"A/{session}"
            title = f"{topic} and the 2030 Agenda: report of the Secretary-General"
            return "un-secretariat", f"{prefix}/{self.next_number(prefix, 20)}", title
        if kind == "council-report":
            prefix = f"C{short}/INF"
            return "itu", f"{prefix}/{self.next_number(prefix, 2)}", f"Report on {topic.lower()}"
        if kind == "contribution":
            prefix = f"{acr}/{year}/CRP"
            title = f"ITU contribution to the {self.name[body]} on {topic.lower()}"
            return "itu", f"{prefix}.{self.next_number(prefix, 2)}", title
        if kind == "publication":
            issuer = self.rng.choice(self.actors)
            if self.rng.random() < 0.5:
                return issuer, None, f"{topic} Outlook {year}"
            number = self.next_number("isbn", 3)
            return issuer, f"ISBN 978-92-61-{number:05d}-{number % 10}", f"Measuring {topic}"
        if kind == "agreement":
            partner = self.rng.choice(self.actors)
            prefix = f"ITU-{self.label[partner].upper()}/MOU/{year}"
            title = f"Memorandum of understanding between ITU and {self.name[partner]}"
            return "itu", f"{prefix}/{self.next_number(prefix, 1)}", f"{title} on {topic}"
        prefix = f"{acr}/{year}"
        return body, f"{prefix}/{self.next_number(prefix)}", f"Report of the {self.name[body]}"


def _roles(g: _Generator, count: int) -> list[Data]:
    made: list[Data] = []
    roles = ("member", "observer", "participant", "chair", "vice-chair", "co-chair", "lead",
             "secretariat")  # fmt: skip
    holders = g.actors + g.states
    while len(made) < count:
        holder = "itu" if g.rng.random() < 0.3 else g.rng.choice(holders)
        body = g.rng.choice(g.bodies)
        role = g.rng.choices(roles, (40, 15, 12, 8, 8, 5, 4, 8))[0]
        period = g.period(3 if "chair" in role else 8) if g.rng.random() < 0.85 else None
        start = [period.partition("/")[0]] if period else []
        role_id = ".".join([holder, role, body, *start])
        if holder == body or role_id in g.taken:
            continue
        g.taken.add(role_id)
        record = g.common(role_id, "", ())
        record.pop("description", None)
        record |= {"holder": holder, "body": body, "role": role}
        if period:
            record["period"] = period
        if g.rng.random() < 0.15:
            record["note"] = g.rng.choice(ROLE_NOTES)
        made.append(record)
    return made


def _participants(g: _Generator, topic: str, low: int, high: int) -> list[Data]:
    orgs = set(g.some(g.actors, low, high // 2) + g.some(g.states, 0, high - high // 2))
    if g.rng.random() < 0.6:
        orgs.add("itu")
    found = []
    for org in sorted(orgs):
        role = g.rng.choices(("participant", "speaker", "co-organizer", "organizer", "host"),
                             (60, 20, 8, 5, 7))[0]  # fmt: skip
        item: Data = {"org": org} | ({"role": role} if role != "participant" else {})
        if g.rng.random() < 0.25:
            item["contribution"] = g.rng.choice(CONTRIBUTIONS).format(topic=topic.lower())
        found.append(item)
    return found


def _events(g: _Generator, count: int) -> list[Data]:
    sessions = int(count * 0.55)
    by_body: dict[str, list[date]] = {}
    for _ in range(sessions):
        by_body.setdefault(g.rng.choice(g.bodies), []).append(g.day())
    made: list[Data] = []
    for body, days in by_body.items():
        number = g.rng.randint(1, 60)
        meeting = g.rng.random() < 0.4
        for day in sorted(days):
            number += 1
            topic, taxa = g.topic()
            event_id = g.unique_id(f"{body}-{number}")
            what = "meeting" if meeting else "session"
            record = g.common(event_id, topic, taxa)
            record |= {"name": f"{_ordinal(number)} {what} of the {g.name[body]}"}
            record |= {"short_name": g.label[body], "kind": what, "date": g.when(day)}
            record |= {"place": g.rng.choice(CITIES), "session_of": body}
            record["participants"] = _participants(g, topic, 1, 12)
            made.append(record)
    kinds = ("conference", "summit", "forum", "meeting", "mission", "side-event", "symposium",
             "workshop", "exhibition")  # fmt: skip
    names = {
        "conference": "International Conference on {t}",
        "summit": "Global Summit on {t}",
        "forum": "Forum on {t} for {r}",
        "meeting": "Expert Group Meeting on {t}",
        "mission": "Mission to {c} on {t}",
        "side-event": "Side event on {t}",
        "symposium": "Global Symposium on {t}",
        "workshop": "Regional Workshop on {t} for {r}",
        "exhibition": "{t} Exhibition",
    }
    for _ in range(count - len(made)):
        kind = g.rng.choices(kinds, (15, 5, 15, 25, 8, 10, 7, 12, 3))[0]
        topic, taxa = g.topic()
        day, place = g.day(), g.rng.choice(CITIES)
        name = names[kind].format(t=topic, r=g.rng.choice(REGIONS), c=place.partition(",")[0])
        record = g.common(g.unique_id(f"{kind}-{topic}-{day.year}"), topic, taxa)
        record |= {"name": f"{name} {day.year}", "kind": kind, "date": g.when(day)}
        record["place"] = place
        organizers = g.some(g.actors + g.bodies, 0, 3)
        if organizers:
            record["organizers"] = sorted(set(organizers))
        record["participants"] = _participants(g, topic, 1, 12)
        if made and g.rng.random() < 0.1:  # co-located with an earlier event
            record["related"] = [g.rng.choice(made)["id"]]
        made.append(record)
    return made


def _initiatives(g: _Generator, count: int) -> list[Data]:
    names = {
        "partnership": "Global Partnership on {t}",
        "programme": "Programme on {t} for {r}",
        "campaign": "Campaign for {t}",
        "publication": "{t} Outlook",
        "agreement": "Cooperation agreement on {t}",
        "task-force": "Joint Task Force on {t}",
        "event-series": "{t} Week",
        "project": "Project on {t} in {r}",
        "platform": "{t} Knowledge Platform",
    }
    kinds = tuple(names)
    made: list[Data] = []
    for _ in range(count):
        kind = g.rng.choices(kinds, (20, 15, 8, 8, 12, 8, 6, 15, 8))[0]
        topic, taxa = g.topic()
        name = names[kind].format(t=topic, r=g.rng.choice(REGIONS))
        record = g.common(g.unique_id(name), topic, taxa) | {"name": name}
        if g.rng.random() < 0.4:
            record["short_name"] = f"{_acronym(topic)}-{kind[:4].upper()}"
        record["kind"] = kind
        period = g.period()
        record["period"] = period
        start, _, end = period.partition("/") if "/" in period else (period, "", period)
        if end and int(end[:4]) < LAST_YEAR:
            record["status"] = "completed"
        else:
            record["status"] = "planned" if int(start[:4]) == LAST_YEAR else "active"
        first = ["itu"] if g.rng.random() < 0.5 else []
        orgs = list(dict.fromkeys(first + g.rng.sample(g.actors + g.states, 15)))
        orgs = orgs[: g.rng.randint(2, 15)]
        others = ("co-lead", "coordinator", "partner", "supporter", "member")
        roles = ["lead", *g.rng.choices(others, (6, 3, 60, 15, 16), k=14)]
        record["partners"] = [
            {"org": org} | ({"role": role} if role != "partner" else {})
            for org, role in zip(orgs, roles, strict=False)
        ]
        outputs = [f"{topic} toolkit", f"Report on {topic.lower()} in {g.rng.choice(REGIONS)}"]
        if g.rng.random() < 0.5:
            record["outputs"] = outputs[: g.rng.randint(1, 2)]
        if g.rng.random() < 0.3:  # the body that runs it
            record["related"] = [g.rng.choice(g.bodies)]
        made.append(record)
    return made


def _activities(g: _Generator, count: int, pool: list[Data]) -> list[Data]:
    made: list[Data] = []
    texts = (
        "{o} contributed to the {x} on {t}.",
        "{o} presented its work on {t} at the {x}.",
        "{o} supported countries presenting voluntary national reviews on {t}, with the {x}.",
        "{o} briefed member states on {t} and the follow-up of the {x}.",
    )
    for _ in range(count):
        topic, taxa = g.topic()
        org = "itu" if g.rng.random() < 0.5 else g.rng.choice(g.actors)
        related = g.rng.choice(pool)
        other = related.get("name") or related.get("title") or g.name.get(related["id"])
        other = other or g.name[related.get("body", "itu")]
        text = g.rng.choice(texts).format(o=g.name[org], x=other, t=topic.lower())
        day = g.day()
        record = g.common(g.unique_id(f"{org}-{topic}-{day.year}"), topic, taxa)
        record |= {"text": text, "org": org, "date": g.when(day)}
        record["related"] = sorted({related["id"], *(r["id"] for r in g.some(pool, 0, 2))})
        made.append(record)
    return made


def _reflect(g: _Generator, pool: list[Data]) -> None:
    for document in g.documents:
        how_many = g.rng.choices((0, 1, 2, 3, 4, 6), (30, 20, 20, 10, 10, 10))[0]
        reflects = {r["id"] for r in g.some(pool, how_many, how_many)} - {document["id"]}
        if reflects:
            document["reflects"] = sorted(reflects)


_PATHS = (
    ("under-consideration", None),
    ("accepted", "not-started"),
    ("accepted", "in-progress"),
    ("accepted", "implemented"),
)


def _statuses(g: _Generator, report: Data, scope: str) -> list[Data]:
    """1 to 4 dated statuses, each org's in order and at least a month apart (so they sort)."""
    orgs = ["itu"] if g.rng.random() < 0.7 else [g.rng.choice(g.actors)]
    if scope == "system-wide" and g.rng.random() < 0.4:
        orgs.append(g.rng.choice([a for a in g.actors if a not in orgs]))
    last = date(LAST_YEAR, 12, 31)
    found: list[Data] = []
    for position, org in enumerate(orgs):
        outcome = g.rng.choices(("path", "not-accepted", "not-relevant"), (80, 12, 8))[0]
        path = _PATHS if outcome == "path" else (_PATHS[0], (outcome, None))
        room = 4 - len(found) - (len(orgs) - 1 - position)
        day = PartialDate.parse(report["date"]).earliest()
        for step, (acceptance, implementation) in enumerate(path[: g.rng.randint(1, room)]):
            if step and day + timedelta(days=40) > last:
                break
            day = g.day(day + timedelta(days=g.rng.randint(40, 300)))
            when = day.isoformat() if g.rng.random() < 0.6 else f"{day:%Y-%m}"
            status: Data = {"org": org, "date": when, "acceptance": acceptance}
            if implementation:
                status["implementation"] = implementation
            found.append(status)
    return found


def _jiu_recommendations(g: _Generator, count: int) -> list[Data]:
    reports = [d for d in g.documents if d["kind"] == "jiu-report"]
    made: list[Data] = []
    numbers: dict[str, int] = {}
    verbs = ("establish", "strengthen", "review", "report on", "adopt a policy on")
    for _ in range(count):
        report = g.rng.choice(reports)
        numbers[report["id"]] = number = numbers.get(report["id"], 0) + 1
        topic, taxa = g.topic()
        rec_id = g.unique_id(f"{report['id']}-rec-{number}")
        record = g.common(rec_id, topic, taxa, skip=report["id"]) | {"report": report["id"]}
        record["number"] = number
        addressee = g.rng.choice(("legislative-organ", "executive-head"))
        who = "legislative organs" if addressee == "legislative-organ" else "executive heads"
        verb = g.rng.choice(verbs)
        record["text"] = f"The {who} should {verb} {topic.lower()} by the end of the biennium."
        scope = g.rng.choice(("system-wide", "single-organization"))
        record |= {"addressed_to": addressee, "scope": scope}
        statuses = _statuses(g, report, scope)
        record["statuses"] = sorted(statuses, key=lambda s: s["org"])
        made.append(record)
    return made


def synthetic_dataset(
    records: int = 50_000, years: int = 10, seed: int = 2018
) -> dict[str, list[dict[str, Any]]]:
    """``records`` records in the import format, the same for the same arguments."""
    g = _Generator(Random(seed), years)
    counts = record_counts(records)
    jiu_reports = min(counts["documents"], math.ceil(counts["jiu_recommendations"] / 8))
    organizations = g.organizations(counts["organizations"])
    g.document_shells(counts["documents"], jiu_reports)
    roles = _roles(g, counts["roles"])
    events = _events(g, counts["events"])
    initiatives = _initiatives(g, counts["initiatives"])
    pool = organizations + roles + events + initiatives
    activities = _activities(g, counts["activities"], pool or g.documents or [{"id": "itu"}])
    _reflect(g, pool + activities + g.documents)
    return {
        "organizations": organizations,
        "roles": roles,
        "events": events,
        "initiatives": initiatives,
        "documents": g.documents,
        "activities": activities,
        "jiu_recommendations": _jiu_recommendations(g, counts["jiu_recommendations"]),
    }


def write_dataset(data: dict[str, list[Data]], path: Path) -> None:
    """Write the dataset as ``.json``, ``.jsonl`` (a record per line, under its kind) or
    ``.yaml``."""
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif path.suffix.lower() == ".jsonl":
        with path.open("w", encoding="utf-8") as out:
            for kind, records in data.items():
                for record in records:
                    out.write(json.dumps({kind: record}, ensure_ascii=False) + "\n")
    elif path.suffix.lower() in (".yaml", ".yml"):
        text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
    else:
        raise SystemExit(f"{path}: write .json, .jsonl, .yaml or .yml")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.json or .yaml")
    args = parser.parse_args(list(argv) if argv is not None else None)
    data = synthetic_dataset(args.records, args.years, args.seed)
    write_dataset(data, args.output)
    summary = ", ".join(f"{len(v)} {k}" for k, v in data.items())
    print(f"{args.output}: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
