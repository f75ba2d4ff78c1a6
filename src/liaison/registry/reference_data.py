"""Loading the reference data shipped in the package (taxa, UN system entities, member states).

It is loaded when a database is first opened and again whenever the package's data changes;
a fingerprint of the data files in the ``settings`` table tells which.
"""

from __future__ import annotations

import hashlib
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from liaison.registry.importer import ImportSummary

# The model, the taxonomies and the importer (PyYAML, pydantic) are imported only when the data
# is loaded: a database that holds the current reference data costs a fingerprint and one query,
# and the fingerprint is told without SQLAlchemy (see liaison.storage.direct).

ENTITY_FILES = ("organizations.yaml", "countries.yaml")
FINGERPRINT_KEY = "reference-data"


def data_folder() -> Path:
    # Anchored on the top package, so that finding the files does not import liaison.reference.
    with as_file(files("liaison").joinpath("reference").joinpath("data")) as folder:
        return Path(folder)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(data_folder().glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_reference_data(session: Session) -> ImportSummary | None:
    """Load the reference data when the database lacks it or holds an older version."""
    from liaison.model import Setting

    current = fingerprint()
    stored = session.get(Setting, FINGERPRINT_KEY)
    if stored is not None and stored.value == current:
        return None
    from liaison.registry.importer import import_files, read_all

    load_taxa(session)
    folder = data_folder()
    files = read_all([folder / name for name in ENTITY_FILES], folder)
    summary = import_files(session, files, replace=True)  # the shipped data is authoritative
    if stored is None:
        session.add(Setting(key=FINGERPRINT_KEY, value=current))
    else:
        stored.value = current
    session.flush()
    return summary


def load_taxa(session: Session) -> int:
    """Insert or update every taxon and taxon link; return how many taxa changed."""
    from sqlalchemy import select

    from liaison.model import Taxon, TaxonLink
    from liaison.reference import all_taxa, load_links

    existing = {t.id: t for t in session.scalars(select(Taxon))}
    changed = 0
    for position, taxon in enumerate(all_taxa()):
        row = existing.get(taxon.id)
        if row is None:
            row = Taxon(id=taxon.id)
            session.add(row)
        values = {
            "scheme": taxon.scheme,
            "code": taxon.code,
            "parent_id": taxon.parent_id,
            "label": taxon.label,
            "text": taxon.text,
            "position": position,
        }
        if any(getattr(row, k) != v for k, v in values.items()):
            changed += 1
            for key, value in values.items():
                setattr(row, key, value)
    links = {(link.source, link.target) for link in load_links()}
    stored = {
        (row[0], row[1])
        for row in session.execute(select(TaxonLink.source_id, TaxonLink.target_id))
    }
    for source, target in sorted(links - stored):
        session.add(TaxonLink(source_id=source, target_id=target))
    for link in session.scalars(select(TaxonLink)):
        if (link.source_id, link.target_id) not in links:
            session.delete(link)
    session.flush()
    return changed
