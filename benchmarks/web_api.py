"""Web API latency on a synthetic store: N copies of the web tests' hand-made documents (distinct
ids and dates), then each endpoint timed through the ASGI app (no network).

    python benchmarks/web_api.py [--docs 2000] [--repeat 20]

Prints documents, events, and the median and worst milliseconds per endpoint.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "web"))

from conftest import analyses  # noqa: E402  (the web tests' hand-made Analyses)

from marsad.corpus.crossdoc import rebuild  # noqa: E402
from marsad.corpus.store import DocRecord, Store  # noqa: E402

ENDPOINTS = [
    "/api/documents?limit=50", "/api/documents?limit=50&offset=1000", "/api/documents/{doc}",
    "/api/entities?limit=50", "/api/entities/Q15097208?limit=20", "/api/events?limit=50",
    "/api/events?type=CONSULT&status=scheduled&limit=50", "/api/events?actor=Blinken&limit=50",
    "/api/events?since=2024-06-01&until=2024-06-30&sort=confidence&order=desc", "/api/timeline?limit=50",
    "/api/network", "/api/stories?limit=50", "/api/search?q=القاهرة", "/", "/documents/{doc}", "/events",
    "/timeline", "/entities/Q15097208",
]


def build(path: str, n_docs: int) -> str:
    base = analyses()
    items = []
    start = date(2024, 1, 1)
    for i in range(n_docs):
        a = copy.deepcopy(base[i % len(base)])
        day = (start + timedelta(days=i // 7)).isoformat()
        d = a["document"]
        d["id"] = f"{d['id']}-{i}"
        d["published"] = day
        d["text"] = d["text"] + f"\nرقم {i}\n"  # distinct texts: no deduplication
        for ev in a["events"]:
            if ev.get("date") and len(ev["date"]) == 10:
                ev["date"] = day
        h = hashlib.sha1(d["text"].encode()).hexdigest()
        items.append((DocRecord(id=d["id"], text=d["text"], content_hash=h, title=d["title"], published=day,
                                published_source="given", source=d["source"]), a))
    with Store.open(path) as store:
        for i in range(0, len(items), 500):
            store.add_batch(items[i:i + 500])
        rebuild(store)
    return items[0][0].id


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from marsad.web.app import create_app
    from marsad.web.queries import Queries, open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        doc = build(db, args.docs)
        built = time.perf_counter() - t0
        store = open_store(db)
        stats = Queries(store).stats()
        store.close()
        print(f"store: {stats['documents']} documents, {stats['events']} events, {stats['entities']} entities, "
              f"{stats['event_links']} event links (built in {built:.1f} s)")
        client = TestClient(create_app(db))
        print(f"{'endpoint':70} {'median ms':>10} {'max ms':>8}")
        for ep in ENDPOINTS:
            url = ep.format(doc=doc)
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    print(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
                    return 1
            print(f"{url:70} {statistics.median(times):10.1f} {max(times):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
