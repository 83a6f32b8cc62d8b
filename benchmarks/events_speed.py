"""Throughput of the event and quote stages alone (sentences per second on one core).

The text, entity and time layers are computed once beforehand (from the gold set, with the gold
actors as entities so the extractors have arguments to work on); only EventStage + QuoteStage are
timed. Run: python benchmarks/events_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time

from marsad.doc import Doc
from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.quotes.stage import QuoteStage
from marsad.schema import Document
from marsad.scoring.gold import load_gold
from marsad.text.stage import TextStage


def oracle_names(records: list[dict]) -> list[Name]:
    """Every gold actor form as a name (the event stage then has its arguments whatever the entity
    stage would find)."""
    names: dict[str, Name] = {}
    for rec in records:
        for ev in rec["events"]:
            for a in ev["source"] + ev["target"]:
                for f in a["ar"]:
                    names.setdefault(f, Name(f, "G:" + f, "PERSON" if " " in f and not f.startswith("ال") else "ORG",
                                             country=a["country"]))
        for q in rec["quotes"]:
            for f in (q["speaker"] or {}).get("ar", []):
                names.setdefault(f, Name(f, "G:" + f, "PERSON"))
    return list(names.values())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    recs = load_gold()
    text_stage, ent_stage = TextStage(), SurfaceEntities(oracle_names(recs))
    ev_stage, q_stage = EventStage(), QuoteStage()
    docs = []
    for r in recs:
        d = Doc(document=Document(id=r["id"], text=r["text"], published=r.get("published")))
        text_stage(d)
        ent_stage(d)
        docs.append(d)
    n_sent = sum(len(d.sentences) for d in docs)
    best = best_cpu = None
    for _ in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        for d in docs:
            d.extra.pop("_events_mentions", None)
            d.extra.pop("_events_views", None)
            ev_stage(d)
            q_stage(d)
        el, cpu = time.perf_counter() - t, time.process_time() - c
        best = el if best is None else min(best, el)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    n_ev = sum(len(d.events) for d in docs)
    n_q = sum(len(d.quotes) for d in docs)
    print(f"events+quotes: {n_sent} sentences in {best:.3f} s wall = {n_sent / best:,.0f} sentences/s; "
          f"{best_cpu:.3f} s CPU = {n_sent / best_cpu:,.0f} sentences/s per core "
          f"({n_ev} events, {n_q} quotes; best of {args.rounds})")


if __name__ == "__main__":
    main()
