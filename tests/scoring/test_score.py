"""The scorer of `marsad eval gold` on hand-checked cases (shared/ANNOTATION.md section 8): system
Analyses are built by hand here, so every figure below can be checked on paper."""

from __future__ import annotations

import json

import pytest

from marsad.cli import main
from marsad.schema import Analysis, Document, Entity, Event, Mention, Quote, Sentence, Span
from marsad.scoring.evaluate import report
from marsad.scoring.gold import check_record, load_gold
from marsad.scoring.score import DocEval

TEXT = ("استقبل وزير الخارجية أيمن الصفدي نظيره العراقي فؤاد حسين في عمّان أمس.\n"
        "وطالبت وزارة الخارجية الأردنية المجتمع الدولي بوقف التصعيد.\n"
        "وقتل ثلاثة أشخاص في هجوم شنه مسلحون مجهولون.")
S1, S2, S3 = TEXT.split("\n")
OFF = [0, len(S1) + 1, len(S1) + len(S2) + 2]


def actor(form: str, country: str | None, en: str | None = None) -> dict:
    return {"ar": [form], "en": en or form, "country": country}


def gold_record(events: list[dict], quotes: list[dict] | None = None, entities: list[dict] | None = None) -> dict:
    return check_record({"id": "t", "published": "2023-05-14", "text": TEXT, "events": events,
                         "quotes": quotes or [], "entities": entities or []})


def gold_event(etype: str, trigger: str, sentence: str, source: list, target: list, **kw) -> dict:
    ev = {"type": etype, "trigger": trigger, "sentence": sentence, "source": source, "target": target,
          "status": ["occurred"], "date": None}
    ev.update(kw)
    return ev


def ent(eid: str, form: str, kind: str, country: str | None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(form, start + 1)
    return Entity(id=eid, kind=kind, name_ar=form, country=country,
                  mentions=[Mention(start=start, end=start + len(form), text=form, via="name")])


ENTITIES = [ent("safadi", "أيمن الصفدي", "PERSON", "JOR"), ent("hussein", "فؤاد حسين", "PERSON", "IRQ"),
            ent("jor", "الأردنية", "GPE", "JOR"), ent("iraq", "العراقي", "GPE", "IRQ"),
            ent("amman", "عمّان", "GPE", "JOR")]


def sys_event(i: int, etype: str, trigger: str, sent: int, source: list[str], target: list[str],
              conf: float = 0.9, status: str = "occurred", date: str | None = None) -> Event:
    start = TEXT.index(trigger, OFF[sent])
    return Event(id=f"e{i}", type=etype, source=source, target=target, status=status, date=date,
                 sentence=sent, trigger=Span(start=start, end=start + len(trigger), text=trigger), confidence=conf)


def analysis(events: list[Event], quotes: list[Quote] | None = None, entities=None) -> Analysis:
    sents = [Sentence(start=o, end=o + len(s)) for o, s in zip(OFF, (S1, S2, S3), strict=True)]
    return Analysis(document=Document(id="t", text=TEXT, published="2023-05-14"), sentences=sents,
                    entities=ENTITIES if entities is None else entities, events=events, quotes=quotes or [])


def score(rec: dict, an: Analysis, **kw) -> dict:
    return report([DocEval.build(rec, an)], **kw)


CONSULT = gold_event("CONSULT", "استقبل", "استقبل وزير الخارجية أيمن الصفدي نظيره",
                     [actor("أيمن الصفدي", "JOR")], [actor("فؤاد حسين", "IRQ")])


def test_perfect_match_at_every_level():
    rep = score(gold_record([CONSULT]), analysis([sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"])]))
    for level in ("detection", "country", "name", "strict"):
        assert rep["overall"][level]["f1"] == 1.0, level


def test_consult_is_mutual_either_order_matches():
    rep = score(gold_record([CONSULT]), analysis([sys_event(1, "CONSULT", "استقبل", 0, ["hussein"], ["safadi"])]))
    assert rep["overall"]["country"]["f1"] == 1.0


def test_a_one_way_type_must_keep_its_order():
    g = gold_event("REQUEST", "وطالبت", "وطالبت وزارة الخارجية الأردنية المجتمع",
                   [actor("وزارة الخارجية الأردنية", "JOR")], [actor("العراقي", "IRQ")])
    swapped = sys_event(1, "REQUEST", "وطالبت", 1, ["iraq"], ["jor"])
    rep = score(gold_record([g]), analysis([swapped]))
    assert rep["overall"]["detection"]["f1"] == 1.0 and rep["overall"]["country"]["f1"] == 0.0


def test_country_level_accepts_the_state_for_its_ministry_but_name_level_does_not():
    g = gold_event("REQUEST", "وطالبت", "وطالبت وزارة الخارجية الأردنية المجتمع",
                   [actor("وزارة الخارجية الأردنية", "JOR")], [])
    rep = score(gold_record([g]), analysis([sys_event(1, "REQUEST", "وطالبت", 1, ["jor"], [])]))
    assert rep["overall"]["country"]["recall"] == 1.0
    assert rep["overall"]["name"]["recall"] == 0.0  # الأردنية covers less than half of the gold phrase


def test_empty_gold_side_accepts_anything_and_a_named_side_needs_an_actor():
    g = gold_event("ASSAULT", "هجوم", "وقتل ثلاثة أشخاص في هجوم شنه", [], [actor("ثلاثة أشخاص", None)])
    with_nothing = score(gold_record([g]), analysis([sys_event(1, "ASSAULT", "هجوم", 2, ["safadi"], [])]))
    assert with_nothing["overall"]["detection"]["recall"] == 1.0
    assert with_nothing["overall"]["country"]["recall"] == 0.0  # the target side is named, the system has none
    g2 = dict(g, target=[])
    rep = score(gold_record([g2]), analysis([sys_event(1, "ASSAULT", "هجوم", 2, ["safadi"], ["iraq"])]))
    assert rep["overall"]["country"]["recall"] == 1.0


def test_alt_types_count_as_the_type():
    g = gold_event("SUPPORT", "استقبل", "استقبل وزير الخارجية أيمن الصفدي نظيره", [], [], alt_types=["CONSULT"])
    rep = score(gold_record([g]), analysis([sys_event(1, "CONSULT", "استقبل", 0, [], [])]))
    assert rep["overall"]["detection"]["recall"] == 1.0
    rep = score(gold_record([dict(g, alt_types=[])]), analysis([sys_event(1, "CONSULT", "استقبل", 0, [], [])]))
    assert rep["overall"]["detection"]["recall"] == 0.0 and rep["overall"]["detection"]["precision"] == 0.0


def test_optional_events_cost_nothing_when_missed_and_count_when_found():
    opt = gold_event("REQUEST", "وطالبت", "وطالبت وزارة الخارجية الأردنية المجتمع", [], [], optional=True)
    rec = gold_record([CONSULT, opt])
    only_consult = score(rec, analysis([sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"])]))
    assert only_consult["overall"]["country"]["recall"] == 1.0 and only_consult["overall"]["country"]["gold"] == 1
    both = score(rec, analysis([sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"]),
                                sys_event(2, "REQUEST", "وطالبت", 1, ["jor"], [])]))
    assert both["overall"]["country"]["precision"] == 1.0 and both["overall"]["country"]["recall"] == 1.0


def test_a_second_system_event_on_one_gold_event_is_a_duplicate_reported_apart():
    events = [sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"]),
              sys_event(2, "CONSULT", "نظيره", 0, ["safadi"], ["hussein"]),
              sys_event(3, "ASSAULT", "هجوم", 2, [], [])]
    rep = score(gold_record([CONSULT]), analysis(events))["overall"]["country"]
    assert rep["duplicates"] == 1 and rep["system"] == 2 and rep["correct"] == 1
    assert rep["precision"] == 0.5 and rep["recall"] == 1.0


def test_the_event_on_the_gold_trigger_is_paired_first():
    events = [sys_event(1, "CONSULT", "نظيره", 0, ["safadi"], ["hussein"]),
              sys_event(2, "CONSULT", "استقبل", 0, [], [])]
    d = DocEval.build(gold_record([CONSULT]), analysis(events))
    g2s, dups = d.assign("detection", {0, 1})
    assert g2s == {0: 1} and dups == {0}
    g2s, _ = d.assign("country", {0, 1})
    assert g2s == {0: 0}  # only the first has the actors


def test_an_also_mention_locates_the_same_event():
    g = dict(CONSULT, sentence="وطالبت وزارة الخارجية الأردنية المجتمع", trigger="وطالبت", also=["استقبل"])
    rep = score(gold_record([g]), analysis([sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"])]))
    assert rep["overall"]["country"]["recall"] == 1.0


def test_strict_needs_status_and_date():
    g = dict(CONSULT, date="2023-05-13", status=["occurred", "ongoing"])
    right = sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"], date="2023-05-13", status="ongoing")
    assert score(gold_record([g]), analysis([right]))["overall"]["strict"]["f1"] == 1.0
    wrong_date = sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"], date="2023-05-14")
    rep = score(gold_record([g]), analysis([wrong_date]))["overall"]
    assert rep["strict"]["f1"] == 0.0 and rep["country"]["f1"] == 1.0
    scheduled = sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"], date="2023-05-13", status="scheduled")
    assert score(gold_record([g]), analysis([scheduled]))["overall"]["strict"]["f1"] == 0.0


def test_min_confidence_thresholds_and_calibration():
    events = [sys_event(1, "CONSULT", "استقبل", 0, ["safadi"], ["hussein"], conf=0.95),
              sys_event(2, "ASSAULT", "هجوم", 2, [], [], conf=0.15)]
    rec = gold_record([CONSULT])
    assert score(rec, analysis(events))["overall"]["country"]["precision"] == 0.5
    assert score(rec, analysis(events), min_conf=0.5)["overall"]["country"]["precision"] == 1.0
    rep = score(rec, analysis(events), thresholds=[0.0, 0.5], calibration=True)
    assert [r["country"]["system"] for r in rep["thresholds"]] == [2, 1]
    bins = {b["bin"]: b for b in rep["calibration"]["bins"]}
    assert bins["0.9-1.0"]["share_correct"] == 1.0 and bins["0.1-0.2"]["share_correct"] == 0.0
    # |1 - 0.95| * 1/2 + |0 - 0.15| * 1/2
    assert rep["calibration"]["ece"] == pytest.approx(0.1, abs=1e-4)


def test_quotes_match_by_words_then_speaker():
    q = {"contains": "المجتمع الدولي بوقف التصعيد", "kind": "reported", "speaker": actor("وزارة الخارجية الأردنية", "JOR")}
    start = TEXT.index("المجتمع")
    right = Quote(speaker="jor", text=TEXT[start:OFF[2] - 2], start=start, end=OFF[2] - 2, direct=False)
    rep = score(gold_record([], quotes=[q]), analysis([], quotes=[right]))["quotes"]
    assert rep["words"]["f1"] == 1.0 and rep["speaker_country"]["f1"] == 1.0
    assert rep["speaker_name"]["f1"] == 0.0  # the state, not its ministry, at the name level
    no_speaker = Quote(speaker=None, text=right.text, start=right.start, end=right.end, direct=False)
    rep = score(gold_record([], quotes=[q]), analysis([], quotes=[no_speaker]))["quotes"]
    assert rep["words"]["recall"] == 1.0 and rep["speaker_country"]["recall"] == 0.0


def test_entities_recall_precision_with_kinds():
    gold_ents = [{"ar": ["أيمن الصفدي"], "en": "Ayman Safadi", "kind": "PERSON", "country": "JOR"},
                 {"ar": ["العراقي"], "en": "Iraq", "kind": "GPE", "country": "IRQ"},
                 {"ar": ["عمّان"], "en": "Amman", "kind": "GPE", "country": "JOR"},
                 {"ar": ["فؤاد حسين"], "en": "Fuad Hussein", "kind": "PERSON", "country": "IRQ"}]
    ents = [ENTITIES[0], ENTITIES[3], ent("amman", "عمّان", "PERSON", None), ENTITIES[2]]
    rep = score(gold_record([], entities=gold_ents), analysis([], entities=ents))["entities"]
    # found: Safadi, Iraq (Amman has the wrong kind class, Hussein is missing); right: Safadi, Iraq
    assert (rep["tp"], rep["gold"], rep["correct"], rep["system"]) == (2, 4, 2, 4)


def test_synthetic_article_hand_checked(shared):
    """syn-a-01 of the synthetic set: a system that finds the visit (with its actors the other way
    round), the signing with only one side, and the demand with no source."""
    recs = load_gold([str(shared / "data/events_gold/synthetic_a.jsonl")])
    rec = next(r for r in recs if r["id"] == "syn-a-01")
    text = rec["text"]

    def e(eid, form, kind, country):
        s = text.index(form)
        return Entity(id=eid, kind=kind, name_ar=form, country=country,
                      mentions=[Mention(start=s, end=s + len(form), text=form, via="name")])

    ents = [e("safadi", "أيمن الصفدي", "PERSON", "JOR"), e("hakim", "محمد علي الحكيم", "PERSON", "IRQ"),
            e("intl", "المجتمع الدولي", "ORG", None)]
    sents, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            sents.append(Sentence(start=pos, end=pos + len(line)))
        pos += len(line) + 1

    def ev(i, etype, trig, source, target):
        s = text.index(trig)
        k = next(j for j, x in enumerate(sents) if x.start <= s < x.end)
        return Event(id=f"e{i}", type=etype, source=source, target=target, sentence=k,
                     trigger=Span(start=s, end=s + len(trig), text=trig), confidence=0.9)

    an = Analysis(document=Document(id=rec["id"], text=text, published=rec["published"]), sentences=sents,
                  entities=ents, events=[ev(1, "CONSULT", "استقبل", ["hakim"], ["safadi"]),
                                         ev(2, "AGREE", "ووقّع", ["safadi"], []),
                                         ev(3, "REQUEST", "ودعا", [], ["intl"])])
    rep = report([DocEval.build(rec, an)])
    required = sum(not g["optional"] for g in rec["events"])
    det, act = rep["overall"]["detection"], rep["overall"]["country"]
    assert det["gold"] == required and det["system"] == 3
    assert det["correct"] == 3  # all three stand on a gold event of their type
    # the visit matches (mutual, either order); the signing's gold sources are both ministers and
    # its target is empty, so Safadi alone matches; the demand has no source where the gold has one
    assert act["correct"] == 2 and act["tp"] == 2


def test_cli_on_a_small_gold_file(tmp_path, capsys):
    rec = {"id": "c1", "published": "2023-06-15", "text": "فرضت الولايات المتحدة عقوبات جديدة على إيران.",
           "entities": [], "quotes": [],
           "events": [{"type": "SANCTION", "trigger": "فرضت", "sentence": "فرضت الولايات المتحدة عقوبات",
                       "source": [actor("الولايات المتحدة", "USA")], "target": [actor("إيران", "IRN")],
                       "status": ["occurred"], "date": None}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", "utf-8")
    assert main(["eval", "gold", "--data", str(path), "--json", "--min-confidence", "0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["detection"]["f1"] == 1.0 and out["overall"]["country"]["f1"] == 1.0
    assert main(["eval", "gold", "--data", str(path), "--thresholds", "--calibration", "--errors"]) == 0
    text = capsys.readouterr().out
    assert "expected calibration error" in text and "events with actors, country level" in text


def test_cli_refuses_bad_gold(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "نص", "events": [{"type": "FOO"}], "quotes": [],
                               "entities": []}) + "\n", "utf-8")
    assert main(["eval", "gold", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "marsad: error:" in err and "PLOVER" in err
    assert main(["eval", "gold", "--data", str(tmp_path / "nope.jsonl")]) == 1


def test_bundled_gold_is_in_the_guideline_format():
    recs = load_gold()
    assert len(recs) >= 250 and all(r["kind"] == "sentence" for r in recs)
    assert sum(len(r["events"]) for r in recs) >= 250
