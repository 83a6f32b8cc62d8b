from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import fold, normalize, normalized_text

ARABICISH = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة") + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
        + list("٠١٢٣٤٥٦٧٨٩۰۱۲،؛؟.!«»\"“” \n") + list("abcXYZ019\u200f\u200b\ufefb\ufe8d\x00")
    ),
    max_size=200,
)


def test_folds_the_spelling_variants():
    assert fold("أَعْلَنَ") == "اعلن"
    assert fold("إيران") == "ايران"
    assert fold("الآن") == "الان"
    assert fold("مؤتمر") == "موتمر"
    assert fold("رئيس") == "رييس"
    assert fold("مصطفى") == "مصطفي"
    assert fold("القمة") == "القمه"
    assert fold("مـــصر") == "مصر"
    assert fold("٢٠٢٣") == "2023"
    assert fold("۱۴۰۲") == "1402"
    assert fold("گاز") == "كاز"
    assert fold("لماذا؟") == "لماذا?"
    assert fold("نعم، لكن؛") == "نعم, لكن;"


def test_stray_latin_letter_inside_an_arabic_word_is_dropped_but_offsets_keep_it():
    n = normalize("بدء المفاوcضات اليوم")
    assert n.text == "بدء المفاوضات اليوم"
    start = n.text.index("المفاوضات")
    s, e = n.to_original(start, start + len("المفاوضات"))
    assert n.original[s:e] == "المفاوcضات"


def test_latin_words_are_kept_in_lower_case():
    assert normalize("وكالة Reuters").text == "وكاله reuters"


def test_span_takes_trailing_diacritics_and_zero_width_marks():
    n = normalize("قالَ الوزيرُ")
    i = n.text.index("الوزير")
    s, e = n.to_original(i, i + len("الوزير"))
    assert n.original[s:e] == "الوزيرُ"


def test_ligature_expands_and_maps_back():
    n = normalize("\ufefb بد")  # lam-alef ligature
    assert n.text.startswith("لا")
    assert n.to_original(0, 2) == (0, 1)


@settings(max_examples=300, deadline=None)
@given(ARABICISH)
def test_every_normalized_span_maps_to_an_original_span(text):
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert list(n.offsets[:-1]) == sorted(n.offsets[:-1])
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 6) + 1):
            s, e = n.to_original(i, j)
            assert 0 <= s < e <= len(text)
            # the original span normalizes to (at least) the normalized span
            assert n.text[i:j] in normalize(text[s:e]).text or not n.text[i:j].strip()


@settings(max_examples=300, deadline=None)
@given(ARABICISH | st.text(max_size=80))
def test_normalized_text_is_the_normalized_string(text):
    assert normalized_text(text) == normalize(text).text


def test_normalized_text_of_a_real_sentence():
    s = "وأعلنت الأمم المتحدةُ أنّ المفاوcضات ستُستأنف في ١٥ مارس ﻻ"
    assert normalized_text(s) == normalize(s).text
