"""A light verb keeps its object across a subject of quantity (وزراء خارجية عدد من الدول) and across an
aside between commas (، بينهم …،); a headline's indefinite مرتقب makes the event scheduled."""

from __future__ import annotations


def consult(events, text):
    return [e for e in events(text) if e.type == "CONSULT"]


def test_subject_with_a_noun_of_quantity(events):
    evs = consult(events, "من المقرر أن يعقد وزراء خارجية عدد من الدول العربية اجتماعا طارئا في القاهرة.")
    assert [e.status for e in evs] == ["scheduled"]
    assert evs[0].trigger.text == "اجتماعا"


def test_aside_between_light_verb_and_object(events):
    short = consult(events, "سيعقد وزراء الخارجية العرب، بينهم بلينكن، اجتماعا في القاهرة.")
    assert [e.status for e in short] == ["scheduled"]
    long = consult(
        events,
        "من المقرر أن يعقد وزراء خارجية عدد من الدول الإسلامية، بينهم وزير الخارجية المصري ونظيره الأردني "
        "ووزير الدولة للشؤون الخارجية في سلطنة عمان، اجتماعا تشاوريا في القاهرة.",
    )
    assert [e.status for e in long] == ["scheduled"]


def test_indefinite_expected_after_the_noun_is_scheduled(events):
    evs = consult(events, "اجتماع مرتقب لوزراء الخارجية العرب في القاهرة")
    assert [e.status for e in evs] == ["scheduled"]


def test_a_time_after_since_and_its_noun_phrase_does_not_date_the_event():
    import marsad

    a = marsad.analyze(
        "وأشاد وزير الخارجية التركي هاكان فيدان بالأمم المتحدة التي فقدت عشرات من موظفيها منذ اندلاع الحرب "
        "في 7 أكتوبر الماضي.",
        published="2023-11-07",
    )
    support = [e for e in a.events if e.type == "SUPPORT"]
    assert support and support[0].date is None  # no date of its own (not the war's start): the guideline's null
    assert any(t.value == "2023-10-07" for t in a.times)


def test_city_in_the_genitive_of_talks_is_where_they_are_held():
    import marsad

    a = marsad.analyze("وعلق الجيش السوداني مشاركته في محادثات جدة.", published="2023-06-01")
    talks = [e for e in a.events if e.type == "CONSULT"]
    jeddah = next(e.id for e in a.entities if e.name_ar == "جدة")
    assert talks and jeddah not in talks[0].source and talks[0].location == jeddah
    # a capital stands for its state: the talks of Tehran are Iran's
    b = marsad.analyze("وانتقدت الصحف محادثات طهران مع الوكالة الذرية.", published="2023-06-01")
    assert [e.source for e in b.events if e.type == "CONSULT"] == [["Q794"]]


def test_an_event_after_haythu_happens_at_the_place_before_it():
    import marsad

    a = marsad.analyze(
        "وصل الوزير إلى عمان في إطار جولة شملت إسرائيل ورام الله، حيث التقى الرئيس الفلسطيني محمود عباس.",
        published="2023-11-07",
    )
    met = [e for e in a.events if e.trigger.text == "التقى"]
    ramallah = next(e.id for e in a.entities if "رام الله" in [m.text for m in e.mentions])
    assert met and met[0].location == ramallah


def test_haythu_place_wins_over_an_earlier_place_of_the_sentence():
    import marsad

    a = marsad.analyze(
        "استقبل الرئيس التركي في أنقرة وزير الخارجية الأمريكي القادم من جولة شملت الأردن ورام الله، "
        "حيث التقى الرئيس الفلسطيني محمود عباس.",
        published="2023-11-07",
    )
    met = [e for e in a.events if e.trigger.text == "التقى"]
    ramallah = next(e.id for e in a.entities if "رام الله" in [m.text for m in e.mentions])
    assert met and met[0].location == ramallah


def test_a_light_verb_reaches_its_noun_across_a_long_titled_name_and_a_bracketed_day(events):
    # بعث: the subject's titles and name are one phrase, and (الأربعاء) ends no clause
    text = ("بعث خادم الحرمين الشريفين الرئيس التركي رجب طيب أردوغان اليوم (الأربعاء)، "
            "ببرقية تهنئة للسلطان محمود عباس بمناسبة العيد الوطني.")
    evs = [e for e in events(text) if e.type == "SUPPORT"]
    assert evs and evs[0].source == ["TUR"] and evs[0].target == ["Q_ABBAS"]
