"""The taxonomies Liaison tags records with: SDGs, WSIS Action Lines and themes.

Each scheme is a YAML file in ``liaison/reference/data`` (``sdg.yaml``, ``wsis.yaml``,
``themes.yaml``), shipped with the package, loaded once and validated at load. A file holds::

    scheme: sdg                       # the scheme's code, the prefix of its taxon ids
    name: Sustainable Development Goals
    source: "..."                     # where the data comes from
    taxa:                             # parents before their children
      - {code: "9", label: "...", text: "..."}
      - {code: "9.c", parent: "9", text: "..."}
    links:                            # optional: from a taxon of this scheme to any taxon id
      - {from: "9.c", to: "wsis:C2"}

A taxon's id is ``scheme:code`` (``sdg:9.c``, ``wsis:C7.e-health``, ``theme:gender``). A child's
code starts with its parent's code and a dot. Any fault in a file raises :class:`TaxonomyError`
naming the file and the taxon.

This module imports nothing from the rest of Liaison.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "SCHEMES",
    "Scheme",
    "Taxon",
    "TaxonLink",
    "TaxonomyError",
    "all_taxa",
    "load_links",
    "load_scheme",
    "taxon_by_id",
]

SCHEMES: tuple[str, ...] = ("sdg", "wsis", "theme")
"""The codes of the schemes shipped with Liaison, in the order :func:`all_taxa` walks them."""

_DATA_PACKAGE = "liaison.reference"
_FILES: Mapping[str, str] = MappingProxyType(
    {"sdg": "sdg.yaml", "wsis": "wsis.yaml", "theme": "themes.yaml"}
)
_FILE_KEYS = frozenset({"scheme", "name", "source", "taxa", "links"})
_TAXON_KEYS = frozenset({"code", "text", "label", "parent"})
_LINK_KEYS = frozenset({"from", "to"})


class TaxonomyError(ValueError):
    """A taxonomy data file is malformed, or a taxon id points nowhere."""


@dataclass(frozen=True)
class Taxon:
    """One entry of a scheme: an SDG goal, target or indicator, an action line, a theme."""

    scheme: str
    code: str
    text: str
    label: str | None = None
    parent: str | None = None

    @property
    def id(self) -> str:
        """The taxon's id, ``scheme:code`` (``sdg:9.c``)."""
        return f"{self.scheme}:{self.code}"

    @property
    def parent_id(self) -> str | None:
        """The id of the taxon's parent, or None for a top-level taxon."""
        return None if self.parent is None else f"{self.scheme}:{self.parent}"

    @property
    def title(self) -> str:
        """The label when there is one, otherwise the text: what a list should show."""
        return self.label if self.label is not None else self.text


@dataclass(frozen=True)
class TaxonLink:
    """A link between two taxa of different schemes, by id (``wsis:C7.e-health`` → ``sdg:3``)."""

    source: str
    target: str


@dataclass(frozen=True)
class Scheme:
    """A taxonomy: its code, name, source and taxa (parents before children)."""

    code: str
    name: str
    source: str
    taxa: tuple[Taxon, ...]
    _by_code: Mapping[str, Taxon] = field(init=False, repr=False, compare=False)
    _children: Mapping[str | None, tuple[Taxon, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        children: dict[str | None, list[Taxon]] = {}
        for taxon in self.taxa:
            children.setdefault(taxon.parent, []).append(taxon)
        object.__setattr__(self, "_by_code", MappingProxyType({t.code: t for t in self.taxa}))
        object.__setattr__(
            self,
            "_children",
            MappingProxyType({code: tuple(kids) for code, kids in children.items()}),
        )

    def get(self, code: str) -> Taxon | None:
        """The taxon with this code (``9.c``, not ``sdg:9.c``), or None."""
        return self._by_code.get(code)

    def children(self, code: str | None = None) -> tuple[Taxon, ...]:
        """The taxa whose parent is ``code``; with no code, the top-level taxa."""
        return self._children.get(code, ())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Taxon]:
        return iter(self.taxa)

    def __len__(self) -> int:
        return len(self.taxa)


@dataclass(frozen=True)
class _SchemeFile:
    """What one data file holds: its scheme and the links declared in it (targets unchecked)."""

    scheme: Scheme
    links: tuple[TaxonLink, ...]
    where: str


def load_scheme(code: str) -> Scheme:
    """The shipped scheme with this code (one of :data:`SCHEMES`), loaded once and cached."""
    return _load_builtin(code).scheme


def load_links() -> tuple[TaxonLink, ...]:
    """Every link declared in the shipped data files, each checked to point at existing taxa."""
    return _load_links()


def taxon_by_id(taxon_id: str) -> Taxon | None:
    """The shipped taxon with this id (``sdg:9.c``, ``wsis:C7.e-health``), or None."""
    scheme, sep, code = taxon_id.partition(":")
    if not sep or scheme not in _FILES:
        return None
    return load_scheme(scheme).get(code)


def all_taxa() -> Iterator[Taxon]:
    """Every shipped taxon, scheme by scheme in the order of :data:`SCHEMES`."""
    for code in SCHEMES:
        yield from load_scheme(code).taxa


@functools.cache
def _load_builtin(code: str) -> _SchemeFile:
    filename = _FILES.get(code)
    if filename is None:
        known = ", ".join(SCHEMES)
        raise TaxonomyError(f"unknown taxonomy scheme {code!r} (known: {known})")
    loaded = _load_scheme_file(resources.files(_DATA_PACKAGE) / "data" / filename)
    if loaded.scheme.code != code:
        raise TaxonomyError(
            f"{loaded.where}: declares scheme {loaded.scheme.code!r}, expected {code!r}"
        )
    return loaded


@functools.cache
def _load_links() -> tuple[TaxonLink, ...]:
    return _checked_links([_load_builtin(code) for code in SCHEMES])


def _checked_links(files: Sequence[_SchemeFile]) -> tuple[TaxonLink, ...]:
    """The links of these files, each checked to point at a taxon of one of these files."""
    schemes = {loaded.scheme.code: loaded.scheme for loaded in files}
    links: list[TaxonLink] = []
    for loaded in files:
        for link in loaded.links:
            scheme_code, _, code = link.target.partition(":")
            scheme = schemes.get(scheme_code)
            if scheme is None or code not in scheme:
                raise TaxonomyError(
                    f"{loaded.where}: link from {link.source!r} points to unknown taxon "
                    f"{link.target!r}"
                )
            links.append(link)
    return tuple(links)


def _load_scheme_file(path: Path | Traversable) -> _SchemeFile:
    """Read and validate one data file. Link targets are checked by the caller."""
    import yaml  # here, not at import: a command that loads no taxonomy does not pay for it

    where = str(path)
    try:
        data: object = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{where}: cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{where}: is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise TaxonomyError(f"{where}: must be a mapping with scheme, name, source and taxa")
    _check_keys(data, _FILE_KEYS, {"scheme", "name", "source", "taxa"}, where)
    code = _string(data, "scheme", where)
    if ":" in code or not code.strip() or code != code.strip():
        raise TaxonomyError(f"{where}: scheme code {code!r} must be a word without ':'")
    raw_taxa = data["taxa"]
    if not isinstance(raw_taxa, list) or not raw_taxa:
        raise TaxonomyError(f"{where}: 'taxa' must be a non-empty list")
    taxa = _parse_taxa(code, raw_taxa, where)
    scheme = Scheme(
        code=code,
        name=_string(data, "name", where),
        source=_string(data, "source", where),
        taxa=taxa,
    )
    links = _parse_links(scheme, data.get("links", []), where)
    return _SchemeFile(scheme=scheme, links=links, where=where)


def _parse_taxa(scheme: str, raw_taxa: list[Any], where: str) -> tuple[Taxon, ...]:
    seen: set[str] = set()
    taxa: list[Taxon] = []
    for index, raw in enumerate(raw_taxa):
        at = f"{where}: taxon #{index + 1}"
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{at}: must be a mapping with code and text")
        code = _code(raw, "code", at)
        at = f"{where}: taxon {code!r}"
        _check_keys(raw, _TAXON_KEYS, {"code", "text"}, at)
        if code in seen:
            raise TaxonomyError(f"{at}: code is used twice")
        parent = _code(raw, "parent", at) if "parent" in raw else None
        if parent is not None:
            if parent not in seen:
                raise TaxonomyError(
                    f"{at}: parent {parent!r} does not exist or does not come before it"
                )
            if not code.startswith(parent + "."):
                raise TaxonomyError(
                    f"{at}: code must start with {parent + '.'!r}, its parent's code"
                )
        label = _string(raw, "label", at) if "label" in raw else None
        taxa.append(
            Taxon(
                scheme=scheme, code=code, text=_string(raw, "text", at), label=label, parent=parent
            )
        )
        seen.add(code)
    return tuple(taxa)


def _parse_links(scheme: Scheme, raw_links: object, where: str) -> tuple[TaxonLink, ...]:
    if raw_links is None:
        return ()
    if not isinstance(raw_links, list):
        raise TaxonomyError(f"{where}: 'links' must be a list")
    seen: set[TaxonLink] = set()
    links: list[TaxonLink] = []
    for index, raw in enumerate(raw_links):
        at = f"{where}: link #{index + 1}"
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{at}: must be a mapping with 'from' and 'to'")
        _check_keys(raw, _LINK_KEYS, _LINK_KEYS, at)
        source_code = _code(raw, "from", at)
        target = _string(raw, "to", at)
        if source_code not in scheme:
            raise TaxonomyError(
                f"{at}: 'from' {source_code!r} is not a taxon of scheme {scheme.code!r}"
            )
        target_scheme, sep, target_code = target.partition(":")
        if not sep or not target_scheme or not target_code:
            raise TaxonomyError(f"{at}: 'to' {target!r} must be a taxon id like 'sdg:9.c'")
        link = TaxonLink(source=f"{scheme.code}:{source_code}", target=target)
        if link in seen:
            raise TaxonomyError(f"{at}: {link.source!r} -> {link.target!r} is listed twice")
        seen.add(link)
        links.append(link)
    return tuple(links)


def _check_keys(
    raw: dict[Any, Any], allowed: frozenset[str], required: set[str] | frozenset[str], at: str
) -> None:
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise TaxonomyError(f"{at}: unknown field(s) {', '.join(unknown)}")
    missing = sorted(key for key in required if key not in raw)
    if missing:
        raise TaxonomyError(f"{at}: missing field(s) {', '.join(missing)}")


def _string(raw: dict[Any, Any], key: str, at: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{at}: {key!r} must be a non-empty string, not {value!r}")
    return value


def _code(raw: dict[Any, Any], key: str, at: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise TaxonomyError(
            f'{at}: {key!r} must be a string (quote codes such as "9"), not {value!r}'
        )
    if not value or value != value.strip() or any(ch.isspace() or ch == ":" for ch in value):
        raise TaxonomyError(f"{at}: {key!r} {value!r} must be a code without spaces or ':'")
    return value
