"""TimeStage through the public API and on a Doc."""

from __future__ import annotations

import marsad
from marsad.doc import Doc
from marsad.schema import Document
from marsad.text.stage import TextStage
from marsad.time.stage import TimeStage

ARTICLE = (
    "وزير الخارجية يزور عمان\n"
    "وصل وزير الخارجية أمس الاثنين إلى عمان في زيارة تستمر ثلاثة أيام. "
    "وكان الوزير قد التقى نظيره الأردني في 10 فبراير، ثم في 14 و15 من الشهر نفسه. "
    "ومن المقرر أن يعقد الطرفان جولة جديدة الأسبوع المقبل."
)


def test_public_api_gives_times_sorted_with_original_offsets():
    a = marsad.analyze(ARTICLE, published="2023-03-07")
    got = [(t.text, t.type, t.value) for t in a.times]
    assert got == [
        ("أمس الاثنين", "DATE", "2023-03-06"),
        ("ثلاثة أيام", "DURATION", "P3D"),
        ("10 فبراير", "DATE", "2023-02-10"),
        ("14 و15 من الشهر نفسه", "DATE", "2023-02-14"),
        ("الأسبوع المقبل", "DATE", "2023-W11"),
    ]
    assert [t.start for t in a.times] == sorted(t.start for t in a.times)
    for t in a.times:
        assert ARTICLE[t.start:t.end] == t.text


def test_extra_maps_sentences_to_times():
    doc = Doc(document=Document(id="d", text=ARTICLE, published="2023-03-07", published_source="given"))
    TextStage()(doc)
    TimeStage()(doc)
    info = doc.extra["time"]
    by_sentence = info["sentence_times"]
    assert sum(len(v) for v in by_sentence.values()) == len(doc.times) == 5
    for si, idx in by_sentence.items():
        s = doc.sentences[si]
        for i in idx:
            assert s.start <= doc.times[i].start < doc.times[i].end <= s.end
    assert len(info["tense"]) == len(doc.times)


def test_stage_without_text_stage_still_works():
    doc = Doc(document=Document(id="d", text="سيزور الرئيس القاهرة السبت.", published="2023-03-07",
                                published_source="given"))
    TimeStage()(doc)
    assert [(t.text, t.value) for t in doc.times] == [("السبت", "2023-03-11")]
    assert doc.norm is None  # the stage does not write another stage's layer


def test_empty_and_timeless_documents():
    for text in ("", "   ", "نص بلا أي تاريخ."):
        a = marsad.analyze(text, published="2023-03-07")
        assert a.times == []
