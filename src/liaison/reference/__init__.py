"""Reference data shipped with Liaison: taxonomies (SDG, WSIS, themes) and vocabularies."""

from liaison.reference.taxonomy import (
    SCHEMES,
    Scheme,
    Taxon,
    TaxonLink,
    TaxonomyError,
    all_taxa,
    load_links,
    load_scheme,
    taxon_by_id,
)

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
