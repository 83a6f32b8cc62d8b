"""Dispersing and detaining protesters are COERCE events (فض, تفريق, توقيف); فض النزاعات is not."""

from __future__ import annotations


def coerce(events, text):
    return [(e.mode, e.trigger.text) for e in events(text) if e.type == "COERCE"]


def test_dispersal_and_detention(events):
    assert coerce(events, "فضت الشرطة اعتصاما للمعلمين أمام البرلمان.") == [("repress", "فضت")]
    # one repression, whether told by its means (tear gas) or its aim (to disperse)
    evs = coerce(events, "استخدمت قوات الأمن الغاز المسيل للدموع لتفريق المتظاهرين.")
    assert [m for m, _t in evs] == ["repress"] and evs[0][1] in ("لتفريق", "الغاز المسيل للدموع")
    assert coerce(events, "وأعلنت الشرطة توقيف 27 شخصا بعد المواجهات.") == [("arrest", "توقيف")]


def test_settling_disputes_is_not_dispersal(events):
    assert coerce(events, "قال الوسيط إن فض النزاعات بين القبائل يتطلب الحوار.") == []
    assert coerce(events, "ودعا إلى فض الاشتباك بين الطرفين فورا.") == []
