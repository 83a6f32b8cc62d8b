"""Throughput of each pipeline stage and of the whole pipeline on one core, and peak memory.

    python benchmarks/throughput.py [--data ../shared/data/saudinewsnet] [--limit N]

Prints documents/s and tokens/s per stage and in all, and the peak RSS of the process. Then the
same figures by CPU time of this process (what one core does when the machine is shared: wall time
counts the time other processes held the core), the load average during the run, and the share of
each stage.
"""

from __future__ import annotations

import argparse
import os
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
    stage_cpu = dict.fromkeys(stage_s, 0.0)
    tokens = sum(len(WORD_RE.findall(d.text)) for d in docs)
    chars = sum(len(d.text) for d in docs)
    load_before = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), time.process_time()
    for d in docs:
        doc = Doc(document=d)
        for s in pipeline.stages:
            name = getattr(s, "name", type(s).__name__)
            t, c = time.perf_counter(), time.process_time()
            s(doc)
            stage_s[name] += time.perf_counter() - t
            stage_cpu[name] += time.process_time() - c
        doc.to_analysis()
    total = time.perf_counter() - start
    total_cpu = time.process_time() - cpu_start
    n = len(docs)
    print(f"documents {n}, tokens {tokens}, characters {chars} ({chars / n:.0f} per document); read in {load_start - t0:.1f}s")
    print(f"pipeline load + first document: {load_s:.2f}s")
    for name, s in stage_s.items():
        print(f"  stage {name:<9} {s:7.2f}s  {n / s if s else float('inf'):9.1f} docs/s  {tokens / s if s else float('inf'):10.0f} tokens/s")
    print(f"  whole pipeline  {total:7.2f}s  {n / total:9.1f} docs/s  {tokens / total:10.0f} tokens/s  (target >= 40 docs/s)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB (target <= 400 MB)")
    print(f"by CPU time of this process (load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end, "
          f"{os.cpu_count()} cores; wall/CPU {total / total_cpu:.2f}):")
    for name, c in stage_cpu.items():
        print(f"  stage {name:<9} {c:7.2f}s  {n / c if c else float('inf'):9.1f} docs/s  "
              f"{tokens / c if c else float('inf'):10.0f} tokens/s  {100 * c / total_cpu:5.1f}% of the pipeline")
    rest = total_cpu - sum(stage_cpu.values())
    print(f"  to_analysis     {rest:7.2f}s  {100 * rest / total_cpu:5.1f}% of the pipeline")
    print(f"  whole pipeline  {total_cpu:7.2f}s  {n / total_cpu:9.1f} docs/s  {tokens / total_cpu:10.0f} tokens/s  "
          f"{chars / total_cpu:10.0f} characters/s  (target >= 40 docs/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
