"""Places added to the knowledge base by hand are matched whatever their size (Jordan's governorate
towns), and a common word that is also a city's name (مشهد, 'scene') is not taken for the city."""

from __future__ import annotations


def test_hand_added_towns_are_matched(ents):
    a = ents("وامتدت الاحتجاجات إلى مدن معان والكرك والطفيلة في جنوب الأردن.")
    got = {e.id: e.country for e in a.entities if e.id.startswith("place:")}
    assert got == {"place:maan-jordan": "JOR", "place:karak-jordan": "JOR", "place:tafilah-jordan": "JOR"}


def test_scene_is_not_mashhad(ents):
    a = ents("وأضرم محتجون النار في إطارات مطاطية، في مشهد يعيد إلى الأذهان احتجاجات العام الماضي.")
    assert not [e for e in a.entities if "مشهد" in [m.text for m in e.mentions]]
