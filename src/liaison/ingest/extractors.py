"""The extractors: rules over the registry's names (a gazetteer), one module per kind of fact.

Each reads one paragraph and proposes candidates with their span; none writes anything. The cue
phrases are English, as the Council series is written; the organizations, events, initiatives
and documents are found by the names the registry records. Importing this module registers them,
in the order :func:`liaison.ingest.extract.extract` runs them on each paragraph.
"""

from liaison.ingest import (  # noqa: F401  (each registers its extractors on import)
    extract_documents,
    extract_events,
    extract_initiatives,
    extract_named,
    extract_roles,
)
