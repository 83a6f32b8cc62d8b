"""Speakers that stand for someone else (a document, an honorific pronoun, a back-reference), an
aside between commas before the complementizer, a word in scare quotes inside reported speech, and
the words of one quote that never speak the next. Sentences written for the project."""

from __future__ import annotations

import marsad


def _quotes(text):
    an = marsad.analyze(text, published="2015-08-02")
    ents = {e.id: e for e in an.entities}

    def who(q):
        e = ents.get(q.speaker)
        return e.name_ar if e is not None else q.speaker_text

    return [(q.text, who(q)) for q in an.quotes]


def _speaker_of(quotes, words):
    hit = [sp for text, sp in quotes if words in text]
    assert hit, (words, quotes)
    return hit[0]


def test_a_report_speaks_for_the_body_that_issued_it():
    qs = _quotes("أصدر البنك الدولي تقريرا جديدا عن اقتصادات المنطقة أمس. "
                 "وذكر التقرير أن النمو في دول الخليج سيتراجع خلال العام المقبل بسبب أسعار النفط.")
    assert "البنك الدولي" in _speaker_of(qs, "النمو في دول الخليج سيتراجع")


def test_the_author_in_the_genitive_and_in_a_relative_clause():
    qs = _quotes("وقال تقرير الآفاق الاقتصادية، الذي أصدره صندوق النقد الدولي أمس، إن ديون الدول النامية "
                 "ارتفعت إلى مستويات قياسية.")
    assert "صندوق النقد الدولي" in _speaker_of(qs, "ديون الدول النامية")
    qs = _quotes("رحبت الحكومة بتقرير منظمة الصحة العالمية عن الأوبئة. "
                 "وأكد التقرير أن حملات التطعيم خفضت الإصابات بنسبة كبيرة في الأرياف.")
    assert "منظمة الصحة العالمية" in _speaker_of(qs, "حملات التطعيم خفضت")


def test_a_statement_speaks_for_who_spoke_in_it():
    qs = _quotes("وأوضحت وزارة الداخلية في بيان صحفي أمس أن الحملة الأمنية مستمرة في المنطقة الشرقية. "
                 "وأفاد البيان أن عدد الموقوفين بلغ خمسين شخصا منذ بداية الأسبوع.")
    assert "وزارة الداخلية" in _speaker_of(qs, "عدد الموقوفين بلغ")


def test_a_document_with_no_author_named_stays_the_speaker():
    qs = _quotes("وذكر التقرير أن أسعار المساكن في المدن الكبرى ارتفعت بنسبة عشرة في المئة.")
    assert _speaker_of(qs, "أسعار المساكن") == "التقرير"


def test_an_honorific_pronoun_is_the_dignitary_named_before():
    qs = _quotes("نقل الأمير فيصل بن خالد بن عبدالعزيز أمير منطقة عسير تعازي القيادة إلى أسرة الشهيد "
                 "محمد علي ياسين. وأكد سموه خلال اتصاله بالأسرة أن الشهداء نالوا شرف الدفاع عن الوطن.")
    assert "فيصل بن خالد" in _speaker_of(qs, "الشهداء نالوا شرف")


def test_a_back_reference_carries_the_previous_speaker_on():
    qs = _quotes("ونقلت صحيفة الحياة عن المتحدث باسم وزارة الصحة قوله إن المستشفيات استقبلت مئات المصابين. "
                 "وأضافت نقلا عنه أن فرق الإسعاف ما زالت تعمل في الأحياء المتضررة.")
    first = _speaker_of(qs, "المستشفيات استقبلت")
    assert first and "نقلا" not in first
    assert _speaker_of(qs, "فرق الإسعاف ما زالت") == first


def test_an_aside_between_commas_before_the_complementizer():
    qs = _quotes("أكد الدكتور سليم النهدي، القيادي في الحراك الجنوبي بالقاهرة، أن الأزمة اليمنية "
                 "اقتربت من نهايتها بعد تحرير عدن.")
    assert "النهدي" in _speaker_of(qs, "الأزمة اليمنية اقتربت")


def test_a_word_in_scare_quotes_does_not_end_reported_speech():
    qs = _quotes("قال الدكتور سليم النهدي إن الحرب ستنتهي قريبا. وشدد على أن اليمن في طريقه لتأسيس دولة جديدة "
                 "بدون «المخلوع» وأتباعه.")
    assert "النهدي" in _speaker_of(qs, "اليمن في طريقه لتأسيس")


def test_a_name_inside_earlier_words_does_not_speak_the_next():
    qs = _quotes("قال الدكتور سليم النهدي إن الحرب ستنتهي قريبا. وشدد على أن اليمن سيبنى بدون علي عبدالله صالح "
                 "وعبدالملك الحوثي وأتباعهما، مضيفا أن الجمهورية الجديدة لن تقصي أحدا.")
    assert "النهدي" in _speaker_of(qs, "الجمهورية الجديدة لن تقصي")


def test_a_statement_told_as_a_verbal_noun():
    qs = _quotes("قال الدكتور سليم النهدي إن الحرب ستنتهي قريبا، مؤكدا أهمية تمشيط المدينة بدقة بالغة لبسط السيطرة عليها.")
    assert "النهدي" in _speaker_of(qs, "أهمية تمشيط المدينة")
    qs = _quotes("وأكد المرصد السوري لحقوق الإنسان مقتل سبعة أشخاص في غارات على ريف حلب الشمالي.")
    assert "المرصد السوري" in _speaker_of(qs, "مقتل سبعة أشخاص")
    qs = _quotes("قال وزير الصحة إن الوضع تحت السيطرة. وأشار إلى انهيار أكثر من ثلاثين مسكنا في القرية.")
    assert "وزير الصحة" in _speaker_of(qs, "انهيار أكثر من ثلاثين")


def test_no_statement_without_a_statement_verb_or_with_an_unknown_subject():
    for text in ("وأعلنت وزارة الخارجية إرسال فريق من الدفاع المدني للمشاركة في عمليات الإنقاذ.",
                 "ووصف الوزير التصريحات بالمزعجة والخطيرة على أمن المنطقة.",
                 "كشف اليوناني جوريجوس دونيس مدير الجهاز الفني قائمة الفريق التي ستشارك في المعسكر.",
                 "وتضمن البرنامج ورش عمل للشباب، إضافة إلى تنظيم مسابقات ثقافية في الحدائق العامة."):
        assert not _quotes(text), text


def test_a_long_subject_of_two_titles_and_a_name():
    qs = _quotes("وأوضح رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد بن محمد اليوسف، "
                 "أن الأمر الملكي تضمن ترقية أربعة وعشرين قاضيا.")
    assert "خالد بن محمد" in _speaker_of(qs, "الأمر الملكي تضمن ترقية")


def test_according_to_a_source_then_fa_inna():
    qs = _quotes("وبحسب وكالة الأنباء الكورية، فإنه لم يتم تسجيل أي حالة وفاة جديدة خلال الأسبوع.")
    assert "وكالة" in _speaker_of(qs, "لم يتم تسجيل أي حالة")
    qs = _quotes("ووفقا لمنظمة الشفافية الدولية فإن الفساد في القطاع العام ما زال مشكلة كبيرة.")
    assert "منظمة الشفافية الدولية" in _speaker_of(qs, "الفساد في القطاع العام")
    # (حسب قولها at the end attributes nothing that follows)
    assert not _quotes("وتأمل أن يزور الرئيس مدرسة القرية حسب قولها.")


def test_the_holder_speaks_for_the_body_in_his_title():
    qs = _quotes("وأوضح مدير عام إدارة العلاقات العامة بأمانة المنطقة الشرقية محمد بن عبدالعزيز الصفيان، "
                 "أن التسجيل في جداول الناخبين شرط للتصويت يوم الاقتراع.")
    assert "الصفيان" in _speaker_of(qs, "التسجيل في جداول الناخبين")


def test_an_unknown_name_with_its_title_after_an_adverbial_speaks():
    qs = _quotes("وقالت في وقت سابق هوغيت لابيل رئيسة منظمة الشفافية الدولية: «يظهر المؤشر أن جميع الدول "
                 "ما زالت تواجه تهديد الفساد».")
    assert "هوغيت لابيل" in _speaker_of(qs, "جميع الدول ما زالت")


def test_a_pronoun_after_the_verb_opens_no_subject():
    qs = _quotes("ونشرت الجماعة شريطا مصورا يؤكد فيه قادتها قيامهم بخطف ثلاثة مقاتلين، متهمة إياهم «بالتعاون مع الغرب».")
    assert all(not (sp or "").startswith("فيه") for _t, sp in qs), qs
