"""A subject that names no actor right after the verb (الوزير, مسلحون مجهولون, وفد من …, نواب في …):
the name after it is the object, not the doer."""

import pytest

import marsad


def _consult(events):
    evs = [e for e in events if e.type == "CONSULT"]
    assert evs
    return evs[0]


@pytest.mark.parametrize("text, target", [
    ("زار الوزير القاهرة أمس.", "CAIRO"),  # a definite title before a place is a phrase of its own
    ("استقبل المسؤولون وزير الخارجية التركي هاكان فيدان.", "Q_FIDAN"),
])
def test_definite_subject_names_no_actor(events, text, target):
    ev = _consult(events(text))
    assert ev.source == []
    assert target in ev.target


def test_plural_subject_with_adjective(events):
    ev = [e for e in events("هاجم مسلحون مجهولون الجيش الإسرائيلي قرب غزة.") if e.type == "ASSAULT"][0]
    assert ev.source == []
    assert ev.target == ["IDF"]


def test_subject_with_prepositional_phrase(events):
    # نواب في البرلمان: the object comes four words after the verb, past the subject
    ev = [e for e in events("اتهم نواب في البرلمان الاتحاد الأوروبي بالتقصير.") if e.type == "ACCUSE"][0]
    assert ev.source == []
    assert ev.target == ["EU"]


def test_real_pipeline_title_subject():
    d = marsad.analyze("زار الوزير القاهرة حيث التقى نظيره المصري.", published="2023-11-07")
    ev = _consult(d.events)
    assert ev.source == []
    assert ev.target == ["Q79"]


def test_real_pipeline_title_before_titled_person():
    d = marsad.analyze("التقى الوزير الرئيس المصري في القاهرة.", published="2023-11-07")
    ev = _consult(d.events)
    assert ev.source == []
    assert ev.target == ["person:abdel-fattah-el-sisi"]


def test_real_pipeline_subject_with_preposition():
    d = marsad.analyze("اتهم نواب في البرلمان الحكومة العراقية بالفساد.", published="2023-11-07")
    ev = [e for e in d.events if e.type == "ACCUSE"][0]
    names = {e.id: e for e in d.entities}
    # the MPs are an actor by description (the legislature), not the government after them
    assert [names[x].sector for x in ev.source] == ["LEG"]
    assert ev.target == ["org:irq-government"]
