"""Subcommands of the corpus layer: ingest, search, timeline, events, stories, export."""

from __future__ import annotations

import argparse
import functools
import os
import sqlite3
import sys
from pathlib import Path

from marsad.errors import InputError, StoreError
from marsad.terminal import printable

_DB_HELP = "the store (SQLite file; default: $MARSAD_DB or ./marsad.db)"


def _guarded(func):
    """Database and file-system failures become one-line errors, never a traceback."""

    @functools.wraps(func)
    def run(args) -> int:
        try:
            return func(args)
        except sqlite3.Error as exc:
            from marsad.corpus.store import explain

            raise StoreError(f"{getattr(args, 'db', None) or 'store'}: {explain(exc)}") from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise InputError(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}") from None

    return run


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", default=None, help=_DB_HELP)


def _filters(parser: argparse.ArgumentParser) -> None:
    from marsad.corpus.filters import default_min_confidence

    parser.add_argument("--actor", help="entity id, CAMEO actor code (IRQ COP), or English or Arabic name "
                                        "(spelling variants folded)")
    parser.add_argument("--source", help="the same as --actor, as the event's source only")
    parser.add_argument("--target", help="the same as --actor, as the event's target only")
    parser.add_argument("--type", help="PLOVER event type(s), comma-separated (e.g. CONSULT,AGREE), or a family")
    parser.add_argument("--status", help="status(es), comma-separated (occurred, scheduled, negated …)")
    parser.add_argument("--since", metavar="DATE", help="events on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--until", metavar="DATE", help="events on or before DATE (YYYY-MM-DD)")
    parser.add_argument("--story", metavar="ID", help="events of one story (see `marsad stories`)")
    parser.add_argument("--country", metavar="CODES", help="a source or target actor of these countries "
                                                           "(ISO 3166 alpha-3 or IGO codes, comma-separated)")
    parser.add_argument("--sector", metavar="CODES", help="a source or target actor of these sectors (CAMEO "
                                                          "agent codes: GOV, MIL, COP, REB …, comma-separated)")
    parser.add_argument("--min-confidence", metavar="X", default=None,
                        help="leave out events under confidence X (0 to 1; default: the pipeline's threshold, "
                             f"now {default_min_confidence():g}; 0 shows everything). Events under it stay stored.")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    p = sub.add_parser("ingest", help="read, deduplicate, analyse and store documents",
                       description="Read files, folders (recursively), JSON Lines, HTML, RSS/Atom feeds or "
                                   "standard input (-); store each new document with its analysis; link exact "
                                   "and near duplicates instead of analysing them again.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for standard input")
    _db(p)
    p.add_argument("--published", metavar="DATE", help="document date (YYYY-MM-DD) for documents that give none")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="analysis processes (default: number of cores, at most 4)")
    p.add_argument("--max-size", type=float, default=5.0, metavar="MB", help="largest document read (default 5 MB)")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    from marsad.scale.cli import add_ingest_arguments

    add_ingest_arguments(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search of the stored documents",
                       description="Documents containing every word of QUERY (Arabic spelling variants, "
                                   "diacritics and the proclitics و ف ب ل ك ال are folded).")
    p.add_argument("query", nargs="+", metavar="QUERY")
    _db(p)
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N documents (default 20)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("timeline", help="events in date order with status and sources")
    _db(p)
    _filters(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("events", help="events (one per report) as a table, CSV or JSON")
    _db(p)
    _filters(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("stories", help="stories: groups of documents about one development")
    _db(p)
    p.set_defaults(func=cmd_stories)

    from marsad.export import FORMATS

    p = sub.add_parser("export", help="export the store (" + ", ".join(FORMATS) + ")",
                       description="Formats: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()))
    _db(p)
    p.add_argument("--format", required=True, choices=list(FORMATS))
    p.add_argument("--output", "-o", metavar="FILE", help="output file (default: standard output)")
    _filters(p)
    p.set_defaults(func=cmd_export)


def _open(args, create: bool = False):
    from marsad.corpus.store import Store, default_db_path, write_problem

    path = args.db or default_db_path()
    # reading commands still read a store they may not write (a read-only file or folder)
    readonly = not create and os.path.isfile(path) and write_problem(path) is not None
    store = Store.open(path, create=create, readonly=readonly)
    store.on_wait = lambda msg: print(f"marsad: {msg}", file=sys.stderr)
    return store


def _open_for_reading(args):
    store = _open(args)
    if store.get_meta("crossdoc_dirty") == "1" and store.readonly:
        print("marsad: warning: the store's cross-document links are out of date and it cannot be written "
              "here: they are shown as they were", file=sys.stderr)
    elif store.get_meta("crossdoc_dirty") == "1":
        from marsad.corpus.crossdoc import rebuild

        rebuild(store)
    return store


@_guarded
def cmd_ingest(args) -> int:
    from marsad.corpus.ingest import Progress, default_workers
    from marsad.corpus.readers import iter_documents
    from marsad.options import megabytes
    from marsad.options import workers as check_workers
    from marsad.pipeline import check_date

    published = check_date(args.published, "--published")
    workers = check_workers(args.workers) if args.workers is not None else default_workers()
    max_bytes = megabytes(args.max_size)
    if args.paths.count("-") > 1:
        raise InputError("standard input (-) can be read only once")
    from marsad.scale.cli import check_ingest_arguments, make_ingester

    check_ingest_arguments(args)
    store = _open(args, create=True)
    progress = Progress(enabled=not args.quiet)
    ing = make_ingester(args, store, workers=workers, progress=progress)
    try:
        summary = ing.run(iter_documents(args.paths, published=published, max_bytes=max_bytes))
    except KeyboardInterrupt:
        progress.clear()
        ing.summary.interrupted = True
        for line in ing.summary.lines():
            print(printable(line), file=sys.stderr)
        print("marsad: interrupted; every stored batch is complete — run the same command again to finish",
              file=sys.stderr)
        return 130
    finally:
        store.close()
    progress.clear()
    for line in summary.lines():
        print(printable(line))  # (the paths and reasons of skipped files are the input's)
    bad = sum(summary.skipped.values()) + summary.failed
    if bad:
        # the good inputs are stored; a script must still notice the ones that were not
        print(f"marsad: {bad} input(s) skipped or not analysed (listed above); everything else is stored",
              file=sys.stderr)
        return 1
    return 0


@_guarded
def cmd_search(args) -> int:
    from marsad.options import MAX_LIMIT, bounded

    bounded(args.limit, "--limit", 1, MAX_LIMIT)
    store = _open_for_reading(args)
    try:
        hits = store.search(" ".join(args.query), limit=args.limit)
    finally:
        store.close()
    if not hits:
        print("no matching documents", file=sys.stderr)
        return 1
    for h in hits:
        meta = " ".join(x for x in (h["published"], h["source"]) if x)
        dup = f" (copy of {h['duplicate_of']})" if h["duplicate_of"] else ""
        print(printable(f"{h['id']}{dup}  {meta}".rstrip()))
        if h["title"]:
            print(printable(f"  {h['title']}"))
        print(printable(f"  {h['snippet']}"))
    return 0


def _get_filters(args):
    """The command's filters, checked (a bad value is one line on stderr, before the store is read)."""
    from marsad.corpus.filters import EventFilters

    return EventFilters(actor=args.actor, type=args.type, status=args.status, since=args.since, until=args.until,
                        story=args.story, country=args.country, sector=args.sector, source=args.source,
                        target=args.target, min_confidence=args.min_confidence).checked("--")


@_guarded
def cmd_timeline(args) -> int:
    from marsad.corpus.timeline import format_timeline, timeline

    filters = _get_filters(args)
    store = _open_for_reading(args)
    try:
        entries = timeline(store, filters)
    finally:
        store.close()
    if not entries:
        print("no events match", file=sys.stderr)
        return 0
    for line in format_timeline(entries):
        print(printable(line))
    return 0


@_guarded
def cmd_events(args) -> int:
    from marsad.corpus.timeline import event_rows
    from marsad.export import csv as csv_export

    filters = _get_filters(args)
    store = _open_for_reading(args)
    try:
        rows = event_rows(store, filters)
    finally:
        store.close()
    if args.format == "json":
        from marsad.export.events import dumps

        sys.stdout.write(dumps(rows))
    elif args.format == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=csv_export.COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(csv_export.row(r))
    else:
        print(f"{'date':<10}  {'type':<9} {'status':<10} {'source → target':<40} document")
        for r in rows:
            who = ", ".join(_with_code(a) for a in r["source"]) or "?"
            if r["target"]:
                who += " → " + ", ".join(_with_code(a) for a in r["target"])
            print(printable(f"{(r['date'] or r['when'] or '?'):<10}  {r['type']:<9} {r['status']:<10} {who:<40} {r['id']}"))
    return 0


def _with_code(ent: dict) -> str:
    from marsad.corpus.timeline import actor_code, display_name

    code = actor_code(ent)
    return display_name(ent, ent.get("id", "")) + (f" [{code}]" if code else "")


@_guarded
def cmd_stories(args) -> int:
    from marsad.export.json import stories

    store = _open_for_reading(args)
    try:
        items = stories(store)
    finally:
        store.close()
    for s in items:
        span = s["first_date"] or "?"
        if s["last_date"] and s["last_date"] != s["first_date"]:
            span += f"…{s['last_date']}"
        print(printable(f"{s['id']}  {span}  {len(s['documents'])} documents  {s['label']}"))
    return 0


@_guarded
def cmd_export(args) -> int:
    from marsad.export import export

    filters = _get_filters(args)
    store = _open_for_reading(args)
    try:
        if not args.output or args.output == "-":
            export(store, args.format, sys.stdout, filters=filters)
            return 0
        out = Path(args.output)
        if out.is_dir():
            raise InputError(f"{out}: is a directory")
        tmp = out.with_name(out.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                export(store, args.format, fh, filters=filters)
            os.replace(tmp, out)
        except OSError as exc:
            raise StoreError(f"{out}: cannot write ({exc.strerror or exc})") from None
        finally:
            if tmp.exists():
                tmp.unlink()
    finally:
        store.close()
    print(printable(f"wrote {out}"), file=sys.stderr)
    return 0
