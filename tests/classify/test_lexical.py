"""The fast classifier: ranked goals with targets and evidence, WSIS lines, the line format."""

from __future__ import annotations

import json

from liaison.classify.analysis import Options
from liaison.classify.batch import classify_stream
from liaison.classify.lexical import LexicalClassifier, sentences

CLASSIFIER = LexicalClassifier()


def test_suggests_the_goal_with_its_target_and_evidence() -> None:
    text = (
        "The project brings affordable Internet access to the least developed countries. "
        "It also trains teachers."
    )
    result = CLASSIFIER.classify(text, "r1")
    top = result.sdgs[0]
    assert top.goal == 9 and top.targets[0].code == "9.c"
    assert top.evidence is not None
    assert top.evidence.sentence.startswith("The project brings affordable Internet")
    assert top.evidence.taxon.startswith("sdg:9.c")
    assert [g.score for g in result.sdgs] == sorted((g.score for g in result.sdgs), reverse=True)
    assert all(0 <= g.score <= 1 for g in result.sdgs)


def test_suggests_wsis_action_lines() -> None:
    result = CLASSIFIER.classify("Telemedicine and mobile health services for rural clinics.")
    assert "C7.e-health" in [w.code for w in result.wsis]


def test_line_format_is_the_documented_contract() -> None:
    text = "Clean water and sanitation for all, monitored with telemedicine."
    line = CLASSIFIER.classify(text, "a1").as_line()
    assert set(line) == {"id", "sdgs", "wsis"} and line["id"] == "a1"
    first = line["sdgs"][0]
    assert set(first) == {"goal", "score", "targets", "evidence"} and first["goal"] == 6
    assert set(first["evidence"]) == {"sentence", "matched", "taxon"}
    assert set(first["targets"][0]) == {"code", "score"}
    assert set(line["wsis"][0]) == {"code", "score", "evidence"}
    assert json.loads(json.dumps(line)) == line  # plain JSON


def test_empty_and_unrelated_texts_give_no_suggestions() -> None:
    assert CLASSIFIER.classify("", "e").sdgs == ()
    assert CLASSIFIER.classify("zzz qqq", "z").sdgs == ()


def test_batches_give_the_same_results_as_one_by_one() -> None:
    texts = [(str(i), t) for i, t in enumerate(["Gender equality in ICT.", "Ocean pollution."])]
    fast = Options("fast")
    one_by_one = list(classify_stream(iter(texts), fast, batch=1))
    assert one_by_one == list(classify_stream(iter(texts), fast))


def test_sentences() -> None:
    assert sentences("One. Two!\nThree; four") == ["One.", "Two!", "Three;", "four"]
