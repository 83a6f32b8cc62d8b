"""What the browser tests share: a live server on a store, Debian's Chromium driven by Playwright
(never a downloaded browser), pages that fail on any script error or request outside the server,
and screenshots."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = expect = None

SKIPS = [
    pytest.mark.skipif(sync_playwright is None, reason="the playwright Python package is not installed "
                                                       "(pip install playwright; the browser is Debian's chromium)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install -y chromium, "
                                                           "or set MARSAD_CHROMIUM)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(db: str):
    """The web app on ``db`` at http://127.0.0.1:<free port>, in a thread."""
    import uvicorn

    from marsad.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(db, allowed_hosts=["127.0.0.1"]), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@contextlib.contextmanager
def browser(base_url: str, locale: str = "en-US"):
    """A Chromium context that records every request outside ``base_url`` (``ctx.outside``);
    ``ctx.other(locale)`` opens another context of the same browser, for another language."""
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        outside: list[str] = []

        def watch(request):
            if not (request.url.startswith(base_url + "/") or request.url.startswith("data:")):
                outside.append(request.url)

        def context(lang: str):
            ctx = chromium.new_context(viewport={"width": 1300, "height": 900}, locale=lang, timezone_id="UTC")
            ctx.set_default_timeout(10_000)
            ctx.on("request", watch)
            ctx.outside = outside
            ctx.other = context
            return ctx

        try:
            yield context(locale)
        finally:
            chromium.close()


@contextlib.contextmanager
def watched_page(ctx):
    """A page whose script errors, console errors and dialogs are kept (``page.problems``,
    ``page.dialogs``); at the end no dialog opened and nothing was requested elsewhere."""
    pg = ctx.new_page()
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
    assert ctx.outside == [], f"requests outside the server: {ctx.outside}"
    pg.close()


def shot(page, folder: Path, name: str, full_page: bool = True) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path


def boxes(page, selector: str) -> list[dict]:
    """Bounding boxes (in the page) of the elements matching ``selector`` that are shown."""
    return page.eval_on_selector_all(selector, """els => els.filter(e => {
        const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
    }).map(e => { const r = e.getBoundingClientRect();
                  return {x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent}; })""")


def overlapping(bs: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(bs):
        for b in bs[i + 1:]:
            if (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
                    and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"]):
                out.append((a["text"], b["text"]))
    return out
