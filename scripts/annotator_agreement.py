"""Agreement between two annotations of the same articles, with the scorer of `marsad eval gold`:
each annotation in turn is the reference and the other is scored against it as a system would be
(no Marsad output is involved: the second annotation is turned into an Analysis directly).

usage: python scripts/annotator_agreement.py FIRST.jsonl SECOND.jsonl
"""

from __future__ import annotations

import sys

from marsad.doc import Doc
from marsad.schema import Analysis, Document, Entity, Event, Mention, Quote, Span
from marsad.scoring.evaluate import report
from marsad.scoring.gold import load_gold
from marsad.scoring.match import occurrences
from marsad.scoring.score import DocEval
from marsad.text.stage import TextStage


def as_analysis(rec: dict) -> Analysis:
    """An annotation as if a system had produced it: one entity per actor, spans by occurrence."""
    text = rec["text"]
    doc = Doc(document=Document(id=rec["id"], text=text, published=rec.get("published")))
    TextStage()(doc)  # sentence boundaries only
    ents: dict[tuple, Entity] = {}

    def entity(a: dict) -> str:
        key = (tuple(a["ar"]), a.get("en"))
        if key not in ents:
            spans = sorted({o for f in a["ar"] for o in occurrences(text, f)})
            ms = [Mention(start=s, end=e, text=text[s:e], via="name") for s, e in spans]
            if not ms:
                return ""
            ents[key] = Entity(id=f"x{len(ents)}", kind=a.get("kind") or "ORG", name_ar=a["ar"][0],
                               country=a.get("country"), mentions=ms)
        return ents[key].id

    for a in rec["entities"]:
        entity(a)
    events = []
    for i, ev in enumerate(rec["events"]):
        sent = occurrences(text, ev["sentence"])[0]
        k = next(j for j, s in enumerate(doc.sentences) if s.start <= sent[0] < s.end)
        s = doc.sentences[k]
        tr = next((o for o in occurrences(text, ev["trigger"]) if s.start <= o[0] < s.end),
                  occurrences(text, ev["trigger"])[0])
        events.append(Event(
            id=f"e{i}", type=ev["type"], status=ev["status"][0], date=ev["date"], sentence=k,
            trigger=Span(start=tr[0], end=tr[1], text=text[tr[0]:tr[1]]), confidence=1.0,
            source=[x for a in ev["source"] if (x := entity(a))], target=[x for a in ev["target"] if (x := entity(a))]))
    quotes = []
    for q in rec["quotes"]:
        s, e = occurrences(text, q["contains"])[0]
        quotes.append(Quote(speaker=entity(q["speaker"]) if q["speaker"] else None, text=text[s:e], start=s,
                            end=e, direct=q["kind"] == "direct"))
    return Analysis(document=doc.document, sentences=doc.sentences, entities=list(ents.values()),
                    events=events, quotes=quotes)


def compare(ref: list[dict], other: list[dict], all_required: bool = False) -> dict:
    by_id = {r["id"]: r for r in other}
    if all_required:  # every event of the reference counts, optional or not
        ref = [dict(r, events=[dict(e, optional=False) for e in r["events"]]) for r in ref]
    return report([DocEval.build(r, as_analysis(by_id[r["id"]])) for r in ref if r["id"] in by_id])


def main(first: str, second: str) -> None:
    a, b = load_gold([first]), load_gold([second])
    ids = {r["id"] for r in b}
    a = [r for r in a if r["id"] in ids]
    print(f"{len(a)} articles annotated twice")
    for name, ref, oth, every in (("first as reference", a, b, False), ("second as reference", b, a, False),
                                  ("first as reference, optional events required too", a, b, True)):
        rep = compare(ref, oth, every)
        n = rep["overall"]["detection"]
        print(f"\n{name} ({n['gold']} reference events, {n['system']} other):  {'R':>6}{'P':>7}{'F1':>7}")
        for key, t in (("event type (detection)", rep["overall"]["detection"]),
                       ("event type+actors, country", rep["overall"]["country"]),
                       ("event type+actors, name", rep["overall"]["name"]),
                       ("quotes, words", rep["quotes"]["words"]),
                       ("quotes, words+speaker", rep["quotes"]["speaker_name"]),
                       ("entities", rep["entities"])):
            print(f"  {key:<28}{t['recall']:6.3f}{t['precision']:7.3f}{t['f1']:7.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
