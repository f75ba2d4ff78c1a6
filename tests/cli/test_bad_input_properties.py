"""Random strings and bytes, given to the import readers and to ``liaison classify -``, end in an
exit code of the README's table with a message, never in a traceback (Hypothesis).

A falsifying example is printed by Hypothesis; the bugs these tests found are listed in the
report of the change that added them.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.cli.app import main
from liaison.registry.setup import open_registry

SUFFIXES = (".yaml", ".json", ".csv", ".jsonl")
KINDS = ("organizations", "roles", "events", "initiatives", "documents", "activities")
FIELDS = ("id", "name", "kind", "date", "dates", "holder", "body", "role", "partners", "tags")
FEW = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values a record's fields may be given: scalars of every type, and lists and maps of them.
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=6)
# Documents shaped like the import format (kinds holding lists of records), with random fields.
documents = st.dictionaries(
    st.sampled_from(KINDS) | st.text(max_size=10),
    st.lists(records, max_size=4) | values,
    max_size=3,
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('properties') / 'registry.db'}"
    open_registry(url).dispose()
    yield url


def run(argv: list[str], stdin: bytes = b"") -> tuple[object, str, str]:
    """Run ``liaison`` in this process with ``stdin`` as its standard input's bytes."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        main(argv)
        code: object = 0
    except SystemExit as exited:
        code = exited.code or 0
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def assert_handled(code: object, out: str, err: str, allowed: set[int]) -> None:
    assert "Traceback" not in out + err
    assert code in allowed, err
    if code != 0:
        assert err.startswith(("error: ", "Usage: ")) and err.strip() != "error:", err


def import_file(registry: str, folder: Path, suffix: str, data: bytes) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    code, out, err = run(["--database", registry, "import", str(path)])
    assert_handled(code, out, err, {0, 2})


@FEW
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=600))
def test_random_bytes_are_refused_or_imported(
    registry: str, tmp_path: Path, suffix: str, data: bytes
) -> None:
    import_file(registry, tmp_path, suffix, data)


@FEW
@given(suffix=st.sampled_from(SUFFIXES), data=st.text(max_size=600))
def test_random_text_is_refused_or_imported(
    registry: str, tmp_path: Path, suffix: str, data: str
) -> None:
    import_file(registry, tmp_path, suffix, data.encode("utf-8", "surrogatepass"))


@FEW
@given(suffix=st.sampled_from((".yaml", ".json", ".jsonl")), document=documents)
def test_random_records_are_refused_or_imported(
    registry: str, tmp_path: Path, suffix: str, document: dict[str, object]
) -> None:
    if suffix == ".yaml":
        text = yaml.safe_dump(document, allow_unicode=True)
    elif suffix == ".json":
        text = json.dumps(document, ensure_ascii=False)
    else:
        text = "\n".join(json.dumps(line) for line in [document, *document.values()])
    import_file(registry, tmp_path, suffix, text.encode("utf-8", "surrogatepass"))


@FEW
@given(lines=st.lists(st.binary(max_size=80) | st.text(max_size=80).map(str.encode), max_size=5))
def test_classify_reads_any_lines_and_answers_each(lines: list[bytes]) -> None:
    stdin = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n"
    code, out, err = run(["classify", "-", "--mode", "fast"], stdin)
    assert_handled(code, out, err, {0, 2})
    if code == 0:
        answered = [json.loads(line) for line in out.splitlines()]
        assert all("id" in a and ("sdgs" in a or "error" in a) for a in answered)
