"""Web latency on a store of N documents: every page of the interface (and the API call the network
page makes, and the downloads) timed through the ASGI app, no network.

    python benchmarks/web_api.py [--docs 5000] [--repeat 20] [--db FILE] [--keep]

The store is built from generated documents (tests/web/_generated.py: text made from templates, 20
states and over 100 actors with their codes, two years of dates, historical outliers, announced and
reported meetings), or read from ``--db`` (any Marsad store, for instance one ingested from
SaudiNewsNet: ``marsad ingest ../shared/data/saudinewsnet/*.jsonl --db sn.db``). Each URL is asked
once first (the first request after the store changes also reads what the pages keep in memory),
then ``--repeat`` times; prints p50, p95 and the largest time per URL in milliseconds, the answer's
size, and whether p95 is within the 300 ms a page may take; and the p95 of the CPU time each
request took (which, unlike the wall-clock time, does not grow when other programs load the
machine). The machine's load is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "web"))

from _generated import build_store  # noqa: E402  (the web tests' generated corpus)

BUDGET_MS = 300.0


def pages(client) -> list[tuple[str, str]]:
    """(what, URL) of every page, with ids taken from the store."""
    top = client.get("/api/entities?limit=1&sort=documents").json()["items"]
    actor = top[0]["id"] if top else "nobody"
    described = client.get("/api/entities?limit=1&q=A:").json()["items"]
    stories = client.get("/api/stories?limit=200").json()["items"]
    story = max(stories, key=lambda s: s["n_documents"])["id"] if stories else "none"
    doc = client.get("/api/documents?limit=1").json()["items"][0]["id"]
    links = client.get("/api/timeline?limit=1&order=desc").json()["items"]
    day = (links[0]["day"] or "2024-06-01") if links else "2024-06-01"
    month = day[:8] + "01"
    out = [
        ("home", "/"), ("document", f"/documents/{quote(doc, safe='')}"),
        ("events", "/events"), ("events sorted by source", "/events?sort=source"),
        ("events, country and sector", "/events?country=IRQ&sector=COP"), ("events, threshold 0.8", "/events?min_confidence=0.8"),
        ("timeline", "/timeline"), ("timeline by country", "/timeline?lanes=country"),
        ("timeline by type", "/timeline?lanes=type"), ("timeline, one month", f"/timeline?since={month}&until={day}"),
        ("timeline of an actor", f"/timeline?actor={quote(actor, safe='')}"),
        ("network page", "/network"), ("network data (/api/network)", "/api/network"),
        ("network data, country", "/api/network?country=IRQ"),
        ("entities", "/entities"), ("actor page", f"/entities/{quote(actor, safe='')}"),
        ("stories", "/stories"), ("story page", f"/stories/{story}"),
        ("search", "/search?q=" + quote("الأمن")), ("API description", "/api"),
        ("home, Arabic", "/?lang=ar"), ("timeline, Arabic", "/timeline?lang=ar"),
    ]
    if described:
        out.insert(16, ("described actor page", f"/entities/{quote(described[0]['id'], safe='')}"))
    return out


API = [("GET /api/events", "/api/events?limit=50&order=desc"), ("GET /api/timeline", "/api/timeline?limit=50"),
       ("GET /api/entities", "/api/entities?limit=50"), ("GET /api/stats", "/api/stats")]
DOWNLOADS = [("download CSV (all events)", "/api/events.csv"), ("download JSON (all events)", "/api/events.json")]


def measure(client, url: str, repeat: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds of each request (CPU time: this process, all its threads; it
    does not grow when other programs load the machine, wall-clock time does)."""
    times, cpu, size = [], [], 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
        size = len(r.content)
    return times, cpu, size


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000, help="generated documents (default 5000)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db", help="an existing store instead of a generated one")
    ap.add_argument("--keep", metavar="FILE", help="keep the generated store in FILE")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from marsad.web.app import create_app
    from marsad.web.queries import Queries, open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if not db:
            db = args.keep or str(Path(tmp) / "bench.db")
            if os.path.exists(db):
                os.remove(db)
            t0 = time.perf_counter()
            build_store(db, args.docs)
            print(f"generated {args.docs} documents in {time.perf_counter() - t0:.1f} s")
        store = open_store(db)
        stats = Queries(store).stats()
        store.close()
        print(f"store: {stats['documents']} documents, {stats['events']} events, {stats['event_links']} event links, "
              f"{stats['entities']} entities, {stats['stories']} stories")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        client = TestClient(create_app(db))
        t = time.perf_counter()
        client.get("/timeline")
        print(f"first request after opening (reads what the pages keep in memory): {(time.perf_counter() - t) * 1000:.0f} ms")
        over = []
        for title, rows in (("pages", pages(client)), ("API", API), ("downloads (not pages)", DOWNLOADS)):
            print(f"\n{title}\n{'':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8} {'KB':>7}")
            for name, url in rows:
                client.get(url)  # first ask
                times, cpu, size = measure(client, url,
                                           args.repeat if title != "downloads (not pages)" else max(3, args.repeat // 5))
                q95 = p95(times)
                flag = ""
                if title == "pages":
                    flag = "ok" if q95 <= BUDGET_MS else "OVER 300 ms"
                    if q95 > BUDGET_MS:
                        over.append(name)
                print(f"{name:34} {statistics.median(times):8.1f} {q95:8.1f} {max(times):8.1f} {p95(cpu):8.1f} "
                      f"{size / 1024:7.0f}  {flag}")
        print(f"\npages over {BUDGET_MS:.0f} ms at p95: {', '.join(over) if over else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
