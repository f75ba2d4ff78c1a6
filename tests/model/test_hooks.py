"""Every change leaves an audit entry; the search index follows every commit."""

from __future__ import annotations

from sqlalchemy import select

from liaison.model import Activity, AuditEntry, Organization, OrganizationAlias, SearchEntry
from liaison.storage.database import Database


def audit(database: Database, record_id: str) -> list[tuple[str, str, dict[str, object]]]:
    with database.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id)
        )
        return [(e.actor, e.action, e.changes) for e in entries]


def test_create_update_delete_are_audited_with_actor(database: Database) -> None:
    with database.session(actor="alice") as session:
        org = Organization(id="test-body", name="Test Body", kind="network")
        org.aliases = [OrganizationAlias(alias="TB")]
        session.add(org)
    with database.session(actor="bob") as session:
        stored = session.get(Organization, "test-body")
        assert stored is not None
        stored.name = "Test Body Renamed"
    with database.session(actor="carol") as session:
        stored = session.get(Organization, "test-body")
        session.delete(stored)
    entries = audit(database, "test-body")
    assert [(actor, action) for actor, action, _ in entries] == [
        ("alice", "create"),
        ("bob", "update"),
        ("carol", "delete"),
    ]
    created, updated, deleted = (changes for _, _, changes in entries)
    assert created["name"] == "Test Body"
    assert created["organization_aliases"] == {
        "added": [{"organization_id": "test-body", "alias": "TB"}]
    }
    assert updated == {"name": ["Test Body", "Test Body Renamed"]}
    assert deleted["name"] == "Test Body Renamed"
    assert deleted["organization_aliases"]["removed"][0]["alias"] == "TB"


def test_child_row_changes_are_in_the_owner_entry(database: Database) -> None:
    with database.session() as session:
        org = Organization(id="test-body", name="Test Body", kind="network")
        org.aliases = [OrganizationAlias(alias="TB")]
        session.add(org)
    with database.session(actor="erin") as session:
        stored = session.get(Organization, "test-body")
        assert stored is not None
        session.add(OrganizationAlias(organization_id="test-body", alias="T.B."))
    assert audit(database, "test-body")[-1] == (
        "erin",
        "update",
        {"organization_aliases": {"added": [{"organization_id": "test-body", "alias": "T.B."}]}},
    )


def test_unchanged_assignment_writes_no_audit(database: Database) -> None:
    with database.session() as session:
        session.add(Activity(id="act-same", organization_id="itu", text="Same text."))
    with database.session(actor="dave") as session:
        stored = session.get(Activity, "act-same")
        assert stored is not None
        stored.text = "Same text."
    assert [a for _, a, _ in audit(database, "act-same")] == ["create"]


def test_search_entry_is_written_and_kept_current(database: Database) -> None:
    with database.session() as session:
        org = Organization(id="test-net", name="Quokka Network", acronym="QN", kind="network")
        org.aliases = [OrganizationAlias(alias="Marsupial Group")]
        session.add(org)
    with database.session() as session:
        entry = session.get(SearchEntry, "test-net")
        assert entry is not None
        assert entry.title == "QN"
        assert "Quokka Network" in entry.body and "Marsupial Group" in entry.body
    with database.session() as session:
        stored = session.get(Organization, "test-net")
        assert stored is not None
        stored.description = "Coordinates wombats."
    with database.session() as session:
        entry = session.get(SearchEntry, "test-net")
        assert entry is not None and "wombats" in entry.body
