"""A small corpus store built from hand-made Analyses (through the store's own API), so the web
tests do not depend on how far the extractors have come.

Documents
- d-announce (2024-03-05): Blinken is to visit Cairo next week (CONSULT, scheduled) + a quote.
- d-meeting (2024-03-12): Blinken met Shoukry in Cairo on Monday (CONSULT, occurred) — the same
  event as the announcement, so one event link goes scheduled -> occurred.
- d-accuse (2024-03-13): Russia accused the United States (ACCUSE, occurred); Egypt denied
  taking part (COOPERATE, negated); Lavrov is to meet Shoukry in April (CONSULT, scheduled).
- d-copy: an exact copy of d-accuse (a duplicate, stored without analysis).
- d-xss: hostile title and text (<script>, "><img onerror=…>) with highlights on them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

for _module in ("fastapi", "jinja2", "httpx"):
    pytest.importorskip(_module, reason=f"the web tests need {_module} (pip install fastapi jinja2 uvicorn httpx)")

from marsad.corpus.store import DocRecord, Store  # noqa: E402

XSS_TITLE = '<script>alert("title")</script> "><img src=x onerror=alert(1)>'
XSS_NAME = '"><img src=x onerror=alert(2)><script>alert(3)</script>'


def _span(text: str, part: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def _sentences(text: str) -> list[dict]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".\n" and i + 1 > start:
            seg = text[start:i + 1]
            if seg.strip():
                out.append({"start": start, "end": i + 1, "kind": "title" if not out and "\n" in seg else "body"})
            start = i + 1
    if text[start:].strip():
        out.append({"start": start, "end": len(text), "kind": "body"})
    return out


def _doc(doc_id, text, title, published):
    return {"id": doc_id, "text": text, "title": title, "url": f"https://example.org/{doc_id}", "source": "مرصد",
            "published": published, "published_source": "given", "language": "ar"}


SECTORS = {"PERSON": "GOV", "ORG": "GOV"}  # the hand-made people and organisations are all of a government


def _ent(eid, kind, name_en, name_ar, text, parts, country=None, roles=(), wikidata=None):
    sector = SECTORS.get(kind) if country and len(country) == 3 else None
    code = " ".join(x for x in (country, sector) if x) if country and len(country) == 3 else None
    return {"id": eid, "kind": kind, "name_en": name_en, "name_ar": name_ar, "wikidata": wikidata,
            "country": country, "sector": sector, "cameo_actor": code, "roles": list(roles),
            "in_kb": wikidata is not None, "mentions": [{**_span(text, p, n), "via": "name"} for p, n in parts]}


def _sent_of(sentences, start):
    return next(i for i, s in enumerate(sentences) if s["start"] <= start < s["end"])


def _event(eid, typ, text, sentences, trigger, source, target, date, status, summary, cameo="040", mode=None,
           location=None):
    tr = _span(text, trigger)
    return {"id": eid, "type": typ, "mode": mode, "context": [], "cameo": cameo, "source": source, "target": target,
            "date": date, "dates": [], "location": location, "status": status, "sentence": _sent_of(sentences, tr["start"]),
            "trigger": tr, "summary_en": summary, "confidence": 0.8}


def analyses() -> list[dict]:
    out = []

    # 1. the announcement
    title = "بلينكن يزور القاهرة الأسبوع المقبل"
    text = (title + "\n\nأعلنت وزارة الخارجية المصرية يوم الثلاثاء أن وزير الخارجية الأمريكي أنتوني بلينكن سيزور "
            "القاهرة الأسبوع المقبل لإجراء محادثات مع نظيره المصري سامح شكري.\n"
            "وقال شكري: \"نرحب بالزيارة ونأمل أن تسهم في وقف إطلاق النار\".\n")
    s = _sentences(text)
    blinken = _ent("Q15097208", "PERSON", "Antony Blinken", "أنتوني بلينكن", text,
                   [("بلينكن", 0), ("أنتوني بلينكن", 0)], "USA", ["Secretary of State"], "Q15097208")
    blinken["mentions"] = sorted(blinken["mentions"], key=lambda m: m["start"])
    shoukry = _ent("L:PERSON:سامح شكري", "PERSON", "Sameh Shoukry", "سامح شكري", text,
                   [("سامح شكري", 0), ("شكري", 1)], "EGY", ["Minister of Foreign Affairs"])
    cairo = _ent("Q85", "GPE", "Cairo", "القاهرة", text, [("القاهرة", 0), ("القاهرة", 1)], "EGY", [], "Q85")
    mfa = _ent("L:ORG:وزارة الخارجية المصرية", "ORG", "Egyptian Ministry of Foreign Affairs", "وزارة الخارجية المصرية",
               text, [("وزارة الخارجية المصرية", 0)], "EGY")
    q = _span(text, "نرحب بالزيارة ونأمل أن تسهم في وقف إطلاق النار")
    out.append({
        "schema_version": "1", "document": _doc("d-announce", text, title, "2024-03-05"), "sentences": s,
        "entities": [blinken, shoukry, cairo, mfa],
        "times": [{**_span(text, "يوم الثلاثاء"), "type": "DATE", "value": "2024-03-05", "values": [], "anchor": "dct"},
                  {**_span(text, "الأسبوع المقبل", 1), "type": "DATE", "value": "2024-W11", "values": [],
                   "anchor": "dct"}],
        "events": [_event("e1", "CONSULT", text, s, "سيزور", ["Q15097208"], ["L:PERSON:سامح شكري"], "2024-W11",
                          "scheduled", "Antony Blinken (USA) is to visit Sameh Shoukry (EGY) in Cairo in week 11 of 2024",
                          mode="visit")],
        "quotes": [{"speaker": "L:PERSON:سامح شكري", "speaker_text": "شكري", "cue": "قال", "text": q["text"],
                    "start": q["start"], "end": q["end"], "direct": True}],
    })

    # 2. the meeting
    title = "بلينكن يلتقي شكري في القاهرة"
    text = (title + "\n\nالتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المصري سامح شكري في القاهرة يوم الاثنين "
            "وبحثا الأوضاع في المنطقة.\n")
    s = _sentences(text)
    out.append({
        "schema_version": "1", "document": _doc("d-meeting", text, title, "2024-03-12"), "sentences": s,
        "entities": [
            _ent("Q15097208", "PERSON", "Antony Blinken", "أنتوني بلينكن", text, [("أنتوني بلينكن", 0)], "USA",
                 ["Secretary of State"], "Q15097208"),
            _ent("L:PERSON:سامح شكري", "PERSON", "Sameh Shoukry", "سامح شكري", text, [("سامح شكري", 0)], "EGY"),
            _ent("Q85", "GPE", "Cairo", "القاهرة", text, [("القاهرة", 0), ("القاهرة", 1)], "EGY", [], "Q85"),
        ],
        "times": [{**_span(text, "يوم الاثنين"), "type": "DATE", "value": "2024-03-11", "values": [], "anchor": "dct"}],
        "events": [_event("e1", "CONSULT", text, s, "التقى", ["Q15097208"], ["L:PERSON:سامح شكري"], "2024-03-11",
                          "occurred", "Antony Blinken (USA) met Sameh Shoukry (EGY) in Cairo on 2024-03-11",
                          mode="visit")],
        "quotes": [],
    })

    # 3. an accusation and a denial
    title = "روسيا تتهم الولايات المتحدة"
    text = (title + "\n\nاتهمت روسيا الولايات المتحدة يوم الأربعاء بتقويض الاستقرار في المنطقة.\n"
            "ونفت مصر مشاركتها في أي تعاون عسكري مع الولايات المتحدة.\n"
            "ومن المقرر أن يجتمع وزير الخارجية الروسي سيرغي لافروف مع سامح شكري في موسكو في أبريل.\n")
    s = _sentences(text)
    out.append({
        "schema_version": "1", "document": _doc("d-accuse", text, title, "2024-03-13"), "sentences": s,
        "entities": [
            _ent("Q159", "GPE", "Russia", "روسيا", text, [("روسيا", 0), ("روسيا", 1)], "RUS", [], "Q159"),
            _ent("Q30", "GPE", "United States", "الولايات المتحدة", text,
                 [("الولايات المتحدة", 0), ("الولايات المتحدة", 1), ("الولايات المتحدة", 2)], "USA", [], "Q30"),
            _ent("Q79", "GPE", "Egypt", "مصر", text, [("مصر", 0)], "EGY", [], "Q79"),
            _ent("Q156733", "PERSON", "Sergey Lavrov", "سيرغي لافروف", text, [("سيرغي لافروف", 0)], "RUS",
                 ["Minister of Foreign Affairs"], "Q156733"),
            _ent("L:PERSON:سامح شكري", "PERSON", "Sameh Shoukry", "سامح شكري", text, [("سامح شكري", 0)], "EGY"),
            _ent("Q649", "GPE", "Moscow", "موسكو", text, [("موسكو", 0)], "RUS", [], "Q649"),
        ],
        "times": [{**_span(text, "يوم الأربعاء"), "type": "DATE", "value": "2024-03-13", "values": [], "anchor": "dct"},
                  {**_span(text, "أبريل"), "type": "DATE", "value": "2024-04", "values": [], "anchor": "dct"}],
        "events": [
            _event("e1", "ACCUSE", text, s, "اتهمت", ["Q159"], ["Q30"], "2024-03-13", "occurred",
                   "Russia accused the United States on 2024-03-13", cameo="112"),
            _event("e2", "COOPERATE", text, s, "تعاون", ["Q79"], ["Q30"], None, "negated",
                   "Egypt denied military cooperation with the United States", cameo="062"),
            _event("e3", "CONSULT", text, s, "يجتمع", ["Q156733"], ["L:PERSON:سامح شكري"], "2024-04", "scheduled",
                   "Sergey Lavrov (RUS) is to meet Sameh Shoukry (EGY) in Moscow in April 2024", mode="meet",
                   location="Q649"),
        ],
        "quotes": [],
    })

    # 5. hostile markup everywhere
    text = (XSS_TITLE + "\n\nقال " + XSS_NAME + " إن <b>الهجوم</b> وقع. "
            "واتهم <script>alert(4)</script> الجيش يوم الخميس.\n")
    s = _sentences(text)
    bad = _ent("L:PERSON:" + XSS_NAME, "PERSON", XSS_NAME, XSS_NAME, text, [(XSS_NAME, 0)], "X<Y", [XSS_NAME])
    army = _ent("L:ORG:الجيش", "ORG", "the army <i>", "الجيش", text, [("الجيش", 0)], "EGY")
    q = _span(text, "<b>الهجوم</b> وقع")
    out.append({
        "schema_version": "1", "document": _doc("d-xss", text, XSS_TITLE, "2024-03-14"), "sentences": s,
        "entities": [bad, army],
        "times": [{**_span(text, "يوم الخميس"), "type": "DATE", "value": "2024-03-14", "values": [], "anchor": "dct"}],
        "events": [_event("e1", "ACCUSE", text, s, "اتهم", ["L:PERSON:" + XSS_NAME], ["L:ORG:الجيش"], "2024-03-14",
                          "occurred", XSS_NAME + " accused the army", cameo="112")],
        "quotes": [{"speaker": "L:PERSON:" + XSS_NAME, "speaker_text": XSS_NAME, "cue": "قال", "text": q["text"],
                    "start": q["start"], "end": q["end"], "direct": False}],
    })
    return out


def build_store(path: str | Path) -> str:
    from marsad.corpus.crossdoc import rebuild

    items = []
    by_id = {}
    for a in analyses():
        d = a["document"]
        h = hashlib.sha1(d["text"].encode()).hexdigest()
        by_id[d["id"]] = (d, h)
        items.append((DocRecord(id=d["id"], text=d["text"], content_hash=h, title=d["title"], published=d["published"],
                                published_source="given", url=d["url"], source=d["source"]), a))
    d, h = by_id["d-accuse"]
    items.insert(3, (DocRecord(id="d-copy", text=d["text"], content_hash=h, title=d["title"], published="2024-03-13",
                               source="نسخة", status="duplicate", duplicate_of="d-accuse", duplicate_kind="exact",
                               similarity=1.0), None))
    with Store.open(path) as store:
        store.add_batch(items, marsad_version="test")
        rebuild(store)
    return str(path)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def analyst_db(tmp_path_factory) -> str:
    """A generated store large enough to look like an analyst's (tests/web/_generated.py): 600
    documents, over 100 actors with their codes, two years of dates and a few historical ones."""
    from ._generated import build_store as build_generated

    return build_generated(tmp_path_factory.mktemp("analyst") / "analyst.db", 600)


SCREENS = Path(os.environ.get("MARSAD_SCREENS") or Path(__file__).resolve().parents[2] / ".ci" / "screens")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the browser tests write a screenshot of every page (``.ci/screens/``, or $MARSAD_SCREENS)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS
