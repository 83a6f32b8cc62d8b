"""The document date from the corpus: a report of a held meeting with no date takes its date from the
announcement of the same meeting in another article, and the two are one event whose status moved.

The pipeline here runs the real text and time stages (so the report's ``اليوم`` is resolved again
against the date it gets) and adds the entities and the event of each article by hand, dated as the
event stage dates them (the time of the event's sentence, else the document date of a reported
event), so the corpus logic is tested apart from the event extractor. Articles written for the
project."""

from __future__ import annotations

import json

from marsad.corpus.ingest import ingest
from marsad.corpus.redate import dating_of
from marsad.corpus.store import Store
from marsad.doc import Doc
from marsad.schema import Document, Entity, Event, Mention, Span
from marsad.text.stage import TextStage
from marsad.time.stage import TimeStage

KB = {
    "Q1001": ("PERSON", "Faisal bin Farhan", "فيصل بن فرحان", "SAU"),
    "Q1002": ("PERSON", "Antony Blinken", "أنتوني بلينكن", "USA"),
    "Q3692": ("GPE", "Riyadh", "الرياض", "SAU"),
}
ANNOUNCE = ("وزيرا خارجية السعودية والولايات المتحدة يجتمعان الثلاثاء في الرياض\n\n"
            "من المرتقب أن يعقد وزير الخارجية الأمير فيصل بن فرحان اجتماعا مع وزير الخارجية الأمريكي "
            "أنتوني بلينكن في الرياض يوم الثلاثاء المقبل لبحث العلاقات الثنائية والأوضاع في المنطقة.")
REPORT = ("فيصل بن فرحان يبحث مع بلينكن العلاقات الثنائية\n\n"
          "عقد وزير الخارجية الأمير فيصل بن فرحان اليوم في الرياض اجتماعا مع نظيره الأمريكي أنتوني بلينكن، "
          "جرى خلاله بحث العلاقات الثنائية وسبل تعزيزها.")
UNTIED = ("فيصل بن فرحان يبحث مع بلينكن العلاقات الثنائية\n\n"
          "عقد وزير الخارجية الأمير فيصل بن فرحان في الرياض اجتماعا مع نظيره الأمريكي أنتوني بلينكن، "
          "جرى خلاله بحث العلاقات الثنائية.")
SPEC = {  # text -> (status of its event)
    ANNOUNCE: "scheduled",
    REPORT: "occurred",
    UNTIED: "occurred",
}


class MeetingPipeline:
    def __init__(self):
        self.text, self.time = TextStage(), TimeStage()

    def run(self, document: Document):
        doc = Doc(document=document)
        self.text(doc)
        text = doc.text
        for eid, surface in (("Q1001", "فيصل بن فرحان"), ("Q1002", "أنتوني بلينكن"), ("Q3692", "الرياض")):
            kind, en, ar, country = KB[eid]
            start = text.find(surface, text.find("\n\n"))
            doc.entities.append(Entity(id=eid, kind=kind, name_en=en, name_ar=ar, country=country, in_kb=True,
                                       wikidata=eid, mentions=[Mention(start=start, end=start + len(surface),
                                                                       text=surface, via="name")]))
        self.time(doc)
        status = SPEC[text]
        start = text.find("اجتماعا")
        sentence = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
        s = doc.sentences[sentence]
        dated = [t for t in doc.times if s.start <= t.start < s.end and t.value and t.value[:1].isdigit()]
        when = dated[0].value if dated else (doc.document.published if status == "occurred" else None)
        doc.events.append(Event(id="e1", type="CONSULT", source=["Q1001"], target=["Q1002"], date=when,
                                location="Q3692", status=status, sentence=sentence, cameo="040",
                                trigger=Span(start=start, end=start + len("اجتماعا"), text="اجتماعا"),
                                confidence=0.9))
        return doc.to_analysis()


def documents(*which: str) -> list[Document]:
    texts = {"announce": (ANNOUNCE, "2024-03-01"), "report": (REPORT, None), "untied": (UNTIED, None)}
    out = []
    for name in which:
        text, published = texts[name]
        out.append(Document(id=name, text=text, title=text.split("\n")[0], source="spa" if published else "okaz",
                            published=published, published_source="given" if published else "unknown"))
    return out


def _build(path, order: tuple[str, ...], chunk_size: int = 1):
    store = Store.open(path)
    summary = ingest(store, documents(*order), pipeline_factory=MeetingPipeline, chunk_size=chunk_size)
    return store, summary


def _link(store, doc: str):
    (lid,) = store.conn.execute("SELECT link_id FROM event_link_members WHERE doc_id = ?", (doc,)).fetchone()
    status, hist = store.conn.execute("SELECT status, status_history FROM event_links WHERE id = ?", (lid,)).fetchone()
    members = sorted(d for (d,) in store.conn.execute("SELECT doc_id FROM event_link_members WHERE link_id = ?", (lid,)))
    return members, status, json.loads(hist)


def test_a_report_without_a_date_takes_the_day_of_the_announced_meeting(tmp_path):
    store, summary = _build(tmp_path / "a.db", ("announce", "report"))
    published, source = store.conn.execute("SELECT published, published_source FROM documents WHERE id = 'report'"
                                           ).fetchone()
    assert (published, source) == ("2024-03-05", "inferred")
    assert [(r.doc, r.published, r.source_doc) for r in summary.redated] == [("report", "2024-03-05", "announce")]
    # its relative dates resolved again: the meeting is dated, told as held on the document day
    analysis = store.analysis("report")
    assert [(t["text"], t["value"]) for t in analysis["times"]] == [("اليوم", "2024-03-05")]
    assert [(e["date"], e["status"]) for e in analysis["events"]] == [("2024-03-05", "occurred")]
    # the store says why
    (why,) = dating_of(store, "report")
    assert why["text"] == "اليوم" and analysis["document"]["text"][why["start"]:why["end"]] == "اليوم"
    assert "document announce" in why["why"] and "2024-03-05" in why["why"]
    # one event whose status moved from scheduled to occurred
    members, status, history = _link(store, "report")
    assert members == ["announce", "report"] and status == "occurred"
    assert [(h["document"], h["status"], h["date"]) for h in history] == [
        ("announce", "scheduled", "2024-03-05"), ("report", "occurred", "2024-03-05")]
    store.close()


def test_a_later_document_dates_an_earlier_one(tmp_path):
    # the report is stored first, undated; the announcement of a later batch dates it
    store, summary = _build(tmp_path / "b.db", ("report", "announce"))
    assert store.conn.execute("SELECT published FROM documents WHERE id = 'report'").fetchone()[0] == "2024-03-05"
    members, status, _h = _link(store, "report")
    assert members == ["announce", "report"] and status == "occurred"
    assert "dated from other documents' events: 1" in "\n".join(summary.lines())
    store.close()


def test_a_report_not_tied_to_its_day_stays_undated(tmp_path):
    store, summary = _build(tmp_path / "c.db", ("announce", "untied"), chunk_size=8)
    assert store.conn.execute("SELECT published FROM documents WHERE id = 'untied'").fetchone()[0] is None
    assert summary.redated == []
    store.close()
