"""Document-date inference for undated documents."""

from __future__ import annotations

from datetime import date

import marsad
from marsad.text.normalize import normalize
from marsad.time.dct import infer_dct, infer_document_date
from marsad.time.evaluate import dct_accuracy, load_jsonl


def infer(text: str) -> date | None:
    return infer_dct(normalize(text))


def test_shipped_undated_documents_are_dated_at_least_90_percent():
    cases = load_jsonl(None, "dct_cases.jsonl")
    assert len(cases) >= 30
    result = dct_accuracy(cases)
    assert result["accuracy"] >= 0.9, result["errors"]


def test_dateline():
    assert infer("القاهرة - 7 مارس 2023 - أعلنت وزارة الخارجية أمس عن زيارة.") == date(2023, 3, 7)
    assert infer("بيروت في 12 شباط 2023 (أ ف ب) - عقد مجلس النواب جلسة.") == date(2023, 2, 12)


def test_date_tied_to_yesterday():
    assert infer("أعلنت الشرطة أمس الاثنين 6 مارس 2023 عن اعتقال خمسة أشخاص.") == date(2023, 3, 7)


def test_a_weekday_and_a_background_date_pin_no_day():
    # the talks began on 2 March and are still stalled: the document is a Tuesday after it, but which
    # one the text does not say (on real news the first Tuesday after is right one time in five)
    text = "قال مسؤولون أمس الاثنين إن المحادثات التي بدأت في 2 مارس 2023 ما زالت متعثرة."
    assert infer(text) is None
    likeliest = date.fromisoformat(infer_document_date(normalize(text)).best[0][0])
    assert likeliest.isoweekday() == 2 and likeliest >= date(2023, 3, 2)


def test_copyright_year_completes_a_yearless_date():
    assert infer("يعقد مجلس الوزراء اليوم الخميس 9 مارس جلسته. © 2023 جميع الحقوق محفوظة") == date(2023, 3, 9)


def test_nothing_decides_it():
    assert infer("قالت الوزارة إن الاجتماع عقد الأسبوع الماضي.") is None
    assert infer("وصل الوفد أمس الاثنين إلى العاصمة.") is None
    assert infer("") is None


def test_stage_marks_the_date_inferred_and_resolves_against_it():
    a = marsad.analyze("القاهرة - 7 مارس 2023 - أعلنت وزارة الخارجية أمس عن زيارة مرتقبة الأسبوع المقبل.")
    assert a.document.published == "2023-03-07" and a.document.published_source == "inferred"
    assert [(t.text, t.value) for t in a.times] == [
        ("7 مارس 2023", "2023-03-07"), ("أمس", "2023-03-06"), ("الأسبوع المقبل", "2023-W11")]


def test_unknown_stays_unknown_and_values_are_underspecified():
    a = marsad.analyze("قال الوزير إن الاجتماع سيعقد الأربعاء.")
    assert a.document.published is None and a.document.published_source == "unknown"
    assert [(t.text, t.value) for t in a.times] == [("الأربعاء", "XXXX-WXX-3")]


def test_a_given_date_is_never_replaced():
    a = marsad.analyze("القاهرة - 7 مارس 2023 - أعلنت الوزارة أمس عن زيارة.", published="2023-03-08")
    assert a.document.published == "2023-03-08" and a.document.published_source == "given"
    assert ("أمس", "2023-03-07") in [(t.text, t.value) for t in a.times]
