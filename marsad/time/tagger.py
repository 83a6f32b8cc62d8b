"""Tag and normalize the time expressions of one document.

``resolve(norm, sentences, dct)`` runs the grammar sentence by sentence, keeps the longest
non-overlapping matches and gives each a TIMEX3 value in document order, so that ``الشهر نفسه``
and ``اليوم التالي`` can lean on the last date named before them. ``tag`` turns the result into
contract :class:`~marsad.schema.Time` objects with offsets in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from marsad.schema import Sentence, Time
from marsad.text.normalize import NormText, fold, normalize
from marsad.time.grammar import Candidate, grammar, lexicon, select
from marsad.time.normalize import NORMS, Context, Value

_TOKEN_RE = re.compile(r"[^\W_]+")
# Normalizations whose value depends on the tense around the expression.
_TENSED = frozenset({"date", "days", "range_dates", "hijri", "partday", "weekday", "season"})


@dataclass
class Resolved:
    cand: Candidate
    value: Value
    type: str
    tense: str | None
    sentence: int


@lru_cache(maxsize=1)
def _cue_table() -> tuple[dict[str, str], dict[tuple[str, str], str], tuple[str, ...]]:
    """Tense cue words (bare and behind و/ف) -> 'past'/'future'; two-word cues; nouns that start
    like a future verb (س + imperfect prefix)."""
    lex = lexicon()
    single: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for key, name in (("past_cues", "past"), ("future_cues", "future")):
        for w in lex[key]:
            f = fold(w)
            parts = f.split()
            if len(parts) == 1:
                for c in ("", "و", "ف"):
                    single[c + f] = name
            else:
                for c in ("", "و", "ف"):
                    pairs[(c + parts[0], parts[1])] = name
    not_verbs = tuple(fold(w) for w in lex["future_prefix_verb"]["not_verbs"])
    return single, pairs, not_verbs


def sentence_cues(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(position, 'past'|'future') for each tense cue word of a sentence."""
    single, pairs, not_verbs = _cue_table()
    toks = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
    out = []
    for i, (pos, tok) in enumerate(toks):
        c = single.get(tok)
        if c is None and i + 1 < len(toks):
            c = pairs.get((tok, toks[i + 1][1]))
        if c is None and len(tok) >= 4 and "س" in tok[:2]:
            base = tok[1:] if tok[0] in "وف" else tok
            if len(base) >= 4 and base[0] == "س" and base[1] in "يتن" and not base.startswith(not_verbs):
                c = "future"
        if c:
            out.append((pos, c))
    return out


def local_tense(cues: list[tuple[int, str]], s: int, e: int) -> str | None:
    """The tense of the nearest cue before [s, e) (Arabic verbs mostly come first), else after it."""
    before = [(s - pos, c) for pos, c in cues if pos < s]
    if before:
        return min(before)[1]
    after = [(pos - e, c) for pos, c in cues if pos >= e]
    return min(after)[1] if after else None


def _sentence_ranges(norm: NormText, sentences: list[Sentence]) -> list[tuple[int, int]]:
    if not sentences:
        return [(0, len(norm.text))]
    out = []
    for s in sentences:
        a = norm.to_normalized(s.start)
        b = norm.to_normalized(s.end)
        out.append((a, b))
    return out


Found = list[tuple[int, int, int, list[Candidate]]]


def find(norm: NormText, sentences: list[Sentence]) -> Found:
    """The chosen candidates of each sentence: (sentence index, start, end, candidates)."""
    g = grammar()
    out: Found = []
    for si, (a, b) in enumerate(_sentence_ranges(norm, sentences)):
        if b <= a:
            continue
        cands = select(g.candidates(norm.text, a, b))
        if cands:
            out.append((si, a, b, cands))
    return out


def resolve(norm: NormText, sentences: list[Sentence], dct: date | None, found: Found | None = None) -> list[Resolved]:
    """Values in document order; ``found`` (from :func:`find`) saves matching the text again."""
    text = norm.text
    ctx = Context(dct=dct)
    out: list[Resolved] = []
    for si, a, b, cands in (found if found is not None else find(norm, sentences)):
        cues: list[tuple[int, str]] | None = None
        # Times of day lean on the day named in their sentence, before or after them: resolve the
        # other expressions first.
        order = [c for c in cands if c.rule.norm != "clock"] + [c for c in cands if c.rule.norm == "clock"]
        days: list[tuple[int, date]] = []
        done: list[Resolved] = []
        for c in order:
            ctx.tense = None
            if c.rule.norm in _TENSED:
                if cues is None:
                    cues = sentence_cues(text, a, b)
                ctx.tense = local_tense(cues, c.start, c.end)
            ctx.sentence_day = None
            if c.rule.norm == "clock" and days:
                ctx.sentence_day = min(days, key=lambda d: (abs(d[0] - c.start), d[0] > c.start))[1]
            fn = NORMS[c.rule.norm]
            try:
                v = fn(c.groups, ctx)
            except (ValueError, KeyError, OverflowError, IndexError, TypeError):
                v = None
            if v is None:
                continue
            typ = v.type or c.rule.type
            done.append(Resolved(c, v, typ, ctx.tense, si))
            if typ in ("DATE", "TIME"):
                if v.day is not None:
                    ctx.last_day = v.day
                    if c.rule.norm != "clock":
                        days.append((c.start, v.day))
                if v.month is not None:
                    ctx.last_month = v.month
                if v.year is not None:
                    ctx.last_year = v.year
        done.sort(key=lambda r: r.cand.start)
        out.extend(done)
    return out


def to_times(norm: NormText, resolved: list[Resolved]) -> list[Time]:
    times = []
    orig = norm.original
    for r in resolved:
        s, e = norm.to_original(r.cand.start, r.cand.end)
        kw = {}
        if r.cand.mod:
            kw["mod"] = r.cand.mod
        times.append(Time(start=s, end=e, text=orig[s:e], type=r.type, value=r.value.value,
                          values=list(r.value.values), anchor=r.value.anchor, **kw))
    times.sort(key=lambda t: (t.start, t.end))
    return times


def tag(text: str | NormText, dct: date | str | None = None, sentences: list[Sentence] | None = None) -> list[Time]:
    """Time expressions of ``text`` against ``dct`` (a date, an ISO string or None)."""
    norm = text if isinstance(text, NormText) else normalize(text)
    if isinstance(dct, str):
        dct = date.fromisoformat(dct[:10])
    if sentences is None:
        from marsad.text.segment import segment

        sentences = segment(norm)
    return to_times(norm, resolve(norm, sentences, dct))
