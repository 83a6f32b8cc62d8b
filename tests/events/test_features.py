"""Features of the learned decisions (marsad.events.features): the words around a trigger, the word
that governs a candidate actor, and what the pair model sees of a source and a target together."""

from __future__ import annotations

from marsad.corpus.readers import document_from_text
from marsad.doc import Doc
from marsad.events.features import ArgCand, pair_features


def test_pair_features_tell_an_actor_from_its_own_state():
    pm = ArgCand(["pm"], "chunk", 0, {}, "after", "PERSON", "SRB")
    serbia = ArgCand(["serbia"], "chunk", 1, {}, "after", "GPE", "SRB")
    police = ArgCand(["police"], "chunk", 2, {}, "after", "describedORG", "HUN")
    own = pair_features(pm, serbia, "ACCUSE", "past")
    assert "own_state=target|type=ACCUSE" in own and "cty=same|type=ACCUSE" in own
    assert "adjacent=st|type=ACCUSE" in own
    other = pair_features(pm, police, "ACCUSE", "past")
    assert "cty=diff|type=ACCUSE" in other and not any(k.startswith("own_state") for k in other)
    assert "order=st|sides=after-after|tense=past" in other
    none = pair_features(pm, ArgCand([], "none"), "ACCUSE", "past")
    assert none == {"pair=s-|type=ACCUSE": 1.0}


def _rows(pipe, text: str) -> list[dict]:
    doc = Doc(document=document_from_text(text, "t", "2023-06-15"))
    doc.extra["_collect_events"] = []
    doc.extra["_no_model"] = True
    for stage in pipe.stages:
        stage(doc)
    return doc.extra["_collect_events"]


def test_the_words_around_a_trigger_and_before_an_actor_are_features(pipe):
    # حفل | استقبال: the word before tells the sense; ضد governs the target
    rows = _rows(pipe, "وأقيم حفل استقبال للوفد. وشنت إسرائيل هجوما ضد حركة حماس في غزة.")
    reception = next(r for r in rows if r["type"] == "CONSULT")
    assert "prev_word=حفل" in reception["event"] and "next_word=وفد" in reception["event"]
    attack = next(r for r in rows if r["type"] == "ASSAULT")
    assert "near=شنت" in attack["event"] and "near=ضد" in attack["event"]
    hamas = next(c for c in attack["cands"] if c.ids == ["HAMAS"])
    assert "before_word=ضد" in hamas.feats


def test_the_body_in_a_persons_title_is_in_apposition_and_no_object(pipe):
    # غوتيريش الأمين العام | للأمم المتحدة: the body in a title after a person describes him; the
    # object is the visitor
    from marsad.events.lexicon import lexicon
    from marsad.events.view import build_view, in_apposition

    text = "استقبل أنطونيو غوتيريش الأمين العام للأمم المتحدة أمس وزير الخارجية التركي هاكان فيدان في الدوحة."
    doc = Doc(document=document_from_text(text, "t", "2023-06-15"))
    for stage in pipe.stages:
        stage(doc)
    view = build_view(doc, 0, lexicon())
    heads = [ch.head for ch in view.chunks]
    assert in_apposition(view, heads.index("Q_UN"), lexicon())
    assert not in_apposition(view, heads.index("Q_FIDAN"), lexicon())  # a titled person is the object
    consult = next(e for e in doc.to_analysis().events if e.type == "CONSULT")
    assert "Q_UN" not in consult.target and "Q_FIDAN" in consult.target


def test_the_event_decision_sees_the_type_with_its_actors_sector():
    from marsad.events.features import with_actors
    from marsad.schema import Entity, Mention

    uni = Entity(id="L:ORG:جامعة", kind="ORG", name_ar="جامعة", sector="EDU", mentions=[Mention(start=0, end=5, text="جامعة", via="name")])
    best = {"source": ArgCand(["L:ORG:جامعة"], "chunk", 0, {}), "source_p": 0.9}
    f = with_actors({}, best, {uni.id: uni}, "ASSAULT")
    assert "source=some|type=ASSAULT|sector=EDU" in f and "source=some|type=ASSAULT|kind=ORG" in f
