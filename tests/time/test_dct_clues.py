"""The document date from its evidence: every clue a constraint, the best-supported date wins, to the
day, the month or the year the clues pin, with the clues as ``published_evidence``. Sentences
written for the project."""

from __future__ import annotations

from datetime import date

import marsad
from marsad.text.normalize import normalize
from marsad.text.segment import segment
from marsad.time.dct import holidays, infer_document_date
from marsad.time.tagger import Hints

COPYRIGHT = " © 2023 جميع الحقوق محفوظة"


def infer(text: str, source: str | None = None):
    norm = normalize(text)
    return infer_document_date(norm, segment(norm), hints=Hints(source=source))


def value(text: str, source: str | None = None) -> str | None:
    return infer(text, source).value


def whys(text: str) -> list[str]:
    return [c.why for c in infer(text).evidence]


def test_weekday_with_today_and_yesterday():
    # اليوم الخميس 9 مارس: the date given as today; أمس الاثنين: the document is a Tuesday
    assert value("تعقد اللجنة اليوم الخميس 9 مارس اجتماعها الدوري." + COPYRIGHT) == "2023-03-09"
    inf = infer("وقال مسؤولون أمس الاثنين إن الاجتماع الأول عقد في 2 مارس 2023 وإن الثاني سيعقد في 9 مارس 2023.")
    assert inf.value == "2023-03-07" and any("a Tuesday" in c.why for c in inf.evidence)


def test_relative_days():
    assert value("تبدأ غدا الجمعة 10 مارس 2023 أعمال المنتدى الاقتصادي في الرياض.") == "2023-03-09"
    assert value("وصل الوفد أول أمس السبت 4 مارس 2023 إلى القاهرة.") == "2023-03-06"


def test_a_date_told_as_past_and_another_as_future():
    text = "عقد المجلس اجتماعه الأول في 2 مارس 2023، وقال رئيسه أمس الأحد إن الاجتماع الثاني سيعقد في 9 مارس 2023."
    inf = infer(text)
    assert inf.value == "2023-03-06"
    assert {"2023-03-02 told as past", "2023-03-09 told as future"} <= {c.why for c in inf.evidence}
    # without the weekday the two dates still pin the month
    assert value("عقد المجلس اجتماعه الأول في 2 مارس 2023، ومن المقرر أن يعقد اجتماعه الثاني في 9 مارس 2023.") \
        == "2023-03"


def test_holidays_named_as_today():
    assert value("يحتفل المسلمون اليوم بعيد الفطر المبارك بعد أن أعلنت المحكمة العليا ثبوت رؤية هلال شوال."
                 + COPYRIGHT) == "2023-04-21"
    assert value("توافد المصلون اليوم الخميس، ثاني أيام عيد الأضحى المبارك لعام 1444هـ، على الحدائق في الرياض.") \
        == "2023-06-29"


def test_a_holiday_before_today_is_not_today():
    # أمس is the day of the trading session after the holiday, not the holiday
    inf = infer("تراجع المؤشر في أول جلسة بعد عطلة عيد الفطر يوم أمس الثلاثاء." + COPYRIGHT)
    assert not any("the holiday is" in c.why for c in inf.evidence)


def test_national_days_and_anniversaries():
    assert value("تحتفل المملكة اليوم السبت باليوم الوطني السعودي الـ93 بفعاليات في مختلف المناطق.") == "2023-09-23"
    assert value("تحتفل المملكة اليوم السبت باليوم الوطني الـ93.", source="okaz") == "2023-09-23"  # Saudi outlet
    assert value("وتأتي الزيارة عشية اليوم الوطني الإماراتي الـ52 وسط احتفالات واسعة.") == "2023"
    assert value("أحيا الفلسطينيون الذكرى الخامسة والسبعين للنكبة التي وقعت عام 1948 بمسيرات في الضفة.") == "2023"


def test_hijri_dates_and_datelines():
    assert value("الرياض 15 رمضان 1444 هـ - أعلنت وزارة الداخلية عن القبض على شبكة لتهريب المخدرات.") == "2023-04-06"
    assert value("القاهرة - 7 مارس 2023 - أعلنت وزارة الخارجية أمس عن زيارة.") == "2023-03-07"


def test_copyright_year():
    assert value("قال الوزير إن البرنامج يحقق أهدافه." + COPYRIGHT) is None  # a year alone: not enough
    assert "copyright 2023: the document date is in 2023" in whys("وقال الوزير إن الأسعار تراجعت خلال يوليو الجاري."
                                                                  + COPYRIGHT)


def test_next_month_with_a_dated_month_and_last_year_with_a_year():
    assert value("ومن المقرر أن تبدأ المرحلة الثانية من المشروع الشهر المقبل (أغسطس) بحسب الوزارة." + COPYRIGHT) \
        == "2023-07"
    assert value("وارتفعت الصادرات غير النفطية خلال العام الماضي 2022 بنسبة عشرة في المائة.") == "2023"


def test_a_month_or_a_year_when_no_day_is_pinned():
    inf = infer("وقال المتحدث إن الأسعار تراجعت خلال يوليو الجاري بنسبة طفيفة." + COPYRIGHT)
    assert (inf.value, inf.precision) == ("2023-07", "month")
    inf = infer("وارتفعت الصادرات خلال العام الماضي 2022.")
    assert (inf.value, inf.precision) == ("2023", "year")


def test_unknown_when_there_are_no_clues():
    for text in ("قالت الوزارة إن الاجتماع عقد الأسبوع الماضي.", "وصل الوفد أمس الاثنين إلى العاصمة.", ""):
        assert infer(text).value is None


def test_holiday_data_is_converted_with_hijridate():
    from marsad.time.dct import _holiday_days

    fitr = next(h for h in holidays()["entries"] if h["id"] == "eid_al_fitr")
    assert _holiday_days(fitr, 2015) == [date(2015, 7, 17)] and _holiday_days(fitr, 2023) == [date(2023, 4, 21)]


def test_the_stage_writes_the_evidence_and_the_precision():
    text = "وقال المتحدث إن الأسعار تراجعت خلال يوليو الجاري بنسبة طفيفة." + COPYRIGHT
    a = marsad.analyze(text)
    assert (a.document.published, a.document.published_source) == ("2023-07", "inferred")
    assert a.document.published_evidence
    for ev in a.document.published_evidence:
        assert text[ev.start:ev.end] == ev.text and ev.why
    # a month pins no day: relative expressions stay unresolved, the month's own expression resolves
    assert [t.value for t in a.times if t.text == "يوليو الجاري"] == ["XXXX-07"]
    data = a.to_dict()["document"]
    assert data["published_evidence"][0]["why"]

    day = marsad.analyze("القاهرة - 7 مارس 2023 - أعلنت الوزارة أمس عن زيارة.")
    assert [e.why for e in day.document.published_evidence] == ["dateline: the document date is 2023-03-07"]
    none = marsad.analyze("قالت الوزارة إن الاجتماع عقد الأسبوع الماضي.")
    assert none.document.published_source == "unknown" and none.document.published_evidence == []
