"""Throughput of the time stage: sentences per second on one core.

Runs the text stage first (not timed), then the time stage over every document. Uses the SaudiNewsNet
politics subset from ../shared when it is there (internal benchmark only, never shipped), else the
shipped time gold cases repeated. Usage: python benchmarks/time_speed.py [--docs N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from marsad.doc import Doc
from marsad.schema import Document
from marsad.text.stage import TextStage
from marsad.time.evaluate import load_jsonl
from marsad.time.grammar import grammar
from marsad.time.stage import TimeStage

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def texts(n: int) -> tuple[str, list[str]]:
    p = SHARED / "data" / "saudinewsnet" / "saudinewsnet_politics_subset.jsonl"
    if p.is_file():
        out = []
        for line in p.read_text("utf-8").splitlines()[:n]:
            d = json.loads(line)
            out.append(d.get("content") or "")
        return "SaudiNewsNet politics subset", out
    cases = load_jsonl(None, "eval_cases.jsonl")
    return "time gold cases (x20)", [c["text"] for c in cases] * 20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=800)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    name, raw = texts(args.docs)
    grammar()  # compile once, outside the timing
    text_stage, time_stage = TextStage(), TimeStage()
    docs = []
    for i, t in enumerate(raw):
        d = Doc(document=Document(id=f"d{i}", text=t, published="2015-08-10", published_source="given"))
        text_stage(d)
        docs.append(d)
    n_sent = sum(len(d.sentences) for d in docs)
    n_chars = sum(len(d.text) for d in docs)
    best = cpu_best = None
    n_times = 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        n_times = 0
        for d in docs:
            time_stage(d)
            n_times += len(d.times)
        dt, ct = time.perf_counter() - t0, time.process_time() - c0
        best = dt if best is None else min(best, dt)
        cpu_best = ct if cpu_best is None else min(cpu_best, ct)
    print(f"corpus: {name}: {len(docs)} documents, {n_sent} sentences, {n_chars:,} characters")
    print(f"time stage: {n_sent / best:,.0f} sentences/s, {len(docs) / best:,.1f} documents/s, "
          f"{n_chars / best / 1e6:.2f} M chars/s (wall clock, best of {args.repeat}); {n_times} time expressions")
    print(f"time stage: {n_sent / cpu_best:,.0f} sentences/s of CPU time (one core; robust to other load)")


if __name__ == "__main__":
    main()
