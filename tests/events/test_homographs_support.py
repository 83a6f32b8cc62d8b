"""Support nouns whose genitive is the one supported, and trigger words in an everyday sense
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuoteStage
from marsad.text.stage import TextStage

from .conftest import NAMES, FakeTimes

EXTRA = [
    Name("الجيش اللبناني", "LAF", "ORG", "Lebanese army", "LBN"),
    Name("الحوثيين", "HOUTHI", "ORG", "Houthis"),
    Name("الحكومة", "GOV", "ORG", "the government"),
]


@pytest.fixture(scope="module")
def run4():
    pipe = Pipeline([TextStage(), SurfaceEntities(NAMES + EXTRA), FakeTimes(), EventStage(use_model=False), QuoteStage()])
    return lambda text: pipe(text, published="2023-06-15")


def _types(a, typ):
    return [e for e in a.events if e.type == typ]


def test_genitive_of_support_noun_is_the_one_supported(run4):
    ev = _types(run4("تعهدت الحكومة بدعم الجيش اللبناني."), "SUPPORT")
    assert len(ev) == 1 and ev[0].target == ["LAF"] and "LAF" not in ev[0].source


def test_pronoun_of_support_noun_is_the_one_supported(run4):
    ev = _types(run4("حذرت مصر من الحوثيين وقالت إن طهران لا تكتفي بتسليحهم بل تعلن بدعمهم صراحة."), "SUPPORT")
    assert all("HOUTHI" not in e.source for e in ev)


@pytest.mark.parametrize("text,typ", [
    ("أظهر استطلاع للرأي شمل ألفي ناخب يمنح المرشح الأول أفضلية واضحة.", "AID"),
    ("وتمنحها هذه الأجهزة التفوق على منافسيها.", "AID"),
    ("أغلقت البلدية الشارع الممتد من جولة الساعة إلى الميناء.", "CONSULT"),
    ("قرر المجلس تسمية الطريق من جولة (دوار) النصر حتى البحر.", "CONSULT"),
    ("وقع الحادث عند تقاطع طريق المطار مع الطريق الدائري.", "PROTEST"),
    ("وقال المدير إن المشروع في أيد أمينة.", "SUPPORT"),
    ("احتفل الأهالي بعيد الفطر وعيد الاستقلال في الساحات.", "THREATEN"),
    ("استمع المحافظ إلى شكاوى السكان بصدر رحب.", "SUPPORT"),
    ("انقطعت الكهرباء عن الحي مما استدعى تدخل فرق الطوارئ.", "ACCUSE"),
    ("وهذا ما يستدعي التحرك العاجل من الجميع.", "ACCUSE"),
    ("كان المتهم يتظاهر بالمرض أمام المحققين.", "PROTEST"),
])
def test_trigger_word_in_everyday_sense_is_no_event(run4, text, typ):
    assert not _types(run4(text), typ)


@pytest.mark.parametrize("text,typ", [
    ("منحت قطر مصر قرضا بقيمة مليار دولار.", "AID"),
    ("قام وزير الخارجية التركي بجولة في دول الخليج.", "CONSULT"),
    ("استدعت الخارجية الإيرانية السفير التركي.", "ACCUSE"),
    ("تظاهر الآلاف بالقرب من السفارة في طهران.", "PROTEST"),
    ("أيد البرلمان قرار الحكومة.", "SUPPORT"),
])
def test_trigger_word_in_event_sense_stays(run4, text, typ):
    assert _types(run4(text), typ)


def test_a_ta_marbuta_is_no_pronoun_and_two_is_no_praise(run4):
    # طلبة (students) folds like طلبه (his request), فرقة (a band) like فرقه (dispersed him)
    a = run4("وشارك طلبة الجامعات في تركيا في الحفل، وقدمت فرقة موسيقية من قطر عروضها يوم الاثنين مع اثنين من الفنانين.")
    assert not _types(a, "REQUEST") and not _types(a, "COERCE") and not _types(a, "SUPPORT")
    # the noun written with ة keeps its own reading: a cable of congratulation is still one
    b = run4("بعث الرئيس التركي اليوم ببرقية تهنئة إلى أمير قطر بمناسبة اليوم الوطني.")
    assert _types(b, "SUPPORT")
    # and the pronoun written ه is still read: طلبه (his request)
    c = run4("وقدمت تركيا طلبها إلى الاتحاد الأوروبي.")
    assert _types(c, "REQUEST")


def test_a_source_asking_not_to_be_named_and_restraint_are_no_events(run4):
    a = run4("وقال مسؤول تركي، طلب عدم الكشف عن اسمه، إن الحكومة دعت إيران إلى ضبط النفس.")
    assert not _types(a, "REQUEST") or all(e.trigger.text != "طلب" for e in a.events)
    assert not _types(a, "COERCE")
    b = run4("وطلبت تركيا من إيران وقف التصعيد، وضبطت الشرطة التركية شحنة أسلحة.")
    assert _types(b, "REQUEST") and _types(b, "COERCE")


def test_a_hall_named_after_meetings_is_no_meeting(run4):
    a = run4("ودشن أمير قطر المشروع في قاعة الاجتماعات بمقر الحكومة، ثم التقى الوزير التركي.")
    assert [e.trigger.text for e in _types(a, "CONSULT")] == ["التقى"]
