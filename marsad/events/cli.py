"""Subcommands of this package for the `marsad` command (see marsad/cli.py): `marsad eval events`."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    return None


def register_eval(eval_sub: argparse._SubParsersAction) -> None:
    p = eval_sub.add_parser(
        "events", help="score events and quotes against the gold set",
        description="Precision, recall and F1 of events (type; type+source+target; full: also status and "
                    "date) and quote speaker accuracy against data/gold/*.jsonl or --data DIR.")
    p.add_argument("--data", metavar="DIR", help="folder of gold *.jsonl files (default: the shipped gold set)")
    p.add_argument("--oracle-entities", action="store_true",
                   help="tag the gold actor strings as entities instead of running the entity stage")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N mismatches")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from marsad.events.gold import evaluate, load_gold

    records = load_gold(args.data)
    sc = evaluate(records, oracle=args.oracle_entities)
    rep = sc.report()
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        n_sent = sum(1 for r in records if r.get("kind") != "article")
        print(f"gold: {n_sent} sentences, {len(records) - n_sent} articles, {rep['counts']['gold_events']} events, "
              f"{rep['counts']['gold_quotes']} quotes" + ("  (oracle entities)" if args.oracle_entities else ""))
        print(f"{'':14}{'P':>7}{'R':>7}{'F1':>7}")
        for name in ("type", "type+actors", "full"):
            r = rep[name]
            print(f"{name:14}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}")
        q = rep["quotes"]
        print(f"{'quotes':14}{q['precision']:7.3f}{q['recall']:7.3f}{q['f1']:7.3f}")
        print(f"status accuracy (type-matched): {rep['status_accuracy']:.3f}")
        print(f"date accuracy (type-matched):   {rep['date_accuracy']:.3f}")
        print(f"location accuracy:              {rep['location_accuracy']:.3f}")
        print(f"speaker accuracy:               {rep['speaker_accuracy']:.3f}")
        for line in sc.errors[: args.errors]:
            print("  " + line)
    return 0
