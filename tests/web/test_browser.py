"""The pages in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright): load
every page, click highlights and check the cards, filter and sort the events table, open the
timeline and the network, and make sure hostile text stays text (no dialog, no injected element).
Screenshots go to test-artifacts/web/.

Skipped, with the reason, when Playwright or Chromium is missing. CI installs both:
``apt-get install -y chromium`` and ``pip install playwright`` (never ``playwright install``).
MARSAD_CHROMIUM overrides the browser's path.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import XSS_NAME

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = expect = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="the playwright Python package is not installed "
                                                       "(pip install playwright; the browser is Debian's chromium)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install -y chromium, "
                                                           "or set MARSAD_CHROMIUM)"),
]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url(web_db):
    import uvicorn

    from marsad.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(web_db, allowed_hosts=["127.0.0.1"]), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser_context(base_url):
    with tempfile.TemporaryDirectory(prefix="marsad-chromium-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1300, "height": 900},
            locale="en-US", timezone_id="UTC")
        ctx.set_default_timeout(5_000)
        # Only this server: any request elsewhere (a CDN, a font service) fails the test.
        outside: list[str] = []

        def watch(request):
            if not (request.url.startswith(base_url + "/") or request.url.startswith("data:")):
                outside.append(request.url)

        ctx.on("request", watch)
        ctx.outside = outside
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser_context):
    pg = browser_context.new_page()
    pg.problems = []
    pg.dialogs = []
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: pg.problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    assert pg.dialogs == [], f"a dialog opened: {pg.dialogs}"
    assert browser_context.outside == [], f"requests outside the server: {browser_context.outside}"
    pg.close()


def shot(page, artifacts, name, full_page=True):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=full_page, animations="disabled", caret="hide")


PAGES = {
    "home": "/", "document": "/documents/d-announce", "events": "/events", "timeline": "/timeline",
    "network": "/network", "entities": "/entities", "entity": "/entities/Q15097208", "stories": "/stories",
    "search": "/search?q=" + quote("القاهرة"), "api": "/api", "home-ar": "/?lang=ar",
    "document-ar": "/documents/d-meeting?lang=ar", "not-found": "/documents/nope",
}


FULL_PAGE = {"home", "document", "events", "timeline", "entity", "document-ar"}


def test_every_page_loads(page, base_url, artifacts):
    for name, path in PAGES.items():
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

    page.goto(base_url + "/events")
    page.fill("#filters input[name=since]", "2024-03-13")
    page.fill("#filters input[name=until]", "2024-03-13")
    page.click("#filters button[type=submit]")
    assert rows.count() == 3

    page.goto(base_url + "/events")
    first = rows.first.locator("td").first.inner_text()
    page.click("#events-table th >> text=Date")  # sorted by date ascending already: now descending
    page.wait_for_url("**order=desc**")
    assert rows.first.locator("td").first.inner_text() != first
    assert page.locator("#events-table th[aria-sort=descending]").count() == 1
    page.click("#events-table th >> text=Type")
    types = [rows.nth(i).get_attribute("data-type") for i in range(rows.count())]
    assert types == sorted(types)
    shot(page, artifacts, "events-sorted")

    page.goto(base_url + "/events?type=FOO")
    assert "unknown event type" in page.locator("#filter-error").inner_text()


def test_timeline_shows_status_over_time(page, base_url, artifacts):
    page.goto(base_url + "/timeline")
    rows = page.locator("#timeline g.tl-row")
    assert rows.count() == 5
    linked = page.locator("#timeline g.tl-row[data-status=occurred]").filter(
        has=page.locator("circle.tl-report.st-scheduled")).first
    # the Blinken visit: announced (scheduled) then reported (occurred), joined by a line
    assert linked.locator("circle.tl-report").count() == 2
    assert linked.locator("circle.tl-report.st-occurred").count() == 1
    assert linked.locator("line.tl-follow").count() == 1
    assert linked.locator("circle.tl-event.st-occurred").count() == 1
    # still scheduled, and negated, drawn differently
    assert page.locator("#timeline circle.tl-event.st-scheduled").count() == 1
    assert page.locator("#timeline path.tl-event.st-negated").count() == 1
    occurred_fill = page.eval_on_selector("#timeline circle.tl-event.st-occurred", "e => getComputedStyle(e).fill")
    scheduled = page.eval_on_selector("#timeline circle.tl-event.st-scheduled",
                                      "e => [getComputedStyle(e).fill, getComputedStyle(e).strokeDasharray]")
    assert occurred_fill != scheduled[0] and scheduled[1] not in ("none", "")
    history = page.locator("#timeline-table tr.tl-item").first.locator("ol.history li")
    assert history.count() == 2 and "scheduled" in history.nth(0).inner_text() and "occurred" in history.nth(1).inner_text()
    shot(page, artifacts, "timeline")
    page.select_option("#filters select[name=status]", "scheduled")
    page.click("#filters button[type=submit]")
    assert rows.count() == 1
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
    node.locator("circle").click()
    card = page.locator("#card")
    expect(card).to_contain_text("Secretary of State")
    assert "Antony Blinken" in card.inner_text() and "أنتوني بلينكن" in card.inner_text()
    shot(page, artifacts, "network")
    # dragging moves a node
    box = node.bounding_box()
    before = node.get_attribute("transform")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 40, steps=5)
    page.mouse.up()
    assert node.get_attribute("transform") != before
    # filter by type and date
    page.select_option("#filters select[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#network[data-ready='1']")
    assert page.locator("#network line.edge").count() == 2
    page.goto(base_url + "/network?since=2024-04-01")
    page.wait_for_selector("#network[data-ready='1']")
    assert nodes.count() == 2
    shot(page, artifacts, "network-filtered")


def test_hostile_document_stays_text_in_the_browser(page, base_url, artifacts):
    for path in ("/documents/d-xss", "/", "/events", "/timeline", "/entities", "/stories",
                 "/entities/" + quote("L:PERSON:" + XSS_NAME, safe=""), "/search?q=" + quote("الهجوم"),
                 "/network", "/documents/d-xss?lang=ar"):
        page.goto(base_url + path)
        if path == "/network":
            page.wait_for_selector("#network[data-ready='1']")
            page.locator("#network g.node").filter(has_text="onerror").first.locator("circle").click()
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
