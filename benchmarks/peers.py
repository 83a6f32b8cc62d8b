"""Marsad's time tagger against ``dateparser.search_dates``, side by side in one run on the same texts.

    python benchmarks/peers.py [--data ../shared/data/saudinewsnet] [--docs N]

Speed: both read the same raw texts (Marsad's ``marsad.time.tagger.tag`` includes its normalization
and sentence segmentation; dateparser gets ``languages=["ar"]`` and the document date as its relative
base): documents/s, characters/s and expressions found, by wall and CPU time, first on the time test
cases (``marsad/time/data/eval_cases.jsonl``) and then on SaudiNewsNet articles (read only).
Accuracy: on the time test cases, with the scoring of :mod:`marsad.time.evaluate` (dateparser is
scored leniently: an overlapping string counts, its value compared at the gold's granularity).
dateparser is a benchmark peer only, never a dependency of Marsad.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.corpus.readers import ReadProblem, iter_documents  # noqa: E402
from marsad.time.evaluate import load_jsonl, score_dateparser, score_marsad  # noqa: E402
from marsad.time.tagger import tag  # noqa: E402


def _marsad(texts: list[tuple[str, str | None]]) -> int:
    return sum(len(tag(text, dct)) for text, dct in texts)


def _dateparser(texts: list[tuple[str, str | None]]) -> int:
    from dateparser.search import search_dates

    n = 0
    for text, dct in texts:
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if dct:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:10])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                n += len(search_dates(text, languages=["ar"], settings=settings) or [])
            except Exception:  # noqa: BLE001 - a crash of the peer is nothing found
                pass
    return n


def timed(fn, texts) -> tuple[float, float, int]:
    fn(texts[:2])  # load data, compile patterns (not timed)
    t, c = time.perf_counter(), time.process_time()
    found = fn(texts)
    return time.perf_counter() - t, time.process_time() - c, found


def speed(label: str, texts: list[tuple[str, str | None]], peers: dict) -> None:
    chars = sum(len(t) for t, _ in texts)
    print(f"\nspeed on {label}: {len(texts)} texts, {chars} characters ({chars / max(1, len(texts)):.0f} per text)")
    print(f"  {'':<12} {'wall s':>8} {'CPU s':>8} {'texts/s (CPU)':>14} {'chars/s (CPU)':>14} {'found':>7}")
    rows = {}
    for name, fn in peers.items():
        wall, cpu, found = timed(fn, texts)
        rows[name] = cpu
        print(f"  {name:<12} {wall:8.2f} {cpu:8.2f} {len(texts) / cpu:14.1f} {chars / cpu:14.0f} {found:7}", flush=True)
    if len(rows) == 2 and rows.get("marsad"):
        print(f"  Marsad is {rows['dateparser'] / rows['marsad']:.1f}x the speed of dateparser (CPU time)")


def accuracy(cases: list[dict], have_dp: bool) -> None:
    print(f"\naccuracy on the time test cases (marsad/time/data/eval_cases.jsonl): {len(cases)} cases, "
          f"{sum(len(c.get('times', [])) for c in cases)} gold expressions")
    print(f"  {'':<12} {'value acc':>9} {'span acc':>9} {'precision':>9} {'cases ok':>9} {'spurious':>8}")
    scores = {"marsad": score_marsad(cases)}
    if have_dp:
        scores["dateparser"] = score_dateparser(cases)
    for name, sc in scores.items():
        print(f"  {name:<12} {sc.value_acc:9.3f} {sc.span_acc:9.3f} {sc.precision:9.3f} "
              f"{sc.cases_ok / max(1, sc.cases):9.3f} {sc.spurious:8}")
    tags = sorted(scores["marsad"].by_tag)
    if have_dp and tags:
        print(f"  by case tag (value accuracy): {'tag':<22} {'gold':>5} {'marsad':>7} {'dateparser':>10}")
        for t in tags:
            g, m = scores["marsad"].by_tag[t]
            d = scores["dateparser"].by_tag.get(t, [g, 0])[1]
            print(f"  {'':<30}{t:<22} {g:>5} {m / g if g else 0:7.2f} {d / g if g else 0:10.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "saudinewsnet"))
    ap.add_argument("--docs", type=int, default=150, help="SaudiNewsNet articles timed (dateparser is slow)")
    args = ap.parse_args()
    try:
        import dateparser  # noqa: F401

        have_dp = True
    except ImportError:
        have_dp = False
        print("dateparser is not installed (pip install dateparser): Marsad alone")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (CPU time is the figure to read "
          f"on a shared machine)")
    peers = {"marsad": _marsad}
    if have_dp:
        peers["dateparser"] = _dateparser
    cases = load_jsonl(None, "eval_cases.jsonl")
    accuracy(cases, have_dp)
    speed("the time test cases (one sentence each)", [(c["text"], c.get("dct")) for c in cases], peers)
    if Path(args.data).exists():
        docs = (d for d in iter_documents([args.data]) if not isinstance(d, ReadProblem))
        texts = [(d.text, d.published) for d in itertools.islice(docs, args.docs)]
        speed(f"SaudiNewsNet articles ({args.data})", texts, peers)
    else:
        print(f"\nno SaudiNewsNet at {args.data}: article speed not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
