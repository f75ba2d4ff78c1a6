"""The SDG benchmark harness's pure parts: the declared split, the benchmark's metrics, the
threshold chosen on the development rows only, and the line format it reads from Liaison.

These run in the project's environment: `benchmarks.sdg.run` imports the benchmark package and
seesus only inside the functions that run them (in the benchmark's own environment)."""

from __future__ import annotations

import io
import json
import sys
import textwrap

import pytest
from benchmarks.sdg.run import (
    Row,
    average,
    choose_threshold,
    decide,
    evaluate,
    markdown_table,
    metrics,
    parse_line,
    parse_rows,
    run_liaison,
    split_of,
    threshold_candidates,
)


@pytest.mark.parametrize("row_id", ["0a1b2c3", "1ffffff", "2000000", "3e9c4d1", "0123456"])
def test_ids_starting_0_to_3_are_development_rows(row_id: str) -> None:
    assert split_of(row_id) == "dev"


@pytest.mark.parametrize(
    "row_id", ["4a1b2c3", "5000000", "9999999", "a3c0d12", "f012345", "bf90734"]
)
def test_every_other_id_is_held_out(row_id: str) -> None:
    assert split_of(row_id) == "heldout"


def test_metrics_on_a_hand_made_table() -> None:
    expected = [True, True, False, False, True]
    predicted = [True, False, False, True, True]
    m = metrics(expected, predicted)
    assert (m.n, m.tp, m.fp, m.tn, m.fn) == (5, 2, 1, 1, 1)
    assert m.accuracy == pytest.approx(60.0)
    assert m.precision == pytest.approx(200 / 3)
    assert m.recall == pytest.approx(200 / 3)
    assert m.f1 == pytest.approx(2 / 3)


def test_metrics_count_a_zero_denominator_as_zero_like_the_benchmark() -> None:
    m = metrics([True, False], [False, False])
    assert (m.accuracy, m.precision, m.recall, m.f1) == (50.0, 0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        metrics([True], [True, False])


def test_the_average_is_the_unweighted_mean_over_sdgs_with_rows() -> None:
    rows = [
        Row("a1", "t", 1, True),
        Row("a2", "t", 1, False),
        Row("b1", "t", 2, True),
        Row("b2", "t", 2, True),
        Row("b3", "t", 2, False),
        Row("b4", "t", 2, False),
    ]
    accepted = {"a1": True, "a2": False, "b1": True, "b2": False, "b3": True, "b4": False}
    table = evaluate(rows, accepted)
    assert table.per_sdg[1].accuracy == 100.0
    assert table.per_sdg[2].accuracy == 50.0
    assert table.per_sdg[3].n == 0
    # Macro: (100 + 50) / 2 over the two SDGs with rows, not 4/6 of the rows.
    assert table.average.accuracy == pytest.approx(75.0)
    assert table.average.precision == pytest.approx((100.0 + 50.0) / 2)
    assert table.average.recall == pytest.approx((100.0 + 50.0) / 2)
    assert table.average.f1 == pytest.approx((1.0 + 0.5) / 2)
    assert average([]).accuracy == 0.0


def test_a_goal_applies_when_listed_with_a_high_enough_score_or_simply_listed() -> None:
    rows = [Row("x", "t", 9, True), Row("y", "t", 9, True), Row("z", "t", 4, False)]
    scores = {"x": {9: 0.8, 4: 0.1}, "y": {9: 0.2}, "z": {9: 0.9}}
    assert decide(rows, scores, 0.5) == {"x": True, "y": False, "z": False}
    assert decide(rows, scores, None) == {"x": True, "y": True, "z": False}
    assert decide(rows, {}, 0.0) == {"x": False, "y": False, "z": False}


def test_threshold_candidates_cover_every_distinct_decision() -> None:
    candidates = threshold_candidates([0.6, 0.2, 0.2, 0.4])
    assert candidates[:3] == [0.0, pytest.approx(0.3), pytest.approx(0.5)]
    assert candidates[-1] > 0.6
    assert threshold_candidates([]) == [0.0]


# On the dev rows (ids 0–3) the best threshold lies between 0.4 and 0.55; the held-out rows
# (other ids) would prefer one at or below 0.3, where they are all right.
DEV_ROWS = [
    Row("0aaaaaa", "t", 7, True),
    Row("1aaaaaa", "t", 7, True),
    Row("2aaaaaa", "t", 7, False),
    Row("3aaaaaa", "t", 7, False),
]
HELD_OUT_ROWS = [
    Row("aaaaaaa", "t", 7, True),
    Row("baaaaaa", "t", 7, True),
    Row("caaaaaa", "t", 7, False),
]
SCORES = {
    "0aaaaaa": {7: 0.6},
    "1aaaaaa": {7: 0.55},
    "2aaaaaa": {7: 0.4},
    "3aaaaaa": {7: 0.3},
    "aaaaaaa": {7: 0.3},
    "baaaaaa": {7: 0.35},
    "caaaaaa": {7: 0.1},
}


def test_the_threshold_is_the_best_on_dev_and_never_looks_at_held_out_rows() -> None:
    rows = DEV_ROWS + HELD_OUT_ROWS
    threshold, dev_accuracy = choose_threshold(rows, SCORES)
    assert 0.4 < threshold <= 0.55
    assert dev_accuracy == 100.0

    # The held-out rows would have preferred another threshold...
    def held_out_accuracy(t: float) -> float:
        return evaluate(HELD_OUT_ROWS, decide(HELD_OUT_ROWS, SCORES, t)).average.accuracy

    assert held_out_accuracy(0.2) == 100.0
    assert held_out_accuracy(threshold) < held_out_accuracy(0.2)
    # ...and nothing about them changes the choice: not their scores, labels or presence.
    flipped = [Row(r.id, r.text, r.sdg, not r.label) for r in HELD_OUT_ROWS]
    noisy = {**SCORES, "aaaaaaa": {7: 0.99}, "baaaaaa": {7: 0.01}, "caaaaaa": {7: 0.45}}
    assert choose_threshold(DEV_ROWS + flipped, noisy) == (threshold, dev_accuracy)
    assert choose_threshold(DEV_ROWS, SCORES) == (threshold, dev_accuracy)
    assert choose_threshold(HELD_OUT_ROWS + DEV_ROWS, SCORES) == (threshold, dev_accuracy)


def test_ties_go_to_the_lowest_threshold_and_dev_rows_are_required() -> None:
    rows = [Row("0aaaaaa", "t", 3, True), Row("1aaaaaa", "t", 3, False)]
    threshold, accuracy = choose_threshold(rows, {"0aaaaaa": {3: 0.5}})
    assert (threshold, accuracy) == (0.0, 100.0)
    with pytest.raises(ValueError):
        choose_threshold(HELD_OUT_ROWS, SCORES)


def test_parse_line_reads_the_classify_line_format() -> None:
    line = json.dumps(
        {
            "id": "abc",
            "sdgs": [
                {"goal": 9, "score": 0.83, "targets": ["9.c"], "evidence": "broadband"},
                {"goal": 4, "score": 0.2, "targets": [], "evidence": None},
            ],
            "wsis": [{"code": "C2", "score": 0.5}],
        }
    )
    assert parse_line(line) == ("abc", {9: 0.83, 4: 0.2}, [])
    unranked = json.dumps({"id": 1, "sdgs": [{"goal": 1, "score": 0.1}, {"goal": 2, "score": 0.9}]})
    row_id, goals, problems = parse_line(unranked)
    assert (row_id, goals) == ("1", {1: 0.1, 2: 0.9})
    assert problems == ["goals not ranked by score for id 1"]
    bad_lines: list[dict[str, object]] = [
        {"sdgs": []},
        {"id": "a", "sdgs": [{"goal": 18, "score": 0.5}]},
        {"id": "a", "sdgs": [{"goal": 1, "score": 1.5}]},
        {"id": "a"},
    ]
    for bad in bad_lines:
        with pytest.raises(ValueError):
            parse_line(json.dumps(bad))


def test_parse_rows_reads_the_benchmark_csv_keeping_ids_as_text() -> None:
    text = 'id,text,sdg,label\n0123456,"Two lines,\nquoted",7,True\nbf90734,Plain,1,False\n'
    assert parse_rows(io.StringIO(text)) == [
        Row("0123456", "Two lines,\nquoted", 7, True),
        Row("bf90734", "Plain", 1, False),
    ]
    with pytest.raises(ValueError):
        parse_rows(io.StringIO("id,text,sdg,label\nx,t,1,yes\n"))


def test_markdown_table_puts_the_systems_side_by_side() -> None:
    rows = DEV_ROWS
    tables = {
        "Liaison": evaluate(rows, decide(rows, SCORES, 0.5)),
        "seesus": evaluate(rows, decide(rows, SCORES, None)),
    }
    lines = markdown_table("Development rows", rows, tables).splitlines()
    assert lines[0] == "### Development rows"
    assert lines[2].startswith("| SDG | n | with SDG | Liaison acc. |")
    assert "seesus F1" in lines[2]
    assert lines[4].startswith("| **Average** | 4 | 2 | **100.0** |")
    assert lines[5].startswith("| 7 | 4 | 2 | 100.0 |")
    assert len(lines) == 6


STAND_IN = textwrap.dedent(
    """
    import json, sys
    for line in sys.stdin:
        row = json.loads(line)
        goals = [{"goal": 7, "score": 0.9, "targets": [], "evidence": None}]
        print(json.dumps({"id": row["id"], "sdgs": goals if "energy" in row["text"] else [],
                          "wsis": []}), flush=True)
    """
)


def test_run_liaison_pipes_json_lines_through_one_process() -> None:
    rows = [Row("0a", "solar energy", 7, True), Row("a0", 'a "quoted"\nline', 7, False)]
    run = run_liaison([sys.executable, "-c", STAND_IN], rows)
    assert run.scores == {"0a": {7: 0.9}, "a0": {}}
    assert run.seconds > 0 and run.peak_rss_mb > 0
    silent = "import sys; sys.stdin.read()"
    with pytest.raises(SystemExit, match="no line for 2 ids"):
        run_liaison([sys.executable, "-c", silent], rows)
