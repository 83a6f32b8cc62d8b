"""Tag and normalize the time expressions of one document.

``resolve(norm, sentences, dct)`` runs the grammar sentence by sentence, keeps the longest
non-overlapping matches and gives each a TIMEX3 value in document order, so that ``الشهر نفسه``
and ``اليوم التالي`` can lean on the last date named before them. ``tag`` turns the result into
contract :class:`~marsad.schema.Time` objects with offsets in the original text.

Calendars in context: a year written without a calendar mark in the Hijri range is read as Hijri
when the article dates in Hijri (its own Hijri dates, its outlet, its dateline: :func:`hijri_document`)
or the words before it say so (``العام الدراسي``); each Time says which calendar a written date was
read in (``calendar``). A value that must not date an event (before 1900 without historical wording,
more than ten years after the document date) is marked ``plausible: false``
(:mod:`marsad.time.plausible`); years in a copyright line are not tagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

from marsad.schema import Sentence, Time
from marsad.text.normalize import NormText, fold, normalize
from marsad.time.grammar import Candidate, grammar, lexicon, select, word_map
from marsad.time.normalize import _HIJRI_YEARS, NORMS, Context, Value
from marsad.time.plausible import EARLIEST_YEAR, first_year, plausible

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
    historical: bool = False  # the expression or its sentence is explicitly historical


@dataclass
class Hints:
    """What the document says about itself besides its text: its outlet (``source``), its web
    address and the country of the place its dateline names (from the entity layer)."""

    source: str | None = None
    url: str | None = None
    dateline_country: str | None = None


_HIJRI_RULES = frozenset({"hijri_date", "hijri_my", "hijri_year", "hijri_year_short", "hijri_year_range"})
_HEAD = 160  # characters at the head of a text where a dateline and its agency stand
_COPYRIGHT_SPAN = (12, 48)  # characters before and after a copyright mark that belong to it


@lru_cache(maxsize=1)
def _hijri_lists() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    spec = lexicon()["hijri_context"]
    outlets = frozenset(fold(w).lower() for w in spec["outlets"])
    return outlets, tuple(spec["url_suffixes"]), frozenset(spec["countries"]), tuple(fold(w) for w in spec["agencies"])


@lru_cache(maxsize=4)
def _cue_re(key: str) -> re.Pattern:
    words = sorted(word_map(key), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:وب|ول|فب|فل|و|ف|ب|ل)?(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")


def has_cue(text: str, start: int, end: int, key: str) -> bool:
    """Does a word of ``text[start:end]`` (bare or behind و ف ب ل) belong to lexicon list ``key``?"""
    return _cue_re(key).search(text, start, end) is not None


def hijri_document(norm: NormText, found: Found, hints: Hints | None = None) -> bool:
    """Does the article date in Hijri? Its own Hijri dates (a Hijri month with a day or a year, a
    year marked هـ, a date in figures with a Hijri year), its outlet or web address, the country of
    its dateline, or the Saudi news agency named at its head."""
    for _si, _a, _b, cands in found:
        for c in cands:
            if c.rule.name in _HIJRI_RULES or c.groups.get("hmk"):
                return True
            if c.groups.get("mn") and c.groups.get("y") and not c.groups.get("gmk"):
                y = int(re.sub(r"[^0-9]", "", c.groups["y"]) or 0)
                if _HIJRI_YEARS[0] <= y <= _HIJRI_YEARS[1]:
                    return True
    outlets, suffixes, countries, agencies = _hijri_lists()
    if hints is not None:
        if hints.source and fold(hints.source).lower().strip() in outlets:
            return True
        if hints.url:
            host = (urlparse(hints.url).hostname or "").lower()
            if host.endswith(suffixes) or any(h in outlets for h in (host.removeprefix("www.").split(".")[0],)):
                return True
        if hints.dateline_country and hints.dateline_country in countries:
            return True
    head = norm.text[:_HEAD]
    return any(re.search(rf"(?<![^\W_]){re.escape(a)}(?![^\W_])", head) for a in agencies)


def copyright_regions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (normalized) that a copyright notice takes: a few characters before each
    copyright mark and some after it, on its line."""
    out = []
    marks = "|".join(re.escape(fold(m)) for m in lexicon()["copyright_marks"])
    for m in re.finditer(marks, text, re.IGNORECASE):
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - _COPYRIGHT_SPAN[0])
        nl = text.find("\n", m.end())
        hi = min(nl if nl != -1 else len(text), m.end() + _COPYRIGHT_SPAN[1])
        out.append((lo, hi))
    return out


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
    """The chosen candidates of each sentence: (sentence index, start, end, candidates). Years in a
    copyright notice (``© 2010-2015``) are no dates of the story."""
    g = grammar()
    out: Found = []
    regions = copyright_regions(norm.text)
    for si, (a, b) in enumerate(_sentence_ranges(norm, sentences)):
        if b <= a:
            continue
        cands = select(g.candidates(norm.text, a, b))
        if regions:
            cands = [c for c in cands if c.rule.norm != "year"
                     or not any(c.start < hi and lo < c.end for lo, hi in regions)]
        if cands:
            out.append((si, a, b, cands))
    return out


def resolve(norm: NormText, sentences: list[Sentence], dct: date | None, found: Found | None = None,
            hints: Hints | None = None) -> list[Resolved]:
    """Values in document order; ``found`` (from :func:`find`) saves matching the text again;
    ``hints``: the document's outlet, address and dateline country (for :func:`hijri_document`)."""
    text = norm.text
    if found is None:
        found = find(norm, sentences)
    ctx = Context(dct=dct, hijri_doc=hijri_document(norm, found, hints))
    out: list[Resolved] = []
    for si, a, b, cands in found:
        cues: list[tuple[int, str]] | None = None
        ctx.gregorian_sentence = (any(c.rule.norm == "year" for c in cands)
                                  and has_cue(text, a, b, "gregorian_history_cues"))
        historical: bool | None = None
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
            marked = bool(c.groups.get("hmk") or c.groups.get("gmk")) or c.rule.norm in ("decade", "century")
            old = (first_year(v.value) or EARLIEST_YEAR) < EARLIEST_YEAR
            if old and not marked and historical is None:  # only dates before 1900 need the words
                historical = has_cue(text, a, b, "historical_cues")
            done.append(Resolved(c, v, typ, ctx.tense, si, marked or bool(historical)))
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


def to_times(norm: NormText, resolved: list[Resolved], dct: date | None = None) -> list[Time]:
    """Contract Times; ``dct`` (the document date, given or inferred) decides which values lie too
    far ahead of it to date an event."""
    times = []
    orig = norm.original
    for r in resolved:
        s, e = norm.to_original(r.cand.start, r.cand.end)
        kw = {}
        if r.cand.mod:
            kw["mod"] = r.cand.mod
        if r.value.calendar and r.type in ("DATE", "TIME"):
            kw["calendar"] = r.value.calendar
        if r.type in ("DATE", "TIME") and not plausible(r.value.value, dct, r.historical):
            kw["plausible"] = False
        times.append(Time(start=s, end=e, text=orig[s:e], type=r.type, value=r.value.value,
                          values=list(r.value.values), anchor=r.value.anchor, **kw))
    times.sort(key=lambda t: (t.start, t.end))
    return times


def tag(text: str | NormText, dct: date | str | None = None, sentences: list[Sentence] | None = None,
        hints: Hints | None = None) -> list[Time]:
    """Time expressions of ``text`` against ``dct`` (a date, an ISO string or None)."""
    norm = text if isinstance(text, NormText) else normalize(text)
    if isinstance(dct, str):
        dct = date.fromisoformat(dct[:10])
    if sentences is None:
        from marsad.text.segment import segment

        sentences = segment(norm)
    return to_times(norm, resolve(norm, sentences, dct, hints=hints), dct)
