"""Actor and status rules for receptions, forces owned by an actor, foiled attacks and repeated
consultations (sentences written for these tests)."""

from __future__ import annotations

import pytest

from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuoteStage
from marsad.text.stage import TextStage

from .conftest import NAMES, FakeTimes

EXTRA = [
    Name("سلمان بن عبدالعزيز", "Q_SALMAN", "PERSON", "Salman", "SAU"),
    Name("آل سعود", "Q_SALMAN", "PERSON", "Salman", "SAU"),
    Name("التحالف العربي", "COAL", "ORG", "Arab coalition"),
    Name("الميليشيا", "MIL", "ORG", "the militia"),
    Name("صعدة", "SAADA", "GPE", "Saada"),
    Name("الشرطة", "POLICE", "ORG", "Police"),
]


@pytest.fixture(scope="module")
def run3():
    pipe = Pipeline([TextStage(), SurfaceEntities(NAMES + EXTRA), FakeTimes(), EventStage(use_model=False), QuoteStage()])
    return lambda text: pipe(text, published="2023-06-15")


def _one(a, typ):
    evs = [e for e in a.events if e.type == typ]
    assert len(evs) == 1, [(e.trigger.text, e.source, e.target) for e in a.events]
    return evs[0]


def test_long_honorific_title_keeps_the_host_as_subject(run3):
    a = run3("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في قصر اليمامة اليوم "
             "وزير الخارجية التركي هاكان فيدان.")
    ev = _one(a, "CONSULT")
    assert ev.source == ["Q_SALMAN"] and ev.target == ["Q_FIDAN"]


def test_forces_belonging_to_an_actor_make_it_the_doer(run3):
    ev = _one(run3("قصفت الطائرات المقاتلة التابعة للتحالف العربي مواقع في صعدة."), "ASSAULT")
    assert ev.source == ["COAL"]


def test_armed_body_after_lam_of_attack_noun_is_the_doer(run3):
    ev = _one(run3("وتعرضت صعدة لقصف عشوائي للميليشيا."), "ASSAULT")
    assert ev.source == ["MIL"] and ev.target == ["SAADA"]


def test_sites_of_an_actor_after_forces_are_not_the_doer(run3):
    ev = _one(run3("وقصف الطيران الحربي مواقع للميليشيا في صعدة."), "ASSAULT")
    assert ev.source != ["MIL"]


def test_foiled_attack_is_negated(run3):
    ev = _one(run3("أحبطت الشرطة هجوما على مسجد في صعدة."), "ASSAULT")
    assert ev.status == "negated"


def test_planned_attack_is_hypothetical(run3):
    ev = _one(run3("اعتقلت الشرطة خلية خططت لتنفيذ هجوم على مسجد."), "ASSAULT")
    assert ev.status == "hypothetical"


def test_reception_told_again_is_one_consultation(run3):
    a = run3("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في قصر اليمامة اليوم "
             "وزير الخارجية التركي هاكان فيدان. حضر الاستقبال وزير الخارجية الأمريكي أنتوني بلينكن. "
             "وجرى خلال الاستقبال بحث العلاقات الثنائية.")
    ev = _one(a, "CONSULT")
    assert ev.source == ["Q_SALMAN"]
