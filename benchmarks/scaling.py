"""Scaling of the ingest: the same corpus on 1 and 2 workers, with the corpus layer's processes
(``marsad ingest --workers N``) and with Dask (``--dask local:N``), and the ratios.

    python benchmarks/scaling.py [DATA] [--docs 5000] [--workers 1,2] [--backends mp,dask] [--repeat 1]

DATA defaults to ../shared/data/saudinewsnet (read only; nothing is copied into the repository). With
``--docs N`` the corpus is N distinct documents built in a temporary JSON Lines file from DATA's
articles: the articles themselves (one of each text), then as many more as needed, each the title
and every other sentence of one article woven with the other sentences of another (distinct texts,
so that they are analysed rather than linked as copies, each about as long as a real article).
``--docs 0`` reads DATA as it is.

Each run ingests into a fresh temporary store in its own process, as a user does; for Dask the cluster
start is measured apart (the client then connects to a running cluster, as ``--dask ADDRESS`` does),
and each worker loads the pipeline within the run. Printed per run: documents read / analysed,
seconds, documents/s, CPU milliseconds per document (all processes; the main process; the workers),
peak memory of the main process and of the largest worker (sampled), the rebuild of the
cross-document layer at the end (in the seconds), and the load average of the machine at the start and
the end. Then, from the fastest run of each configuration: the ratio of 2 workers to 1 per backend
(target >= 1.7) and Dask against the processes at each worker count (target >= 0.9 at 2). On a machine
shared with other work the wall-clock ratios are bounded by the cores actually free: read them against
the load average, and use ``--repeat``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "saudinewsnet"


# ---- the corpus ---------------------------------------------------------------------------------


def build_corpus(data: str, n: int, out: str) -> int:
    """Write ``n`` distinct documents made from the articles under ``data`` to ``out`` (JSON Lines):
    the articles (one of each text), then mixes of two: the title and the odd sentences of one with
    the even sentences of another, so that no two are copies (exact or near) and each is about as
    long as an article."""
    sys.path.insert(0, str(REPO))
    from marsad.corpus.dedup import content_hash
    from marsad.corpus.readers import iter_documents
    from marsad.schema import Document

    seen, articles = set(), []
    for d in iter_documents([data]):
        if isinstance(d, Document) and content_hash(d.text) not in seen:
            seen.add(content_hash(d.text))
            body = d.text[len(d.title):] if d.title and d.text.startswith(d.title) else d.text
            sentences = [x.strip() for x in _SENTENCE_RE.split(body) if x.strip()]
            articles.append((d, sentences))
    if not articles:
        raise SystemExit(f"no documents under {data}")
    from marsad.corpus import dedup

    index, mixable = dedup.NearIndex(), []  # articles that are no near copy of another, to mix
    for n_article, (d, sentences) in enumerate(articles):
        _n, sig = dedup.signature(dedup.folded_words(d.text))
        if sig is not None and index.find(sig) is None and len(sentences) >= 6:
            index.add(str(n_article), sig)
            mixable.append((d, sentences))
    written = 0
    with open(out, "w", encoding="utf-8") as fh:
        for k in itertools.count():
            if written >= n:
                break
            if k < len(articles):
                doc, text, doc_id = articles[k][0], articles[k][0].text, f"a{k}"
            else:
                m = k - len(articles)
                i, step = m % len(mixable), 1 + m // len(mixable)
                j = (i + step * 7919) % len(mixable)
                if j == i:
                    continue
                (doc, a), (_other, b) = mixable[i], mixable[j]
                size = min(len(a), len(b))  # as much of each
                mixed = [x for pair in itertools.zip_longest(a[0:size:2], b[1:size:2]) for x in pair if x]
                text = "\n".join([doc.title or a[0], *mixed])
                doc_id = f"m{step}-{i}-{j}"
            rec = {"id": doc_id, "text": text, "published": doc.published, "source": doc.source}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written


_SENTENCE_RE = re.compile(r"(?<=[.!?؟])\s+|\n+")


# ---- one run (in its own process) ---------------------------------------------------------------


class MemorySampler:
    """Peak resident memory of this process's descendants, sampled every ``every`` seconds."""

    def __init__(self, every: float = 0.25):
        import psutil

        self.psutil = psutil
        self.every = every
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = self.psutil.Process()
        while not self._stop.wait(self.every):
            try:
                kids = me.children(recursive=True)
            except self.psutil.Error:
                continue
            for p in kids:
                try:
                    name = " ".join(p.cmdline()[-3:])
                    if "resource_tracker" in name:
                        continue
                    rss = p.memory_info().rss
                except self.psutil.Error:
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _cpu_self() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _cpu_children() -> float:
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ch.ru_utime + ch.ru_stime


def _dask_workers_cpu(client) -> float:
    def cpu():
        import psutil

        t = psutil.Process().cpu_times()
        return t.user + t.system

    return sum(client.run(cpu).values())


def child(backend: str, workers: int, data: str, db: str, limit: int | None) -> dict:
    sys.path.insert(0, str(REPO))
    from marsad.corpus.readers import iter_documents
    from marsad.corpus.store import Store

    store = Store.open(db)
    docs = iter_documents([data])
    if limit:
        docs = itertools.islice(docs, limit)
    startup = 0.0
    cluster = client = None
    if backend == "dask":
        from marsad.scale.runner import DaskIngester, connect

        t = time.perf_counter()
        client, cluster = connect(f"local:{workers}")  # as `--dask local:N` starts it
        startup = time.perf_counter() - t
        ing = DaskIngester(store, dask=client)
        w0 = _dask_workers_cpu(client)
    else:
        from marsad.corpus.ingest import Ingester

        ing = Ingester(store, workers=workers)
    rebuild = [0.0]
    plain_rebuild = ing.rebuild

    def timed_rebuild():
        t = time.perf_counter()
        plain_rebuild()
        rebuild[0] += time.perf_counter() - t

    ing.rebuild = timed_rebuild
    load0 = os.getloadavg()[0]
    main0, kids0 = _cpu_self(), _cpu_children()
    with MemorySampler() as mem:
        t = time.perf_counter()
        s = ing.run(docs)
        seconds = time.perf_counter() - t
    main_cpu = _cpu_self() - main0
    if client is not None:
        workers_cpu = _dask_workers_cpu(client) - w0
        client.close()
        cluster.close()
    else:
        workers_cpu = _cpu_children() - kids0
    load1 = os.getloadavg()[0]
    analysed = store.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    store.close()
    n = max(1, s.seen)
    return {
        "backend": backend, "workers": workers, "read": s.seen, "analysed": analysed,
        "failed": s.failed, "seconds": round(seconds, 2), "rebuild_s": round(rebuild[0], 2),
        "cluster_start_s": round(startup, 2), "docs_per_s": round(s.seen / seconds, 2),
        "cpu_ms": round(1000 * (main_cpu + workers_cpu) / n, 2), "main_cpu_ms": round(1000 * main_cpu / n, 2),
        "workers_cpu_ms": round(1000 * workers_cpu / n, 2),
        "peak_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_worker_mb": round(max(mem.peak.values(), default=0) / 2**20),
        "load_start": round(load0, 2), "load_end": round(load1, 2),
    }


# ---- the table ----------------------------------------------------------------------------------

HEAD = (f"{'backend':<7} {'workers':>7} {'read':>6} {'analysed':>8} {'seconds':>8} {'docs/s':>7} "
        f"{'CPU ms/doc':>10} {'main':>6} {'workers':>7} {'rebuild s':>9} {'start s':>7} {'main MB':>7} "
        f"{'worker MB':>9} {'load avg':>11}")


def row(r: dict) -> str:
    return (f"{r['backend']:<7} {r['workers']:>7} {r['read']:>6} {r['analysed']:>8} {r['seconds']:>8.1f} "
            f"{r['docs_per_s']:>7.1f} {r['cpu_ms']:>10.1f} {r['main_cpu_ms']:>6.1f} {r['workers_cpu_ms']:>7.1f} "
            f"{r['rebuild_s']:>9.1f} {r['cluster_start_s']:>7.1f} {r['peak_main_mb']:>7} {r['peak_worker_mb']:>9} "
            f"{r['load_start']:>5.2f}-{r['load_end']:<5.2f}")


def wait_for_load(limit: float, max_wait: float) -> float:
    """Seconds waited for the 1-minute load average to fall below ``limit`` (at most ``max_wait``)."""
    t = time.monotonic()
    while os.getloadavg()[0] >= limit and time.monotonic() - t < max_wait:
        time.sleep(5)
    return time.monotonic() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--docs", type=int, default=5000, help="documents in the corpus built from DATA (0: DATA as it is)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--backends", default="mp,dask", help="mp (the corpus layer's processes), dask, or both")
    ap.add_argument("--limit", type=int, default=None, help="read at most N documents")
    ap.add_argument("--repeat", type=int, default=1, help="run every configuration R times (interleaved)")
    ap.add_argument("--wait-load", type=float, default=None, metavar="L",
                    help="before each run, wait (up to --max-wait seconds) for the 1-minute load average to fall below L")
    ap.add_argument("--max-wait", type=float, default=900.0, metavar="S")
    ap.add_argument("--child", nargs=3, metavar=("BACKEND", "WORKERS", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.data, args.child[2], args.limit)))
        return 0
    if not Path(args.data).exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    counts = [int(w) for w in args.workers.split(",")]
    backends = args.backends.split(",")
    results: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if args.docs:
            data = os.path.join(tmp, "corpus.jsonl")
            made = build_corpus(args.data, args.docs, data)
            what = f"{made} documents built from {args.data}"
        else:
            what = str(args.data)
        print(f"corpus: {what}{f' (first {args.limit})' if args.limit else ''}; {os.cpu_count()} cores; "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(HEAD)
        for _ in range(args.repeat):
            for backend in backends:
                for n in counts:
                    if args.wait_load is not None:
                        waited = wait_for_load(args.wait_load, args.max_wait)
                        if waited >= 1:
                            print(f"  (waited {waited:.0f} s for the load average to fall below {args.wait_load:g}: "
                                  f"{os.getloadavg()[0]:.2f})", flush=True)
                    cmd = [sys.executable, __file__, data, "--child", backend, str(n), os.path.join(tmp, "s.db")]
                    if args.limit:
                        cmd += ["--limit", str(args.limit)]
                    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
                    for f in Path(tmp).glob("s.db*"):
                        f.unlink()
                    if out.returncode != 0:
                        print(f"{backend} {n}: failed\n{out.stderr[-2000:]}", file=sys.stderr)
                        continue
                    r = json.loads(out.stdout.strip().splitlines()[-1])
                    results.setdefault((backend, n), []).append(r)
                    print(row(r), flush=True)
    best = {k: min(v, key=lambda r: r["seconds"]) for k, v in results.items()}
    if args.repeat > 1:
        print("fastest run of each configuration (median seconds of the runs in brackets):")
        for k, r in best.items():
            print(row(r) + f"  [{statistics.median(x['seconds'] for x in results[k]):.1f} s]")
    for backend in backends:
        one = best.get((backend, counts[0]))
        for n in counts[1:]:
            r = best.get((backend, n))
            if one and r:
                print(f"{backend}: {n} workers / {counts[0]} = {one['seconds'] / r['seconds']:.2f}x by wall clock "
                      f"(target >= 1.7x for 2 / 1); CPU per document {one['cpu_ms']:.1f} -> {r['cpu_ms']:.1f} ms "
                      f"({r['cpu_ms'] / one['cpu_ms']:.2f}x the work); load average {r['load_start']:.2f}-{r['load_end']:.2f}")
    if "mp" in backends and "dask" in backends:
        for n in counts:
            a, b = best.get(("mp", n)), best.get(("dask", n))
            if a and b:
                print(f"dask / processes at {n} workers: {a['seconds'] / b['seconds']:.2f}x the speed"
                      f"{' (target >= 0.9)' if n == 2 else ''}")
    print(f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
