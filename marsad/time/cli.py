"""Subcommands of this package for the `marsad` command (see marsad/cli.py).

``marsad eval time [--data PATH] [--dct-data PATH] [--wojood PATH] [--errors] [--no-dateparser]``
prints Marsad's exact value accuracy and span accuracy on the gold cases and, side by side,
``dateparser.search_dates`` on the same cases (when dateparser is installed); then document-date
inference accuracy, and Wojood DATE/TIME span recall when a Wojood file is given.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    return None


def register_eval(eval_sub: argparse._SubParsersAction) -> None:
    p = eval_sub.add_parser("time", help="time expressions: TIMEX3 values, spans, document dates")
    p.add_argument("--data", metavar="PATH", help="gold cases (JSON Lines); default: the shipped eval_cases.jsonl")
    p.add_argument("--dct-data", metavar="PATH", help="undated documents with their date; default: dct_cases.jsonl")
    p.add_argument("--wojood", metavar="PATH", help="a Wojood file (token and BIO tags a line): DATE/TIME span recall")
    p.add_argument("--errors", action="store_true", help="list every miss")
    p.add_argument("--by-tag", action="store_true", help="value accuracy for each group of cases")
    p.add_argument("--no-dateparser", action="store_true", help="do not run dateparser side by side")
    p.set_defaults(func=run_eval)


def _pct(x: float) -> str:
    return f"{100 * x:6.1f}%"


def run_eval(args: argparse.Namespace) -> int:
    from marsad.time.evaluate import dct_accuracy, load_jsonl, score_dateparser, score_marsad, wojood_recall

    cases = load_jsonl(args.data, "eval_cases.jsonl")
    ours = score_marsad(cases)
    theirs = None if args.no_dateparser else score_dateparser(cases)
    n_gold = ours.gold
    print(f"time expressions: {len(cases)} cases, {n_gold} gold expressions")
    head = f"{'':34}{'Marsad':>10}"
    if theirs is not None:
        head += f"{'dateparser':>12}"
    print(head)
    rows = [
        ("exact value accuracy", ours.value_acc, theirs.value_acc if theirs else None),
        ("span accuracy (exact text)", ours.span_acc, theirs.span_acc if theirs else None),
        ("precision", ours.precision, theirs.precision if theirs else None),
        ("cases entirely right", ours.cases_ok / max(ours.cases, 1), (theirs.cases_ok / max(theirs.cases, 1)) if theirs else None),
    ]
    for name, a, b in rows:
        line = f"{name:34}{_pct(a):>10}"
        if theirs is not None:
            line += f"{_pct(b):>12}"
        print(line)
    if theirs is None and not args.no_dateparser:
        print("dateparser is not installed: showing Marsad only (pip install dateparser to compare)")
    elif theirs is not None:
        print("(dateparser is scored leniently: a found string overlapping the gold counts for the value,"
              " compared at the gold's granularity)")
    if args.by_tag:
        print(f"{'value accuracy by group':34}{'n':>5}{'Marsad':>9}" + (f"{'dateparser':>12}" if theirs else ""))
        for tag_name, (n, right) in ours.by_tag.items():
            if not n:
                continue
            line = f"  {tag_name:32}{n:>5}{_pct(right / n):>9}"
            if theirs is not None:
                tn, tr = theirs.by_tag.get(tag_name, [0, 0])
                line += f"{_pct(tr / tn if tn else 0.0):>12}"
            print(line)
    if args.errors:
        for e in ours.errors:
            print("  " + e)

    dct_cases = load_jsonl(args.dct_data, "dct_cases.jsonl")
    d = dct_accuracy(dct_cases)
    print(f"document-date inference: {d['correct']}/{d['cases']} exact ({_pct(d['accuracy']).strip()})")
    if args.errors:
        for e in d["errors"]:
            print("  " + e)

    if args.wojood:
        w = wojood_recall(args.wojood)
        print(f"Wojood DATE/TIME spans: {w['gold']} gold, recall {w['recall']:.3f} (overlap), "
              f"{w['exact_recall']:.3f} (same extent), {w['predicted']} predicted")
        if args.errors:
            for m in w["missed"]:
                print("  missed: " + m)
    return 0
