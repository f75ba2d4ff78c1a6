"""The layout of the Council report (``data/report.yaml``), loaded once and checked at load.

Which sections the report has and what each is made of, which kinds of body each part speaks
of, where a statement goes when it names no section: data, not code, so that an office can see
and change it. Every code is checked against the vocabularies; a fault raises
:class:`LayoutError` naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from liaison.reference.vocabulary import vocabulary


class LayoutError(ValueError):
    """``report.yaml`` is malformed or names a code no vocabulary has."""


@dataclass(frozen=True)
class Lane:
    """A band of the events timeline: the events of a body group or of some event kinds."""

    name: str
    bodies: str | None = None
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportLayout:
    sections: dict[str, dict[str, int]]
    organization_groups: dict[str, tuple[str, ...]]
    governance_documents: tuple[str, ...]
    agreement_kinds: tuple[str, ...]
    follow_up_body: str
    oversight_body: str
    section_of_kind: dict[str, str]
    section_order: tuple[str, ...]
    timeline_lanes: tuple[Lane, ...]
    role_offices: dict[str, str]

    def kinds(self, group: str) -> tuple[str, ...]:
        """The organization kinds of a group (``governing``, ``mechanism``, ``network``)."""
        return self.organization_groups[group]

    def group_of(self, organization_kind: str) -> str | None:
        return next(
            (g for g, ks in self.organization_groups.items() if organization_kind in ks), None
        )

    def order(self, section: str, part: str) -> int:
        """Where ``part`` sits in ``section``; statements use the ``statements`` order."""
        parts = self.sections[section]
        return parts.get(part, parts.get("statements", 50))


def _codes(value: Any, where: str, allowed: dict[str, str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LayoutError(f"report.yaml: {where} must be a list of codes")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise LayoutError(f"report.yaml: {where} has unknown codes {', '.join(unknown)}")
    return tuple(value)


def parse_layout(data: Any) -> ReportLayout:
    """Check the loaded YAML of ``report.yaml`` and build the layout from it."""
    if not isinstance(data, dict):
        raise LayoutError("report.yaml must be a mapping")
    sections_vocabulary = vocabulary("report_section")
    sections = data.get("sections")
    if not isinstance(sections, dict) or list(sections) != list(sections_vocabulary):
        raise LayoutError(
            "report.yaml: sections must list, in order, every report_section: "
            + ", ".join(sections_vocabulary)
        )
    for key, parts in sections.items():
        if not isinstance(parts, dict) or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in parts.items()
        ):
            raise LayoutError(f"report.yaml: sections.{key} must map parts to orders")
    kinds = vocabulary("organization_kind")
    groups = data.get("organization_groups") or {}
    if not isinstance(groups, dict):
        raise LayoutError("report.yaml: organization_groups must be a mapping")
    organization_groups = {
        name: _codes(codes, f"organization_groups.{name}", kinds) for name, codes in groups.items()
    }
    document_kinds = vocabulary("document_kind")
    kind_codes = {**kinds, **document_kinds}
    section_of_kind: dict[str, str] = {}
    for section, codes in (data.get("section_of_kind") or {}).items():
        if section not in sections_vocabulary:
            raise LayoutError(f"report.yaml: section_of_kind.{section} is not a report section")
        for code in _codes(codes, f"section_of_kind.{section}", kind_codes):
            section_of_kind.setdefault(code, section)
    lanes = []
    for i, lane in enumerate(data.get("timeline_lanes") or []):
        if not isinstance(lane, dict) or not isinstance(lane.get("lane"), str):
            raise LayoutError(f"report.yaml: timeline_lanes[{i}] needs a lane name")
        bodies = lane.get("bodies")
        if bodies is not None and bodies not in organization_groups:
            raise LayoutError(f"report.yaml: timeline_lanes[{i}].bodies is not a group")
        events = _codes(
            lane.get("events", []), f"timeline_lanes[{i}].events", vocabulary("event_kind")
        )
        lanes.append(Lane(lane["lane"], bodies, events))
    offices = data.get("role_offices") or {}
    roles = vocabulary("role")
    if not isinstance(offices, dict) or set(offices) != set(roles):
        raise LayoutError("report.yaml: role_offices must name the office of every role")
    return ReportLayout(
        sections={k: dict(v) for k, v in sections.items()},
        organization_groups=organization_groups,
        governance_documents=_codes(
            data.get("governance_documents", []), "governance_documents", document_kinds
        ),
        agreement_kinds=_codes(
            data.get("agreement_kinds", []), "agreement_kinds", vocabulary("initiative_kind")
        ),
        follow_up_body=str(data.get("follow_up_body", "")),
        oversight_body=str(data.get("oversight_body", "")),
        section_of_kind=section_of_kind,
        section_order=tuple(
            s for s in (data.get("section_of_kind") or {}) if s in sections_vocabulary
        ),
        timeline_lanes=tuple(lanes),
        role_offices={str(k): str(v) for k, v in offices.items()},
    )


@cache
def report_layout() -> ReportLayout:
    text = files("liaison.reference").joinpath("data/report.yaml").read_text("utf-8")
    return parse_layout(yaml.safe_load(text))
