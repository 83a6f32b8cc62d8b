"""A person heading an international organization is coded by it on the document's date."""

import marsad

SENTENCE = "بحث وزير الخارجية التركي هاكان فيدان في اتصال هاتفي مع أنطونيو غوتيريش الوضع في غزة."


def _guterres(published):
    a = marsad.analyze(SENTENCE, published=published)
    return next(e for e in a.entities if e.id == "Q311440")


def test_secretary_general_is_coded_by_the_un():
    assert _guterres("2023-06-14").country == "UN"


def test_before_the_un_post_he_is_portuguese():
    assert _guterres("2000-05-01").country == "PRT"


def test_a_state_minister_keeps_the_state():
    a = marsad.analyze(SENTENCE, published="2023-06-14")
    assert next(e for e in a.entities if e.name_en == "Hakan Fidan").country == "TUR"
