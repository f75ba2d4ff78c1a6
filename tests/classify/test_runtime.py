"""The accurate classifier's runtime: OpenVINO on the model converted at set-up, PyTorch as the
fallback, and the SDG texts' embeddings cached on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from liaison.classify import neural
from liaison.classify.convert import main as convert_main
from liaison.classify.runtime import OpenVinoEncoder, converted_model, load_encoder

SENTENCES = [
    "Solar mini-grids bring electricity to rural clinics.",
    "Kids in remote villages finally get classrooms and books.",
    "Water.",
    " ".join(["Courts publish their rulings online to fight corruption."] * 20),
]


def _classify(stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liaison", "classify", "-", "--mode", "accurate"],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )


def test_embeddings_are_unit_vectors_the_same_however_many_streams() -> None:
    one = OpenVinoEncoder(converted_model(), 1).encode(SENTENCES)
    two = OpenVinoEncoder(converted_model(), 2).encode(SENTENCES)
    assert one.shape == (4, 384) and one.dtype == np.float32
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(one, two)  # one thread per batch: the stream count changes nothing
    # Each sentence's embedding does not depend on what it is batched with.
    alone = load_encoder().encode(SENTENCES[:1])
    assert float(alone[0] @ one[0]) > 0.999
    assert float(one[0] @ one[1]) < 0.9
    assert load_encoder().encode([]).shape == (0, 384)


def test_the_sdg_texts_embeddings_are_cached_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_encoder()  # the session's, from the set-up cache, before the cache moves
    monkeypatch.setenv("LIAISON_CLASSIFIER_CACHE", str(tmp_path))
    computed = neural.document_vectors.__wrapped__()
    (cached,) = (tmp_path / "vectors").glob("sdg-*.npy")
    assert np.array_equal(np.load(cached), computed)
    np.save(cached, computed * 0 + 0.5)  # what is there is what is used
    assert float(neural.document_vectors.__wrapped__()[0, 0]) == 0.5
    cached.write_bytes(b"not an array")  # a damaged file is computed again and replaced
    assert np.array_equal(neural.document_vectors.__wrapped__(), computed)
    assert np.array_equal(np.load(cached), computed)


def test_set_up_is_a_no_op_when_the_model_is_converted(capsys: pytest.CaptureFixture[str]) -> None:
    assert convert_main([]) == 0
    assert "converted model is there" in capsys.readouterr().out


def test_the_classifier_loads_neither_torch_nor_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from liaison.classify.analysis import Options\n"
        "from liaison.classify.modes import classifier_for\n"
        "result = classifier_for(Options('accurate')).classify('Clean water for all.')\n"
        "assert result.sdgs[0].goal == 6, result\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'sklearn', 'scipy')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_the_converted_model_pytorch_gives_about_the_same_answers(
    tmp_path: Path,
) -> None:
    texts = "\n".join([*SENTENCES[:2], "Telemedicine for rural clinics."]) + "\n"
    every_goal = {"LIAISON_SDG_THRESHOLD": "0"}
    converted = _classify(texts, every_goal)
    fallback = _classify(texts, {**every_goal, "LIAISON_CLASSIFIER_CACHE": str(tmp_path)})
    assert converted.stderr == ""
    assert "converted model is missing" in fallback.stderr
    assert "make setup" in fallback.stderr
    ours = [json.loads(line) for line in converted.stdout.splitlines()]
    theirs = [json.loads(line) for line in fallback.stdout.splitlines()]
    assert [line["id"] for line in ours] == [line["id"] for line in theirs] == ["1", "2", "3"]
    for a, b in zip(ours, theirs, strict=True):
        assert len(a["sdgs"]) == len(b["sdgs"]) == 5
        assert a["sdgs"][0]["goal"] == b["sdgs"][0]["goal"]
        # bfloat16 in both, rounded at different steps: a few thousandths apart.
        assert a["sdgs"][0]["score"] == pytest.approx(b["sdgs"][0]["score"], abs=0.02)
