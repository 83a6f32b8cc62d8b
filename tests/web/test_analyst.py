"""What an analyst sees, in Debian's Chromium, on a generated store of 600 documents and over 100
actors (tests/web/_generated.py): tick labels of the timeline that never overlap (bounding boxes),
far dates clipped, a brush that zooms the chart and the table; a network of at most 50 actors whose
labels never overlap, a click to an actor page or to an edge's events; an events table newest first
whose confidence control changes the count; the Arabic interface right to left, chosen by the
browser's language; actor and story pages with their timelines. A screenshot of every page goes to
.ci/screens/ (analyst-*.png).

Skipped, with the reason, when Playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote

import pytest

from marsad.events import confidence

from ._browser import SKIPS, boxes, browser, overlapping, serve, shot, watched_page

pytestmark = SKIPS


@pytest.fixture(scope="module")
def base_url(analyst_db):
    with serve(analyst_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(base_url):
    with browser(base_url) as ctx:
        yield ctx


@pytest.fixture
def page(browser_context):
    browser_context.clear_cookies()  # no language remembered from another test
    with watched_page(browser_context) as pg:
        yield pg


def api(base_url, path):
    with urllib.request.urlopen(base_url + path) as r:
        return json.loads(r.read().decode("utf-8"))


def tick_boxes(page, svg="#timeline"):
    page.wait_for_selector(f"{svg}[data-ticks-checked='1']")
    return boxes(page, f"{svg} text.tick-label")


@pytest.mark.parametrize("query", ["", "?lanes=type", "?lanes=country", "?since=2023-05-01&until=2023-05-12",
                                   "?since=2023-02-01&until=2023-04-30", "?since=0600-01-01&until=2024-12-31",
                                   "?lang=ar"])
def test_timeline_tick_labels_never_overlap(page, base_url, artifacts, query):
    page.goto(base_url + "/timeline" + query)
    ticks = tick_boxes(page)
    assert len(ticks) >= 3, query
    assert overlapping(ticks) == [], query
    lanes = page.locator("#timeline g.lane")
    assert 1 <= lanes.count() <= 20
    shot(page, artifacts, "analyst-timeline" + (query.replace("?", "-").replace("&", "-").replace("=", "")[:40] or ""))


def test_timeline_far_dates_are_clipped_and_actorless_events_share_a_row(page, base_url):
    page.goto(base_url + "/timeline")
    lo, hi = page.locator("#timeline").get_attribute("data-lo"), page.locator("#timeline").get_attribute("data-hi")
    assert lo >= "2022-06-01" and hi <= "2025-06-01"  # the year-615 and 1428 dates do not stretch the axis
    marker = page.locator("#timeline a.clipped-before")
    assert marker.count() == 1 and "earlier" in marker.text_content()
    labels = [t.text_content() for t in page.locator("#timeline text.lane-label").all()]
    assert sum("no named actor" in t for t in labels) <= 1  # events without actors: one row, not a row each
    assert not any(t.startswith(("assault:", "coerce:")) for t in labels)
    marker.click()  # the clipped marker leads to those events
    page.wait_for_url("**until=*")
    rows = page.locator("#timeline-table tr.tl-item")
    assert rows.count() >= 1 and all(r.get_attribute("data-day") < "2000" for r in rows.all())


def test_brush_zooms_the_chart_and_filters_the_table(page, base_url, artifacts):
    page.goto(base_url + "/timeline")
    total = int(page.locator("#timeline-count").inner_text().split()[0])
    svg = page.locator("#timeline")
    box = svg.bounding_box()
    x0 = box["x"] + box["width"] * 0.45
    y = box["y"] + 60
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(x0 + box["width"] * 0.15, y, steps=6)
    page.mouse.up()
    page.wait_for_url("**/timeline?*since=*until=*")
    since, until = page.locator("#filters input[name=since]").input_value(), page.locator("#filters input[name=until]").input_value()
    assert since < until
    assert page.locator("#timeline").get_attribute("data-lo") == since
    shown = int(page.locator("#timeline-count").inner_text().split()[0])
    assert 0 < shown < total
    for row in page.locator("#timeline-table tr.tl-item").all():
        assert row.get_attribute("data-day") <= until
    assert overlapping(tick_boxes(page)) == []
    shot(page, artifacts, "analyst-timeline-brushed")
    page.click("#zoom-out")
    page.wait_for_load_state()
    assert page.locator("#timeline").get_attribute("data-lo") < since


def test_network_shows_at_most_50_actors_with_labels_apart(page, base_url, artifacts):
    everyone = api(base_url, "/api/network?max_nodes=500&min_confidence=0")
    assert len(everyone["nodes"]) > 50
    page.goto(base_url + "/network")
    page.wait_for_selector("#network[data-ready='1']", timeout=20_000)
    nodes = page.locator("#network g.node")
    assert 0 < nodes.count() <= 50
    labels = boxes(page, "#network text.node-label")
    assert len(labels) >= 10
    assert overlapping(labels) == []
    sizes = {float(c.get_attribute("r")) for c in page.locator("#network g.node circle").all()}
    assert len(sizes) > 3  # sized by their events
    groups = {e.get_attribute("class") for e in page.locator("#network line.edge").all()}
    assert {"edge grp-cooperation", "edge grp-verbal", "edge grp-conflict"} <= groups
    widths = {e.get_attribute("stroke-width") for e in page.locator("#network line.edge").all()}
    assert len(widths) > 2
    # the layout has settled: drawn once, the same on a second load
    first = nodes.first.get_attribute("transform")
    shot(page, artifacts, "analyst-network")
    page.reload()
    page.wait_for_selector("#network[data-ready='1']", timeout=20_000)
    assert nodes.first.get_attribute("transform") == first
    # filtered by country and sector
    page.goto(base_url + "/network?country=IRQ&sector=COP")
    page.wait_for_selector("#network[data-ready='1']", timeout=20_000)
    assert page.locator('#network g.node[data-id="A:IRQ:COP"]').count() == 1
    assert overlapping(boxes(page, "#network text.node-label")) == []
    shot(page, artifacts, "analyst-network-irq-police")
    # a node leads to its actor page
    page.locator('#network g.node[data-id="A:IRQ:COP"] circle').click()
    page.wait_for_url("**/entities/A%3AIRQ%3ACOP")
    assert "IRQ COP" in page.locator("h1").inner_text()


def test_network_edge_opens_its_events(page, base_url):
    page.goto(base_url + "/network")
    page.wait_for_selector("#network[data-ready='1']", timeout=20_000)
    edge = page.locator("#network line.edge").first
    source, target, n = edge.get_attribute("data-source"), edge.get_attribute("data-target"), edge.get_attribute("data-count")
    edge.evaluate("e => e.parentNode.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
    page.wait_for_url("**/events?*source=*target=*")
    assert page.locator("#event-count").get_attribute("data-total") == n
    assert source in page.url.replace("%3A", ":") and target in page.url.replace("%3A", ":")


def test_events_table_newest_first_and_the_confidence_control(page, base_url, artifacts):
    page.goto(base_url + "/events")
    rows = page.locator("#events-table tbody tr.ev-row")
    days = [r.get_attribute("data-day") for r in rows.all()]
    newest = api(base_url, "/api/events?sort=date&order=desc&limit=1")["items"][0]["day"]
    assert days[0] == newest == max(days)
    # the pipeline's threshold applies by default
    control = page.locator("#min-confidence")
    assert float(control.input_value()) == confidence.DEFAULT_MIN_CONFIDENCE
    default = int(page.locator("#event-count").get_attribute("data-total"))
    assert default == api(base_url, "/api/events?limit=1")["total"]
    control.fill("0.9")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**min_confidence=0.9**")
    high = int(page.locator("#event-count").get_attribute("data-total"))
    assert 0 < high < default or (default == 0)
    assert all(float(r.get_attribute("data-confidence")) >= 0.9 for r in rows.all())
    shot(page, artifacts, "analyst-events-confident")
    page.locator("#min-confidence").fill("0")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**min_confidence=0**")
    everything = int(page.locator("#event-count").get_attribute("data-total"))
    assert everything > high and everything == api(base_url, "/api/stats")["events"]
    # codes beside the names; the download is the filtered table
    assert page.locator("#events-table .code").count() > 0
    href = page.locator("#download-csv").get_attribute("href")
    assert href.startswith("/api/events.csv?") and "min_confidence=0" in href


def test_arabic_interface_right_to_left_by_the_browsers_language(browser_context, base_url, artifacts):
    arabic = browser_context.other("ar-SA")  # a browser whose language is Arabic
    with watched_page(arabic) as page:
        for name, path in (("events", "/events"), ("timeline", "/timeline"), ("network", "/network"),
                           ("entity", "/entities/A:IRQ:COP"), ("home", "/"), ("stories", "/stories")):
            page.goto(base_url + path)
            assert page.locator("html").get_attribute("dir") == "rtl" and page.locator("html").get_attribute("lang") == "ar"
            if name == "network":
                page.wait_for_selector("#network[data-ready='1']", timeout=20_000)
                assert overlapping(boxes(page, "#network text.node-label")) == []
            if name == "timeline":
                assert overlapping(tick_boxes(page)) == []
                assert any("ي" in t["text"] or "م" in t["text"] for t in tick_boxes(page))  # Arabic month names
            shot(page, artifacts, f"analyst-{name}-ar")
        assert page.locator("nav a[aria-current=page]").inner_text() == "القصص"
        page.click("a.lang-switch")  # the switch, remembered
        assert page.locator("html").get_attribute("dir") == "ltr"
        page.goto(base_url + "/events")
        assert page.locator("h1").inner_text() == "Events"


def test_actor_page_renders_its_timeline_counterparts_and_codes(page, base_url, artifacts):
    page.goto(base_url + "/entities/" + quote("gen:IRQ:fm", safe=""))
    assert page.locator("#entity-timeline a.tl-mark").count() > 0
    assert overlapping(tick_boxes(page, "#entity-timeline")) == []
    assert page.locator("#entity-counterparts tbody tr").count() > 1
    assert "Minister of Foreign Affairs" in page.locator("#entity-roles").inner_text()
    assert page.locator("#entity-code").inner_text() == "IRQ GOV"
    shot(page, artifacts, "analyst-entity")
    page.goto(base_url + "/entities/" + quote("A:IRQ:COP", safe=""))
    assert page.locator("#entity-timeline a.tl-mark").count() > 0
    aliases = page.locator("#entity-aliases").inner_text()
    assert "الشرطة العراقية" in aliases and "قوات الشرطة في بغداد" in aliases  # one actor, described several ways
    shot(page, artifacts, "analyst-entity-described")


def test_story_page_renders_its_timeline_and_documents(page, base_url, artifacts):
    stories = api(base_url, "/api/stories?limit=500")["items"]
    story = max(stories, key=lambda s: s["n_documents"])
    page.goto(base_url + "/stories/" + story["id"])
    assert page.locator("#story-timeline a.tl-mark").count() > 0
    assert overlapping(tick_boxes(page, "#story-timeline")) == []
    assert page.locator("#story-docs tbody tr").count() == story["n_documents"]
    assert page.locator("#story-events tbody tr.tl-item").count() > 0
    shot(page, artifacts, "analyst-story")


def test_every_page_of_the_analyst_store(page, base_url, artifacts):
    story = api(base_url, "/api/stories?limit=1")["items"][0]["id"]
    doc = api(base_url, "/api/documents?limit=1")["items"][0]["id"]
    for name, path in (("home", "/"), ("document", f"/documents/{doc}"), ("events", "/events"),
                       ("events-police", "/events?actor=IRQ%20COP"), ("entities", "/entities"),
                       ("entities-police", "/entities?sector=COP"), ("stories", "/stories"), ("story", f"/stories/{story}"),
                       ("search", "/search?q=" + quote("الطاقة")), ("api", "/api")):
        r = page.goto(base_url + path)
        assert r.status == 200, path
        shot(page, artifacts, f"analyst-page-{name}")
        assert page.problems == [], (path, page.problems)
