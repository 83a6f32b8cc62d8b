"""Load test of `marsad serve` over real HTTP on 127.0.0.1.

Builds a store of N documents (the examples/ articles analysed once by the real pipeline, then copied
with distinct ids, dates and texts and inserted through the store API), starts `marsad serve` on a free
loopback port in a subprocess, runs a bounded loop of requests from a few concurrent clients (httpx,
one thread each) against the document, events and search endpoints, prints requests/s, p50/p99
latency per endpoint and the error count, then stops the server.

    python benchmarks/load_serve.py [--docs 2000] [--clients 4] [--seconds 20] [--max-requests 20000]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.corpus.crossdoc import rebuild  # noqa: E402
from marsad.corpus.readers import iter_documents  # noqa: E402
from marsad.corpus.store import DocRecord, Store  # noqa: E402

SEARCH_WORDS = ["القاهرة", "وزير", "الخارجية", "اجتماع", "النفط", "الرياض", "مباحثات", "الاحتجاجات", "غزة", "عمان"]


def build(path: str, n_docs: int) -> tuple[list[str], int]:
    """A store of ``n_docs`` documents; returns their ids and the number of events."""
    from marsad.pipeline import load

    pipeline = load()
    docs = [d for d in iter_documents([str(ROOT / "examples")]) if hasattr(d, "text")]
    if not docs:
        raise SystemExit("no example articles under examples/")
    base = [pipeline.run(d).to_dict() for d in docs]
    items, ids, events = [], [], 0
    start = date(2023, 1, 1)
    for i in range(n_docs):
        a = copy.deepcopy(base[i % len(base)])
        d = a["document"]
        day = (start + timedelta(days=i // 5)).isoformat()
        d["id"] = f"{d['id']}-{i}"
        d["published"], d["published_source"] = day, "given"
        d["text"] = d["text"] + f"\nرقم {i}\n"  # distinct texts (no deduplication); offsets unchanged
        for ev in a["events"]:
            if ev.get("date") and len(ev["date"]) == 10:
                ev["date"] = day
        events += len(a["events"])
        h = hashlib.sha1(d["text"].encode()).hexdigest()
        items.append((DocRecord(id=d["id"], text=d["text"], content_hash=h, title=d.get("title"), published=day,
                                published_source="given", source=d.get("source")), a))
        ids.append(d["id"])
    with Store.open(path) as store:
        for i in range(0, len(items), 500):
            store.add_batch(items[i:i + 500])
        rebuild(store)
    return ids, events


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("MARSAD_TOKEN", None)
    return subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def requests_for(ids: list[str], rnd: random.Random) -> tuple[str, str]:
    """(endpoint name, URL path) of the next request: a mix of document, events and search."""
    k = rnd.random()
    if k < 0.35:
        return "document", f"/api/documents/{rnd.choice(ids)}"
    if k < 0.50:
        return "documents list", f"/api/documents?limit=50&offset={rnd.randrange(0, len(ids))}"
    if k < 0.65:
        return "events", f"/api/events?limit=50&offset={rnd.randrange(0, 500)}"
    if k < 0.80:
        day = date(2023, 1, 1) + timedelta(days=rnd.randrange(0, 400))
        return "events filtered", (f"/api/events?since={day.isoformat()}&until={(day + timedelta(days=30)).isoformat()}"
                                   f"&limit=50")
    return "search", f"/api/search?q={rnd.choice(SEARCH_WORDS)}"


def load(base: str, ids: list[str], clients: int, seconds: float, max_requests: int) -> tuple[dict, int, float]:
    import httpx

    lat: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    count = [0]
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < stop_at:
                with lock:
                    if count[0] >= max_requests:
                        return
                    count[0] += 1
                name, url = requests_for(ids, rnd)
                t = time.perf_counter()
                try:
                    r = http.get(url)
                    ok = r.status_code == 200
                    why = f"{url}: HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{url}: {type(exc).__name__}: {exc}"
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat[name].append(ms)
                    if not ok:
                        errors.append(why)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        print(f"first errors: {errors[:5]}")
    return lat, len(errors), elapsed


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "load.db")
        t0 = time.perf_counter()
        ids, events = build(db, args.docs)
        print(f"store: {len(ids)} documents, {events} events (built in {time.perf_counter() - t0:.1f} s)")
        port = free_port()
        proc = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, proc)
            lat, errors, elapsed = load(base, ids, args.clients, args.seconds, args.max_requests)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        total = sum(len(v) for v in lat.values())
        print(f"{args.clients} clients, {elapsed:.1f} s: {total} requests, {total / elapsed:.1f} requests/s, "
              f"{errors} errors")
        print(f"{'endpoint':18} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for name in sorted(lat):
            xs = lat[name]
            print(f"{name:18} {len(xs):8d} {len(xs) / elapsed:7.1f} {statistics.median(xs):8.1f} {pct(xs, 99):8.1f} "
                  f"{max(xs):8.1f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
