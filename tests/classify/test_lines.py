"""``liaison classify -`` reads bytes and decodes line by line: a bad line gets its own error
line and never stops the others."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from liaison.classify.batch import FIRST_BATCH, _batches
from liaison.classify.lines import Line, raw_lines, read_lines


def lines(data: bytes, limit: int = 1_000) -> list[Line]:
    return list(read_lines(io.BytesIO(data), limit))


def test_plain_and_json_lines_with_their_ids() -> None:
    data = (
        b"\xef\xbb\xbfClean water.\r\n"
        + json.dumps({"id": "doc-7", "text": "Broadband."}).encode()
        + b"\n"
        + json.dumps({"id": 12, "text": "Caf\u00e9 au lait"}).encode()
        + b"\n{not json\nlast line without a break"
    )
    assert lines(data) == [
        Line("1", "Clean water."),
        Line("doc-7", "Broadband."),
        Line("12", "Café au lait"),
        Line("4", "{not json"),
        Line("5", "last line without a break"),
    ]


def test_each_bad_line_is_reported_by_itself() -> None:
    data = b"".join(
        [
            b"caf\xe9 in Latin-1\n",
            b"\n",
            b"   \t\n",
            b"x" * 1_001 + b"\n",
            json.dumps({"id": "n", "text": None}).encode() + b"\n",
            json.dumps({"id": "s", "text": "\ud800"}).encode() + b"\n",
            json.dumps({"id": "e", "text": " "}).encode() + b"\n",
            b"Still read after all that.\n",
        ]
    )
    found = lines(data)
    assert [line.id for line in found] == ["1", "2", "3", "4", "n", "s", "e", "8"]
    errors = [line.error for line in found]
    assert errors[0] == "line 1 is not UTF-8 text (byte 0xe9 at position 4)"
    assert errors[1] == "line 2 is empty" and errors[2] == "line 3 is empty"
    assert errors[3] == "line 4 is longer than 1,000 bytes"
    assert "not a string" in str(errors[4]) and "surrogate" in str(errors[5])
    assert "empty" in str(errors[6])
    assert found[-1] == Line("8", "Still read after all that.")
    assert found[0].error_line() == {"id": "1", "error": errors[0]}


def test_a_line_of_exactly_the_limit_is_read_and_a_longer_one_skipped_in_pieces() -> None:
    data = b"a" * 10 + b"\n" + b"b" * 11 + b"\n" + b"c" * 10
    assert list(raw_lines(io.BytesIO(data), 10)) == [b"a" * 10, None, b"c" * 10]
    huge = io.BytesIO(b"x" * 300_000 + b"\nafter\n")
    assert list(raw_lines(huge, 1_000)) == [None, b"after"]


def test_the_first_batch_is_small_so_the_first_answer_comes_early() -> None:
    items = [(str(i), "text") for i in range(600)]
    sizes = [len(batch) for batch in _batches(items, 256)]
    assert sizes == [FIRST_BATCH, 256, 256, 600 - 256 * 2 - FIRST_BATCH]
    assert [len(b) for b in _batches(items[:3], 4)] == [3]


@pytest.mark.parametrize("mode", ["accurate", "fast"])
def test_one_bad_line_never_stops_the_batch(mode: str) -> None:
    stdin = b"".join(
        [
            b"Affordable Internet access for the least developed countries.\n",
            b"Clean water and sanitation for every village, caf\xe9 included.\n",
            b"\n",
            b"word " * 1_100_000 + b"\n",  # 5.5 MB
            b"Solar mini-grids bring electricity to rural clinics.\n",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-m", "liaison", "classify", "-", "--mode", mode],
        input=stdin,
        capture_output=True,
        check=False,
        env={**os.environ, "LIAISON_CLASSIFIER": mode},
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [line["id"] for line in out] == ["1", "2", "3", "4", "5"]
    assert out[0]["sdgs"][0]["goal"] == 9 and out[4]["sdgs"][0]["goal"] == 7
    assert out[1] == {"id": "2", "error": "line 2 is not UTF-8 text (byte 0xe9 at position 50)"}
    assert out[2] == {"id": "3", "error": "line 3 is empty"}
    assert out[3] == {"id": "4", "error": "line 4 is longer than 1,000,000 bytes"}
    assert b"Traceback" not in done.stderr
