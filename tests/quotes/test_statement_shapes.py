"""How a statement's words are cut into quotes: reported words that run into a direct quote, and
statements joined by وإن / وأن. Sentences written for the project."""

from __future__ import annotations

import marsad


def _quotes(text):
    an = marsad.analyze(text, published="2015-08-02")
    ents = {e.id: e for e in an.entities}
    return [(q.text, q.direct, ents[q.speaker].name_ar if q.speaker in ents else q.speaker_text) for q in an.quotes]


def test_reported_words_before_a_direct_quote_are_a_quote_of_their_own():
    qs = _quotes('وأشار وزير الصحة خالد الفالح إلى أن الزيارة التي سيقوم بها الوفد الطبي تعد خطوة مهمة '
                 'لدعم "الأهالي الذين ينتظرون العلاج منذ شهور طويلة".')
    reported = [q for q in qs if not q[1]]
    direct = [q for q in qs if q[1]]
    assert reported and "الزيارة التي سيقوم بها الوفد الطبي" in reported[0][0]
    assert "الأهالي" not in reported[0][0]
    assert direct and "الأهالي الذين ينتظرون العلاج" in direct[0][0]
    assert "الفالح" in (reported[0][2] or "") and "الفالح" in (direct[0][2] or "")


def test_a_few_words_leading_into_a_direct_quote_are_not_a_quote():
    qs = _quotes("وأضاف المتحدث أن استهداف المستشفيات «أمر لا يمكن قبوله تحت أي ظرف».")
    assert [q[0] for q in qs] == ["أمر لا يمكن قبوله تحت أي ظرف"]


def test_two_statements_joined_by_wa_inna_are_two_quotes_of_one_speaker():
    qs = _quotes("وكان المرشد قد قال لأنصاره يوم السبت إن سياسة واشنطن في المنطقة تختلف عن سياسة طهران "
                 "وإن الاتفاق النووي لن يغير موقف بلاده من الولايات المتحدة.")
    texts = [q[0] for q in qs]
    assert any(t.startswith("سياسة واشنطن") and "الاتفاق" not in t for t in texts), texts
    assert any(t.startswith("الاتفاق النووي لن يغير") for t in texts), texts
    assert len({q[2] for q in qs}) == 1


def test_the_subjunctive_and_even_if_do_not_cut_a_statement():
    for text in ("وأكد الوزير أن الحكومة تريد أن تفاوض المعارضة وأن تنهي الحرب قبل نهاية العام.",
                 "وقال المتحدث إن الجيش سيرد على أي هجوم وإن كان الثمن باهظا على الجميع."):
        assert len(_quotes(text)) == 1, _quotes(text)


def test_bayyana_is_a_speech_verb_only_where_it_cannot_be_between():
    qs = _quotes("وبين الصفيان أن المستندات المطلوبة تشمل بطاقة الهوية الوطنية وصك الملكية.")
    assert qs and qs[0][0].startswith("المستندات المطلوبة") and "الصفيان" in qs[0][2]
    qs = _quotes("كما بين مدير التعليم أن المقابلات الشخصية ستبدأ يوم الأحد المقبل.")
    assert qs and "مدير التعليم" in qs[0][2]
    qs = _quotes("واتفق الطرفان على تعزيز التعاون بينهما وبين الدول المجاورة، وأكدا أن العلاقات ستشهد تطورا كبيرا.")
    assert all(q[0].startswith("العلاقات ستشهد") for q in qs), qs
    assert not _quotes("وتبين من التحقيقات أن الحريق نتج عن ماس كهربائي في المستودع.")


def test_alma_hinted():
    qs = _quotes("وألمح دبوان أن تسجيل الحجاج عن طريق المسار الإلكتروني من أهم الملفات المطروحة.")
    assert qs and "دبوان" in qs[0][2]
