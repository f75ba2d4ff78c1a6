"""The JIU follow-up on a real registry (SQLite and PostgreSQL): dated updates that are never lost,
the import's merge, and the focal point's commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.cli.app import main
from liaison.errors import InvalidRequest, NotFound
from liaison.jiu import follow_up
from liaison.jiu.history import status_history
from liaison.jiu.store import UpdateRequest, record_update, remove_update
from liaison.model import AuditEntry
from liaison.registry.importer import import_paths
from liaison.storage.database import Database

RATE_KEYS = [
    "group", "addressed", "accepted", "not_accepted", "under_consideration", "not_relevant",
    "implemented", "in_progress", "not_started", "pending", "long_outstanding",
    "acceptance_rate", "implementation_rate",
]  # fmt: skip

DATA = {
    "documents": [
        {"id": "rep-a", "title": "A review", "symbol": "JIU/REP/2011/1", "kind": "jiu-report",
         "issued_by": "jiu", "date": "2011"},
        {"id": "rep-b", "title": "B review", "symbol": "JIU/REP/2017/2", "kind": "jiu-report",
         "issued_by": "jiu"},  # no date: the year comes from the symbol
    ],
    "jiu_recommendations": [
        {"id": "rep-a-1", "report": "rep-a", "number": 1, "addressed_to": "executive-head",
         "statuses": [{"org": "itu", "date": "2012-02", "acceptance": "accepted"}]},
        {"id": "rep-a-2", "report": "rep-a", "number": 2, "addressed_to": "legislative-organ",
         "statuses": [{"org": "itu", "date": "2012-02", "acceptance": "under-consideration"},
                      {"org": "unesco", "date": "2012", "acceptance": "not-relevant"}]},
        {"id": "rep-b-1", "report": "rep-b", "number": 1, "addressed_to": "executive-head",
         "statuses": [{"org": "itu", "date": "2017-10-02", "acceptance": "accepted",
                       "implementation": "implemented"}]},
    ],
}  # fmt: skip


def _write(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


@pytest.fixture
def loaded(session: Session, tmp_path: Path) -> Session:
    import_paths(session, [_write(tmp_path / "jiu.yaml", DATA)])
    return session


def _itu_dates(session: Session, recommendation: str) -> list[tuple[str | None, ...]]:
    (itu,) = [h for h in status_history(session, recommendation) if h.organization == "itu"]
    return [(e.date, e.acceptance, e.implementation) for e in itu.entries]


def test_updates_are_added_in_date_order_replaced_by_date_and_audited(loaded: Session) -> None:
    late = UpdateRequest("itu", "2013-06-30", None, "in-progress", "Late entry.")
    assert record_update(loaded, "rep-a-1", late).action == "added"
    earlier = UpdateRequest("itu", "2012-09", None, "not-started")  # before the latest one
    assert record_update(loaded, "rep-a-1", earlier).action == "added"
    loaded.flush()
    assert _itu_dates(loaded, "rep-a-1") == [
        ("2012-02", "accepted", None),
        ("2012-09", None, "not-started"),
        ("2013-06-30", None, "in-progress"),
    ]
    again = UpdateRequest("itu", "2012-09", None, "in-progress")
    assert record_update(loaded, "rep-a-1", again).action == "replaced"
    assert record_update(loaded, "rep-a-1", again).action == "unchanged"
    loaded.flush()
    assert _itu_dates(loaded, "rep-a-1")[1] == ("2012-09", None, "in-progress")
    entries = loaded.scalars(
        select(AuditEntry).where(
            AuditEntry.record_id == "rep-a-1", AuditEntry.table_name == "jiu_recommendations"
        )
    ).all()
    assert any("jiu_statuses" in e.changes for e in entries)
    remove_update(loaded, "rep-a-1", "itu", "2012-09")
    loaded.flush()
    assert [d for d, *_ in _itu_dates(loaded, "rep-a-1")] == ["2012-02", "2013-06-30"]


def test_bad_updates_are_refused(loaded: Session) -> None:
    with pytest.raises(NotFound):
        record_update(loaded, "no-such", UpdateRequest("itu", "2018", "accepted"))
    with pytest.raises(NotFound):
        record_update(loaded, "rep-a-1", UpdateRequest("nobody", "2018", "accepted"))
    for bad in (
        UpdateRequest("itu", "2018-13", "accepted"),
        UpdateRequest("itu", "2018", "approved"),
        UpdateRequest("itu", "2018", None, "done"),
        UpdateRequest("itu", "2018"),
    ):
        with pytest.raises(InvalidRequest):
            record_update(loaded, "rep-a-1", bad)
    with pytest.raises(NotFound):
        remove_update(loaded, "rep-a-1", "itu", "1999")


def test_an_import_merges_statuses_and_never_drops_one(loaded: Session, tmp_path: Path) -> None:
    record_update(loaded, "rep-a-1", UpdateRequest("itu", "2014", None, "implemented"))
    changed = json.loads(json.dumps(DATA))
    changed["jiu_recommendations"][0]["statuses"] = [
        {"org": "itu", "date": "2012-02", "acceptance": "accepted", "note": "Corrected."},
        {"org": "itu", "date": "2013", "implementation": "in-progress"},
    ]
    summary = import_paths(loaded, [_write(tmp_path / "more.yaml", changed)])
    assert summary.updated["jiu_recommendations"] == 1
    loaded.flush()
    loaded.expire_all()
    assert [d for d, *_ in _itu_dates(loaded, "rep-a-1")] == ["2012-02", "2013", "2014"]
    again = import_paths(loaded, [_write(tmp_path / "more.yaml", changed)])
    assert not again.changed


def test_rates_lists_and_trend_from_the_registry(loaded: Session) -> None:
    from datetime import date

    (all_,) = follow_up.rates(loaded, "itu", date(2018, 4, 30))
    # rep-a-1 accepted (2011 report, 7 years: long-outstanding); rep-a-2 under consideration;
    # rep-b-1 accepted and implemented (its year, 2017, read from the symbol).
    assert (all_.addressed, all_.accepted, all_.implemented, all_.long_outstanding) == (3, 2, 1, 1)
    windowed = follow_up.rates(loaded, "itu", date(2018, 4, 30), window=2, by="year")
    assert [(r.group, r.addressed) for r in windowed] == [("2017", 1)]
    assert follow_up.rates(loaded, "unesco", date(2018, 4, 30))[0].not_relevant == 1
    due = follow_up.due(loaded, organization="itu", as_at=date(2018, 4, 30))
    assert [(i.recommendation, i.long_outstanding, i.last_update) for i in due] == [
        ("rep-a-1", True, "2012-02")
    ]
    considered = follow_up.items(loaded, status="under-consideration", as_at=date(2018, 1, 1))
    assert [(i.recommendation, i.organization) for i in considered] == [("rep-a-2", "itu")]
    assert [i.organization for i in follow_up.items(loaded, report="rep-a")] == [
        "itu", "itu", "unesco",
    ]  # fmt: skip
    years = follow_up.trend(loaded, "itu", 2016, 2018, until=date(2018, 4, 30))
    assert [(r.group, r.implemented) for r in years] == [("2016", 0), ("2017", 1), ("2018", 1)]
    for bad in (
        lambda: follow_up.rates(loaded, "itu", by="colour"),
        lambda: follow_up.rates(loaded, "itu", window=0),
        lambda: follow_up.items(loaded, status="late"),
        lambda: follow_up.trend(loaded, "itu", 2018, 2010),
    ):
        with pytest.raises(InvalidRequest):
            bad()
    with pytest.raises(NotFound):
        follow_up.rates(loaded, "nobody")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_the_commands(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path) -> None:
    database = Database(db_url)
    with database.session(actor="tests") as session:
        import_paths(session, [_write(tmp_path / "jiu.yaml", DATA)])
    database.dispose()
    db = ("--database", db_url)
    code, out, _ = run(capsys, *db, "jiu", "rates", "--org", "ITU", "--as-at", "2018-04",
                       "--by", "addressee", "--format", "json")  # fmt: skip
    assert code == 0
    groups = json.loads(out)
    assert [list(g) for g in groups] == [RATE_KEYS, RATE_KEYS]
    assert {g["group"]: g["addressed"] for g in groups} == {
        "legislative-organ": 1,
        "executive-head": 2,
    }
    code, out, _ = run(capsys, *db, "jiu", "rates", "--as-at", "2018-04")
    assert code == 0 and "67%" in out and "50%" in out  # 2 of 3 accepted, 1 of 2 implemented
    code, out, _ = run(capsys, *db, "jiu", "status", "rep-a-1", "--org", "itu", "--on",
                       "2018-03-01", "--implementation", "implemented")  # fmt: skip
    assert code == 0 and "added" in out
    code, out, _ = run(capsys, *db, "jiu", "due", "--org", "itu", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, *db, "jiu", "trend", "--from", "2017", "--to", "2018",
                       "--format", "json")  # fmt: skip
    assert [(r["year"], r["implemented"]) for r in json.loads(out)] == [(2017, 1), (2018, 2)]
    code, out, _ = run(capsys, *db, "jiu", "list", "--status", "implemented", "--format", "csv")
    assert code == 0 and out.count("\n") == 3  # header and two rows
    for argv, expected in (
        (("jiu", "rates", "--as-at", "April"), "as at"),
        (("jiu", "rates", "--by", "colour"), "cannot group by"),
        (("jiu", "status", "rep-a-1", "--on", "2018", "--acceptance", "yes"), "acceptance"),
        (("jiu", "status", "nothing", "--on", "2018", "--acceptance", "accepted"), "no JIU"),
        (("jiu", "list", "--org", "nobody"), "no organization"),
    ):
        code, _, err = run(capsys, *db, *argv)
        assert code != 0 and expected in err and "Traceback" not in err
