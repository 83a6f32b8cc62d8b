"""The statistical NER model: conlleval scoring, tokenization, the packaged model, ANERcorp test F1."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from marsad.entities.ner import NERModel, load_model, propagate_labels, tokenize
from marsad.entities.ner_eval import bio_entities, read_conll, score
from marsad.errors import MarsadError
from marsad.text.normalize import fold, normalize

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ANER_TEST = SHARED / "data" / "anercorp" / "test.txt"
# Entity-level exact-span F1 of the shipped model on ANERcorp test.txt, sentence by sentence
# (`marsad eval ner --data .../test.txt`: 0.6832), minus 0.01.
MIN_TEST_F1 = 0.67


# ------------------------------------------------------------------ scoring


def test_bio_entities_exact_spans():
    tags = ["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG", "O", "I-MISC"]
    assert bio_entities(tags) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "ORG"), (8, 9, "MISC")]
    # I- of another type starts a new entity (conlleval)
    assert bio_entities(["B-PERS", "I-LOC"]) == [(0, 1, "PERS"), (1, 2, "LOC")]
    assert bio_entities([]) == []
    assert bio_entities(["O", "O"]) == []


def test_score_exact_span_semantics():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "O"]]
    sc = score(gold, pred)
    # the truncated person is wrong both as a prediction and as a recall miss
    assert (sc.overall.tp, sc.overall.n_pred, sc.overall.n_gold) == (2, 3, 3)
    assert sc.overall.precision == pytest.approx(2 / 3)
    assert sc.overall.recall == pytest.approx(2 / 3)
    assert sc.per_type["PERS"].f1 == 0.0
    assert sc.per_type["LOC"].f1 == 1.0
    assert sc.per_type["ORG"].f1 == 1.0
    assert sc.tokens == 8 and sc.correct_tokens == 7
    # a span of the right extent but the wrong type does not count
    sc2 = score([["B-LOC", "I-LOC"]], [["B-ORG", "I-ORG"]])
    assert sc2.overall.tp == 0 and sc2.overall.f1 == 0.0
    text = sc.format()
    assert "FB1:  66.67" in text and "PERS" in text


def test_score_rejects_length_mismatch():
    with pytest.raises(ValueError):
        score([["O", "O"]], [["O"]])


def test_read_conll_tolerates_extra_columns(tmp_path):
    p = tmp_path / "x.conll"
    p.write_text("-DOCSTART- O\n\nقال NN O\nماكرون NNP B-PERS\n\n\nباريس NNP X B-LOC\n", "utf-8")
    assert read_conll(p) == [(["قال", "ماكرون"], ["O", "B-PERS"]), (["باريس"], ["B-LOC"])]
    with pytest.raises(MarsadError):
        read_conll(tmp_path / "missing.conll")


# ------------------------------------------------------------------ tokenization


def test_tokenize_like_anercorp():
    text = normalize("قال (د.ب.أ) إن النمو بلغ 2.5% في 2002، وأضاف: «لا».").text
    toks = [t[2] for t in tokenize(text)]
    assert toks == ["قال", "(", "د", ".", "ب", ".", "ا", ")", "ان", "النمو", "بلغ", "2.5%", "في", "2002", ",",
                    "واضاف", ":", "«", "لا", "»", "."]
    for s, e, t in tokenize(text):
        assert text[s:e] == t
    # start/end restrict to a window, offsets stay absolute
    assert tokenize("اب جد هو", 3, 5) == [(3, 5, "جد")]


def test_propagate_labels_document_consistency():
    words = "قال دونالد رامسفيلد ان الخطه نجحت . وأضاف ورامسفيلد ان رامسفيلد لن يستقيل".split()
    words = [fold(w) for w in words]
    tags = ["O", "B-PERS", "I-PERS"] + ["O"] * 10
    confs = [1.0, 0.95, 0.9] + [1.0] * 10
    propagate_labels(words, tags, confs)
    # the surname alone, also behind the conjunction و, becomes a person
    assert tags[8] == "B-PERS" and tags[10] == "B-PERS"
    assert confs[8] == pytest.approx(0.81)
    assert tags.count("B-PERS") == 3 and tags[9] == "O"
    # a low-confidence entity is not spread
    tags2 = ["O", "B-PERS", "I-PERS"] + ["O"] * 10
    propagate_labels(words, tags2, [1.0, 0.5, 0.5] + [1.0] * 10)
    assert tags2.count("B-PERS") == 1


# ------------------------------------------------------------------ the packaged model


@pytest.fixture(scope="module")
def model() -> NERModel:
    return load_model()


def test_model_loads_once(model):
    assert load_model() is model
    with pytest.raises(MarsadError):
        NERModel.load("/nonexistent/ner.crfsuite")


def test_tags_real_sentence(model):
    nt = normalize("التقى الرئيس الفرنسي إيمانويل ماكرون في باريس بوفد من الأمم المتحدة")
    spans = model.spans(nt.text)
    got = {(nt.text[s:e], label) for s, e, label, _ in spans}
    assert ("ايمانويل ماكرون", "PERSON") in got
    assert ("باريس", "LOC") in got
    for s, e, label, conf in spans:
        assert label in {"PERSON", "ORG", "LOC", "MISC"}
        assert 0.0 < conf <= 1.0
        assert nt.text[s:e] == nt.text[s:e].strip()


def test_spans_window_and_empty(model):
    text = normalize("قال وزير الخارجية الروسي سيرغي لافروف في موسكو امس").text
    start = text.index("سيرغي")
    spans = model.spans(text, start)
    assert spans and spans[0][0] >= start
    assert any(text[s:e] == "سيرغي لافروف" and label == "PERSON" for s, e, label, _ in model.spans(text))
    assert model.spans("") == [] and model.spans("  ، . ") == []
    assert model.tag_tokens([]) == []


def test_tag_tokens_bio(model):
    toks = [fold(t) for t in "وقال الرئيس الأمريكي جورج بوش في واشنطن".split()]
    tags = model.tag_tokens(toks)
    assert len(tags) == len(toks)
    assert tags[3:5] == ["B-PERS", "I-PERS"]
    assert tags[-1] == "B-LOC"


def test_tag_document(model):
    sents = [[fold(w) for w in s.split()] for s in ("قال وزير الخارجية سيرغي لافروف في موسكو", "وأكد لافروف ان")]
    tags = model.tag_document(sents)
    assert [len(t) for t in tags] == [7, 3]
    assert tags[0][3:5] == ["B-PERS", "I-PERS"]
    assert tags[1][1] == "B-PERS"
    assert model.tag_document([[], sents[1]], propagate=False)[0] == []


@pytest.mark.skipif(not ANER_TEST.is_file(), reason="shared ANERcorp data not present")
def test_anercorp_test_f1(model):
    sents = read_conll(ANER_TEST)
    t0 = time.perf_counter()
    pred = [model.tag_tokens([fold(t) or t for t in toks]) for toks, _ in sents]
    dt = time.perf_counter() - t0
    sc = score([tags for _, tags in sents], pred)
    assert sc.tokens > 20000
    assert sc.overall.f1 >= MIN_TEST_F1, sc.format()
    assert dt < 15


def test_spans_cuts_long_text_into_sentences(model):
    one = normalize("وقال الرئيس الأمريكي جورج بوش في واشنطن").text
    two = normalize("وصل وزير الخارجية الروسي سيرغي لافروف إلى القاهرة").text
    text = one + ". " + two + "\n" + one
    spans = model.spans(text)
    alone = model.spans(one)
    # each sentence is tagged as if it stood alone
    assert [(s, e, lb) for s, e, lb, _ in spans[: len(alone)]] == [(s, e, lb) for s, e, lb, _ in alone]
    off = len(one) + 2 + len(two) + 1
    assert [(s - off, e - off, lb) for s, e, lb, _ in spans[-len(alone):]] == [(s, e, lb) for s, e, lb, _ in alone]


def test_eval_ner_cli_context(tmp_path, capsys):
    from marsad.cli import main

    conll = tmp_path / "mini.txt"
    conll.write_text(
        "قال O\nوزير O\nالخارجية O\nسيرغي B-PERS\nلافروف I-PERS\nفي O\nموسكو B-LOC\n\n"
        "وأكد O\nلافروف B-PERS\nان O\n",
        "utf-8",
    )
    assert main(["eval", "ner", "--data", str(conll)]) == 0
    assert "each sentence alone" in capsys.readouterr().out
    # two sentences as one document: the surname alone in the second one is found by propagation
    assert main(["eval", "ner", "--data", str(conll), "--context", "2"]) == 0
    out = capsys.readouterr().out
    assert "windows of 2 sentences" in out and "FB1: 100.00" in out, out
    assert main(["eval", "ner", "--data", str(conll), "--context", "-1"]) == 1
    assert "--context" in capsys.readouterr().err
