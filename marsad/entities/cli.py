"""Subcommands of this package for the `marsad` command (see marsad/cli.py)."""

from __future__ import annotations

import argparse
import time


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
    p.set_defaults(func=_eval_ner)


def _eval_ner(args: argparse.Namespace) -> int:
    from marsad.entities.ner import NERModel, load_model
    from marsad.entities.ner_eval import read_conll, score
    from marsad.text.normalize import fold

    sents = read_conll(args.data)
    model = NERModel.load(args.model) if args.model else load_model()
    t0 = time.perf_counter()
    pred = [model.tag_tokens([fold(t) or t for t in toks]) for toks, _ in sents]
    dt = time.perf_counter() - t0
    sc = score([tags for _, tags in sents], pred)
    print(f"{args.data}: {len(sents)} sentences")
    print(sc.format())
    print(f"speed: {sc.tokens / dt if dt else 0:.0f} tokens/s (fold + features + tagging)")
    return 0
