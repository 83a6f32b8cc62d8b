"""Hostile documents render as text on every page and in the API; filters and search resist SQL
injection; strict headers; Host checking on a loopback server."""

from __future__ import annotations

import warnings
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.web.app import create_app

from .conftest import XSS_NAME, XSS_TITLE

XSS_ID = "L:PERSON:" + XSS_NAME


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.fixture(scope="module")
def client(web_db):
    return TestClient(create_app(web_db))


PAGES = ["/", "/documents/d-xss", "/events", "/events?type=ACCUSE", "/timeline", "/network", "/entities",
         "/entities/" + quote(XSS_ID, safe=""), "/stories", "/search?q=" + quote("الهجوم"), "/search?q=alert",
         "/?lang=ar", "/documents/d-xss?lang=ar", "/timeline?lang=ar"]


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_escaped_on_every_page(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    html = r.text
    for raw in ("<script>alert", "<img src=x", "<b>الهجوم</b>", "<i>"):
        assert raw not in html, (raw, path)
    for tag, attrs in tags(html):
        assert tag not in ("img", "iframe", "object", "embed", "b", "i"), (tag, attrs, path)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs, path)
        if tag == "script":  # only our files, or JSON data blocks (not executed)
            assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", attrs


def test_hostile_strings_are_shown_as_text(client):
    html = client.get("/documents/d-xss").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html  # the title, as text
    assert "&lt;b&gt;الهجوم&lt;/b&gt;" in html  # inside the quote highlight
    assert "\\u003cscript\\u003e" in html  # JSON data block: no way out of <script type=application/json>
    ent = client.get("/entities/" + quote(XSS_ID, safe="")).text
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in ent


def test_api_returns_hostile_strings_verbatim_as_json(client):
    r = client.get("/api/documents/d-xss")
    assert r.headers["content-type"].startswith("application/json")
    a = r.json()
    assert a["document"]["title"] == XSS_TITLE
    assert a["entities"][0]["name_ar"] == XSS_NAME
    e = client.get("/api/entities/" + quote(XSS_ID, safe="")).json()
    assert e["name_en"] == XSS_NAME and e["roles"] == [XSS_NAME]


def test_non_http_urls_are_not_links(web_db, tmp_path):
    import shutil

    from marsad.corpus.store import DocRecord, Store

    db = tmp_path / "u.db"
    shutil.copy(web_db, db)
    with Store.open(db) as store:
        store.add_batch([(DocRecord(id="js", text="نص", content_hash="h-js", url="javascript:alert(1)"), None)])
    html = TestClient(create_app(str(db))).get("/documents/js").text
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html


def test_security_headers(client):
    for path in ("/", "/api/documents", "/static/marsad.css", "/api/documents/nope"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_no_external_resources(client):
    """Every script, style, image and font comes from this server."""
    for path in PAGES:
        for tag, attrs in tags(client.get(path).text):
            for key in ("src",) + (("href",) if tag == "link" else ()):
                if key in attrs:
                    assert attrs[key].startswith("/"), (path, tag, attrs)
    css = client.get("/static/marsad.css").text
    assert "url(" not in css and "@import" not in css


INJECTIONS = ["' OR '1'='1", "x' OR 1=1 --", "\"; DROP TABLE documents; --", "1); DELETE FROM events; --",
              "%' OR 1=1 OR '%", "Q30' UNION SELECT id, text FROM documents --", "* OR stems: a", 'NEAR("a" "b")']


@pytest.mark.parametrize("bad", INJECTIONS)
def test_sql_injection_in_filters_and_search(client, bad):
    for param in ("actor", "story", "link", "doc"):
        r = client.get("/api/events", params={param: bad})
        assert r.status_code == 200 and r.json()["total"] == 0, (param, r.text)
    assert client.get("/api/timeline", params={"actor": bad}).json()["total"] == 0
    assert client.get("/api/network", params={"actor": bad}).json()["edges"] == []
    assert client.get("/api/documents", params={"story": bad}).json()["total"] == 0
    assert client.get("/api/documents", params={"source": bad}).json()["total"] == 0
    assert client.get("/api/entities", params={"q": bad}).json()["total"] == 0
    r = client.get("/api/entities", params={"country": bad[:10]})
    assert r.json()["total"] == 0
    assert client.get("/api/entities", params={"country": bad}).status_code == 422  # longer than a country code
    for param in ("type", "status", "since", "sort", "order"):
        assert client.get("/api/events", params={param: bad}).status_code in (400, 422)
    r = client.get("/api/search", params={"q": bad})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["total"] <= 1  # a real word in it ("a", "OR", "DELETE") may match; never everything
    assert client.get("/api/documents/" + quote(bad, safe="")).status_code == 404
    assert client.get("/api/entities/" + quote(bad, safe="")).status_code == 404
    assert client.get("/events", params={"actor": bad}).status_code == 200
    assert client.get("/search", params={"q": bad}).status_code == 200
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 5 and stats["events"] == 6  # nothing dropped or deleted


def test_store_is_opened_read_only(web_db):
    from marsad.web.queries import open_store

    store = open_store(web_db)
    try:
        with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
            store.conn.execute("DELETE FROM documents")
    finally:
        store.close()


def test_loopback_server_checks_the_host_header(web_db):
    c = TestClient(create_app(web_db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1:8000")
    assert c.get("/api/stats").status_code == 200
    assert c.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
    r = c.get("/api/stats", headers={"host": "evil.example:8000"})
    assert r.status_code == 400 and r.json()["error"] == "unknown Host header"


def test_scripts_never_build_html_from_strings():
    from pathlib import Path

    import marsad.web

    static = Path(marsad.web.__file__).parent / "static"
    for js in static.glob("*.js"):
        code = js.read_text("utf-8")
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert bad not in code, (js.name, bad)
    for tpl in (Path(marsad.web.__file__).parent / "templates").glob("*.html"):
        text = tpl.read_text("utf-8")
        assert "|safe" not in text and "style=" not in text and "<script>" not in text, tpl.name


def test_head_is_answered_like_get(client):
    r = client.head("/")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-security-policy"]
    assert client.head("/api/documents/nope").status_code == 404
