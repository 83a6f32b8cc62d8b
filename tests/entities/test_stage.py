"""The stage through the public API: contract, offsets, the per-mention index, robustness."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import marsad
from marsad.doc import Doc
from marsad.entities.stage import EntityStage
from marsad.schema import Document
from marsad.text.stage import TextStage

from .conftest import by_id, find

TEXT = (
    "باريس تستضيف اجتماعا دوليا\n"
    "التقى وزيرُ الخارجية البرازيلي ماورو فيرنانديز، في باريس، نظيرَه الأرجنتيني. "
    "وقالت واشنطن إن الجانب التركي شريك أساسي، فيما دعا الأمين العام للأمم المتحدة إلى التهدئة. "
    "وأضاف فيرنانديز أن بلاده تدعم حلف شمال الأطلسي، وأن الحلف شريك."
)


def test_public_api_offsets_and_ids():
    a = marsad.analyze(TEXT, published="2023-06-14")
    assert a.entities
    for e in a.entities:
        assert e.mentions
        for m in e.mentions:
            assert a.document.text[m.start:m.end] == m.text
        assert e.mentions == sorted(e.mentions, key=lambda m: (m.start, m.end))
        if e.in_kb:
            assert not e.id.startswith("L:")
        else:
            assert e.id.startswith("L:")
    p = find(a, "ماورو فيرنانديز")
    assert p is not None and p.id == "L:PERSON:ماورو فيرنانديز" and p.country == "BRA"
    assert by_id(a, "Q30") is not None and by_id(a, "Q43") is not None and by_id(a, "Q7184") is not None
    # entities sorted by first mention
    firsts = [e.mentions[0].start for e in a.entities]
    assert firsts == sorted(firsts)


def test_json_contract_roundtrip():
    a = marsad.analyze(TEXT, published="2023-06-14")
    data = a.to_dict()
    again = marsad.Analysis.from_dict(data)
    assert again.entities == a.entities


def _doc(text, published="2023-06-14"):
    doc = Doc(document=Document(id="t", text=text, published=published, published_source="given"))
    TextStage()(doc)
    EntityStage(use_model=False)(doc)
    return doc


def test_per_mention_index_for_events():
    doc = _doc(TEXT)
    idx = doc.extra["entities"]
    assert idx == sorted(idx, key=lambda d: (d["start"], d["end"]))
    ids = {e.id for e in doc.entities}
    n_mentions = sum(len(e.mentions) for e in doc.entities)
    assert len(idx) == n_mentions
    for item in idx:
        assert item["entity_id"] in ids
        s = doc.sentences[item["sentence"]]
        assert s.start <= item["start"] < s.end
    # the UN named inside "الأمين العام للأمم المتحدة" is marked as part of a title phrase
    un = [i for i in idx if i["entity_id"] == "Q1065"]
    assert un and all(i.get("title_of") for i in un)


def test_document_date_may_be_missing():
    doc = _doc(TEXT, published=None)
    assert doc.entities


def test_empty_and_latin_text():
    assert _doc("").entities == []
    assert _doc("Hello world, no Arabic here.").entities == []


def test_model_switch_does_not_break():
    doc = Doc(document=Document(id="t", text=TEXT, published="2023-06-14", published_source="given"))
    TextStage()(doc)
    EntityStage(use_model=True)(doc)
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
    "ًٌٍَُِّْـ"
    "     .،,؟!:«»\"()\n0123456789٠١٢٣"
    "\u200c\u200fABCxyz"
)
_WORDS = [
    "وزير", "الخارجية", "الفرنسي", "نظيره", "التركي", "للأمم", "المتحدة", "واشنطن", "الرئيس", "الأمين",
    "العام", "المنظمة", "الحلف", "لودريان", "وبفرنسا", "والناتو", "جان", "إيف", "السابق", "باسم", "المتحدث",
    "مستشار", "الأمن", "القومي", "الأميركي", "نظيرته", "الألمانية", "الوزير", "قال", "إن", "فرنسا",
]
_arabicish = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_ALPHABET, min_size=1, max_size=6)),
    max_size=40,
).map(lambda ws: " ".join(ws))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_arabicish, published=st.sampled_from([None, "2019-05-01", "2023-06-14"]))
def test_never_raises_and_offsets_hold(text, published):
    doc = _doc(text, published)
    for e in doc.entities:
        assert e.mentions
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text
    for item in doc.extra["entities"]:
        assert 0 <= item["start"] < item["end"] <= len(text)


class _StubModel:
    """Stands for marsad.entities.ner's model: fixed spans over the normalized text."""

    def __init__(self, words):
        self.words = words

    def spans(self, norm_text, start=0, end=None):
        out = []
        for w, label in self.words:
            i = norm_text.find(w)
            if i >= 0:
                out.append((i, i + len(w), label, 0.9))
        return out


def test_model_only_for_names_the_gazetteer_misses():
    text = "واجتمع سامي الخطيب مع ممثلي فرنسا في مدينة زحلة."
    stage = EntityStage(use_model=True)
    stage._model_loaded = True
    stage._model = _StubModel([("سامي الخطيب", "PERSON"), ("فرنسا", "LOC"), ("زحله", "LOC")])
    doc = Doc(document=Document(id="t", text=text, published="2023-06-14", published_source="given"))
    TextStage()(doc)
    stage(doc)
    by_text = {m.text: (e, m) for e in doc.entities for m in e.mentions}
    assert by_text["سامي الخطيب"][1].via == "model" and by_text["سامي الخطيب"][0].id == "L:PERSON:سامي الخطيب"
    assert by_text["فرنسا"][0].id == "Q142" and by_text["فرنسا"][1].via == "name"  # the gazetteer's
    assert by_text["زحلة"][1].via == "model" and by_text["زحلة"][0].kind == "LOC"


def test_clitics_before_a_title(ents):
    a = ents("وبعث وللرئيس الفرنسي إيمانويل ماكرون برسالة.", published="2023-06-14")
    p = find(a, "إيمانويل ماكرون")
    assert p is not None and p.in_kb and "President" in p.roles
