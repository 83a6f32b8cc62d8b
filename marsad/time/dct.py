"""Infer the document creation time (DCT) of an undated document from its evidence.

Every clue is a constraint on the document date D: a score (a log-odds, in nats) that it adds to
each candidate day, positive where the clue fits and negative where it does not:

- a dateline date (``القاهرة - 7 مارس 2023 -``): D is that day;
- a date tied to the document day (``اليوم الخميس 9 مارس``, ``أمس الاثنين 6 مارس``): D is that day
  minus the offset of اليوم / أمس / غدا;
- a weekday with اليوم / أمس / غدا (``أمس الاثنين``): D is a Tuesday;
- an explicit date, Gregorian or Hijri, with or without its year, told as past (D is on or after it,
  most likely within days: news is recent) or future (D is before it); a month or a year likewise;
- a month said to be the current, the last or the next one (``يوليو الجاري``, ``شوال الماضي``), and
  ``الشهر المقبل`` / ``العام الماضي`` in apposition to a named month or year;
- holidays, national days and anniversaries (``data/holidays.json``: ``عيد الفطر``, ``اليوم
  الوطني``, ``ثاني أيام عيد الأضحى``), named as today or told as past or future; a numbered
  anniversary (``الذكرى العاشرة`` beside a year, ``اليوم الوطني الـ85``) gives the year;
- the copyright year.

The days of the years 1990 to 2035 (and of any other year the clues name) are scored, and the
scores turned into a distribution over D (``exp(score)``, normalized). D is given to the day
when one day holds :data:`P_DAY` of it, else to the month (``2015-07``) or the year (``2015``)
holding :data:`P_MONTH` or :data:`P_YEAR`; otherwise, and when there are no clues, it stays unknown.
:func:`infer_document_date` returns the value with the clues that support it (the document's
``published_evidence``); :func:`infer_dct` the day alone. The thresholds are set on real news
(``benchmarks/dct_saudinewsnet.py``) so that a day given is right at least nine times in ten.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from marsad.schema import Sentence
from marsad.text.normalize import NormText, fold
from marsad.time.grammar import lexicon, lookup
from marsad.time.normalize import (
    add_months,
    gregorian_to_hijri,
    hijri_to_gregorian,
    parse_number,
    rel_offset,
    safe_date,
    unit_of,
)
from marsad.time.tagger import (
    Found,
    Hints,
    Resolved,
    find,
    hijri_document,
    local_tense,
    resolve,
    sentence_cues,
)

_DATELINE_GAP = 48  # characters a place name (and agency) may take before the date
_HEAD_SENTENCES = 1  # leading sentences where a reported weekday-and-date sets the document day
_EARLIEST, _LATEST = date(1950, 1, 1), date(2045, 12, 31)
_SEARCH = (1990, 2035)  # the years searched, widened to the years the clues name (from _EARLIEST on)

# The share of the distribution that a day, a month or a year must hold to be given.
P_DAY = 0.5
P_MONTH = 0.7
P_YEAR = 0.9

# The model. Each clue says where D lies as shares of the probability: a region of ``size`` days that
# holds share ``p`` scores log(p / size * span), ``span`` being the days the clue would spread D
# over if it said nothing (the search window for a dated clue, a year for one that recurs yearly).
_WSTART, _WEND = date(_SEARCH[0], 1, 1), date(_SEARCH[1], 12, 31)
_WINDOW = (_WEND - _WSTART).days + 1
_YEAR = 365
P_DATELINE = 0.95
P_TODAY_DATE = 0.93  # اليوم الخميس 9 مارس
P_HOLIDAY_TODAY = 0.85  # اليوم أول أيام عيد الفطر
P_WEEKDAY = 0.95  # أمس الاثنين: D is a Tuesday
P_COPYRIGHT = 0.85
P_NAMED = 0.9  # الشهر المقبل (أغسطس), العام الماضي 2014: D's month, D's year
P_ANNIVERSARY = 0.92  # الذكرى الخامسة والسبعين (of a year named beside it), اليوم الوطني الـ93
P_CURRENT_MONTH = 0.9  # يوليو الجاري
P_HIJRI_YEAR = 0.6  # a Hijri year named, most often the current one
# A date written with its year, told as past: where D lies after it (days after, share), beyond a
# year, and before it (a wrong tense cue); one told as future mirrored; one told in no tense; one
# at the head of the story written with its weekday (الاثنين 6 فبراير 2023: often the day itself).
# News seldom writes the year of what it reports today: a third of the latest full dates told as
# past are more than three years before the document (SaudiNewsNet), a third within a month.
_PAST = ((3, 0.10), (7, 0.12), (31, 0.15), (365, 0.23), (1095, 0.10))
_PAST_LATER, _PAST_BEFORE = 0.25, 0.05
_HEAD = ((0, 0.55), (3, 0.1), (31, 0.12), (365, 0.08), (1095, 0.08))
_HEAD_LATER, _HEAD_BEFORE = 0.05, 0.02
_NAMED_DATE = ((-31, 0.05), (3, 0.05), (31, 0.1), (365, 0.15), (1095, 0.15))  # (from -31 days before it)
_NAMED_LATER, _NAMED_BEFORE = 0.2, 0.3
# A date without its year recurs every year: shares of the year around its nearest occurrence.
_YEARLESS_PAST = ((3, 0.2), (7, 0.1), (31, 0.2))
_YEARLESS_NAMED = ((-31, 0.15), (3, 0.1), (31, 0.2))
# A month said to be past (يوليو الماضي): D in the two months after it, in the rest of the eleven.
_MONTH_PAST = ((62, 0.6), (335, 0.35))
_MONTH_TOLD = 0.6  # a month told as past: D within it or the month after
# A year told as past: D in it or the next; a year told as future: D in it or the one before.
_YEAR_PAST = (0.35, 0.55, 0.1)  # (in y..y+1, later, before)
_YEAR_FUTURE = (0.3, 0.6, 0.1)  # (in y-1..y, earlier, later)
_YEAR_NAMED = 0.35  # in y-1..y+1
_NEAR = 40  # characters between اليوم and a holiday that tie them


def _lr(p: float, size: int, span: int = _WINDOW) -> float:
    return math.log(max(p, 1e-6) / max(size, 1) * span)


def _before_days(a: date) -> int:
    return max(1, (a - _WSTART).days)


def _after_days(b: date) -> int:
    return max(1, (_WEND - b).days)


@dataclass
class Clue:
    """One piece of evidence: the span that says it (normalized offsets), its score on each day
    (``parts``: intervals of days with the score they add; ``weekday``: D's ISO weekday, with the
    scores of a match and a miss) and why."""

    start: int
    end: int
    why: str
    parts: list[tuple[date, date, float]] = field(default_factory=list)
    weekday: int | None = None
    weekday_scores: tuple[float, float] = (0.0, 0.0)
    pins: bool = False  # a clue that can pin the day (a dateline, a weekday, a date given as today)
    month_level: bool = False  # one that names D's month (يوليو الجاري, الشهر المقبل (أغسطس))

    def add(self, a: date, b: date, w: float) -> None:
        a, b = max(a, _EARLIEST), min(b, _LATEST)
        if a <= b:
            self.parts.append((a, b, w))

    def around(self, a: date, b: date, p: float) -> None:
        """D is in [a, b] with probability ``p`` (uniform elsewhere in the search window)."""
        size = (b - a).days + 1
        out = _lr(1 - p, _WINDOW - size)
        self.add(_EARLIEST, _LATEST, out)
        self.add(a, b, _lr(p, size) - out)

    def regions(self, parts: list[tuple[date, date, float]], span: int = _WINDOW) -> None:
        """Regions [a, b] that hold the given shares of D (each scored on its own size)."""
        for a, b, p in parts:
            if a <= b:
                self.add(a, b, _lr(p, (b - a).days + 1, span))

    def yearly(self, occurrences: list[tuple[date, date, float]], rest: float) -> None:
        """A region that recurs every year: each occurrence [a, b] holds its share of the year,
        ``rest`` is spread over the rest of it."""
        size = sum((b - a).days + 1 for a, b, _ in occurrences) / max(1, len({a.year for a, _, _ in occurrences}))
        base = _lr(rest, max(1, _YEAR - int(size)), _YEAR)
        self.add(_EARLIEST, _LATEST, base)
        for a, b, p in occurrences:
            if a <= b:
                self.add(a, b, _lr(p, (b - a).days + 1, _YEAR) - base)

    def score(self, d: date) -> float:
        if self.weekday is not None:
            return self.weekday_scores[0] if d.isoweekday() == self.weekday else self.weekday_scores[1]
        return sum(w for a, b, w in self.parts if a <= d <= b)


@dataclass
class Inference:
    """The inferred document date: ``value`` is ``yyyy-mm-dd``, ``yyyy-mm``, ``yyyy`` or None;
    ``share`` the part of the distribution it holds; ``evidence`` the clues that support it,
    strongest first."""

    value: str | None = None
    precision: str | None = None  # "day", "month", "year"
    share: float = 0.0
    evidence: list[Clue] = field(default_factory=list)
    # the likeliest day, month and year, each with its share, whether given or not
    best: tuple[tuple[str, float], tuple[str, float], tuple[str, float]] | None = None

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.value) if self.precision == "day" and self.value else None


# -- data ------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def holidays() -> dict:
    """``data/holidays.json`` with its names folded."""
    data = json.loads(resources.files("marsad.time").joinpath("data/holidays.json").read_text("utf-8"))
    entries = []
    for h in data["holidays"]:
        names = sorted({fold(n) for n in h["names"]}, key=len, reverse=True)
        context = sorted({fold(n) for n in h.get("context_names", [])}, key=len, reverse=True)
        entries.append({**h, "_names": names, "_context": context})
    ordinals = {fold(w): int(k) for k, ws in data["today_ordinals"].items() if not k.startswith("_") for w in ws}
    return {"entries": entries, "ordinals": ordinals, "eve": [fold(w) for w in data["eve_words"]],
            "anniversary": [fold(w) for w in data["anniversary_words"]],
            "not_today": [fold(w) for w in data["not_today_before"]]}


def _alt(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=2)
def _holiday_re(with_context: bool) -> re.Pattern:
    parts = []
    for i, h in enumerate(holidays()["entries"]):
        names = h["_names"] + (h["_context"] if with_context else [])
        if names:
            parts.append(f"(?P<h{i}>{_alt(names)})")
    return re.compile(r"(?<![^\W_])(?:و|ف|ب|ل|لل|وب|ول|وبال|بال)?(?:" + "|".join(parts) + r")(?![^\W_])")


def _hijri_years_in(year: int) -> list[int]:
    a = gregorian_to_hijri(date(year, 1, 1))
    b = gregorian_to_hijri(date(year, 12, 31))
    lo = a[0] if a else round((year - 622) * 33 / 32)
    hi = b[0] if b else lo + 1
    return list(range(lo, hi + 1))


def _holiday_days(h: dict, year: int) -> list[date]:
    """The days holiday ``h`` falls on in Gregorian year ``year`` (a Hijri one may fall twice)."""
    if h["calendar"] == "gregorian":
        d = safe_date(year, h["month"], h["day"])
        return [d] if d else []
    out = []
    for hy in _hijri_years_in(year):
        d = hijri_to_gregorian(hy, h["month"], h["day"])
        if d and d.year == year:
            out.append(d)
    return out


# -- small helpers ---------------------------------------------------------------------------------
def _copyright(text: str) -> tuple[int, int, int] | None:
    """(year, start, end) of the copyright year (the later of a range)."""
    marks = "|".join(re.escape(fold(m)) for m in lexicon()["copyright_marks"])
    m = re.search(rf"(?:{marks})[^\n0-9]{{0,30}}((?:19|20)[0-9]{{2}})(?:\s*[-–]\s*((?:19|20)[0-9]{{2}}))?"
                  rf"|((?:19|20)[0-9]{{2}})[^\n0-9]{{0,5}}(?:{marks})", text, re.IGNORECASE)
    if not m:
        return None
    g = 2 if m.group(2) else 1 if m.group(1) else 3
    return int(m.group(g)), m.start(g), m.end(g)


def _is_dateline(text: str, r: Resolved) -> bool:
    s = r.cand.start
    line_start = text.rfind("\n", 0, s) + 1
    before = text[line_start:s]
    after = text[r.cand.end:r.cand.end + 4]
    if len(before) > _DATELINE_GAP or any(c.isdigit() for c in before):
        return False
    if text[:line_start].count("\n") > 2:
        return False
    stripped = before.rstrip()
    return (not stripped or stripped[-1] in "-–—:,(|" or (stripped.endswith(" في") and len(stripped) <= 20)
            or after.lstrip()[:1] in ("-", "–", "—", ")", "(", "|", ":"))


def _month_span(y: int, m: int) -> tuple[date, date]:
    ny, nm = add_months(y, m, 1)
    return date(y, m, 1), date(ny, nm, 1) - timedelta(days=1)


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _after(a: date, b: date, steps: tuple, later: float, before: float) -> list[tuple[date, date, float]]:
    """Regions after a dated thing [a, b]: [a, b + k0], (b + k0, b + k1] ... with their shares,
    then the rest of the window after it (``later``) and the window before it (``before``)."""
    out = [(_WSTART, a - _days(1), before)]
    lo = a
    for k, p in steps:
        hi = b + _days(k)
        out.append((lo, hi, p))
        lo = hi + _days(1)
    out.append((lo, _WEND, later))
    return out


def _mirror(a: date, b: date, steps: tuple, earlier: float, after: float) -> list[tuple[date, date, float]]:
    """The same before a thing to come."""
    out = [(b + _days(1), _WEND, after)]
    hi = b
    for k, p in steps:
        lo = a - _days(k)
        out.append((lo, hi, p))
        hi = lo - _days(1)
    out.append((_WSTART, hi, earlier))
    return out


def _ordered(clue: Clue, a: date, b: date, tense: str | None) -> None:
    """Only the side of D a dated thing [a, b] is on: after a past one, before one to come (a date
    told in no tense is mostly past)."""
    if tense == "future":
        clue.regions([(_WSTART, b, 1 - _PAST_BEFORE), (b + _days(1), _WEND, _PAST_BEFORE)])
    else:
        before = _PAST_BEFORE if tense == "past" else _NAMED_BEFORE
        clue.regions([(_WSTART, a - _days(1), before), (a, _WEND, 1 - before)])


def _dated(clue: Clue, a: date, b: date, tense: str | None, head: bool = False) -> None:
    """A dated thing [a, b] told in ``tense``: D is after a past one (before one to come), most
    likely within days or weeks (news is recent); ``head``: a date with its weekday at the head of
    the story, often the document day itself."""
    if tense == "future":
        clue.regions(_mirror(a, b, _PAST, _PAST_LATER, _PAST_BEFORE))
    elif head:
        clue.regions(_after(a, b, _HEAD, _HEAD_LATER, _HEAD_BEFORE))
    elif tense == "past":
        clue.regions(_after(a, b, _PAST, _PAST_LATER, _PAST_BEFORE))
    else:
        first = a + _days(_NAMED_DATE[0][0])
        clue.regions([(_WSTART, first - _days(1), _NAMED_BEFORE), (first, a - _days(1), _NAMED_DATE[0][1])]
                     + _after(a, b, _NAMED_DATE[1:], _NAMED_LATER, 0.0)[1:])


def _yearless(clue: Clue, days: list[tuple[date, date]], tense: str | None) -> None:
    """A dated thing without its year, [a, b] in each year searched: it tells how close D is to
    its nearest occurrence."""
    occ: list[tuple[date, date, float]] = []
    for a, b in days:
        if tense == "future":
            hi = b
            for k, p in _YEARLESS_PAST:
                occ.append((a - _days(k), hi, p))
                hi = a - _days(k + 1)
        else:
            steps = _YEARLESS_PAST if tense == "past" else _YEARLESS_NAMED[1:]
            if tense != "past":
                occ.append((a + _days(_YEARLESS_NAMED[0][0]), a - _days(1), _YEARLESS_NAMED[0][1]))
            lo = a
            for k, p in steps:
                occ.append((lo, b + _days(k), p))
                lo = b + _days(k + 1)
    steps = _YEARLESS_PAST if tense in ("past", "future") else _YEARLESS_NAMED
    clue.yearly(occ, 1 - sum(p for _, p in steps))


def _tense_of(r: Resolved) -> str | None:
    """The tense of an expression: its own relative word first (الماضي, المقبل), else the cue."""
    return {"-1": "past", "1": "future"}.get(r.value.facts.get("rel") or "", r.tense)


def _tense_word(tense: str | None) -> str:
    return {"past": "told as past", "future": "told as future"}.get(tense or "", "named")


def _rel_word(off: int) -> str:
    return {0: "today", -1: "yesterday", 1: "tomorrow", -2: "the day before yesterday",
            2: "the day after tomorrow"}.get(off, f"{off:+d} days")


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# the ordinal after an anniversary or a national day: الـ85، الخامس والثمانين، العاشرة
_ORDINAL_AFTER = re.compile(r"\s+((?:ال)?\s*[0-9]{1,3}(?![0-9])|ال[^\W\d_]+(?:\s+و[^\W\d_]+)?)")


def _ordinal(word: str) -> int | None:
    w = word.strip()
    if w.startswith("ال") and w[2:].strip()[:1].isdigit():
        w = w[2:].strip()
    if w[:1].isdigit():
        return int(w)

    def one(x: str) -> str | None:
        return lookup("ordinal_days", x) or lookup("ordinal_days", x.removesuffix("ه"))

    if v := one(w):
        return int(v)
    parts = w.split()
    if len(parts) == 2 and parts[1].startswith("و"):  # الخامس والثمانين
        a, b = one(parts[0]), parse_number(parts[1][1:])
        if a and b:
            return int(a) + int(b)
    return None


# -- the clues -------------------------------------------------------------------------------------
class _Collector:
    """The clues of one text: fixed ones (``clues``), and yearless ones that recur every year
    (``periodic``: made into clues once the years to search are known)."""

    def __init__(self, norm: NormText, sentences: list[Sentence], found: Found, hints: Hints | None):
        self.text = norm.text
        self.found = found
        self.resolved = resolve(norm, sentences, None, found, hints)
        self.hijri = hijri_document(norm, found, hints)
        self.clues: list[Clue] = []
        self.years: list[int] = []  # years that anchor the search: dates and years named, copyright
        self.periodic: list = []
        self.dated: list = []  # (clue, first day, last day, tense, at the head) of each written date
        self.year_mentions: list = []  # (clue, year, tense)

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence (with time candidates) that holds ``pos``, else the 300 characters around it
        (never the whole text: a huge document stays linear)."""
        if getattr(self, "_found_starts", None) is None or len(self._found_starts) != len(self.found):
            self._found_sorted = sorted((a, b) for _si, a, b, _ in self.found)
            self._found_starts = [a for a, _b in self._found_sorted]
        k = bisect_right(self._found_starts, pos) - 1
        if k >= 0 and pos < self._found_sorted[k][1]:
            return self._found_sorted[k]
        return max(0, pos - 300), min(len(self.text), pos + 300)

    def _tense_at(self, s: int, e: int) -> str | None:
        a, b = self._sentence_of(s)
        cache = self.__dict__.setdefault("_cues", {})
        if (a, b) not in cache:
            cache[(a, b)] = sentence_cues(self.text, a, b)
        return local_tense(cache[(a, b)], s, e)

    def collect(self) -> None:
        for r in self.resolved:
            self._expression(r)
        self._written_dates()
        self._relative_named()
        self._anniversaries()
        self._holidays()
        cp = _copyright(self.text)
        if cp:
            y, s, e = cp
            self.years.append(y)
            c = Clue(s, e, f"copyright {y}: the document date is in {y}")
            c.around(date(y, 1, 1), date(y, 12, 31), P_COPYRIGHT)
            self.clues.append(c)

    def _expression(self, r: Resolved) -> None:
        f = r.value.facts
        s, e = r.cand.start, r.cand.end
        off = f.get("offset")
        d = f.get("date")
        tense = _tense_of(r)
        if off is not None and f.get("weekday"):
            wd = (f["weekday"] - 1 - off) % 7 + 1
            self.clues.append(Clue(s, e, f"{r.cand.text}: the document date is a {_WEEKDAYS[wd - 1]}",
                                   weekday=wd, weekday_scores=(math.log(P_WEEKDAY * 7),
                                                               math.log((1 - P_WEEKDAY) / 6 * 7)), pins=True))
        if isinstance(d, date):
            self.years.append(d.year)
            if _is_dateline(self.text, r):
                day = d - _days(off or 0)
                c = Clue(s, e, f"dateline: the document date is {day.isoformat()}", pins=True)
                c.around(day, day, P_DATELINE)
                self.clues.append(c)
            elif off is not None:
                day = d - _days(off)
                c = Clue(s, e, f"a date given as {_rel_word(off)}: the document date is {day.isoformat()}",
                         pins=True)
                c.around(day, day, P_TODAY_DATE)
                self.clues.append(c)
            else:
                c = Clue(s, e, f"{d.isoformat()} {_tense_word(tense)}")
                head = f.get("weekday") == d.isoweekday() and r.sentence < _HEAD_SENTENCES and tense != "future"
                if head:
                    c.why = f"{d.isoformat()} with its weekday at the head of the story"
                self.dated.append((c, d, d, tense, head))
        elif f.get("partial") or f.get("hpartial"):
            self.periodic.append(("partial", r))
        elif "month" in f and f.get("rel") in ("-1", "1", "0", None) and r.value.anchor != "previous":
            self.periodic.append(("month", r))
        elif "hmonth" in f:
            self.periodic.append(("hmonth", r))
        if f.get("month_year"):
            y, m = f["month_year"]
            self.years.append(y)
            c = Clue(s, e, f"{y:04d}-{m:02d} {_tense_word(tense)}")
            self.dated.append((c, *_month_span(y, m), tense, False))
        elif f.get("span") and not isinstance(d, date):
            a, b = f["span"]
            self.years.extend({a.year, b.year})
            c = Clue(s, e, f"{r.cand.text}: {a.isoformat()} to {b.isoformat()} {_tense_word(tense)}")
            if f.get("hyear") and tense is None:  # a Hijri year named: most often the current one
                rest = (1 - P_HIJRI_YEAR) / 4
                c.regions([(_WSTART, a - _days(1), rest), (a, b, P_HIJRI_YEAR), (b + _days(1), _WEND, 3 * rest)])
                self.clues.append(c)
            else:
                self.dated.append((c, a, b, tense, False))
        elif "year" in f and r.cand.rule.norm == "year":
            y = f["year"]
            c = Clue(s, e, f"the year {y} {_tense_word(tense)}")
            if tense != "future":
                self.years.append(y)
            self.year_mentions.append((c, y, tense))

    def _written_dates(self) -> None:
        """Dates written with their year cluster (an article's background is one period): each says
        on which side of D it is, and only the latest one told as past (or in no tense) and the
        earliest one to come say how close D is."""
        # one date told both as past and as future is told in no tense
        tenses: dict = defaultdict(set)
        for _c, a, b, tense, _h in self.dated:
            tenses[(a, b)].add(tense)
        self.dated = [(c, a, b, None if len(tenses[(a, b)]) > 1 else tense, h) for c, a, b, tense, h in self.dated]
        past = [x for x in self.dated if x[3] != "future"]
        future = [x for x in self.dated if x[3] == "future"]
        near = set()
        latest = max(past, key=lambda x: (x[2], x[3] == "past")) if past else None
        earliest = min(future, key=lambda x: x[1]) if future else None
        for x in (latest, earliest):
            if x is not None:
                near.add(id(x))
        # a date told as past and one to come in the same month bracket D in it
        bracket = (latest is not None and earliest is not None and latest[3] == "past"
                   and (latest[1].year, latest[1].month) == (earliest[2].year, earliest[2].month))
        for x in self.dated:
            c, a, b, tense, head = x
            c.why = f"{c.why.split(' told as ')[0].removesuffix(' named')} {_tense_word(tense)}" if not head else c.why
            if id(x) in near or head:
                _dated(c, a, b, tense, head=head)
                c.pins = head
                c.month_level = bracket
            else:
                _ordered(c, a, b, tense)
            self.clues.append(c)
        # years likewise: the latest told as past (or named), the earliest to come
        by_tense: dict = defaultdict(list)
        for x in self.year_mentions:
            by_tense[x[2]].append(x)
        near = {id(max(v, key=lambda x: x[1])) for k, v in by_tense.items() if k != "future" and v}
        if by_tense.get("future"):
            near.add(id(min(by_tense["future"], key=lambda x: x[1])))
        for x in self.year_mentions:
            c, y, tense = x
            first, last = date(y, 1, 1), date(y, 12, 31)
            if id(x) not in near:
                if tense is None:
                    continue
                _ordered(c, first, last, tense)
            elif tense == "future":
                inside, earlier, later = _YEAR_FUTURE
                c.regions([(_WSTART, date(y - 2, 12, 31), earlier), (date(y - 1, 1, 1), last, inside),
                           (date(y + 1, 1, 1), _WEND, later)])
            elif tense == "past":
                inside, later, before = _YEAR_PAST
                c.regions([(_WSTART, date(y - 1, 12, 31), before), (first, date(y + 1, 12, 31), inside),
                           (date(y + 2, 1, 1), _WEND, later)])
            else:
                c.around(date(y - 1, 1, 1), date(y + 1, 12, 31), _YEAR_NAMED)
            self.clues.append(c)

    def _relative_named(self) -> None:
        """الشهر المقبل (أغسطس): D is in July; العام الماضي 2014: D is in 2015."""
        for r in self.resolved:
            if r.cand.rule.norm != "unit_rel":
                continue
            g = r.cand.groups
            unit, _ = unit_of(g.get("u"), "units_definite")
            k = rel_offset(g["rel"]) if g.get("rel") else lookup("this_words", g["th"]) if g.get("th") else None
            if unit not in ("M", "Y") or k not in ("-1", "0", "1"):
                continue
            for o in self.resolved:
                if o is r or o.sentence != r.sentence or o.cand.start < r.cand.end:
                    continue
                if not re.fullmatch(r"[\s(،,:\-–]*", self.text[r.cand.end:o.cand.start]):
                    continue
                of = o.value.facts
                s, e = r.cand.start, o.cand.end
                words = self.text[s:e]
                if unit == "M" and "month" in of and of.get("rel") is None:
                    m = (of["month"] - 1 - int(k)) % 12 + 1
                    self.periodic.append(("named_month", (m, s, e, f"{words}: the document date is in month {m}")))
                elif unit == "Y" and "year" in of and o.cand.rule.norm == "year":
                    y = of["year"] - int(k)
                    self.years.append(y)
                    c = Clue(s, e, f"{words}: the document date is in {y}")
                    c.around(date(y, 1, 1), date(y, 12, 31), P_NAMED)
                    self.clues.append(c)
                break

    def _anniversaries(self) -> None:
        """الذكرى العاشرة ... عام 2005: D is in 2015."""
        rx = re.compile(r"(?<![^\W_])(?:و|ف|ب|ل)?(?:" + _alt(holidays()["anniversary"]) + r")(?:\s+السنويه)?"
                        + _ORDINAL_AFTER.pattern)
        for m in rx.finditer(self.text):
            n = _ordinal(m.group(1))
            if not n:
                continue
            sent = self._sentence_of(m.start())
            years = [r for r in self.resolved if r.cand.rule.norm == "year" and "year" in r.value.facts
                     and self._sentence_of(r.cand.start) == sent]
            if not years:
                continue
            first = min(r.value.facts["year"] for r in years)
            y = first + n
            self.years.append(y)
            c = Clue(m.start(), m.end(), f"anniversary {n} of {first}: the document date is in {y}")
            c.around(date(y, 1, 1), date(y, 12, 31), P_ANNIVERSARY)
            self.clues.append(c)

    def _holidays(self) -> None:
        """Each holiday the text names: (entry, start, end, offset from today or None, which day of
        it, tense, year of a numbered anniversary) among the periodic clues."""
        h = holidays()
        dayrels = [r for r in self.resolved if "offset" in r.value.facts and "date" not in r.value.facts
                   and "partial" not in r.value.facts]
        rx = _holiday_re(self.hijri)
        for m in rx.finditer(self.text):
            i = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
            entry = h["entries"][i]
            s, e = m.start(f"h{i}"), m.end(f"h{i}")
            before = self.text[max(0, s - 24):s]
            nth = 1  # which of its days: ثاني أيام عيد الفطر; its eve: عشية اليوم الوطني
            for w, k in h["ordinals"].items():
                if re.search(r"(?<![^\W_])(?:و|ف)?" + r"\s+".join(map(re.escape, w.split())) + r"\s*$", before):
                    nth = k
                    s = s - len(before) + before.rfind(w.split()[0])
                    break
            if any(re.search(r"(?<![^\W_])(?:و|ف)?" + re.escape(w) + r"\s*$", before) for w in h["eve"]):
                nth = 0
            year_n = None  # a numbered one: اليوم الوطني الـ85 / الخامس والثمانين
            after = _ORDINAL_AFTER.match(self.text, e)
            if after and entry.get("since") and (n := _ordinal(after.group(1))):
                year_n = entry["since"] + n
                e = after.end()
                self.years.append(year_n)
            off = None  # tied to today: اليوم (ب)عيد الفطر, اليوم الجمعة أول أيام عيد الفطر
            if not re.search(r"(?<![^\W_])(?:" + _alt(h["not_today"]) + r")\s+$", self.text[max(0, s - 16):s]):
                for r in (x for x in dayrels if abs(x.cand.start - s) < 200 or abs(x.cand.end - e) < 200):
                    between = self.text[r.cand.end:s] if r.cand.end <= s else self.text[e:r.cand.start]
                    if r.cand.end <= s and re.fullmatch(r"[\s،,]*(?:ب|في\s+)?", between):
                        off = r.value.facts["offset"]
                    elif r.cand.start >= e and nth != 1 and re.fullmatch(r"[\s،,]*", between):
                        off = r.value.facts["offset"]  # ثاني أيام العيد اليوم
                    if off is not None:
                        s, e = min(s, r.cand.start), max(e, r.cand.end)
                        break
            self.periodic.append(("holiday", (entry, s, e, off, nth, self._tense_at(s, e), year_n)))

    # -- yearless clues, once the years are known
    def periodic_clues(self, years: range) -> list[Clue]:
        out = []
        for kind, item in self.periodic:
            if kind == "named_month":
                m, s, e, why = item
                c = Clue(s, e, why, month_level=True)
                c.yearly([(*_month_span(y, m), P_NAMED) for y in years], 1 - P_NAMED)
                out.append(c)
            elif kind == "holiday":
                out.extend(self._holiday_clues(item, years))
            else:
                out.extend(self._yearless_clues(kind, item, years))
        return out

    def _yearless_clues(self, kind: str, r: Resolved, years: range) -> list[Clue]:
        f = r.value.facts
        rel = f.get("rel")
        s, e = r.cand.start, r.cand.end
        if kind == "partial":
            off, wd = f.get("offset"), f.get("weekday")
            days = [d for y in years for d in _yearless_days(f, y) if not wd or d.isoweekday() == wd]
            c = Clue(s, e, f"{r.cand.text} (no year) {_tense_word(_tense_of(r))}")
            if off is not None:
                c.why, c.pins = f"{r.cand.text}: a date given as {_rel_word(off)}", True
                c.yearly([(d - _days(off), d - _days(off), P_TODAY_DATE) for d in days], 1 - P_TODAY_DATE)
                return [c]
            _yearless(c, [(d, d) for d in days], _tense_of(r))
            if rel not in ("-1", "1", "0"):
                return [c]
            m = Clue(s, e, f"{r.cand.text}: {_month_why(rel, r.tense)}", month_level=rel == "0")  # الرابع من يوليو الحالي
            _month(m, [_month_span(d.year, d.month) for d in days], rel, r.tense)
            return [c, m]
        c = Clue(s, e, "", month_level=rel == "0")
        if kind == "month":
            _month(c, [_month_span(y, f["month"]) for y in years], rel, r.tense)
            c.why = f"{r.cand.text}: {_month_why(rel, r.tense)}"
        else:  # a Hijri month
            spans = []
            for y in years:
                for hy in _hijri_years_in(y):
                    a, b = hijri_to_gregorian(hy, f["hmonth"], 1), hijri_to_gregorian(hy, f["hmonth"], 29)
                    if a and b and a.year == y:
                        spans.append((a, b + _days(1)))
            _month(c, spans, rel, r.tense)
            c.why = f"{r.cand.text} (Hijri month): {_month_why(rel, r.tense)}"
        return [c]

    def _holiday_clues(self, item: tuple, years: range) -> list[Clue]:
        entry, s, e, off, nth, tense, year_n = item
        name = self.text[s:e]
        c = Clue(s, e, f"{name} {_tense_word(tense)}")
        out = [c]
        if year_n:  # اليوم الوطني الـ93: this is said in 2023
            y = Clue(s, e, f"{name}: number {year_n - entry['since']} is in {year_n}")
            y.around(date(year_n, 1, 1), date(year_n, 12, 31), P_ANNIVERSARY)
            out.append(y)
        days = [(h + _days(nth - 1), h + _days(max(nth - 1, entry.get("days", 1) - 1)))
                for yy in ([year_n] if year_n else years) for h in _holiday_days(entry, yy)]
        if not days:
            return out[1:]
        if off is not None:
            c.why, c.pins = f"{name}: the holiday is {_rel_word(off)}", True
            c.yearly([(a - _days(off), a - _days(off), P_HOLIDAY_TODAY) for a, _ in days], 1 - P_HOLIDAY_TODAY)
        else:
            _yearless(c, days, tense)
        return out


def _yearless_days(f: dict, y: int) -> list[date]:
    if f.get("partial"):
        _, m, d = f["partial"]
        dd = safe_date(y, m, d)
        return [dd] if dd else []
    hm, d = f["hpartial"]
    out = []
    for hy in _hijri_years_in(y):
        dd = hijri_to_gregorian(hy, hm, d)
        if dd and dd.year == y:
            out.append(dd)
    return out


def _month(c: Clue, spans: list[tuple[date, date]], rel: str | None, tense: str | None) -> None:
    """A month (``spans``: its days in each year searched) said to be the current one (rel 0), the
    last (-1) or the next (1), or told in ``tense``."""
    occ: list[tuple[date, date, float]] = []
    if rel == "0":
        occ = [(a, b, P_CURRENT_MONTH) for a, b in spans]
    elif rel == "-1":
        (k1, p1), (k2, p2) = _MONTH_PAST
        for _a, b in spans:
            occ += [(b + _days(1), b + _days(k1), p1), (b + _days(k1 + 1), b + _days(k2), p2)]
    elif rel == "1":
        (k1, p1), (k2, p2) = _MONTH_PAST
        for a, _b in spans:
            occ += [(a - _days(k1), a - _days(1), p1), (a - _days(k2), a - _days(k1 + 1), p2)]
    elif tense == "past":
        occ = [(a, b + _days(31), _MONTH_TOLD) for a, b in spans]
    elif tense == "future":
        occ = [(a - _days(31), b, _MONTH_TOLD) for a, b in spans]
    if occ:
        per_year = sum(p for *_, p in occ) / max(1, len(spans))
        c.yearly(occ, max(0.01, 1 - per_year))


def _month_why(rel: str | None, tense: str | None) -> str:
    return {"0": "the current month", "-1": "the last such month", "1": "the next such month"}.get(
        rel or "", f"a month {_tense_word(tense)}")


# -- the search ------------------------------------------------------------------------------------
def _years_to_search(years: list[int]) -> range:
    ys = [y for y in years if _EARLIEST.year <= y <= _LATEST.year]
    return range(min([_SEARCH[0], *ys]), max([_SEARCH[1], *ys]) + 1)


def _scores(clues: list[Clue], lo: date, hi: date) -> list[float]:
    n = (hi - lo).days + 1
    diff = [0.0] * (n + 1)
    weekday = [0.0] * 8
    for c in clues:
        if c.weekday is not None:
            for wd in range(1, 8):
                weekday[wd] += c.weekday_scores[0] if wd == c.weekday else c.weekday_scores[1]
            continue
        for a, b, w in c.parts:
            if b < lo or a > hi:
                continue
            diff[max(0, (a - lo).days)] += w
            diff[min(n - 1, (b - lo).days) + 1] -= w
    out = []
    acc = 0.0
    first = lo.isoweekday()
    for i in range(n):
        acc += diff[i]
        out.append(acc + weekday[(first - 1 + i) % 7 + 1])
    return out


def _dedupe(clues: list[Clue]) -> list[Clue]:
    """A clue said twice (أمس الثلاثاء ... أمس الثلاثاء, عيد الفطر ... عيد الفطر) counts once."""
    seen: set = set()
    out = []
    for c in clues:
        key = ("weekday", c.weekday) if c.weekday is not None else (c.why.split(":")[-1], tuple(c.parts))
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def infer_document_date(norm: NormText, sentences: list[Sentence] | None = None, found: Found | None = None,
                        hints: Hints | None = None) -> Inference:
    """The document date its evidence supports, to the day, month or year (see the module
    docstring); ``Inference()`` (unknown) when there is none."""
    sentences = sentences or []
    if found is None:
        found = find(norm, sentences)
    col = _Collector(norm, sentences, found, hints)
    col.collect()
    years = _years_to_search(col.years)
    clues = _dedupe([c for c in col.clues + col.periodic_clues(years) if c.parts or c.weekday is not None])
    if not clues:
        return Inference()
    lo, hi = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
    scores = _scores(clues, lo, hi)
    top = max(scores)
    weights = [math.exp(v - top) for v in scores]
    total = sum(weights)
    best = scores.index(top)
    day = lo + _days(best)
    by_month: dict[tuple[int, int], float] = defaultdict(float)
    by_year: dict[int, float] = defaultdict(float)
    for i, w in enumerate(weights):
        d = lo + _days(i)
        by_month[(d.year, d.month)] += w
        by_year[d.year] += w
    month, m_share = max(by_month.items(), key=lambda kv: kv[1])
    year, y_share = max(by_year.items(), key=lambda kv: kv[1])
    shares = ((day.isoformat(), weights[best] / total), (f"{month[0]:04d}-{month[1]:02d}", m_share / total),
              (f"{year:04d}", y_share / total))
    def supported(d: date, month: bool = False) -> bool:
        return any((c.pins or (month and c.month_level)) and c.score(d) > 0 for c in clues)

    def best_in(pred) -> date:
        return max((d for d in (lo + _days(i) for i in range(len(scores))) if pred(d)),
                   key=lambda d: scores[(d - lo).days])

    month_day = day if (day.year, day.month) == month else best_in(lambda d: (d.year, d.month) == month)
    if weights[best] / total >= P_DAY and supported(day):
        inf = Inference(day.isoformat(), "day", weights[best] / total)
    elif m_share / total >= P_MONTH and supported(month_day, month=True):
        inf = Inference(f"{month[0]:04d}-{month[1]:02d}", "month", m_share / total)
        day = month_day
    elif y_share / total >= P_YEAR:
        inf = Inference(f"{year:04d}", "year", y_share / total)
        if day.year != year:
            day = best_in(lambda d: d.year == year)
    else:
        return Inference(best=shares)
    inf.best = shares
    support = [(c.score(day), c) for c in clues]
    inf.evidence = [c for s, c in sorted(support, key=lambda x: (-x[0], x[1].start)) if s > 0]
    return inf


def infer_dct(norm: NormText, sentences: list[Sentence] | None = None, found: Found | None = None,
              hints: Hints | None = None) -> date | None:
    """The document day the text decides, or None (``found``: the tagger's matches, if at hand)."""
    return infer_document_date(norm, sentences, found, hints).day
