"""For any text: no exception, and every time span is exactly the original text it points at."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.doc import Doc
from marsad.schema import Document
from marsad.text.stage import TextStage
from marsad.time.stage import TimeStage

WORDS = [
    "في", "5", "١٥", "مارس", "آذار", "/", "(", ")", "2023", "٢٠٢٣", "أمس", "الاثنين", "اليوم", "غدا",
    "السبت", "الأسبوع", "الماضي", "المقبل", "منذ", "ثلاثة", "أيام", "و15", "من", "الشهر", "نفسه",
    "بين", "إلى", "عام", "هـ", "جمادى الآخرة", "1443", "الساعة", "العاشرة", "صباحا", "مساء",
    "التسعينيات", "الربيع", "العربي", "كل", "يوم", "جمعة", "أسبوعيا", "نهاية", "العام", "ـــ", "َ",
    "\u200f", "،", ".", "\n", "  ", "-", ":", "10:30", "وفي", "بعد", "غد", "كانون الثاني", "تشرين",
    "الخامس", "والعشرين", "ﻻ", "x", "٪",
]

text_strategy = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=30).map("".join),
    st.text(max_size=80),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, published=st.sampled_from([None, "2023-03-07", "2020-02-29"]))
def test_any_text_gives_valid_spans(text, published):
    doc = Doc(document=Document(id="h", text=text, published=published,
                                published_source="given" if published else "unknown"))
    TextStage()(doc)
    TimeStage()(doc)
    starts = [t.start for t in doc.times]
    assert starts == sorted(starts)
    for t in doc.times:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
    if published is None and doc.document.published is not None:
        assert doc.document.published_source == "inferred"
