"""Armed and security forces of a state as actors, adjectives standing for organizations, bracketed
KB names, adverbial accusatives that never start a name."""

from __future__ import annotations

from .conftest import by_id, find


def test_forces_with_a_country_adjective_are_the_states_army(ents):
    a = ents("اجتاحت القوات الروسية مدنا في شرق أوكرانيا، وقصفت المدفعية التركية قرى في شمال سوريا.")
    rus = find(a, "القوات الروسية")
    assert rus is not None and rus.kind == "ORG" and rus.country == "RUS"
    tur = find(a, "المدفعية التركية")
    assert tur is not None and tur.kind == "ORG" and tur.country == "TUR"
    assert find(a, "الروسية") is None  # the adjective is inside the actor, not a separate mention


def test_security_forces_with_a_country_are_a_local_org(ents):
    a = ents("فرقت قوات الأمن السودانية المتظاهرين، واعتقلت الشرطة الإسرائيلية ثلاثة شبان.")
    sd = find(a, "قوات الأمن السودانية")
    assert sd is not None and sd.kind == "ORG" and sd.country == "SDN" and sd.id == "L:ORG:قوات الأمن السودانية"
    il = find(a, "الشرطة الإسرائيلية")
    assert il is not None and il.kind == "ORG" and il.country == "ISR"


def test_standalone_security_forces_and_bare_army(ents):
    a = ents("اشتبك محتجون مع قوات الأمن في وسط بغداد.")
    sf = find(a, "قوات الأمن")
    assert sf is not None and sf.kind == "ORG" and sf.country is None
    # الجيش alone is an actor by description: the military, of no state the text gives
    b = ents("وقد يشن الجيش عملية برية واسعة.")
    army = find(b, "الجيش")
    assert army.id.startswith("A:") and army.sector == "MIL" and army.country is None


def test_police_after_lil_keeps_its_article_in_the_name(ents):
    a = ents("وجهت الحكومة الشكر للشرطة التركية على جهودها.")
    e = by_id(a, "L:ORG:الشرطة التركية")
    assert e is not None and e.country == "TUR" and e.name_ar == "الشرطة التركية"
    assert [m.text for m in e.mentions] == ["شرطة التركية"]


def test_european_adjective_after_an_actor_noun_is_the_eu(ents):
    a = ents("رفضت إيران المقترح الأوروبي بشأن برنامجها النووي.")
    eu = find(a, "الأوروبي")
    assert eu is not None and eu.kind == "ORG" and eu.country == "EU"
    # after a noun for things, the adjective only says where: no actor
    b = ents("تراجعت الأسواق الأوروبية أمس.")
    assert find(b, "الأوروبية") is None


def test_bracketed_kb_name_is_matched_without_the_bracket(ents):
    a = ents("أعلنت أستراليا حظر تصدير المعدات العسكرية إلى ميانمار.")
    mm = find(a, "ميانمار")
    assert mm is not None and mm.country == "MMR"


def test_adverbial_accusative_is_not_a_name(ents):
    a = ents("قررت الحكومة الجزائرية طرد السفير الفرنسي ردا على التصريحات الأخيرة.")
    assert find(a, "ردا") is None
    assert by_id(a, "L:PERSON:ردا") is None


def test_model_spans_that_are_common_words_are_dropped():
    from marsad.entities.link import DocState
    from marsad.entities.recognize import gazetteer
    from marsad.entities.stage import _model_pass
    from marsad.text.normalize import normalize

    norm = normalize("ورد على الفور بمئة دولار، والتقى علي بالوفد في ريف دمشق.")
    t = norm.text

    def span(word, start=0):
        s = t.index(word, start)
        return s, s + len(word)

    spans = [(*span("علي"), "PERSON", 0.9), (*span("دولار"), "MISC", 0.9),
             (*span("علي", span("دولار")[1]), "PERSON", 0.9), (*span("ريف"), "LOC", 0.9)]
    state = DocState(t, None)
    _model_pass(spans, t, state, norm, gazetteer())
    names = sorted(a.name_ar for a in state.entities.values() if a.mentions)
    assert names == ["علي"]  # the name; not the preposition على, the currency or ريف


def test_title_with_a_preposition_is_not_in_apposition(ents):
    a = ents("سيجتمع الرئيس الأمريكي جو بايدن برئيس الوزراء الهندي في البيت الأبيض.")
    biden = find(a, "جو بايدن")
    assert biden is not None and "Prime Minister" not in " ".join(biden.roles)
    pm = find(a, "رئيس الوزراء الهندي")
    assert pm is not None and pm.id != biden.id and pm.country == "IND"


def test_apposition_name_needs_the_models_agreement_when_it_runs():
    import pytest

    from marsad.entities.stage import EntityStage
    from marsad.pipeline import Pipeline
    from marsad.text.stage import TextStage

    stage = EntityStage(use_model=True)
    if stage.model is None:
        pytest.skip("no NER model")
    pipe = Pipeline([TextStage(), stage])
    a = pipe("تعرض موكب وزير الداخلية الصومالي لإطلاق نار في مقديشو.", published="2023-06-14")
    assert by_id(a, "L:PERSON:تعرض موكب") is None
    b = pipe("وقال جيك سوليفان مستشار الأمن القومي الأمريكي إن المحادثات كانت بناءة.", published="2023-06-14")
    assert find(b, "جيك سوليفان") is not None


def test_militias_named_by_their_noun_alone_are_armed_men_by_description(ents):
    # no militia is named before: الميليشيات is an actor all the same (of the article's state), and
    # a definite collective takes adjectives only, never the verb's object after it
    a = ents("عدن - أفادت مصادر محلية في عدن أن المعارك تواصلت أمس. "
             "وقامت المليشيات الحوثية بتفجير خزانات النفط. وقصفت الميليشيات الأحياء السكنية.")
    hou = find(a, "المليشيات الحوثية")
    assert hou is not None and hou.sector == "REB" and hou.country == "YEM"
    mil = find(a, "الميليشيات")
    assert mil is not None and mil.sector == "REB"
    assert find(a, "الميليشيات الأحياء السكنية") is None


def test_a_head_noun_after_a_definite_body_is_no_adjective_of_its_name(ents):
    a = ents("قصفت المليشيات الحوثية المدينة بالصواريخ.")
    assert find(a, "المليشيات الحوثية المدينة") is None
    assert find(a, "المليشيات الحوثية") is not None


def test_a_model_person_span_that_starts_with_a_body_noun_is_no_person():
    # مليشيات الحوثي (one ya): the NER model's PERSON span is a group by its head noun
    from marsad.pipeline import load

    a = load()("واستهدفت مليشيات الحوثي وصالح الأحياء السكنية في تعز.", published="2015-07-22")
    assert not any(e.kind == "PERSON" and any(m.text.startswith("مليشيات") for m in e.mentions) for e in a.entities)
