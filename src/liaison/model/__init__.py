"""The domain model: typed SQLAlchemy tables for every kind of record."""

from liaison.model.activity import Activity, Restatement
from liaison.model.candidate import StoredCandidate
from liaison.model.document import Document, Reflection
from liaison.model.event import Event, EventOrganizer, Participation
from liaison.model.initiative import Initiative, InitiativePartner
from liaison.model.jiu import JiuRecommendation, JiuStatus
from liaison.model.organization import (
    Classification,
    Organization,
    OrganizationAlias,
    OrganizationName,
)
from liaison.model.record import Record, RecordRelation, RecordSource
from liaison.model.role import Role
from liaison.model.search_entry import SearchEntry
from liaison.model.taxon import Tag, Taxon, TaxonLink
from liaison.model.token import Token
from liaison.model.user import AuditEntry, Setting, User

RECORD_KINDS: dict[str, type[Record]] = {
    "organizations": Organization,
    "roles": Role,
    "events": Event,
    "initiatives": Initiative,
    "documents": Document,
    "activities": Activity,
    "jiu_recommendations": JiuRecommendation,
}
# The kind of record (as files and commands name it) → its ``record_type`` in the database.
RECORD_TYPES: dict[str, str] = {
    kind: str(model.__mapper__.polymorphic_identity) for kind, model in RECORD_KINDS.items()
}

__all__ = [
    "RECORD_KINDS",
    "RECORD_TYPES",
    "Activity",
    "AuditEntry",
    "Classification",
    "Document",
    "Event",
    "EventOrganizer",
    "Initiative",
    "InitiativePartner",
    "JiuRecommendation",
    "JiuStatus",
    "Organization",
    "OrganizationAlias",
    "OrganizationName",
    "Participation",
    "Record",
    "RecordRelation",
    "RecordSource",
    "Reflection",
    "Restatement",
    "Role",
    "SearchEntry",
    "Setting",
    "StoredCandidate",
    "Tag",
    "Taxon",
    "TaxonLink",
    "Token",
    "User",
]
