"""One-off: the bundled sentence gold (data/gold/sentences.jsonl, the pre-guideline format) in the
format of shared/ANNOTATION.md section 7. Kept for the record of how the file was made.

The old records named no trigger: for a one-sentence record the trigger does not change the score
(the whole record is the event's sentence), so the trigger word is taken from Marsad's event of the
same type in that sentence, or from MANUAL where Marsad had none. The old ten-article file was
retired: it coded the headline and body mentions of one event as separate events, against the
guideline's "one event once". usage: python scripts/convert_bundled_gold.py OLD.jsonl > NEW.jsonl
"""

from __future__ import annotations

import json
import sys

import marsad

# (record id, type) -> trigger word, for the four events Marsad did not find when this was run
MANUAL = {("dip-074", "AID"): "بتقديم", ("pro-016", "ASSAULT"): "مقتل", ("san-017", "SANCTION"): "علقت",
          ("dom-015", "CONSULT"): "جلسة"}


def actor(text: str, s: str) -> dict:
    if s not in text and s.startswith("ال") and s[2:] in text:
        s = s[2:]
    return {"ar": [s], "en": None, "country": None}


def window(text: str, start: int, end: int, width: int = 80) -> str:
    if len(text) <= width:
        return text
    a = max(0, min(start - 30, len(text) - width))
    return text[a:a + width]


def convert(rec: dict) -> dict:
    text = rec["text"]
    an = marsad.analyze(text, published=rec["published"], title="")
    events, missing = [], []
    for ev in rec["events"]:
        trig = next((e.trigger for e in an.events if e.type == ev["type"]), None)
        word = trig.text if trig else MANUAL.get((rec["id"], ev["type"]))
        if word is None:
            missing.append(ev["type"])
            continue
        start = trig.start if trig else text.index(word)
        events.append({
            "type": ev["type"], "alt_types": [], "mode": None, "trigger": word,
            "sentence": window(text, start, start + len(word)), "also": [],
            "source": [actor(text, s) for s in ev["source"]], "target": [actor(text, s) for s in ev["target"]],
            "status": [ev.get("status", "occurred")], "date": ev.get("date"),
            "place": {"ar": ev["location"], "en": None} if ev.get("location") else None, "optional": False})
    if missing:
        print(f"{rec['id']}: no trigger for {missing}", file=sys.stderr)
    quotes = []
    for q in rec["quotes"]:
        words = q["text"]
        if len(words) > 60:
            words = words[:60].rsplit(" ", 1)[0]
        quotes.append({"contains": words, "kind": "direct" if "«" in text or '"' in text else "reported",
                       "speaker": actor(text, q["speaker"]) if q.get("speaker") else None})
    return {"id": rec["id"], "kind": "sentence", "published": rec["published"], "domain": rec.get("domain"),
            "text": text, "entities": [], "events": events, "quotes": quotes}


if __name__ == "__main__":
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip():
            print(json.dumps(convert(json.loads(line)), ensure_ascii=False))
