"""Event extraction on real Arabic sentences: triggers, arguments, status, date, place, mode."""

from __future__ import annotations


def one(evs, type_=None):
    evs = [e for e in evs if type_ is None or e.type == type_]
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    return evs[0]


def test_light_verb_phone_call_person_kept(events):
    text = "أجرى وزير الخارجية التركي هاكان فيدان اتصالا هاتفيا مع الأمين العام للأمم المتحدة أنطونيو غوتيريش."
    ev = one(events(text))
    assert (ev.type, ev.mode, ev.cameo) == ("CONSULT", "phone", "041")
    assert ev.source == ["Q_FIDAN"] and ev.target == ["Q_GUTERRES"]
    assert ev.status == "occurred" and ev.date is None  # no date word: null, as the guideline says
    assert ev.summary_en.startswith("Hakan Fidan (TUR) consulted Antonio Guterres (UN) by phone")
    assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text == "اتصالا"


def test_clitic_conjunction_and_location_chain(events):
    ev = one(events("وناقش فيدان مع غوتيريش الأوضاع في مقر المنظمة بالعاصمة القطرية الدوحة أمس."))
    assert ev.type == "CONSULT" and ev.trigger.text == "وناقش"
    assert ev.source == ["Q_FIDAN"] and ev.target == ["Q_GUTERRES"]
    assert ev.location == "DOHA"
    assert ev.date == "2023-06-14"


def test_vso_and_object(events):
    ev = one(events("التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ في موسكو."))
    assert ev.source == ["Q_PUTIN"] and ev.target == ["Q_XI"] and ev.location == "MOSCOW"


def test_svo(events):
    ev = one(events("قال بلينكن إن إسرائيل قصفت غزة."), "ASSAULT")
    assert ev.source == ["ISR"] and ev.target == ["GAZA"]


def test_light_verb_sanction_with_target_preposition(events):
    ev = one(events("فرضت الولايات المتحدة عقوبات جديدة على إيران."))
    assert (ev.type, ev.source, ev.target) == ("SANCTION", ["USA"], ["IRN"])


def test_noun_with_adjective_source(events):
    ev = one(events("العقوبات الأمريكية على إيران تدخل حيز التنفيذ."))
    assert (ev.type, ev.source, ev.target) == ("SANCTION", ["USA"], ["IRN"])


def test_background_event_with_its_own_date(events):
    ev = one(events("وكان غزو العراق للكويت عام 1990 قد أدى إلى حرب."))
    assert (ev.type, ev.mode, ev.source, ev.target, ev.date) == ("ASSAULT", "invasion", ["IRQ"], ["KWT"], "1990")


def test_between_x_and_y(events):
    ev = one(events("جرت محادثات بين الولايات المتحدة وإيران في الدوحة."))
    assert ev.type == "CONSULT" and ev.source == ["USA"] and ev.target == ["IRN"] and ev.location == "DOHA"


def test_passive_with_agent(events):
    ev = one(events("نوقش الملف النووي بين إيران والاتحاد الأوروبي."))
    assert ev.type == "CONSULT" and ev.source == ["IRN"] and ev.target == ["EU"]
    ev = one(events("هوجمت غزة من قبل الجيش الإسرائيلي."))
    assert ev.type == "ASSAULT" and ev.source == ["IDF"] and ev.target == ["GAZA"]


def test_received_a_call_swaps_roles(events):
    ev = one(events("تلقى أمير قطر تميم بن حمد اتصالا هاتفيا من الرئيس الأمريكي جو بايدن."))
    assert ev.source == ["Q_BIDEN"] and ev.target == ["Q_TAMIM"] and ev.mode == "phone"


def test_no_source_still_reported(events):
    ev = one(events("انفجرت سيارة مفخخة قرب سوق شعبي في غزة."))
    assert ev.type == "ASSAULT" and ev.mode == "explosion" and ev.source == [] and ev.location == "GAZA"


def test_status_scheduled(events):
    assert one(events("من المقرر أن يلتقي فيدان غوتيريش الأسبوع المقبل.")).status == "scheduled"
    ev = one(events("سيناقش فيدان مع غوتيريش الأزمة في السودان."))
    assert ev.status == "scheduled" and ev.date is None
    ev = one(events("يزور بلينكن القاهرة غدا."))
    assert ev.status == "scheduled" and ev.date == "2023-06-16"


def test_status_negated(events):
    assert one(events("لم تفرض الولايات المتحدة عقوبات على إيران.")).status == "negated"
    assert one(events("لن يلتقي بوتين بلينكن.")).status == "negated"
    # the denial is itself an event (REJECT, by Turkey); what it denies did not happen
    evs = events("نفت تركيا أن يكون فيدان قد التقى مسؤولين من حماس.")
    assert one(evs, "CONSULT").status == "negated"
    assert one(evs, "REJECT").source == ["TUR"] and one(evs, "REJECT").status == "occurred"


def test_status_conditional_and_hypothetical(events):
    evs = events("وهددت إيران بشن هجوم على إسرائيل إذا استمرت الغارات.")
    threat = one(evs, "THREATEN")
    attack = [e for e in evs if e.type == "ASSAULT"]
    assert threat.source == ["IRN"] and threat.target == ["ISR"] and threat.status == "occurred"
    assert attack[0].status == "hypothetical" and attack[0].source == ["IRN"]
    assert attack[1].status == "conditional"
    assert one(events("في حال هاجمت إسرائيل إيران سترد طهران بقوة."), "ASSAULT").status == "conditional"
    assert one(events("قد تفرض واشنطن عقوبات على طهران.")).status == "hypothetical"


def test_status_ongoing(events):
    assert one(events("لا تزال الاحتجاجات مستمرة في تونس.")).status == "ongoing"
    assert one(events("يواصل الجيش الإسرائيلي قصف غزة.")).status == "ongoing"


def test_ids_sentences_and_merging(run):
    an = run("استقبل السيسي بلينكن في القاهرة.\nوأجرى الجانبان محادثات مطولة.\nتابعونا على تويتر")
    assert [e.id for e in an.events] == ["e1", "e2"]
    assert [e.sentence for e in an.events] == [0, 1]
    for e in an.events:
        assert an.document.text[e.trigger.start:e.trigger.end] == e.trigger.text


def test_construct_state_keeps_the_head(events):
    ev = one(events("توصلت إسرائيل وحماس إلى اتفاق وقف إطلاق النار في القاهرة."))
    assert ev.type == "AGREE" and ev.source == ["ISR"] and ev.target == ["HAMAS"]


def test_fixed_expressions_are_not_events(events):
    assert events("عقد وزير الخارجية مؤتمرا صحفيا في الدوحة.") == []
    assert events("وصل وزير الخارجية إلى الدوحة فجر اليوم.") == []


def test_diacritics_and_spelling_variants(events):
    ev = one(events("نَاقَشَ فيدان مع غوتيريش الأزمةَ."))
    assert ev.type == "CONSULT" and ev.trigger.text == "نَاقَشَ"
    assert one(events("فرضت واشنطن عقوبات على طهران.")).target == ["IRN"]


def test_protest_and_assault_modes(events):
    assert one(events("دخل أسرى في إضراب عن الطعام.")).mode in ("strike", "hunger")
    assert one(events("شن الجيش الإسرائيلي غارات جوية على غزة.")).mode == "aerial"
    assert one(events("أطلق مسلحون النار على دورية في غزة.")).mode == "firearms"
