"""Argument rules for honorifics inside a title phrase, accusative nouns after light verbs, subjects in
the construct state, the تعرض construction, reactions, requests, patrons, travel verbs, verbs after
the noun they carry, and the doer of what one is accused of or asked to do."""

from __future__ import annotations

import pytest

from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuoteStage
from marsad.text.stage import TextStage

from .conftest import NAMES, FakeTimes

EXTRA = [
    Name("محمد بن سلمان", "Q_MBS", "PERSON", "Mohammed bin Salman", "SAU"),
    Name("ولي العهد السعودي", "Q_MBS", "PERSON", "Mohammed bin Salman", "SAU", via="title"),
    Name("الرئيس الأمريكي", "Q_BIDEN", "PERSON", "Joe Biden", "USA", via="title"),
    Name("السفير التركي", "L_AMB_TUR", "PERSON", country="TUR", via="title"),
    Name("قوات الدعم السريع", "RSF", "ORG", "Rapid Support Forces", "SDN"),
    Name("الجيش السوداني", "SAF", "ORG", "Sudanese Armed Forces", "SDN"),
    Name("البرلمان التونسي", "TUN_PARL", "ORG", "Tunisian parliament", "TUN"),
    Name("حزب العمال", "LABOUR", "ORG", "Labour Party"),
    Name("منشأة نطنز", "NATANZ", "FAC", "Natanz"),
    Name("علاء عبد الفتاح", "Q_ALAA", "PERSON", "Alaa Abd El-Fattah", "EGY"),
    Name("أوليفييه غروندو", "Q_GRONDEAU", "PERSON", "Olivier Grondeau", "FRA"),
    Name("الفرنسي", "FRA", "GPE", "France", via="adjective"),
    Name("لبنان", "LBN", "GPE", "Lebanon"),
    Name("فيصل بن فرحان", "Q_FAISAL", "PERSON", "Faisal bin Farhan", "SAU"),
]


@pytest.fixture(scope="module")
def run3():
    pipe = Pipeline([TextStage(), SurfaceEntities(NAMES + EXTRA), FakeTimes(), EventStage(use_model=False), QuoteStage()])
    return lambda text: pipe(text, published="2023-06-15")


def of(a, typ):
    return [e for e in a.events if e.type == typ]


def test_honorific_between_title_phrase_and_name(run3):
    a = run3("استقبل أمير قطر الشيخ تميم بن حمد في الدوحة وزير الخارجية الأمريكي أنتوني بلينكن.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["Q_TAMIM"] and ev.target == ["Q_BLINKEN"]
    # the same person named by title, then by name: one phrase, so the object after it is found
    b = run3("استقبل ولي العهد السعودي الأمير محمد بن سلمان في جدة الرئيس المصري عبد الفتاح السيسي.")
    ev = of(b, "CONSULT")[0]
    assert ev.source == ["Q_MBS"] and ev.target == ["Q_SISI"]


def test_noun_after_a_temporal_preposition_does_not_end_the_arguments(run3):
    a = run3("والتقى بلينكن خلال جولته في المنطقة الرئيس المصري عبد الفتاح السيسي.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["Q_BLINKEN"] and ev.target == ["Q_SISI"]


def test_accusative_noun_after_a_transitive_light_verb_is_its_object(run3):
    a = run3("تنظم النقابات العمالية إضرابا عاما غدا.")
    assert [e.status for e in of(a, "PROTEST")] == ["scheduled"]
    b = run3("قدم الاتحاد الأوروبي قرضا بقيمة مليار يورو لمصر.")
    ev = of(b, "AID")[0]
    assert ev.source == ["EU"] and ev.target == ["EGY"]


def test_accusative_noun_after_an_intransitive_light_verb_says_why(run3):
    a = run3("خرج آلاف المغاربة احتجاجا على غلاء الأسعار.")
    assert of(a, "PROTEST") == []
    b = run3("خرجت مظاهرات في عدة مدن رفضا للقرار.")
    assert of(b, "REJECT") == [] and len(of(b, "PROTEST")) == 1


def test_subject_in_the_construct_state(run3):
    a = run3("سيعقد وزراء خارجية دول الاتحاد الأوروبي اجتماعا طارئا في باريس.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["EU"] and ev.target == [] and ev.status == "scheduled"


def test_taarrada_makes_the_subject_the_target(run3):
    a = run3("تعرض موكب السفير التركي لإطلاق نار في بغداد.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == [] and ev.target == ["L_AMB_TUR"]
    b = run3("تعرضت قوات الدعم السريع لهجوم شنه الجيش السوداني.")
    ev = of(b, "ASSAULT")[0]
    assert ev.source == ["SAF"] and ev.target == ["RSF"]


def test_reaction_targets_the_author_after_a_long_subject(run3):
    a = run3("رفض الرئيس الفلسطيني محمود عباس دعوات الرئيس الأمريكي إلى استئناف المفاوضات.")
    ev = of(a, "REJECT")[0]
    assert ev.source == ["Q_ABBAS"] and ev.target == ["Q_BIDEN"]


def test_session_is_a_meeting_only_when_held(run3):
    a = run3("عقد البرلمان التونسي جلسة استثنائية لمناقشة الموازنة.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["TUN_PARL"]
    b = run3("قاطع نواب المعارضة جلسة البرلمان التونسي.")
    assert of(b, "CONSULT") == []


def test_protest_in_front_of_an_embassy_targets_its_state(run3):
    a = run3("تظاهر مئات الطلاب أمام السفارة الإيرانية في باريس.")
    assert of(a, "PROTEST")[0].target == ["IRN"]
    b = run3("اعتصم المعلمون أمام مقر البرلمان في تونس.")
    assert of(b, "PROTEST")[0].target == []


def test_threat_to_target_is_a_hypothetical_assault_by_the_threatener(run3):
    a = run3("هددت حركة حماس باستهداف المستوطنات الإسرائيلية.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == ["HAMAS"] and ev.status == "hypothetical"


def test_troops_at_the_border_with_a_state(run3):
    a = run3("نشرت روسيا آلاف الجنود على الحدود مع أوكرانيا.")
    ev = of(a, "MOBILIZE")[0]
    assert ev.source == ["RUS"] and ev.target == ["UKR"]


def test_request_target_is_the_one_asked(run3):
    a = run3("دعت الخارجية الإيرانية رعاياها إلى مغادرة أوكرانيا فورا.")
    ev = of(a, "REQUEST")[0]
    assert ev.source == ["IRN_MFA"] and ev.target == []
    b = run3("طالبت قطر الولايات المتحدة بالضغط على إسرائيل.")
    ev = of(b, "REQUEST")[0]
    assert ev.source == ["QAT"] and ev.target == ["USA"]


def test_patron_of_the_target_is_not_the_target(run3):
    a = run3("قصفت الطائرات الأمريكية مواقع لجماعات موالية لإيران في العراق.")
    ev = of(a, "ASSAULT")[0]
    assert "IRN" not in ev.target


def test_verbal_noun_repeating_the_verb_is_one_event(run3):
    a = run3("منحت قطر مصر منحة بقيمة مليار دولار.")
    assert len(of(a, "AID")) == 1
    assert of(a, "AID")[0].source == ["QAT"] and of(a, "AID")[0].target == ["EGY"]


def test_site_word_with_a_letter_like_a_preposition(run3):
    a = run3("شنت إسرائيل غارات على بلدات في جنوب لبنان.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == ["ISR"] and ev.target == ["LBN"]


def test_new_light_verbs(run3):
    a = run3("استخدمت الولايات المتحدة حق النقض ضد مشروع القرار.")
    assert of(a, "REJECT")[0].source == ["USA"]
    b = run3("أطلقت إيران سراح الفرنسي أوليفييه غروندو.")
    ev = of(b, "CONCEDE")[0]
    assert ev.source == ["IRN"] and ev.target == ["Q_GRONDEAU"]
    c = run3("دخل الناشط علاء عبد الفتاح في إضراب عن الطعام منذ شهرين.")
    ev = of(c, "PROTEST")[0]
    assert ev.source == ["Q_ALAA"] and ev.status == "ongoing"


def test_light_verb_after_the_noun_it_carries(run3):
    a = run3("أسقط الجيش الإسرائيلي صاروخا أطلقته حركة حماس باتجاه غزة.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == ["HAMAS"]
    b = run3("أسقط الجيش الإسرائيلي صاروخا فوق غزة.")  # no light verb: no attack
    assert of(b, "ASSAULT") == []


def test_accused_is_the_doer_of_the_act(run3):
    a = run3("اتهمت إيران إسرائيل بمهاجمة منشأة نطنز.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == ["ISR"] and ev.target == ["NATANZ"]


def test_followers_asked_to_act_act_for_the_asker(run3):
    a = run3("دعا حزب العمال أنصاره إلى التظاهر أمام البرلمان.")
    ev = of(a, "PROTEST")[0]
    assert ev.source == ["LABOUR"] and ev.status == "hypothetical"


def test_travel_verbs_are_a_visit_of_a_person(run3):
    a = run3("توجه الرئيس المصري عبد الفتاح السيسي إلى الدوحة على رأس وفد رفيع.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["Q_SISI"] and ev.target == ["DOHA"] and ev.mode == "visit"
    b = run3("وصلت شحنة أدوية إلى غزة.")
    assert of(b, "CONSULT") == []


def test_a_word_inside_a_name_is_no_trigger(run3):
    a = run3("بحث فيصل بن فرحان مع أنطونيو غوتيريش الأوضاع في السودان.")
    evs = of(a, "CONSULT")
    assert len(evs) == 1 and evs[0].source == ["Q_FAISAL"] and evs[0].target == ["Q_GUTERRES"]


def test_travel_needs_a_destination_after_ila(run3):
    a = run3("وصلت العلاقات بين أنتوني بلينكن وعبد الفتاح السيسي إلى مرحلة صعبة.")
    assert [e for e in of(a, "CONSULT") if e.mode == "visit"] == []


def test_genitive_of_an_act_done_to_someone_is_its_target(run3):
    a = run3("أدانت قطر اغتيال السفير التركي في بغداد.")
    ev = of(a, "ASSAULT")[0]
    assert ev.source == [] and ev.target == ["L_AMB_TUR"]
    b = run3("نددت مصر باعتقال علاء عبد الفتاح.")
    ev = of(b, "COERCE")[0]
    assert ev.source == [] and ev.target == ["Q_ALAA"]
    # the forces of an actor in the genitive are the doer: استهداف طائرات X مواقع
    c = run3("أفادت مصادر باستهداف طائرات الجيش السوداني مواقع في الخرطوم.")
    assert of(c, "ASSAULT")[0].source == ["SAF"]


def test_object_person_after_a_place_and_a_time(run3):
    a = run3("استقبل الرئيس المصري عبد الفتاح السيسي في قصر الاتحادية بالقاهرة، اليوم، وزير الخارجية الأمريكي أنتوني بلينكن.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["Q_SISI"] and ev.target == ["Q_BLINKEN"]


def test_place_of_a_demolition_or_a_deportation_is_no_target(run3):
    a = run3("هدمت السلطات الإسرائيلية منازل في غزة.")
    ev = of(a, "COERCE")[0]
    assert ev.target == [] and ev.location == "GAZA"
    b = run3("قصفت إسرائيل منازل في غزة.")  # a place attacked is the target
    assert of(b, "ASSAULT")[0].target == ["GAZA"]
    c = run3("انتقدت تركيا ترحيل اللاجئين إلى سوريا.")
    assert of(c, "COERCE")[0].target == []


def test_verb_form_after_a_preposition_is_a_verbal_noun(run3):
    # وافق … على منح: منح after على is the verbal noun; the one who agrees grants, the genitive receives
    a = run3("وافق الاتحاد الأوروبي على منح مصر قرضا بقيمة مليار يورو.")
    aid = of(a, "AID")
    assert len(aid) == 1 and aid[0].source == ["EU"] and aid[0].target == ["EGY"]


def test_the_one_who_pledges_does_what_is_pledged(run3):
    a = run3("تعهدت قطر بتقديم مساعدات عاجلة للسودان.")
    ev = of(a, "AID")[0]
    assert ev.source == ["QAT"] and ev.target == ["SDN"]


def test_indefinite_adjective_is_no_title_word(run3):
    a = run3("صندوق النقد يوافق على قرض جديد لمصر")
    ev = of(a, "AID")[0]
    assert ev.source == [] and ev.target == ["EGY"]


def test_name_with_its_own_bi_starts_a_phrase(run3):
    a = run3("التقى أنتوني بلينكن في المقر الرسمي بالدوحة وزير الخارجية التركي هاكان فيدان.")
    ev = of(a, "CONSULT")[0]
    assert ev.source == ["Q_BLINKEN"] and ev.target == ["Q_FIDAN"]
