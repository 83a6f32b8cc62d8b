"""`marsad analyze PATH|- …`: analyse documents and print JSON (one Analysis a line) or a report."""

from __future__ import annotations

import argparse
import sys

from marsad.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse documents and print their Analysis", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="document date for documents that carry none")
    p.add_argument("--id", dest="doc_id", help="document id (one document only)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--indent", type=int, default=None, help="pretty-print JSON with this indent")
    p.add_argument("--max-size", type=float, default=5.0, metavar="MB", help="largest document accepted (default 5)")
    p.add_argument("--min-confidence", default=None, metavar="X",
                   help="leave out events under this confidence (default: the pipeline's threshold; 0 shows all)")
    p.add_argument(
        "--bidi", choices=["logical", "visual"], default="logical",
        help="text report: 'visual' reorders Arabic for terminals without bidi support",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.corpus.readers import ReadProblem, iter_documents
    from marsad.options import MAX_INDENT, bounded, megabytes
    from marsad.pipeline import check_date, load
    from marsad.terminal import printable

    published = check_date(args.published)
    max_bytes = megabytes(args.max_size)
    if args.indent is not None:
        bounded(args.indent, "--indent", 0, MAX_INDENT)
    from marsad.corpus.filters import check_confidence, default_min_confidence

    floor = check_confidence(args.min_confidence, "--min-confidence")
    floor = default_min_confidence() if floor is None else floor
    pipeline = load()
    problems = 0
    done = 0
    out = sys.stdout
    items = iter_documents(args.paths, published=published, max_bytes=max_bytes, allow_dirs=False)
    for item in items:
        if isinstance(item, ReadProblem):
            problems += 1
            print(f"marsad: error: {printable(item)}", file=sys.stderr)
            continue
        if args.doc_id:
            if done:
                raise InputError("--id names one document, but the input holds several")
            item = item.model_copy(update={"id": args.doc_id})
        analysis = pipeline.run(item)
        if floor > 0:
            analysis.events = [e for e in analysis.events if e.confidence >= floor]
        done += 1
        if args.format == "json":
            out.write(analysis.to_json(indent=args.indent) + "\n")
        else:
            from marsad.report import render

            if done > 1:
                out.write("\n" + "-" * 72 + "\n")
            out.write(render(analysis, bidi=args.bidi))
        out.flush()
    return 1 if problems else 0
