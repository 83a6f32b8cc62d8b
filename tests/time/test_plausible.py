"""No implausible dates: numbers that are not dates are not tagged; values that must not date an event
are marked ``plausible: false``; the rule the event stage applies (marsad.time.plausible)."""

from __future__ import annotations

import pytest

from marsad.schema import Time
from marsad.time.plausible import first_year, plausible, usable_for_event
from marsad.time.tagger import tag

DCT = "2015-07-22"


def dates(text: str, dct: str | None = DCT) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in tag(text, dct) if t.type == "DATE"]


@pytest.mark.parametrize("text", [
    "للاستفسار يمكن الاتصال على الرقم 011 4567 1890 أو الجوال 0551234567.",  # telephone numbers
    "استقبلت العيادات السعودية في المخيم 1818 مراجعا خلال الأسبوع.",  # counts
    "أنقذ خفر السواحل نحو 1900 مهاجر قبالة السواحل.",
    "نشرت الصحيفة التقرير في الصفحة 1922 من ملحقها الاقتصادي.",  # page numbers
    "صدر المرسوم 1955 بتعديل نظام الخدمة المدنية.",  # decree numbers
    "وأشار القرار رقم (1999) إلى ضرورة الالتزام بالمواعيد.",
    "© 2010-2015 جميع الحقوق محفوظة لصحيفة الرياض",  # a copyright range
    "جميع الحقوق محفوظة 2015 ©",
])
def test_numbers_that_are_not_dates(text):
    assert dates(text) == []


def test_a_clock_time_is_a_time_not_a_date():
    got = [(t.text, t.type, t.value) for t in tag("انطلقت الرحلة في تمام الساعة 09:40 صباحا من مطار جدة.", DCT)]
    assert got == [("تمام الساعة 09:40 صباحا", "TIME", "2015-07-22T09:40")]
    assert dates("بدأ البث الساعة 1930 بتوقيت مكة المكرمة.") == []


def test_before_1900_only_when_the_text_is_historical():
    (t,) = tag("يعمل في المصنع 1818 بين عامل وفني.", DCT)  # a count the grammar cannot tell
    assert t.value == "1818" and t.plausible is False and not usable_for_event(t, DCT)
    for text in ("اندلعت الحرب بين البلدين عام 1846.", "ولد جده في كينيا عام 1895.", "تأسست الشركة في عام 1813.",
                 "بني الجامع عام 1325 هجري.", "توفي الرحالة عام 750 هـ."):
        (t,) = tag(text, DCT)
        assert t.plausible is None and usable_for_event(t, DCT), text


def test_not_more_than_ten_years_after_the_document_date():
    text = "تستهدف الخطة خفض الاستهلاك بحلول عام 2030."
    (t,) = tag(text, DCT)
    assert t.value == "2030" and t.plausible is False and not usable_for_event(t, DCT)
    (t,) = tag(text, "2023-03-07")
    assert t.plausible is None and usable_for_event(t, "2023-03-07")
    (t,) = tag("تستضيف المدينة البطولة عام 2025.", DCT)
    assert t.plausible is None  # ten years ahead, not more


def test_the_rule_for_the_event_stage():
    def time(value, typ="DATE", **kw):
        return Time(start=0, end=1, text="x", type=typ, value=value, **kw)

    assert usable_for_event(time("2015-07-21"), "2015-07-22")
    assert usable_for_event(time("2015-W30"), "2015-07-22") and usable_for_event(time("199"), None)
    assert not usable_for_event(time("P3D", "DURATION"))
    assert not usable_for_event(time("XXXX-WXX-2")) and not usable_for_event(time("PRESENT_REF"))
    assert not usable_for_event(time("1431", plausible=False))
    # the event stage's own document date decides the ten years, even when the tagger had none
    assert usable_for_event(time("2026-05")) and not usable_for_event(time("2026-05"), "2015-07-22")
    assert first_year("2015-07-22") == 2015 and first_year("19") == 1900 and first_year("P1Y") is None
    assert plausible("1431") is False and plausible("1431", historical=True)
