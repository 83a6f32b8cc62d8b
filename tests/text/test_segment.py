from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad.text.normalize import normalize
from marsad.text.segment import detect_title, segment

ARTICLE = """وزيرا خارجية تركيا وفرنسا يبحثان الأزمة في ليبيا

باريس - أجرى وزير الخارجية الفرنسي جان إيف لودريان، اليوم الأحد، اتصالاً هاتفياً مع نظيره التركي مولود جاويش أوغلو. وقال د. أحمد السيد إن نسبة النمو بلغت 5.0 في المئة خلال الربع الأول.
وأضاف لودريان: «لن نقبل بأي تدخل عسكري. الحل سياسي فقط». فهل تتغير المواقف؟ لا أحد يعلم!
ردود الفعل الدولية
وأعربت الأمم المتحدة عن قلقها إزاء التصعيد.
اقرأ أيضاً: ماكرون يزور الجزائر الشهر المقبل
تابعونا على فيسبوك وتويتر
(أ ف ب)
© جميع الحقوق محفوظة 2023
"""


def sentences(text, title=None):
    a = marsad.analyze(text, title=title)
    return [(s.kind, text[s.start:s.end]) for s in a.sentences]


def test_title_headings_body_and_boilerplate():
    got = sentences(ARTICLE)
    kinds = [k for k, _ in got]
    assert got[0] == ("title", "وزيرا خارجية تركيا وفرنسا يبحثان الأزمة في ليبيا")
    assert ("heading", "ردود الفعل الدولية") in got
    assert ("boilerplate", "اقرأ أيضاً: ماكرون يزور الجزائر الشهر المقبل") in got
    assert ("boilerplate", "تابعونا على فيسبوك وتويتر") in got
    assert ("boilerplate", "(أ ف ب)") in got
    assert ("boilerplate", "© جميع الحقوق محفوظة 2023") in got
    assert kinds.count("title") == 1 and kinds.count("heading") == 1


def test_abbreviation_and_decimal_do_not_end_a_sentence():
    got = [t for _, t in sentences(ARTICLE)]
    assert "وقال د. أحمد السيد إن نسبة النمو بلغت 5.0 في المئة خلال الربع الأول." in got


def test_a_quote_of_two_sentences_stays_in_one_sentence():
    got = [t for _, t in sentences(ARTICLE)]
    assert "وأضاف لودريان: «لن نقبل بأي تدخل عسكري. الحل سياسي فقط»." in got


def test_arabic_question_mark_and_exclamation_end_sentences():
    got = [t for _, t in sentences(ARTICLE)]
    assert "فهل تتغير المواقف؟" in got and "لا أحد يعلم!" in got


def test_line_breaks_are_boundaries_and_comma_is_not():
    text = "بدأت المحادثات، واستمرت ساعتين\nثم انتهت دون اتفاق"
    got = [t for _, t in sentences(text, title="")]
    assert got == ["بدأت المحادثات، واستمرت ساعتين", "ثم انتهت دون اتفاق"]


def test_straight_quotes_across_a_full_stop():
    text = 'وقال المتحدث "نحن مستعدون. والكرة في ملعبهم" مضيفا أن الرد سيأتي قريبا.'
    assert [t for _, t in sentences(text)] == [text]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "وقال «نحن هنا. ثم غادر القاعة. وانتهى الاجتماع."
    assert len(sentences(text)) == 3


def test_no_title_when_the_first_line_is_a_sentence():
    assert detect_title("أجرى الوزير اتصالا هاتفيا مع نظيره.\nوبحث الجانبان العلاقات.") is None
    assert detect_title("سطر واحد فقط") is None


def test_given_title_marks_the_title_sentence():
    text = "عنوان الخبر هنا\n\nنص الخبر."
    a = marsad.analyze(text, title="عنوان الخبر هنا")
    assert a.sentences[0].kind == "title" and a.document.title == "عنوان الخبر هنا"


def test_runaway_line_is_cut_into_bounded_sentences():
    text = "كلمة " * 3000
    a = marsad.analyze(text)
    assert all(s.end - s.start <= 2000 for s in a.sentences)
    assert len(a.sentences) >= 7


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابت ثجح.؟!،\n«»\"“”5٣ \u064e\u0640dx")), max_size=300))
def test_sentence_spans_are_inside_the_text_and_ordered(text):
    n = normalize(text)
    sents = segment(n, detect_title(text))
    prev = 0
    for s in sents:
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        prev = s.end
