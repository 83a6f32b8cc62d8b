"""Entity-level scoring of BIO sequences, conlleval style (exact span and type), and a CoNLL reader.

A predicted entity counts as correct only when its type, first token and last token all equal a
gold entity's. An ``I-X`` tag that does not continue an entity of type X opens a new entity
(conlleval's rule), so sloppy taggers are scored the way the standard script scores them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import InputError


def bio_entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities ``(first, last_exclusive, type)`` of a BIO (or IOB1) tag sequence."""
    out: list[tuple[int, int, str]] = []
    start = -1
    cur = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or not tag:
            prefix, typ = "O", ""
        elif "-" in tag:
            prefix, typ = tag.split("-", 1)
        else:  # a bare type is read as I-type
            prefix, typ = "I", tag
        if cur and (prefix in ("O", "B", "S") or typ != cur):
            out.append((start, i, cur))
            cur = ""
        if prefix in ("B", "S") or (prefix in ("I", "E") and not cur):
            start, cur = i, typ
        if prefix in ("S", "E") and cur:
            out.append((start, i + 1, cur))
            cur = ""
    return out


@dataclass
class TypeScore:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    overall: TypeScore = field(default_factory=TypeScore)
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    tokens: int = 0
    correct_tokens: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct_tokens / self.tokens if self.tokens else 0.0

    def format(self) -> str:
        """The figures as a conlleval-like table."""
        o = self.overall
        lines = [
            f"processed {self.tokens} tokens with {o.n_gold} phrases; found: {o.n_pred} phrases; correct: {o.tp}.",
            f"accuracy: {100 * self.accuracy:6.2f}%; precision: {100 * o.precision:6.2f}%; "
            f"recall: {100 * o.recall:6.2f}%; FB1: {100 * o.f1:6.2f}",
        ]
        for typ in sorted(self.per_type):
            s = self.per_type[typ]
            lines.append(
                f"{typ:>17}: precision: {100 * s.precision:6.2f}%; recall: {100 * s.recall:6.2f}%; "
                f"FB1: {100 * s.f1:6.2f}  {s.n_pred}"
            )
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Score:
    """Score predicted tag sequences against gold ones, sentence by sentence."""
    result = Score()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sentence lengths differ: {len(g)} gold tags, {len(p)} predicted")
        result.tokens += len(g)
        result.correct_tokens += sum(1 for a, b in zip(g, p, strict=True) if a == b)
        ge = set(bio_entities(g))
        pe = set(bio_entities(p))
        for ents, attr in ((ge, "n_gold"), (pe, "n_pred")):
            for e in ents:
                setattr(result.overall, attr, getattr(result.overall, attr) + 1)
                ts = result.per_type.setdefault(e[2], TypeScore())
                setattr(ts, attr, getattr(ts, attr) + 1)
        for e in ge & pe:
            result.overall.tp += 1
            result.per_type[e[2]].tp += 1
    return result


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences ``(tokens, tags)`` of a CoNLL/BIO file: the first column is the token, the last the
    tag, a blank line ends a sentence; ``-DOCSTART-`` lines are skipped."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError as exc:
        raise InputError("no such file", str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from exc
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        cols = line.split()
        if not cols:
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        if cols[0] == "-DOCSTART-":
            continue
        if len(cols) < 2:
            raise InputError("expected 'token TAG'", str(path), lineno)
        toks.append(cols[0])
        tags.append(cols[-1])
    if toks:
        sents.append((toks, tags))
    return sents
