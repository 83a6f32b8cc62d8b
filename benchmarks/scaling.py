"""Scaling of the ingest: the same corpus on 1 and 2 workers, with the corpus layer's processes
(``marsad ingest --workers N``) and with Dask (``--dask local:N``), and the ratio.

    python benchmarks/scaling.py [DATA] [--workers 1,2] [--backends mp,dask] [--limit N]

DATA defaults to ../shared/data/saudinewsnet (read only; nothing is copied). Each run ingests into a
fresh temporary store in its own process, so every run pays the pipeline load as a user does; for
Dask the cluster start is measured apart (the client then connects to a running cluster, as
``--dask ADDRESS`` does). Printed per run: documents read / analysed / duplicates, seconds,
documents/s (read and analysed), CPU seconds of all processes, peak memory, the load average of the
machine; then the ratio of 2 workers to 1 per backend (target >= 1.7). On a machine shared with other
work the wall-clock ratio is bounded by the cores actually free: the load average is printed so that
the figures can be read against it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "saudinewsnet"


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, ch.ru_utime + ch.ru_stime


def child(backend: str, workers: int, data: str, db: str, limit: int | None) -> dict:
    sys.path.insert(0, str(REPO))
    from marsad.corpus.readers import iter_documents
    from marsad.corpus.store import Store

    store = Store.open(db)
    docs = iter_documents([data])
    if limit:
        docs = itertools.islice(docs, limit)
    load0 = os.getloadavg()[0]
    startup = 0.0
    cluster = client = None
    if backend == "dask":
        from marsad.scale.runner import DaskIngester, connect

        t = time.perf_counter()
        client, cluster = connect(f"local:{workers}")  # as `--dask local:N` starts it
        startup = time.perf_counter() - t
        ing = DaskIngester(store, dask=client)
    else:
        from marsad.corpus.ingest import Ingester

        ing = Ingester(store, workers=workers)
    cpu0 = _cpu()
    t = time.perf_counter()
    s = ing.run(docs)
    seconds = time.perf_counter() - t
    if client is not None:
        client.close()
        cluster.close()
    main_cpu, workers_cpu = (b - a for a, b in zip(cpu0, _cpu(), strict=True))
    analysed = store.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    store.close()
    return {
        "backend": backend, "workers": workers, "read": s.seen, "analysed": analysed,
        "duplicates": s.duplicates_total, "failed": s.failed, "seconds": round(seconds, 2),
        "cluster_start_s": round(startup, 2), "docs_per_s": round(s.seen / seconds, 2),
        "analysed_per_s": round(analysed / seconds, 2), "cpu_s": round(main_cpu + workers_cpu, 1),
        "main_cpu_s": round(main_cpu, 1), "workers_cpu_s": round(workers_cpu, 1),
        "peak_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "load_start": round(load0, 1), "load_end": round(os.getloadavg()[0], 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--backends", default="mp,dask", help="mp (the corpus layer's processes), dask, or both")
    ap.add_argument("--limit", type=int, default=None, help="read at most N documents")
    ap.add_argument("--child", nargs=3, metavar=("BACKEND", "WORKERS", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.data, args.child[2], args.limit)))
        return 0
    if not Path(args.data).exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    counts = [int(w) for w in args.workers.split(",")]
    results: dict[tuple[str, int], dict] = {}
    print(f"corpus {args.data}{f' (first {args.limit} documents)' if args.limit else ''}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'backend':<6} {'workers':>7} {'read':>6} {'analysed':>8} {'seconds':>8} {'docs/s':>7} "
          f"{'analysed/s':>10} {'CPU s':>7} {'main CPU':>8} {'wrk CPU':>7} {'start s':>7} {'main MB':>7} "
          f"{'worker MB':>9} {'load':>9}")
    for backend in args.backends.split(","):
        for n in counts:
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [sys.executable, __file__, args.data, "--child", backend, str(n), os.path.join(tmp, "s.db")]
                if args.limit:
                    cmd += ["--limit", str(args.limit)]
                out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                print(f"{backend} {n}: failed\n{out.stderr[-2000:]}", file=sys.stderr)
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results[(backend, n)] = r
            print(f"{backend:<6} {n:>7} {r['read']:>6} {r['analysed']:>8} {r['seconds']:>8.1f} {r['docs_per_s']:>7.1f} "
                  f"{r['analysed_per_s']:>10.1f} {r['cpu_s']:>7.1f} {r['main_cpu_s']:>8.1f} {r['workers_cpu_s']:>7.1f} "
                  f"{r['cluster_start_s']:>7.1f} "
                  f"{r['peak_main_mb']:>7} {r['peak_worker_mb']:>9} {r['load_start']:>4}-{r['load_end']:<4}", flush=True)
    for backend in args.backends.split(","):
        one = results.get((backend, counts[0]))
        for n in counts[1:]:
            r = results.get((backend, n))
            if one and r:
                # What n free cores would give: the busiest process sets the pace (main process, or
                # the workers' CPU shared evenly, or all of it spread over the n cores), against the
                # same for the first run (one core: all its CPU time, in series).
                def pace(x, k):
                    return max(x["main_cpu_s"], x["workers_cpu_s"] / k, x["cpu_s"] / k)

                pace_n, base = pace(r, n), pace(one, counts[0])
                print(f"{backend}: {n} workers / {counts[0]} = {one['seconds'] / r['seconds']:.2f}x by wall clock "
                      f"(target >= 1.7x for 2 / 1); {base / pace_n:.2f}x projected on {n} free cores from CPU time "
                      f"(CPU {one['cpu_s']:.0f} s -> {r['cpu_s']:.0f} s: {r['cpu_s'] / one['cpu_s']:.2f}x the work)")
    if ("mp", counts[0]) in results and ("dask", counts[0]) in results:
        for n in counts:
            a, b = results.get(("mp", n)), results.get(("dask", n))
            if a and b:
                print(f"dask / processes at {n} workers: {a['seconds'] / b['seconds']:.2f}x the speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
