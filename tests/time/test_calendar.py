"""Calendars in context: bare years in the Hijri range, Hijri dates before 1343, Gregorian history,
and the calendar each value was read in. Sentences written for the project."""

from __future__ import annotations

import marsad
from marsad.time.normalize import hijri_to_gregorian
from marsad.time.tagger import Hints, tag

DCT = "2015-07-22"


def times(text: str, dct: str | None = DCT, source: str | None = None) -> list[tuple]:
    return [(t.text, t.value, t.values, t.calendar) for t in tag(text, dct, hints=Hints(source=source))]


def test_a_bare_year_is_hijri_when_the_article_dates_in_hijri():
    text = "افتتح المركز الثقافي عام 1431، وصدر قرار توسعته بتاريخ 5/3/1436هـ."
    assert times(text)[0] == ("عام 1431", "2010", [], "hijri")


def test_a_bare_year_is_hijri_in_a_saudi_outlet():
    text = "تأسست الجمعية الخيرية في العام 1428 بمبادرة من أهالي الحي."
    assert times(text, source="okaz") == [("العام 1428", "2007", [], "hijri")]
    assert times(text, source="ahram") == [("العام 1428", "1428", [], "gregorian")]  # no Hijri context


def test_a_bare_year_is_hijri_after_a_saudi_dateline():
    by_agency = marsad.analyze("الرياض - واس\nافتتح المركز الثقافي عام 1431 بحضور أمير المنطقة.")
    by_place = marsad.analyze("جدة - افتتح المركز الثقافي عام 1431 بحضور أمير المنطقة، وقال مديره إن زواره تضاعفوا.")
    for a in (by_agency, by_place):
        (t,) = a.times
        assert (t.text, t.value, t.calendar) == ("عام 1431", "2010", "hijri")


def test_the_school_year_is_counted_in_hijri_years():
    assert times("يبدأ العام الدراسي 1439 في المدارس الحكومية.") == [("العام الدراسي 1439", "2018", ["2017", "2018"], "hijri")]
    (t,) = times("أعلنت الجامعة مواعيد القبول للعام الجامعي 1436/1437هـ.")
    assert t[0] == "عام الجامعي 1436/1437هـ" and t[1] == "2015" and t[2] == ["2014", "2015", "2016"] and t[3] == "hijri"
    (t,) = times("توج الفريق بطلا للدوري في الموسم الرياضي 1435 - 1436 هـ.")
    assert t[1] == "2014" and t[3] == "hijri"


def test_a_hijri_date_in_figures_year_first():
    assert times("تستمر المهلة حتى 1436/10/30هـ.") == [("1436/10/30هـ", "2015-08-15", [], "hijri")]


def test_hijri_dates_before_1343_are_converted_arithmetically():
    assert times("توفي الرحالة ابن بطوطة عام 750 هـ.") == [("عام 750 هـ", "1349", ["1349", "1350"], "hijri")]
    assert times("بدأت الرحلة في 1 محرم 750 هـ.")[0][:2] == ("1 محرم 750 هـ", "1349-03-30")
    assert hijri_to_gregorian(1342, 12, 29) is not None and hijri_to_gregorian(1343, 1, 1).isoformat() == "1924-08-01"


def test_gregorian_history_stays_gregorian_even_in_a_saudi_outlet():
    assert times("شاركت القوات في حرب عام 1956 على الجبهة.", source="okaz") == [("عام 1956", "1956", [], "gregorian")]
    # after the Hijri year of the document (1436): no Hijri year
    assert times("سقطت غرناطة عام 1492.", source="okaz") == [("عام 1492", "1492", [], "gregorian")]
    # a Gregorian mark, or a sentence about Gregorian history
    assert times("بني الجسر عام 1420م.", source="okaz")[0][1:] == ("1420", [], "gregorian")
    assert times("شيدت القلعة عام 1420 في القرن الخامس عشر الميلادي.", source="okaz")[0][1] == "1420"


def test_the_value_says_which_calendar_it_was_read_in():
    got = {t.text: t.calendar for t in tag("وصل الوفد في 5 مارس 2015، أي في 14 جمادى الأولى 1436هـ، ثم غادر أمس.", DCT)}
    assert got == {"5 مارس 2015": "gregorian", "14 جمادى الأولى 1436هـ": "hijri", "أمس": None}


def test_the_calendar_field_is_left_out_of_the_json_when_unknown():
    data = marsad.analyze("وصل الوفد أمس إلى الرياض في 5 مارس 2015.", published=DCT).to_dict()
    by_text = {t["text"]: t for t in data["times"]}
    assert by_text["5 مارس 2015"]["calendar"] == "gregorian"
    assert "calendar" not in by_text["أمس"] and "plausible" not in by_text["أمس"]
