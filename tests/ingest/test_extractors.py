"""Extractors on small texts and on the seed (the development document), against a registry of
the reference data alone (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.ingest_seed import SEED, compare
from sqlalchemy.orm import Session

from liaison.cli.app import main
from liaison.ingest.candidates import Candidate
from liaison.ingest.extract import Context, extract
from liaison.ingest.known import Known
from liaison.ingest.phrases import dates_in, symbols_in
from liaison.ingest.reading import read_document, read_text


def test_dates_and_symbols_in_phrases() -> None:
    assert dates_in("(January, March and June 2017)") == ["2017-01", "2017-03", "2017-06"]
    assert dates_in("(Geneva, 6-9 June 2017)") == ["2017-06-06/2017-06-09"]
    assert dates_in("chaired by ITU from 2011-2017") == ["2011/2017"]
    assert dates_in("no date here") == []
    found = [s for _, _, s in symbols_in("See A/RES/72/200, C12/INF/1(Rev.1) and E/CN.16/2017/2.")]
    assert found == ["A/RES/72/200", "C12/INF/1(Rev.1)", "E/CN.16/2017/2"]
    assert symbols_in("TCP/IP and 2017/18") == []


def _candidates(session: Session, text: str, fmt: str = "markdown") -> list[Candidate]:
    document = read_text(text, "test.md", fmt)
    return extract(document, Context(Known.read(session), "itu", document))


def test_small_texts(session: Session) -> None:
    text = (
        "# 3. Governance\n\n"
        "3.1 ITU followed, as an observer, the Economic and Social Council (ECOSOC) and the "
        "Commission on the Status of Women (CSW).\n\n"
        "# 4. Summits\n\n"
        "4.1 ITU took part in the World Health Assembly (May 2017); UNIDO General Conference "
        "(November 2017) and the Internet Governance Forum (December 2017).\n\n"
        "# 6. Initiatives\n\n"
        "6.2 Key initiatives include the following:\n\n"
        "- EQUALS: a partnership implemented by ITU, UN Women and UNESCO;\n"
        "- Decent Jobs for Youth led by ILO and ITU (a campaign since 2016);\n"
    )
    found = {(c.kind, json.dumps(c.fields, sort_keys=True)) for c in _candidates(session, text)}
    roles = {json.loads(f)["body"] for k, f in found if k == "role"}
    assert roles == {"ecosoc", "csw"}
    events = {(json.loads(f)["name"], json.loads(f)["date"]) for k, f in found if k == "event"}
    assert events == {
        ("World Health Assembly", "2017-05"),
        ("UNIDO General Conference", "2017-11"),
        ("Internet Governance Forum", "2017-12"),
    }
    initiatives = {json.loads(f)["name"]: json.loads(f)["partners"] for k, f in found
                   if k == "initiative"}  # fmt: skip
    assert initiatives["EQUALS"] == [
        {"org": "itu", "role": "partner"},
        {"org": "un-women", "role": "partner"},
        {"org": "unesco", "role": "partner"},
    ]
    assert initiatives["Decent Jobs for Youth"] == [
        {"org": "ilo", "role": "lead"},
        {"org": "itu", "role": "lead"},
    ]


def test_text_that_is_not_language_gives_no_candidate(session: Session) -> None:
    assert _candidates(session, "qzx vbn Wkk (May 2017); Prr Tsd ploq (June 2018).", "text") == []


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip("the seed is not here (../shared/seed)")
    return SEED


def test_the_seed_reads_with_high_precision_and_recall(session: Session, seed: Path) -> None:
    document = read_document(seed)
    candidates = extract(document, Context(Known.read(session), "itu", document))
    scores = {s.kind: s for s in compare(candidates)}
    overall = scores["overall"]
    # The figures recorded in docs/benchmarks.md; a change that lowers them fails here.
    assert overall.precision is not None and overall.precision >= 0.95
    assert overall.recall is not None and overall.recall >= 0.85
    assert scores["roles (body, role, period)"].recall == 1.0
    # Every candidate cites where it was read.
    assert all(c.evidence.locator.startswith("para.") for c in candidates)
    assert all(c.evidence.text for c in candidates)


def test_ingest_dry_run_prints_one_json_object_per_line(
    capsys: pytest.CaptureFixture[str], db_url: str, seed: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--database", db_url, "ingest", str(seed), "--dry-run", "--format", "jsonl"])
    assert exited.value.code in (0, None)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) > 80
    for line in lines:
        assert {"kind", "fields", "matches", "evidence", "score", "extractor"} <= set(line)
        assert {"locator", "start", "end", "text"} <= set(line["evidence"])
    chair = next(x for x in lines if x["kind"] == "role" and x["fields"]["role"] == "chair")
    assert chair["fields"] == {
        "holder": "itu", "role": "chair", "body": "ict-network", "period": "2015/2017"
    }  # fmt: skip


def test_a_body_the_registry_does_not_know_is_proposed(session: Session) -> None:
    text = (
        "5.1 ITU joined the Inter-Agency Network on Quantum Readiness (IANQR) and discussed "
        "Artificial Intelligence (AI) with the Inter-Agency Network on Youth Development (IANYD)."
    )
    found = [c for c in _candidates(session, text, "text") if c.kind == "organization"]
    assert [c.fields for c in found] == [
        {"id": "ianqr", "name": "Inter-Agency Network on Quantum Readiness", "acronym": "IANQR",
         "kind": "network"}
    ]  # fmt: skip
    assert found[0].evidence.text == "Inter-Agency Network on Quantum Readiness (IANQR)"
