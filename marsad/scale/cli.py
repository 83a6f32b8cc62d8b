"""The scale layer's command line: ``marsad load`` and the ingest options ``--dask`` and ``--shards``.

``register(sub)`` adds ``marsad load``. The corpus layer's ``marsad ingest`` takes the Dask options
through three calls (the hook in ``marsad/corpus/cli.py``): :func:`add_ingest_arguments` while its
parser is built, :func:`check_ingest_arguments` before the store is opened, and :func:`make_ingester`
in place of ``Ingester(...)``.
"""

from __future__ import annotations

import argparse
import sys
import time

from marsad.errors import InputError


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    """``--dask``, ``--shards``, ``--shard-format`` and ``--retries`` on ``marsad ingest``."""
    parser.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="analyse on a Dask cluster: a running scheduler (host:port), local:N for a local "
                             "cluster of N worker processes, or local (one a core, or --workers N); this "
                             "process stays the one writer")
    parser.add_argument("--shards", metavar="DIR", default=None,
                        help="with --dask: write each batch to a shard file in DIR instead of the store "
                             "(for very large runs); bring them in later with `marsad load DIR --db FILE`")
    parser.add_argument("--shard-format", choices=["parquet", "jsonl"], default=None,
                        help="shard files: parquet (needs pyarrow; the default when it is installed) or jsonl")
    parser.add_argument("--retries", type=int, default=None, metavar="N",
                        help="with --dask: times a failed analysis task is retried (default 2)")


def check_ingest_arguments(args) -> str | None:
    """Refuse option combinations that cannot work (one clear line, before the store is opened);
    the Dask spec to use, or None without --dask."""
    dask = getattr(args, "dask", None)
    retries = getattr(args, "retries", None)
    shard_format = getattr(args, "shard_format", None)
    workers = getattr(args, "workers", None)
    if not dask:
        if getattr(args, "shards", None) or retries is not None or shard_format:
            raise InputError("--shards, --shard-format and --retries go with --dask")
        return None
    from marsad.scale.runner import parse_spec

    parse_spec(dask)  # a bad spec is one clear line before anything starts
    if workers is not None:
        if dask.strip() != "local":
            raise InputError("--workers goes with --dask local only (or say local:N)")
        from marsad.options import workers as check_workers

        check_workers(workers)
        dask = f"local:{workers}"
    if retries is not None:
        from marsad.options import bounded

        bounded(retries, "--retries", 0, 100)
    if shard_format == "parquet":
        from marsad.scale.shards import have_pyarrow

        if not have_pyarrow():
            raise InputError("--shard-format parquet needs pyarrow (pip install pyarrow); or use jsonl")
    return dask


def make_ingester(args, store, workers: int, progress=None):
    """The ingester ``marsad ingest`` asked for: a :class:`DaskIngester` with ``--dask``, else the
    corpus layer's multiprocessing :class:`Ingester` with ``workers`` processes."""
    dask = check_ingest_arguments(args)
    if dask is None:
        from marsad.corpus.ingest import Ingester

        return Ingester(store, workers=workers, progress=progress)
    from marsad.scale.runner import DEFAULT_RETRIES, DaskIngester, quiet_dask_logs

    quiet_dask_logs()
    retries = getattr(args, "retries", None)
    return DaskIngester(store, dask=dask, progress=progress, shards=getattr(args, "shards", None),
                        shard_format=getattr(args, "shard_format", None),
                        retries=DEFAULT_RETRIES if retries is None else retries)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="bring shard files (from `marsad ingest --dask … --shards DIR`) into a store",
                       description="Load Parquet or JSON Lines shards written by `marsad ingest --shards` into "
                                   "the store, in file-name order (input order), one batch per transaction. "
                                   "A batch already loaded is skipped, so loading twice adds nothing.")
    p.add_argument("shards", nargs="+", metavar="SHARDS", help="shard files, or folders holding them")
    p.add_argument("--db", metavar="FILE", default=None,
                   help="the store (SQLite file; default: $MARSAD_DB or ./marsad.db)")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(func=cmd_load)


def cmd_load(args) -> int:
    from marsad.corpus.store import Store, default_db_path
    from marsad.scale.shards import load_shards, shard_paths

    shard_paths(args.shards)  # missing paths fail before the store is created
    store = Store.open(args.db or default_db_path(), create=True)
    store.on_wait = lambda msg: print(f"marsad: {msg}", file=sys.stderr)

    last = [time.monotonic()]

    def progress(s):
        if not args.quiet and time.monotonic() - last[0] >= 5.0:
            last[0] = time.monotonic()
            print(f"load: {s.batches + s.batches_already_loaded} batches, {s.added} documents added",
                  file=sys.stderr)

    try:
        summary = load_shards(store, args.shards, progress=progress)
    except KeyboardInterrupt:
        print("marsad: interrupted; every loaded batch is complete — run the same command again to finish",
              file=sys.stderr)
        return 130
    finally:
        store.close()
    for line in summary.lines():
        print(line)
    return 0
