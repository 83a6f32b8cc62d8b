"""`marsad eval gold` (and its shorthand `marsad eval events` on the bundled gold set)."""

from __future__ import annotations

import argparse
import json
import math
import sys

THRESHOLDS = [i / 10 for i in range(10)]


def register(sub: argparse._SubParsersAction) -> None:
    return None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ids", metavar="FILE", help="score only the records whose id is listed (one a line)")
    p.add_argument("--min-confidence", type=_unit, default=None, metavar="X",
                   help="drop system events under this confidence (default: the pipeline's threshold)")
    p.add_argument("--thresholds", action="store_true", help="precision and recall at confidence 0.0 … 0.9")
    p.add_argument("--calibration", action="store_true",
                   help="reliability table (confidence bins: count, share correct) and expected calibration error")
    p.add_argument("--errors", action="store_true", help="list missed gold events and unmatched system events")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def register_eval(eval_sub: argparse._SubParsersAction) -> None:
    p = eval_sub.add_parser(
        "gold", help="score events, quotes and entities against gold files (ANNOTATION.md format)",
        description="Scores Marsad against gold files written to the annotation guideline (section 8): "
                    "detection, events with actors (country and name level), strict (status and date "
                    "too), quotes and entities, per PLOVER type and overall.")
    p.add_argument("--data", nargs="+", required=True, metavar="FILE",
                   help="gold *.jsonl files or folders of them")
    _common(p)
    p.set_defaults(func=run_gold)
    p = eval_sub.add_parser("events", help="the same scores on the bundled gold set (marsad eval gold on it)")
    p.add_argument("--data", nargs="+", default=None, metavar="FILE", help="gold files instead of the bundled set")
    _common(p)
    p.set_defaults(func=run_gold)


def _unit(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(x) or not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value!r}")
    return x


def run_gold(args: argparse.Namespace) -> int:
    from marsad.scoring.evaluate import default_threshold, evaluate, report
    from marsad.scoring.gold import load_gold, select

    records = select(load_gold(args.data), args.ids)
    docs = evaluate(records, progress=not args.json and sys.stderr.isatty())
    min_conf = default_threshold() if args.min_confidence is None else args.min_confidence
    rep = report(docs, min_conf, thresholds=THRESHOLDS if args.thresholds else None,
                 calibration=args.calibration, errors=args.errors)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        from marsad.scoring.tables import render

        print(render(rep))
    return 0
