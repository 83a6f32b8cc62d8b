"""Actors with a country and a sector through the store, the cross-document layer and every export,
on hand-made Analyses (the contract's Entity.sector and cameo_actor): described actors (``A:…``)
merge by their CAMEO actor code; CSV, events JSON, JSON and JSONL carry the codes; the CAMEO TSV uses
them as actor codes; PLOVER gets its own sector codes; the confidence threshold applies by default
and ``--min-confidence 0`` shows everything."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from marsad.cli import main
from marsad.corpus.crossdoc import rebuild
from marsad.corpus.filters import EventFilters
from marsad.corpus.store import DocRecord, Store
from marsad.events import confidence
from marsad.export import export
from marsad.schema import Analysis


def _analysis(doc_id: str, published: str, text: str, entities: list[tuple], event: tuple) -> dict:
    """entities: (id, kind, phrase, name_en, country, sector, cameo_actor); event: (type, source id,
    target id, trigger, confidence, cameo)."""
    ents = []
    for eid, kind, phrase, name_en, country, sector, code in entities:
        start = text.index(phrase)
        ents.append({"id": eid, "kind": kind, "name_en": name_en, "name_ar": phrase, "country": country,
                     "sector": sector, "cameo_actor": code, "in_kb": not eid.startswith(("A:", "L:")),
                     "mentions": [{"start": start, "end": start + len(phrase), "text": phrase}]})
    typ, src, tgt, trigger, conf, cameo = event
    t = text.index(trigger)
    a = {"schema_version": "1",
         "document": {"id": doc_id, "text": text, "title": None, "published": published, "published_source": "given",
                      "language": "ar", "source": "مرصد", "url": f"https://example.org/{doc_id}"},
         "sentences": [{"start": 0, "end": len(text), "kind": "body"}], "entities": ents, "times": [],
         "events": [{"id": "e1", "type": typ, "source": [src], "target": [tgt], "date": published, "status": "occurred",
                     "sentence": 0, "trigger": {"start": t, "end": t + len(trigger), "text": trigger},
                     "confidence": conf, "cameo": cameo}],
         "quotes": []}
    return Analysis.from_dict(a).to_dict()  # the contract's own models check it


DOCS = [
    _analysis("c1", "2024-05-01", "قالت الشرطة العراقية إنها اعتقلت مسلحين مجهولين في بغداد.",
              [("A:IRQ:COP", "ORG", "الشرطة العراقية", None, "IRQ", "COP", "IRQ COP"),
               ("A:UAF", "GROUP", "مسلحين مجهولين", None, None, "UAF", "UAF")],
              ("COERCE", "A:IRQ:COP", "A:UAF", "اعتقلت", 0.9, "173")),
    _analysis("c2", "2024-05-02", "هاجمت قوات الشرطة في بغداد مقر قناة الجزيرة أمس.",
              [("A:IRQ:COP:1", "GROUP", "قوات الشرطة في بغداد", None, "IRQ", "COP", "IRQ COP"),
               ("Q8000001", "ORG", "قناة الجزيرة", "Al Jazeera", "QAT", "MED", "QAT MED")],
              ("ASSAULT", "A:IRQ:COP:1", "Q8000001", "هاجمت", 0.3, "180")),
    _analysis("c3", "2024-05-03", "دعت الأمم المتحدة وزارة الصحة العراقية إلى فتح المستشفيات.",
              [("Q1065", "ORG", "الأمم المتحدة", "United Nations", "UN", "IGO", "UN IGO"),
               ("L:ORG:وزارة الصحة العراقية", "ORG", "وزارة الصحة العراقية", "Iraqi Ministry of Health", "IRQ", "HLH",
                "IRQ HLH")],
              ("REQUEST", "Q1065", "L:ORG:وزارة الصحة العراقية", "دعت", 0.7, "020")),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = Store.open(tmp_path_factory.mktemp("codes") / "codes.db")
    items = [(DocRecord(id=a["document"]["id"], text=a["document"]["text"], published=a["document"]["published"],
                        content_hash=hashlib.sha1(a["document"]["text"].encode()).hexdigest(), url=a["document"]["url"],
                        source=a["document"]["source"]), a) for a in DOCS]
    st.add_batch(items)
    rebuild(st)
    yield st
    st.close()


ALL = EventFilters(min_confidence=0)


def _out(store, fmt, filters=ALL) -> str:
    buf = io.StringIO(newline="")
    export(store, fmt, buf, filters=filters)
    return buf.getvalue()


def test_described_actors_are_one_actor_by_their_code(store):
    (row,) = store.conn.execute("SELECT id, country, sector, cameo_actor, n_documents FROM entities"
                                " WHERE cameo_actor = 'IRQ COP'").fetchall()
    assert row == ("A:IRQ:COP", "IRQ", "COP", "IRQ COP", 2)
    names = {n for (n,) in store.conn.execute("SELECT name_ar FROM doc_entities WHERE entity_id = 'A:IRQ:COP'")}
    assert names == {"الشرطة العراقية", "قوات الشرطة في بغداد"}


def test_csv_carries_codes_countries_and_sectors(store):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_out(store, "csv")))}
    assert len(rows) == 3
    coerce = rows["c1#e1"]
    assert (coerce["source_actor"], coerce["source_country"], coerce["source_sector"]) == ("IRQ COP", "IRQ", "COP")
    assert (coerce["target_actor"], coerce["target_country"], coerce["target_sector"]) == ("UAF", "", "UAF")
    assert rows["c2#e1"]["target_actor"] == "QAT MED" and rows["c2#e1"]["confidence"] == "0.300"
    assert rows["c3#e1"]["source_actor"] == "UN IGO"


def test_the_threshold_applies_by_default_and_zero_shows_everything(store, monkeypatch):
    monkeypatch.setattr(confidence, "DEFAULT_MIN_CONFIDENCE", 0.5)
    assert {r["id"] for r in csv.DictReader(io.StringIO(_out(store, "csv", None)))} == {"c1#e1", "c3#e1"}
    assert len(list(csv.DictReader(io.StringIO(_out(store, "csv", EventFilters(min_confidence=0)))))) == 3
    assert len(list(csv.DictReader(io.StringIO(_out(store, "csv", EventFilters(min_confidence="0.8")))))) == 1
    docs = [json.loads(ln) for ln in _out(store, "jsonl", None).splitlines()]
    assert [len(d["events"]) for d in docs] == [1, 0, 1]  # the document stays; its unsure event does not
    assert all(Analysis.from_dict(d) for d in docs)
    data = json.loads(_out(store, "json", None))
    assert sum(len(d["events"]) for d in data["documents"]) == 2
    assert {lk["events"][0]["document"] for lk in data["event_links"]} == {"c1", "c3"}
    # events under the threshold stay stored
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_events_json_is_what_marsad_events_prints(store, capsys):
    out = _out(store, "events", EventFilters(min_confidence=0, sector="COP"))
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["c1#e1", "c2#e1"]
    assert rows[0]["source"][0]["cameo_actor"] == "IRQ COP" and rows[0]["target"][0]["sector"] == "UAF"
    assert main(["events", "--db", store.path, "--format", "json", "--sector", "COP", "--min-confidence", "0"]) == 0
    assert capsys.readouterr().out == out
    assert main(["events", "--db", store.path, "--min-confidence", "0"]) == 0
    assert "[IRQ COP]" in capsys.readouterr().out  # the table shows codes beside the names


def test_json_export_carries_codes(store):
    data = json.loads(_out(store, "json"))
    police = next(e for e in data["entities"] if e["id"] == "A:IRQ:COP")
    assert (police["country"], police["sector"], police["cameo_actor"]) == ("IRQ", "COP", "IRQ COP")
    link = next(lk for lk in data["event_links"] if lk["type"] == "ASSAULT")
    assert link["source"][0]["cameo_actor"] == "IRQ COP" and link["target"][0]["sector"] == "MED"
    jazeera = next(e for d in data["documents"] for e in d["entities"] if e["id"] == "Q8000001")
    assert jazeera["cameo_actor"] == "QAT MED"  # the Analyses keep what the pipeline gave


def test_cameo_tsv_uses_the_actor_codes(store):
    lines = _out(store, "cameo").splitlines()
    header = lines[0].split("\t")
    rows = {r["SentenceID"]: r for r in (dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:])}
    r = rows["c1-e1"]
    assert (r["SourceActorFull"], r["SourceActorEntity"], r["SourceActorRole"]) == ("IRQCOP", "IRQ", "COP")
    assert (r["TargetActorFull"], r["TargetActorEntity"], r["TargetActorRole"]) == ("UAF", "---", "UAF")
    assert rows["c2-e1"]["TargetActorFull"] == "QATMED"
    assert (rows["c3-e1"]["SourceActorFull"], rows["c3-e1"]["SourceActorEntity"]) == ("UNIGO", "UN")


def test_plover_gives_plover_sector_codes(store):
    recs = {r["id"]: r for r in map(json.loads, _out(store, "plover").splitlines())}
    assert recs["c1#e1"]["source"] == [{"code": "IRQ", "sector": "COP", "actor_text": "الشرطة العراقية"}]
    assert recs["c1#e1"]["recipient"][0]["sector"] == "UAF" and "code" not in recs["c1#e1"]["recipient"][0]
    assert recs["c2#e1"]["recipient"][0]["sector"] == "JRN"  # CAMEO's MED (media) is PLOVER's JRN
    assert recs["c3#e1"]["recipient"][0]["sector"] == "MED"  # CAMEO's HLH (health) is PLOVER's MED
    un = recs["c3#e1"]["source"][0]
    assert un["code"] == "IGO" and "sector" not in un and un["identifier_text"] == "United Nations"
    r = recs["c1#e1"]
    assert r["date"] == "2024-05-01" and r["event"] == ["COERCE"] and r["quad_code"] == 4 and r["confidence"] == 0.9
    assert r["cite_info"]["url"] == "https://example.org/c1" and r["event_text"] == ["اعتقلت"]


def test_graphml_nodes_carry_codes(store):
    nx = pytest.importorskip("networkx")
    g = nx.read_graphml(io.BytesIO(_out(store, "graphml").encode("utf-8")))
    assert g.nodes["A:IRQ:COP"]["cameo_actor"] == "IRQ COP" and g.nodes["Q8000001"]["sector"] == "MED"


def test_cli_filters_and_one_line_errors(store, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "--db", store.path, "--format", "csv", "--country", "QAT", "--min-confidence", "0",
                 "-o", str(out)]) == 0
    assert [r["id"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["c2#e1"]
    capsys.readouterr()
    for argv, where in ((["export", "--format", "csv", "--min-confidence", "2"], "--min-confidence"),
                        (["events", "--min-confidence", "lots"], "--min-confidence"),
                        (["timeline", "--country", "I9Q"], "--country"),
                        (["export", "--format", "jsonl", "--actor", "IRQ COP"], "--actor")):
        assert main([*argv, "--db", store.path]) == 1, argv
        err = capsys.readouterr().err.strip()
        assert where in err and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert main(["timeline", "--db", store.path, "--actor", "IRQ COP", "--min-confidence", "0"]) == 0
    text = capsys.readouterr().out
    assert "COERCE" in text and "ASSAULT" in text and "REQUEST" not in text
