"""The article's highlights (nesting, overlaps, bad offsets, escaping), the cards, the timeline
layout, and the HTML pages through the TestClient."""

from __future__ import annotations

import warnings
from html.parser import HTMLParser

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.web import render
from marsad.web.app import create_app

from .conftest import analyses


def _analysis(text, entities=(), times=(), events=(), quotes=(), sentences=None):
    return {"document": {"id": "t", "text": text}, "sentences": sentences or [{"start": 0, "end": len(text)}],
            "entities": list(entities), "times": list(times), "events": list(events), "quotes": list(quotes)}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out = []

    def handle_data(self, data):
        self.out.append(data)


def text_of(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return "".join(p.out)


def test_highlight_keeps_the_text_and_nests_layers():
    a = analyses()[0]
    html = str(render.highlight(a))
    assert text_of(html) == a["document"]["text"]
    assert html.count('data-layer="ent"') >= 7 and html.count('data-layer="time"') == 2
    # the quote holds no entity here, the trigger is inside a sentence: one span per piece
    assert '<span class="hl hl-ev st-scheduled" data-layer="ev" data-ref="e1" tabindex="0" role="button">سيزور</span>' in html


def test_overlapping_and_partial_spans():
    text = "قال وزير الخارجية الأمريكي إن الاتفاق وشيك"
    e0, g0 = text.index("وزير"), text.index("الأمريكي")
    e1 = g1 = g0 + len("الأمريكي")
    q0 = text.index("الخارجية") + 3
    ent = {"id": "E", "kind": "PERSON", "name_ar": "وزير", "mentions": [{"start": e0, "end": e1, "text": text[e0:e1]}]}
    gpe = {"id": "G", "kind": "GPE", "name_ar": "أمريكا", "mentions": [{"start": g0, "end": g1, "text": text[g0:g1]}]}
    quote = {"start": q0, "end": len(text), "text": text[q0:], "direct": False}  # starts inside the entity
    html = str(render.highlight(_analysis(text, entities=[ent, gpe], quotes=[quote])))
    assert text_of(html) == text
    # the piece "الأمريكي" sits inside quote > entity E > entity G, in that order
    assert ('data-layer="quote" data-ref="0"><span class="hl hl-ent k-PERSON" data-layer="ent" data-ref="E">'
            '<span class="hl hl-ent k-GPE" data-layer="ent" data-ref="G" tabindex="0" role="button">الأمريكي</span>'
            ) in html


def test_bad_offsets_are_skipped_not_fatal():
    text = "نص قصير"
    ents = [{"id": "A", "kind": "PERSON", "name_ar": "x", "mentions": [
        {"start": 0, "end": 2, "text": "نص"}, {"start": 5, "end": 99, "text": "?"}, {"start": 3, "end": 3, "text": ""},
        {"start": 0, "end": 2, "text": "wrong"}, {"start": "0", "end": 2, "text": "نص"}]}]
    times = [{"start": -1, "end": 2, "text": "نص", "type": "DATE", "value": None}]
    html = str(render.highlight(_analysis(text, entities=ents, times=times)))
    assert text_of(html) == text and html.count("data-layer") == 1


def test_markup_in_text_and_ids_is_escaped():
    text = '<script>alert(1)</script> "x" & \'y\''
    ent = {"id": '"><img onerror=1>', "kind": 'PERSON" onclick="x', "name_ar": "x",
           "mentions": [{"start": 8, "end": 16, "text": text[8:16]}]}
    html = str(render.highlight(_analysis(text, entities=[ent])))
    assert "<script>" not in html and "<img" not in html and 'onclick="' not in html
    assert "&lt;script&gt;" in html and "&#34;&gt;&lt;img onerror=1&gt;" in html
    assert text_of(html) == text


def test_cards_resolve_names_links_and_evidence():
    a = analyses()[0]
    cards = render.cards(a, {"L:PERSON:سامح شكري": "L:PERSON:سامح شكري"}, {"e1": {"id": "ev-1", "status": "occurred",
                                                                               "n_documents": 2}})
    ev = cards["ev"]["e1"]
    assert ev["source"][0]["name_en"] == "Antony Blinken" and ev["target"][0]["name_ar"] == "سامح شكري"
    assert ev["evidence"]["trigger"] == "سيزور" and ev["evidence"]["before"].startswith("أعلنت")
    assert ev["link"] == {"id": "ev-1", "status": "occurred", "n_documents": 2}
    assert cards["ent"]["Q15097208"]["roles"] == ["Secretary of State"]
    assert cards["quote"]["0"]["speaker"]["name_en"] == "Sameh Shoukry" and cards["quote"]["0"]["direct"] is True
    assert cards["time"]["1"]["value"] == "2024-W11"


@pytest.fixture(scope="module")
def client(web_db):
    return TestClient(create_app(web_db))


def test_pages_render(client):
    for path in ("/", "/documents/d-announce", "/documents/d-copy", "/events", "/timeline", "/network", "/entities",
                 "/entities/Q15097208", "/stories", "/search?q=x", "/search", "/api", "/?lang=ar", "/entities?kind=GPE",
                 "/events?sort=confidence&order=desc", "/timeline?actor=Q30", "/?story=nope"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
    assert client.get("/documents/nope").status_code == 404
    assert "no entity" in client.get("/entities/nope").text
    assert client.get("/events?since=bad").status_code == 400
    assert client.get("/timeline?type=bad").status_code == 400
    assert client.get("/static/marsad.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert client.get("/favicon.ico").status_code == 204
    client.cookies.clear()


def test_document_page_content(client):
    html = client.get("/documents/d-announce").text
    assert '<article class="article" dir="rtl" lang="ar" id="article">' in html
    assert 'id="cards">{' in html and "Secretary of State" in html
    dup = client.get("/documents/d-copy").text
    assert "Copy of" in dup and "/documents/d-accuse" in dup


def test_language_switch(client):
    ar = client.get("/events?lang=ar")
    assert '<html lang="ar" dir="rtl">' in ar.text and "الأحداث" in ar.text
    assert ar.cookies.get("lang") == "ar" or "lang=ar" in ar.headers.get("set-cookie", "")
    client.cookies.set("lang", "en")
    en = client.get("/events")
    assert '<html lang="en" dir="ltr">' in en.text
    client.cookies.clear()
    assert '<html lang="en"' in client.get("/events?lang=xx").text


def test_labels_complete():
    from marsad.web.app import labels
    from marsad.web.queries import ENTITY_KINDS, EVENT_STATUSES, EVENT_TYPES

    table = labels()
    for key, entry in table.items():
        assert entry.get("en") and entry.get("ar"), key
    for t in EVENT_TYPES:
        assert "ev." + t in table
    for s in EVENT_STATUSES:
        assert "st." + s in table
    for k in ENTITY_KINDS:
        assert "k." + k in table


def test_language_from_the_browser_then_the_choice(web_db):
    c = TestClient(create_app(web_db))
    assert '<html lang="ar" dir="rtl">' in c.get("/events", headers={"accept-language": "ar-SA,ar;q=0.9,en;q=0.5"}).text
    assert '<html lang="en" dir="ltr">' in c.get("/events", headers={"accept-language": "en-US,ar;q=0.3"}).text
    assert '<html lang="ar" dir="rtl">' in c.get("/events", headers={"accept-language": "fr, ar;q=0.5"}).text
    assert '<html lang="en" dir="ltr">' in c.get("/events", headers={"accept-language": "fr, de"}).text
    c.get("/events?lang=en")  # the switch wins over the browser, and is remembered
    assert '<html lang="en"' in c.get("/events", headers={"accept-language": "ar"}).text


def test_pages_show_codes_and_new_pages_render(client):
    html = client.get("/events").text
    assert '<span class="code" title="CAMEO actor code">USA GOV</span>' in html
    sid = client.get("/api/stories").json()["items"][0]["id"]
    for path in (f"/stories/{sid}", "/entities/L:PERSON:سامح شكري", "/timeline?lanes=country", "/timeline?lanes=type",
                 "/network?country=EGY&sector=GOV&max_nodes=5", "/entities?sector=GOV", f"/stories/{sid}?lang=ar"):
        assert client.get(path).status_code == 200, path
    assert client.get("/timeline?lanes=sideways").status_code == 400
    assert client.get("/stories/nope").status_code == 404
    ent = client.get("/entities/Q15097208").text
    assert 'id="entity-timeline"' in ent and 'id="entity-counterparts"' in ent and "wikidata.org/wiki/Q15097208" in ent


def test_chart_labels_are_escaped_once():
    from marsad.corpus.filters import EventFilters
    from marsad.web import chart
    from marsad.web.app import translator

    link = chart.Link.of("ev-1", "ACCUSE", "occurred", "2024-03-01", "2024-03-01", 1, (("2024-03-01", "occurred"),),
                         ("x",), ())
    marks = {"links": [link], "all_days": [link.first], "filters": EventFilters(min_confidence=0).checked()}
    info = {"x": {"id": "x", "name_en": "<b>X&Y</b>", "name_ar": "س", "country": "X<Y", "sector": None, "cameo_actor": None}}
    svg = str(chart.timeline_chart(marks, "actor", lambda ids: info, translator("en"), "en", {})["lanes_svg"])
    assert "&lt;b&gt;X&amp;Y&lt;/b&gt; · X&lt;Y" in svg and "&amp;lt;" not in svg and "<b>" not in svg
