"""Where an ingest's time goes: CPU seconds per document of every process, and a profile of the
ingest's own thread in the main process (reading, deduplication, waiting, receiving, writing).

    python benchmarks/profile_ingest.py [DATA] [--backend mp|dask] [--workers N] [--limit N] [--top N]

DATA defaults to ../shared/data/saudinewsnet (read only). Prints, per document: the CPU of the main
process split into its ingest thread and its other threads (for Dask: the client's and the local
scheduler's event loop), the CPU of the workers, and the main thread's cProfile grouped by what the
time is spent on, then the top functions by own time. For the workers' side run py-spy on them
(``py-spy record --subprocesses -- python benchmarks/profile_ingest.py …``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "saudinewsnet"

# (label, a function name or file fragment whose cumulative time counts under the label), first match wins
GROUPS = [
    ("store writes (add_batch)", "add_batch"),
    ("deduplication (classify)", "classify"),
    ("reading (iter_documents)", "iter_documents"),
    ("receiving results (unpickle)", "loads"),
    ("waiting for workers", "result"),
    ("submitting tasks", "_submit"),
    ("cross-document rebuild", "rebuild"),
    ("cluster start", "_start"),
]


def worker_cpu(client) -> float:
    import psutil

    def cpu():
        t = psutil.Process().cpu_times()
        return t.user + t.system

    return sum(client.run(cpu).values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--backend", choices=["mp", "dask"], default="dask")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--no-profile", action="store_true", help="CPU per process only (no cProfile overhead)")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    import psutil

    from marsad.corpus.readers import iter_documents
    from marsad.corpus.store import Store

    tmp = tempfile.mkdtemp()
    store = Store.open(os.path.join(tmp, "p.db"))
    docs = itertools.islice(iter_documents([args.data]), args.limit)
    client = cluster = None
    if args.backend == "dask":
        from marsad.scale.runner import DaskIngester, connect

        client, cluster = connect(f"local:{args.workers}")
        ing = DaskIngester(store, dask=client)
        w0 = worker_cpu(client)
    else:
        from marsad.corpus.ingest import Ingester

        ing = Ingester(store, workers=args.workers)
    me = psutil.Process()
    c0, th0, t0 = sum(me.cpu_times()[:2]), time.thread_time(), time.perf_counter()
    ch0 = me.cpu_times().children_user + me.cpu_times().children_system
    prof = cProfile.Profile()
    if not args.no_profile:
        prof.enable()
    s = ing.run(docs)
    prof.disable()
    wall = time.perf_counter() - t0
    thread = time.thread_time() - th0
    main_cpu = sum(me.cpu_times()[:2]) - c0
    if client is not None:
        workers = worker_cpu(client) - w0
        client.close()
        cluster.close()
    else:
        workers = me.cpu_times().children_user + me.cpu_times().children_system - ch0
    n = max(1, s.seen)
    analysed = store.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    print(f"{args.backend}, {args.workers} workers: {s.seen} documents ({analysed} analysed) in {wall:.1f} s, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  CPU ms per document: main process {1000 * main_cpu / n:.1f} (ingest thread {1000 * thread / n:.1f}, "
          f"other threads {1000 * (main_cpu - thread) / n:.1f}), workers {1000 * workers / n:.1f}"
          f"{' (in the main process)' if args.backend == 'mp' and args.workers == 1 else ''}")
    if args.no_profile:
        store.close()
        return 0
    st = pstats.Stats(prof)
    stats = st.stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    print("  main thread by activity (cumulative ms per document, under cProfile):")
    for label, key in GROUPS:
        ct = max((v[3] for k, v in stats.items() if k[2] == key or (key in k[2] and key == "loads")), default=0.0)
        print(f"    {label:<32} {1000 * ct / n:7.2f}")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
