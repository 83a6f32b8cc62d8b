"""Subcommands of this package for the `marsad` command (see marsad/cli.py)."""

from __future__ import annotations

import argparse
import json
import time

TARGETS = {"countries": 249, "places": 1000, "organizations": 150, "org_type:igo": 150, "people": 1500,
           "groups": 1}


def _stats(args: argparse.Namespace) -> int:
    from marsad.kb import load_kb

    t0 = time.perf_counter()
    kb = load_kb()
    elapsed = time.perf_counter() - t0
    stats = kb.stats()
    if getattr(args, "json", False):
        print(json.dumps({"stats": stats, "load_seconds": round(elapsed, 3)}, ensure_ascii=False, indent=2))
        return 0
    print("knowledge base")
    for key, target in TARGETS.items():
        n = stats.get(key, 0)
        label = "international orgs" if key == "org_type:igo" else key
        print(f"  {label:<22}{n:>7}   (target >= {target}: {'ok' if n >= target else 'MISSING'})")
    print("by kind")
    for k, v in stats.items():
        if k.startswith("kind:"):
            print(f"  {k[5:]:<22}{v:>7}")
    print("organizations by type")
    for k, v in stats.items():
        if k.startswith("org_type:"):
            print(f"  {k[9:]:<22}{v:>7}")
    stats["aliases"] = len(kb.aliases())
    for k in ("people_with_roles", "with_wikidata", "titles", "aliases", "entries"):
        if k in stats:
            print(f"  {k:<22}{stats[k]:>7}")
    print(f"  load time             {elapsed:.2f} s")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from marsad.kb import load_kb
    from marsad.text.normalize import fold

    kb = load_kb()
    key = fold(args.text)
    hits = [(eid, via) for alias, eid, via in kb.aliases() if alias == key]
    entry = kb.get(args.text)
    if entry is not None:
        hits.insert(0, (entry.id, "id"))
    if not hits:
        print("no entry")
        return 1
    for eid, via in hits:
        e = kb.entries[eid]
        print(f"{e.public_id}\t{e.id}\t{e.kind}\t{e.name_ar}\t{e.name_en}\tvia {via}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    kb = sub.add_parser("kb", help="knowledge base: countries, places, organizations, people, titles")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="WHAT")
    stats = kb_sub.add_parser("stats", help="counts by kind and type, and the coverage targets")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    stats.set_defaults(func=_stats)
    lookup = kb_sub.add_parser("lookup", help="entries whose Arabic name, alias, adjective or capital is TEXT")
    lookup.add_argument("text")
    lookup.set_defaults(func=_lookup)
    kb.set_defaults(func=lambda args: (kb.print_help(), 2)[1])
