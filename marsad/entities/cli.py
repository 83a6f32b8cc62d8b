"""Subcommands of this package for the `marsad` command (see marsad/cli.py)."""

from __future__ import annotations

import argparse
import time

from marsad.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    return None


def register_eval(eval_sub: argparse._SubParsersAction) -> None:
    """``marsad eval ner --data FILE``: entity-level scores of the statistical NER model."""
    p = eval_sub.add_parser(
        "ner",
        help="score the statistical NER model on a CoNLL/BIO file",
        description="Tag every sentence of a CoNLL/BIO file (token first, tag last, blank line between "
        "sentences) with the NER model and print conlleval-style precision, recall and F1 per type "
        "and overall (exact spans), plus the tagging speed.",
    )
    p.add_argument("--data", required=True, help="CoNLL/BIO file, e.g. ../shared/data/anercorp/test.txt")
    p.add_argument("--model", default=None, help="a .crfsuite model (default: the packaged one)")
    p.add_argument(
        "--context", type=int, default=0, metavar="N",
        help="tag N consecutive sentences together, as Marsad tags one document at run time (a name found "
        "confidently in one sentence is labelled where it recurs); default 0: each sentence alone, the "
        "standard setting",
    )
    p.set_defaults(func=_eval_ner)


def _eval_ner(args: argparse.Namespace) -> int:
    from marsad.entities.ner import NERModel, load_model
    from marsad.entities.ner_eval import read_conll, score
    from marsad.text.normalize import fold

    if args.context < 0:
        raise InputError("--context must be 0 or more")
    sents = read_conll(args.data)
    model = NERModel.load(args.model) if args.model else load_model()
    folded = [[fold(t) or t for t in toks] for toks, _ in sents]
    t0 = time.perf_counter()
    if args.context:
        pred = []
        for k in range(0, len(folded), args.context):
            pred += model.tag_document(folded[k:k + args.context], propagate=True)
    else:
        pred = [model.tag_tokens(toks) for toks in folded]
    dt = time.perf_counter() - t0
    sc = score([tags for _, tags in sents], pred)
    how = f"windows of {args.context} sentences" if args.context else "each sentence alone"
    print(f"{args.data}: {len(sents)} sentences, {how}")
    print(sc.format())
    print(f"speed: {sc.tokens / dt if dt else 0:.0f} tokens/s (fold + features + tagging)")
    return 0
