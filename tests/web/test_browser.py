"""The pages in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright): load
every page, click highlights and check the cards, filter and sort the events table, open the
timeline and the network, and make sure hostile text stays text (no dialog, no injected element).
Screenshots of every page go to .ci/screens/ ($MARSAD_SCREENS).

Skipped, with the reason, when Playwright or Chromium is missing. CI installs both:
``apt-get install -y chromium`` and ``pip install playwright`` (never ``playwright install``).
MARSAD_CHROMIUM overrides the browser's path.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from ._browser import SKIPS, browser, expect, serve, shot, watched_page
from .conftest import XSS_NAME

pytestmark = SKIPS


@pytest.fixture(scope="module")
def base_url(web_db):
    with serve(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(base_url):
    with browser(base_url) as ctx:
        yield ctx


@pytest.fixture
def page(browser_context):
    with watched_page(browser_context) as pg:
        yield pg


PAGES = {
    "home": "/", "document": "/documents/d-announce", "events": "/events", "timeline": "/timeline",
    "network": "/network", "entities": "/entities", "entity": "/entities/Q15097208", "stories": "/stories",
    "search": "/search?q=" + quote("القاهرة"), "api": "/api", "home-ar": "/?lang=ar",
    "document-ar": "/documents/d-meeting?lang=ar", "not-found": "/documents/nope",
}
FULL_PAGE = {"home", "document", "events", "timeline", "entity", "document-ar", "story"}


def _story(page, base_url) -> str:
    page.goto(base_url + "/stories")
    return page.locator("#stories-table tbody a").first.get_attribute("href")


def test_every_page_loads(page, base_url, artifacts):
    pages = {**PAGES, "story": _story(page, base_url)}
    for name, path in pages.items():
        resp = page.goto(base_url + path)
        assert resp.status == (404 if name == "not-found" else 200), name
        if name == "network":
            page.wait_for_selector("#network[data-ready='1']")
        shot(page, artifacts, f"page-{name}", full_page=name in FULL_PAGE)
        assert page.problems == [] or (name == "not-found" and all("404" in p for p in page.problems)), page.problems
        page.problems.clear()
    page.goto(base_url + "/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("nav a[aria-current=page]").inner_text() == "الوثائق"
    page.goto(base_url + "/events")  # the language sticks (cookie)
    assert page.locator("h1").inner_text() == "الأحداث"
    page.goto(base_url + "/events?lang=en")
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_document_highlights_and_cards(page, base_url, artifacts):
    page.goto(base_url + "/documents/d-announce")
    article = page.locator("#article")
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "ar"
    assert page.locator('#article .hl[data-layer="ent"]').count() == 7
    assert page.locator('#article .hl[data-layer="time"]').count() == 2
    assert page.locator('#article .hl[data-layer="quote"]').count() >= 1
    card = page.locator("#card")
    assert card.is_hidden()

    # an entity: English and Arabic names, role, country
    page.locator('#article .hl[data-layer="ent"][data-ref="Q15097208"]').last.click()
    assert card.is_visible()
    assert card.locator("[data-card=entity]").count() == 1
    text = card.inner_text()
    for want in ("Antony Blinken", "أنتوني بلينكن", "Secretary of State", "USA", "person"):
        assert want in text, want
    assert card.locator("a.card-link").get_attribute("href") == "/entities/Q15097208"
    shot(page, artifacts, "document-entity-card")

    # the event trigger: summary, type, status, date, source, target, evidence
    page.locator('#article .hl[data-layer="ev"][data-ref="e1"]').click()
    text = card.inner_text()
    for want in ("Antony Blinken (USA) is to visit Sameh Shoukry", "consult", "scheduled", "2024-W11", "Sameh Shoukry",
                 "Evidence"):
        assert want in text, want
    assert card.locator(".evidence mark").inner_text() == "سيزور"
    assert "occurred, 2 documents" in card.locator("a.card-link").inner_text()  # the linked event's status now
    shot(page, artifacts, "document-event-card")

    # hovering a date (nothing pinned yet on a fresh page) shows its card; the close button hides it
    page.reload()
    page.locator('#article .hl[data-layer="time"]').first.hover()
    assert "2024-03-05" in card.inner_text()
    card.locator(".card-close").click()
    assert card.is_hidden()

    # the quote; and the layer toggles
    page.locator('#article .hl[data-layer="quote"]').first.click(position={"x": 3, "y": 3})
    assert "Direct quote" in card.inner_text() and "Sameh Shoukry" in card.inner_text()
    page.locator('#legend input[data-layer="ent"]').uncheck()
    assert "off-ent" in article.get_attribute("class")
    page.locator('#legend input[data-layer="ent"]').check()
    # the side list jumps to a highlight
    page.locator('button.jump[data-layer="ent"][data-ref="Q85"]').click()
    assert "Cairo" in card.inner_text()


def test_event_link_from_the_table_opens_the_card(page, base_url):
    page.goto(base_url + "/documents/d-meeting#ev-e1")
    assert "met Sameh Shoukry" in page.locator("#card").inner_text()


def test_events_table_filters_and_sorts(page, base_url, artifacts):
    page.goto(base_url + "/events")
    rows = page.locator("#events-table tbody tr.ev-row")
    assert rows.count() == 6
    days = [rows.nth(i).get_attribute("data-day") for i in range(6)]
    assert days == sorted(days, reverse=True)  # newest first
    page.select_option("#filters select[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?*type=ACCUSE*")
    assert rows.count() == 2
    assert {rows.nth(i).get_attribute("data-type") for i in range(2)} == {"ACCUSE"}
    shot(page, artifacts, "events-filtered")

    page.goto(base_url + "/events")
    page.fill("#filters input[name=actor]", "Blinken")
    page.select_option("#filters select[name=status]", "scheduled")
    page.click("#filters button[type=submit]")
    assert rows.count() == 1 and "Antony Blinken" in rows.first.inner_text()
    assert "USA GOV" in rows.first.locator(".code").first.inner_text()  # the actor's code beside its name

    page.goto(base_url + "/events")
    page.fill("#filters input[name=since]", "2024-03-13")
    page.fill("#filters input[name=until]", "2024-03-13")
    page.click("#filters button[type=submit]")
    assert rows.count() == 3

    page.goto(base_url + "/events?country=EGY")
    assert rows.count() == 5  # an Egyptian actor on either side
    page.goto(base_url + "/events?country=RUS&sector=GOV")
    assert rows.count() == 1 and "Sergey Lavrov" in rows.first.inner_text()

    page.goto(base_url + "/events")
    first = rows.first.locator("td").first.inner_text()
    page.click("#events-table th >> text=Date")  # newest first already: now oldest first
    page.wait_for_url("**order=asc**")
    assert rows.first.locator("td").first.inner_text() != first
    assert page.locator("#events-table th[aria-sort=ascending]").count() == 1
    for key in ("source", "target", "trigger", "summary", "published", "confidence", "status", "type"):
        page.click(f"#events-table th[data-sort={key}] a")  # any column sorts, first descending
        page.wait_for_url(f"**sort={key}**order=desc**")
        assert page.locator(f"#events-table th[data-sort={key}][aria-sort=descending]").count() == 1, key
    page.click("#events-table th >> text=Type")
    page.wait_for_url("**sort=type**order=asc**")
    types = [rows.nth(i).get_attribute("data-type") for i in range(rows.count())]
    assert types == sorted(types)
    shot(page, artifacts, "events-sorted")

    page.goto(base_url + "/events?type=FOO")
    assert "unknown event type" in page.locator("#filter-error").inner_text()


def test_timeline_shows_status_over_time(page, base_url, artifacts):
    page.goto(base_url + "/timeline?lanes=type")
    marks = page.locator("#timeline a.tl-link")
    assert marks.count() == 5  # one mark per linked event, in the lane of its type
    assert page.locator("#timeline g.lane").count() == 3  # consult, accuse, cooperate
    linked = page.locator("#timeline a.tl-link.tl-changed")
    # the Blinken visit: announced (scheduled) then reported (occurred), each report joined to the event
    assert linked.count() == 1 and linked.get_attribute("data-status") == "occurred"
    assert linked.locator("circle.tl-report").count() == 2
    assert linked.locator("circle.tl-report.st-scheduled").count() == 1
    assert linked.locator("circle.tl-report.st-occurred").count() == 1
    assert linked.locator("line.tl-follow").count() == 1
    assert "scheduled → occurred" in linked.locator("title").text_content()
    # still scheduled, and negated, drawn differently
    assert page.locator("#timeline circle.tl-event.st-scheduled").count() == 1
    assert page.locator("#timeline path.tl-event.st-negated").count() == 1
    occurred_fill = page.eval_on_selector("#timeline circle.tl-event.st-occurred", "e => getComputedStyle(e).fill")
    scheduled = page.eval_on_selector("#timeline circle.tl-event.st-scheduled",
                                      "e => [getComputedStyle(e).fill, getComputedStyle(e).strokeDasharray]")
    assert occurred_fill != scheduled[0] and scheduled[1] not in ("none", "")
    history = page.locator("#timeline-table tr.tl-item").first.locator("ol.history li")
    assert history.count() == 2 and "scheduled" in history.nth(0).inner_text() and "occurred" in history.nth(1).inner_text()
    shot(page, artifacts, "timeline-by-type")
    page.goto(base_url + "/timeline")  # lanes by actor: each actor's row holds its events
    lanes = [g.get_attribute("data-lane") for g in page.locator("#timeline g.lane").all()]
    assert "Q15097208" in lanes and "L:PERSON:سامح شكري" in lanes
    page.select_option("#filters select[name=status]", "scheduled")
    page.click("#filters button[type=submit]")
    ids = {a.get_attribute("data-link") for a in page.locator("#timeline a.tl-link").all()}
    assert len(ids) == 1 and page.locator("#timeline-table tr.tl-item").count() == 1
    shot(page, artifacts, "timeline-scheduled")


def test_network(page, base_url, artifacts):
    page.goto(base_url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    nodes = page.locator("#network g.node")
    assert nodes.count() == 8
    assert page.locator("#network line.edge").count() == 5
    assert "8 actors" in page.locator("#network-count").inner_text()
    # positions are inside the drawing and not all on one spot
    xs = page.eval_on_selector_all("#network g.node", "gs => gs.map(g => g.getAttribute('transform'))")
    assert len(set(xs)) == 8
    node = page.locator('#network g.node[data-id="Q15097208"]')
    node.locator("circle").hover()
    card = page.locator("#card")
    expect(card).to_contain_text("USA GOV")
    assert "Antony Blinken" in card.inner_text() and "أنتوني بلينكن" in card.inner_text()
    shot(page, artifacts, "network")
    # dragging moves a node (and does not open it)
    box = node.bounding_box()
    before = node.get_attribute("transform")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 40, steps=5)
    page.mouse.up()
    assert node.get_attribute("transform") != before and page.url.endswith("/network")
    # a click opens the actor's page; an arrow, its events
    node.locator("circle").click()
    page.wait_for_url("**/entities/Q15097208")
    page.goto(base_url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    page.locator('#network line.edge[data-source="Q15097208"]').evaluate("e => e.parentNode.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
    page.wait_for_url("**/events?*source=Q15097208*")
    assert page.locator("#events-table tbody tr.ev-row").count() == 2
    # filter by type and date
    page.goto(base_url + "/network")
    page.select_option("#filters select[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#network[data-ready='1']")
    assert page.locator("#network line.edge").count() == 2
    page.goto(base_url + "/network?since=2024-04-01")
    page.wait_for_selector("#network[data-ready='1']")
    assert nodes.count() == 2
    page.goto(base_url + "/network?country=RUS")
    page.wait_for_selector("#network[data-ready='1']")
    assert {n.get_attribute("data-id") for n in nodes.all()} == {"Q159", "Q30", "Q156733", "L:PERSON:سامح شكري"}
    shot(page, artifacts, "network-filtered")


def test_hostile_document_stays_text_in_the_browser(page, base_url, artifacts):
    for path in ("/documents/d-xss", "/", "/events", "/timeline", "/entities", "/stories",
                 "/entities/" + quote("L:PERSON:" + XSS_NAME, safe=""), "/search?q=" + quote("الهجوم"),
                 "/network", "/documents/d-xss?lang=ar"):
        page.goto(base_url + path)
        if path == "/network":
            page.wait_for_selector("#network[data-ready='1']")
            page.locator("#network g.node").filter(has_text="onerror").first.locator("circle").hover()
            page.wait_for_selector("#card [data-card=entity]")
        injected = page.evaluate("""() => ({
            img: document.querySelectorAll('img').length,
            b: document.querySelectorAll('main b, main i').length,
            scripts: [...document.scripts].filter(s => !(s.src && new URL(s.src).pathname.startsWith('/static/'))
                                                    && s.type !== 'application/json').length,
            handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        })""")
        assert injected == {"img": 0, "b": 0, "scripts": 0, "handlers": 0}, (path, injected)
    page.goto(base_url + "/documents/d-xss")
    assert page.locator("#doc-title").inner_text().startswith('<script>alert("title")</script>')
    page.locator('#article .hl[data-layer="ent"]').first.click()
    card = page.locator("#card")
    assert XSS_NAME in card.inner_text()
    assert card.locator("img, script").count() == 0
    page.locator('#article .hl[data-layer="ev"]').first.click()
    assert XSS_NAME + " accused the army" in card.inner_text()
    assert "<b>الهجوم</b>" in page.locator("#article").inner_text()
    shot(page, artifacts, "hostile-document")
