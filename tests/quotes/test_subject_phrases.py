"""Speakers of subject phrases that start with no entity: a name after its title words, a title phrase
after an unknown name, a person in apposition between commas, and names that start with ل or ب."""

from __future__ import annotations

import pytest

from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuoteStage
from marsad.text.stage import TextStage

from .conftest import NAMES, FakeTimes

EXTRA = [
    # a name the entity stage found through the title before it (so its mention is the name only)
    Name("خالد بن ناصر", "L_KHALID", "PERSON", country="SAU", via="title"),
    # a title phrase found alone (the name before it is unknown to the entity stage)
    Name("وزير النقل اليمني", "L_TRANSPORT", "PERSON", country="YEM", via="title"),
    Name("محافظ تعز", "L_GOV_TAIZ", "PERSON", country="YEM", via="title"),
    Name("سالم العولقي", "L_SALEM", "PERSON", country="YEM"),
]


@pytest.fixture(scope="module")
def run2():
    p = Pipeline([TextStage(), SurfaceEntities(NAMES + EXTRA), FakeTimes(), EventStage(use_model=False), QuoteStage()])
    return lambda text: p(text, published="2023-06-15").quotes


def test_name_after_title_words_speaks(run2):
    qs = run2("وأوضح وزير العدل الشيخ خالد بن ناصر الحربي أن القرار يعزز استقلال القضاء.")
    assert [q.speaker for q in qs] == ["L_KHALID"]
    assert qs[0].speaker_text.startswith("وزير العدل")


def test_title_phrase_after_an_unknown_name_speaks(run2):
    qs = run2("وأعلن فهد المرزوقي وزير النقل اليمني أن الميناء جاهز لاستقبال السفن.")
    assert [q.speaker for q in qs] == ["L_TRANSPORT"]
    assert qs[0].speaker_text == "فهد المرزوقي وزير النقل اليمني"


def test_person_in_apposition_between_commas(run2):
    qs = run2("وقال مدير مكتب محافظ تعز، سالم العولقي، إن قافلة الإغاثة وصلت إلى المدينة.")
    assert [q.speaker for q in qs] == ["L_SALEM"]


def test_title_phrase_governed_by_a_head_noun_is_not_the_speaker(run2):
    # the director of the governor's office speaks, not the governor
    qs = run2("وقال مدير مكتب محافظ تعز إن قافلة الإغاثة وصلت إلى المدينة.")
    assert [q.speaker for q in qs] == [None]
    assert qs[0].speaker_text == "مدير مكتب محافظ تعز"


def test_names_starting_with_lam_or_ba_are_subjects(run2):
    qs = run2("وقال بدر الكثيري إن المفاوضات ستستأنف قريبا.")
    assert [(q.speaker, q.speaker_text) for q in qs] == [(None, "بدر الكثيري")]
    qs = run2("وأكد لطفي الزيدي أن الحكومة ستدفع الرواتب.")
    assert [q.speaker_text for q in qs] == ["لطفي الزيدي"]


def test_addressee_and_adverbs_after_the_verb_are_not_subjects(run2):
    # no subject: an impersonal report is no quote
    assert run2("وقال لوكالة الأنباء إن المفاوضات ستستأنف قريبا.") == []
    assert run2("وقال لنا إن المفاوضات ستستأنف قريبا.") == []
    assert run2("وقال أيضا إن المفاوضات ستستأنف قريبا.") == []
    assert run2("وقال بوضوح إن المفاوضات ستستأنف قريبا.") == []
