"""Candidates: what ingestion reads in a document -- a proposed record, never a final one -- with
the paragraph, the span, the extractor and the score it came from.

A candidate's ``fields`` are named as the import format names them (``docs/import-format.md``), so
that accepting it is an import of those fields. Its ``key`` says which fact it states, whatever
paragraph states it: two candidates with one key are one fact (merged, the first evidence kept),
and a re-ingested document proposes no fact twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: The kinds a candidate proposes, as the import format names its lists' records.
KINDS = ("organization", "role", "event", "initiative", "document", "activity")


@dataclass(frozen=True)
class Evidence:
    """Where a candidate was read: the paragraph's locator and the span in its text."""

    locator: str
    start: int
    end: int
    #: The span's text.
    text: str
    #: The whole paragraph's text (kept for review, not printed by ``--format jsonl``).
    paragraph: str = field(default="", compare=False)


@dataclass(frozen=True)
class Candidate:
    kind: str
    fields: dict[str, Any]
    evidence: Evidence
    score: float
    extractor: str
    #: Ids of existing records this candidate states (the organization named, the role held).
    matches: tuple[str, ...] = ()
    #: The fact it states, the same whatever paragraph states it.
    key: str = ""
    #: Other places that state the same fact.
    also: tuple[Evidence, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """One line of ``liaison ingest --dry-run --format jsonl``."""
        return {
            "kind": self.kind,
            "fields": self.fields,
            "matches": list(self.matches),
            "evidence": _evidence(self.evidence),
            "score": round(self.score, 3),
            "extractor": self.extractor,
            "key": self.key,
            "also": [_evidence(e) for e in self.also],
        }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "locator": evidence.locator,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
    }


KEY_LENGTH = 400


def fact_key(kind: str, *parts: object) -> str:
    """A candidate's key from what identifies its fact: ``role:itu|observer|unga`` (a long one
    ends with a digest of the rest, to fit its column)."""
    key = f"{kind}:" + "|".join("" if p is None else str(p) for p in parts)
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: KEY_LENGTH - 17]}#{digest}"


def merged(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per fact, in the order each fact was first read: the first evidence kept
    (the others under ``also``), the highest score, every match, and fields the first one left
    empty filled from the later ones."""
    found: dict[str, Candidate] = {}
    for candidate in candidates:
        key = candidate.key or fact_key(
            candidate.kind, json.dumps(candidate.fields, sort_keys=True)
        )
        first = found.get(key)
        if first is None:
            found[key] = Candidate(
                candidate.kind,
                dict(candidate.fields),
                candidate.evidence,
                candidate.score,
                candidate.extractor,
                candidate.matches,
                key,
                candidate.also,
            )
            continue
        fields = dict(first.fields)
        for name, value in candidate.fields.items():
            if fields.get(name) in (None, "", [], {}):
                fields[name] = value
        evidence = [*first.also, candidate.evidence, *candidate.also]
        found[key] = Candidate(
            first.kind,
            fields,
            first.evidence,
            max(first.score, candidate.score),
            first.extractor,
            tuple(dict.fromkeys((*first.matches, *candidate.matches))),
            key,
            tuple(e for e in evidence if e != first.evidence),
        )
    return list(found.values())
