"""A headline written as 'X: words' is X's quote when X is a short phrase that mentions an actor or
a state; other headline colons (عاجل:, بالصور:) give none. Sentences written for the project."""

from __future__ import annotations

import marsad

BODY = "\n\nقال وزير الخارجية عادل الجبير إن المحادثات مع نظيره الأمريكي كانت مثمرة وتناولت ملفات المنطقة."


def _headline_quotes(text):
    an = marsad.analyze(text, published="2015-08-02")
    end = text.index("\n")
    return [q for q in an.quotes if q.start < end], an


def test_speaker_before_a_colon_in_the_headline():
    qs, an = _headline_quotes("الجبير: ناقشنا مع كيري التصدي لتدخلات إيران في المنطقة" + BODY)
    assert len(qs) == 1
    q = qs[0]
    assert q.direct and q.cue is None
    assert q.text == "ناقشنا مع كيري التصدي لتدخلات إيران في المنطقة"
    assert q.speaker_text == "الجبير"
    ents = {e.id: e for e in an.entities}
    assert q.speaker in ents and ents[q.speaker].kind == "PERSON"


def test_a_state_before_the_colon_speaks_and_quotation_marks_are_trimmed():
    qs, _ = _headline_quotes("واشنطن: «منفذ الهجوم على مركز التجنيد كان غارقا في الديون»" + BODY)
    assert len(qs) == 1
    assert qs[0].text == "منفذ الهجوم على مركز التجنيد كان غارقا في الديون"
    assert qs[0].speaker_text == "واشنطن"


def test_a_label_before_the_colon_is_no_speaker():
    for head in ("عاجل: انفجار قرب مبنى البلدية في وسط المدينة", "بالصور: أمطار غزيرة تغمر شوارع جدة القديمة"):
        qs, _ = _headline_quotes(head + BODY)
        assert all(q.cue is not None for q in qs), head


def test_a_long_phrase_before_the_colon_is_no_speaker():
    qs, _ = _headline_quotes("في اليوم الثالث من زيارة وزير الخارجية إلى واشنطن: محادثات مطولة" + BODY)
    assert all(q.cue is not None for q in qs)
