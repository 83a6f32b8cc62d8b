"""Quotes: direct («…», “…”, "…"), nested, over several sentences; reported speech after a speech
verb with إن / أن; speakers (person in a title phrase, organization, previous speaker, agency)."""

from __future__ import annotations

from marsad.quotes.attribute import direct_spans


def quotes(run, text):
    an = run(text)
    for q in an.quotes:
        assert an.document.text[q.start:q.end] == q.text
    return an.quotes


def test_reported_speech_person_in_title_phrase(run):
    qs = quotes(run, "قال المتحدث باسم الخارجية الإيرانية ناصر كنعاني إن طهران لن تتفاوض تحت الضغط.")
    assert len(qs) == 1
    q = qs[0]
    assert q.speaker == "Q_KANAANI" and q.direct is False and q.cue == "قال"
    assert q.text == "طهران لن تتفاوض تحت الضغط"
    assert q.speaker_text.endswith("ناصر كنعاني")


def test_previous_speaker_after_wa_adaf(run):
    qs = quotes(run, "قال ناصر كنعاني إن طهران لن تتفاوض. وأضاف أن العقوبات غير قانونية.")
    assert [q.speaker for q in qs] == ["Q_KANAANI", "Q_KANAANI"]
    assert qs[1].cue == "وأضاف" and qs[1].text == "العقوبات غير قانونية"


def test_organization_speaks_and_continues(run):
    qs = quotes(run, "وقالت وزارة الخارجية في بيان: «نرفض هذه الاتهامات جملة وتفصيلا». وتابعت: «لن نسمح بتكرار ذلك».")
    assert [(q.speaker, q.direct) for q in qs] == [("MFA", True), ("MFA", True)]
    assert qs[0].text == "نرفض هذه الاتهامات جملة وتفصيلا"
    assert qs[1].cue == "وتابعت"


def test_agency_is_not_the_speaker(run):
    qs = quotes(run, "وقال بلينكن لوكالة رويترز إن واشنطن تدعم الحل الدبلوماسي.")
    assert qs[0].speaker == "Q_BLINKEN"


def test_naqalat_an(run):
    qs = quotes(run, "ونقلت وكالة رويترز عن فيدان قوله إن أنقرة مستعدة للوساطة.")
    assert qs[0].speaker == "Q_FIDAN" and qs[0].text == "أنقرة مستعدة للوساطة"


def test_quote_before_cue_and_spanning_sentences(run):
    qs = quotes(run, "«الوضع خطير جدا. نحن أمام أزمة حقيقية»، قال بلينكن للصحفيين.")
    assert len(qs) == 1
    assert qs[0].text == "الوضع خطير جدا. نحن أمام أزمة حقيقية" and qs[0].speaker == "Q_BLINKEN"


def test_quote_inside_quote(run):
    text = 'وقال بلينكن: «قال لي نظيري "لن نتراجع" وأنا صدقته».'
    qs = quotes(run, text)
    assert len(qs) == 1
    assert qs[0].text == 'قال لي نظيري "لن نتراجع" وأنا صدقته' and qs[0].speaker == "Q_BLINKEN"
    assert direct_spans("«أ “ب” ج»") == [(1, 8)]


def test_curly_and_straight_quotes(run):
    qs = quotes(run, "وقال فيدان: “نحن ندعم الحوار بين الأطراف”.")
    assert qs[0].direct and qs[0].speaker == "Q_FIDAN"
    qs = quotes(run, 'وأكد غوتيريش أن "على الجميع احترام القانون الدولي".')
    assert len(qs) == 1 and qs[0].direct and qs[0].speaker == "Q_GUTERRES"


def test_scare_quotes_are_not_quotes(run):
    assert quotes(run, 'انطلقت عملية "السهم" في غزة.') == []


def test_unknown_speaker_keeps_surface(run):
    qs = quotes(run, "وقال مصدر دبلوماسي إن المحادثات ستستأنف الأسبوع المقبل.")
    assert qs[0].speaker is None and qs[0].speaker_text == "مصدر دبلوماسي"


def test_svo_speaker(run):
    qs = quotes(run, "فيدان أكد أن تركيا لن تتخلى عن دورها.")
    assert qs[0].speaker == "Q_FIDAN"
