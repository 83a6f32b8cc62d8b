"""Throughput of each pipeline stage and of the whole pipeline on one core, and peak memory.

    python benchmarks/throughput.py [--data ../shared/data/saudinewsnet] [--limit N]

Prints documents/s and tokens/s per stage and in all, and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.corpus.readers import ReadProblem, iter_documents  # noqa: E402
from marsad.doc import Doc  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.text.tokens import WORD_RE  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "saudinewsnet"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not Path(args.data).exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    docs = [d for d in iter_documents([args.data]) if not isinstance(d, ReadProblem)]
    if args.limit:
        docs = docs[: args.limit]
    load_start = time.perf_counter()
    pipeline = Pipeline()
    pipeline.run(docs[0])  # loads lexicons and models
    load_s = time.perf_counter() - load_start
    stage_s = {getattr(s, "name", type(s).__name__): 0.0 for s in pipeline.stages}
    tokens = sum(len(WORD_RE.findall(d.text)) for d in docs)
    chars = sum(len(d.text) for d in docs)
    start = time.perf_counter()
    for d in docs:
        doc = Doc(document=d)
        for s in pipeline.stages:
            t = time.perf_counter()
            s(doc)
            stage_s[getattr(s, "name", type(s).__name__)] += time.perf_counter() - t
        doc.to_analysis()
    total = time.perf_counter() - start
    n = len(docs)
    print(f"documents {n}, tokens {tokens}, characters {chars} ({chars / n:.0f} per document); read in {load_start - t0:.1f}s")
    print(f"pipeline load + first document: {load_s:.2f}s")
    for name, s in stage_s.items():
        print(f"  stage {name:<9} {s:7.2f}s  {n / s if s else float('inf'):9.1f} docs/s  {tokens / s if s else float('inf'):10.0f} tokens/s")
    print(f"  whole pipeline  {total:7.2f}s  {n / total:9.1f} docs/s  {tokens / total:10.0f} tokens/s  (target >= 30 docs/s)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB (target <= 600 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
