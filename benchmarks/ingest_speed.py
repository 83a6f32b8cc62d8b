"""Ingest throughput: documents/s with 1 and 2 workers, and peak memory, on SaudiNewsNet.

    python benchmarks/ingest_speed.py [DATA_DIR] [--workers 1,2] [--limit N]

DATA_DIR defaults to ../shared/data/saudinewsnet (read only; nothing is copied). Each run ingests
into a fresh temporary store in its own process (so the pipeline load time is included, as it is
for a user) and prints: documents read, added, duplicates, seconds, documents/s, peak resident
memory of the main process and of the largest worker.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "saudinewsnet"


def text_only_pipeline():
    """Only the text stage: measures the corpus layer (reading, dedup, store, cross-document)."""
    from marsad.pipeline import Pipeline
    from marsad.text.stage import TextStage

    return Pipeline([TextStage()])


def child(data: str, workers: int, db: str, limit: int | None, text_only: bool = False) -> None:
    sys.path.insert(0, str(REPO))
    from marsad.corpus.ingest import Ingester
    from marsad.corpus.readers import iter_documents
    from marsad.corpus.store import Store

    store = Store.open(db)
    docs = iter_documents([data])
    if limit:
        docs = itertools.islice(docs, limit)
    t = time.perf_counter()
    factory = text_only_pipeline if text_only else None
    s = Ingester(store, workers=workers, pipeline_factory=factory).run(docs)
    seconds = time.perf_counter() - t
    store.close()
    print(json.dumps({
        "workers": workers, "read": s.seen, "added": s.added, "duplicates": s.duplicates_total,
        "failed": s.failed, "skipped": sum(s.skipped.values()), "seconds": round(seconds, 2),
        "docs_per_s": round(s.seen / seconds, 1),
        "peak_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--limit", type=int, default=None, help="read at most N documents")
    ap.add_argument("--text-only", action="store_true",
                    help="analyse with the text stage only (the corpus layer's own cost)")
    ap.add_argument("--child", nargs=2, metavar=("WORKERS", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.data, int(args.child[0]), args.child[1], args.limit, args.text_only)
        return 0
    if not Path(args.data).exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"ingest speed on {args.data}" + (f" (first {args.limit} documents)" if args.limit else "")
          + (" [text stage only]" if args.text_only else "") + f"; {os.cpu_count()} cores, load average {load:.1f} at start")
    for w in [int(x) for x in args.workers.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, __file__, args.data, "--child", str(w), str(Path(tmp) / "bench.db")]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            if args.text_only:
                cmd.append("--text-only")
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"workers={r['workers']}: {r['read']} documents read, {r['added']} added, {r['duplicates']} "
                  f"duplicates, {r['failed']} failed, {r['skipped']} skipped in {r['seconds']} s = "
                  f"{r['docs_per_s']} documents/s; peak memory main {r['peak_main_mb']} MB, "
                  f"largest worker {r['peak_worker_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
