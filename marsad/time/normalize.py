"""TIMEX3 values for the candidates of the grammar, against the document date (DCT).

Each rule of ``data/rules.json`` names one normalization function here (``norm``); the function
reads the rule's named groups and the :class:`Context` (DCT, tense around the expression, the last
date mentioned) and returns a :class:`Value`. Word meanings come from ``data/lexicon.json`` through
:func:`marsad.time.grammar.lookup`, never from literals here.

Values: ``2022-01-12``, ``2022-01``, ``2021``, ``2021-W52``, ``199`` (decade), ``20`` (century),
``2023-SU`` (season), ``2023-03-05T10:00``, ``2023-03-04TEV``, ``P3D``, ``PT48H``, ``PXY``,
``PRESENT_REF``; with no DCT, relative expressions get ``XXXX-WXX-3``, ``XXXX-XX-XX``, ``XXXX-11``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.time.grammar import lookup

_DIGITS = re.compile(r"[0-9]+")
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_POD_HOUR = {"MO": 9, "MI": 12, "AF": 15, "EV": 19, "NI": 22}
_UNIT_DAYS = {"D": 1, "W": 7}
_HIJRI_YEARS = (1300, 1500)  # a numeric date with such a year is Hijri (Gregorian news is later)
_HIJRI_AHEAD = 5  # a bare year read as Hijri is at most this many Hijri years after the document's
_HIJRI_NOW = 1460  # ... and, with no document date, at most this one
_MIN_YEAR_DAYS = 30  # a Gregorian year holding fewer days of a Hijri year is not among its values


@dataclass
class Value:
    value: str | None
    type: str | None = None  # overrides the rule's type
    values: list[str] = field(default_factory=list)
    anchor: str = "absolute"
    day: date | None = None  # the day it names, when it names one (for later references)
    month: tuple[int, int] | None = None
    year: int | None = None
    facts: dict = field(default_factory=dict)  # evidence for document-date inference
    calendar: str | None = None  # "gregorian" or "hijri": the calendar a written date was read in


@dataclass
class Context:
    dct: date | None
    tense: str | None = None  # "past", "future" or None, around the expression
    last_day: date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    sentence_day: date | None = None
    hijri_doc: bool = False  # the article's other dates, outlet or dateline read bare years as Hijri
    gregorian_sentence: bool = False  # the sentence speaks of Gregorian history (الميلادي، القرن)


# -- small helpers -----------------------------------------------------------------------------
def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_number(text: str | None) -> float | None:
    """Digits or number words (ثلاثة، خمسة وعشرين، الستة) -> a number."""
    if not text:
        return None
    t = text.strip()
    if t.startswith("ال") and lookup("numbers", t) is None:  # الـ48، الستة (but not ألف)
        t = t[2:].lstrip()
    m = _DIGITS.search(t)
    if m and m.start() == 0:
        return int(m.group())
    total = 0
    found = False
    for part in re.split(r"\s+و\s*|\s+", t):
        if not part:
            continue
        if part.startswith("و") and lookup("numbers", part[1:]) is not None and lookup("numbers", part) is None:
            part = part[1:]
        v = lookup("numbers", part)
        if v is None:
            continue
        total += int(v)
        found = True
    if not found:
        v = lookup("numbers", t)
        return int(v) if v else None
    return total


def parse_day(text: str | None) -> int | None:
    if not text:
        return None
    t = text.strip()
    if t[:1].isdigit():
        return int(_DIGITS.match(t).group())
    v = lookup("ordinal_days", t)
    return int(v) if v else None


def parse_year(text: str | None) -> int | None:
    if not text:
        return None
    m = _DIGITS.search(text)
    return int(m.group()) if m else None


def parse_month(text: str | None) -> int | None:
    if not text:
        return None
    first = re.split(r"[/()\-]", text)[0].strip()
    v = lookup("months", first)
    return int(v) if v else None


def unit_of(text: str | None, key: str = "units") -> tuple[str | None, str | None]:
    """'أيام' -> ('D', 'pl'); 'يومين' -> ('D', 'dual'); 'الأسبوع' (definite table) -> ('W', None)."""
    if not text:
        return None, None
    v = lookup(key, text)
    if v is None:
        return None, None
    if ":" in v:
        u, form = v.split(":", 1)
        return u, form
    return v, None


def rel_offset(text: str | None) -> str | None:
    return lookup("relative_words", text) if text else None


def hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    """Umm al-Qura through hijridate where it is defined (1343-1500 AH), else the tabular calendar."""
    try:
        from hijridate import Hijri

        g = Hijri(y, m, d).to_gregorian()
        return date(g.year, g.month, g.day)
    except Exception:  # noqa: BLE001 - out of range or invalid: fall back to arithmetic
        pass
    if not (1 <= m <= 12 and 1 <= d <= 30 and 1 <= y <= 2000):
        return None
    days = d + int(29.5 * (m - 1) + 0.999) + (y - 1) * 354 + (3 + 11 * y) // 30 - 1
    return date.fromordinal(date(622, 7, 19).toordinal() + days)


def gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except Exception:  # noqa: BLE001
        return None


def hijri_year_span(y: int) -> tuple[date, date] | None:
    """The first and last Gregorian day of Hijri year ``y``."""
    a = hijri_to_gregorian(y, 1, 1)
    b = hijri_to_gregorian(y + 1, 1, 1)
    if a is None or b is None:
        return None
    return a, b - timedelta(days=1)


def hijri_year_value(y: int, y2: int | None = None) -> Value | None:
    """A Hijri year (or years ``y``..``y2``) as Gregorian years: the value is the year that holds the
    middle of the first one (عام 1431 هـ -> 2010); ``values`` lists every Gregorian year that holds a
    month or more of them when that is more than one (العام الدراسي 1439 -> 2017, 2018)."""
    first = hijri_year_span(y)
    last = hijri_year_span(y2 if y2 is not None and y2 >= y else y)
    if first is None or last is None:
        return None
    mid = first[0] + (first[1] - first[0]) / 2
    a, b = first[0], last[1]
    years = []
    for g in range(a.year, b.year + 1):
        lo, hi = max(a, date(g, 1, 1)), min(b, date(g, 12, 31))
        if (hi - lo).days + 1 >= _MIN_YEAR_DAYS:
            years.append(f"{g:04d}")
    facts = {"hyear": (y, y2 if y2 is not None and y2 >= y else y), "span": (a, b)}
    return Value(f"{mid.year:04d}", values=years if len(years) > 1 else [], year=mid.year, facts=facts,
                 calendar="hijri")


def reads_as_hijri(y: int, ctx: Context, wording: bool = False) -> bool:
    """Is a year written without a calendar mark Hijri? Only in the Hijri range (up to a few years
    after the document's Hijri year), and only when the article (``ctx.hijri_doc``) or the words
    before the year (``wording``: العام الدراسي) say so, unless the sentence speaks of Gregorian
    history."""
    if y < _HIJRI_YEARS[0]:
        return False
    h = gregorian_to_hijri(ctx.dct) if ctx.dct else None
    if y > (h[0] + _HIJRI_AHEAD if h else _HIJRI_NOW):
        return False
    return (wording or ctx.hijri_doc) and not ctx.gregorian_sentence


# -- resolution against the DCT ----------------------------------------------------------------
def _pick_year(candidates: list[tuple[int, date]], dct: date, tense: str | None) -> int:
    if tense == "past":
        past = [c for c in candidates if c[1] <= dct]
        if past:
            return max(past, key=lambda c: c[1])[0]
    elif tense == "future":
        fut = [c for c in candidates if c[1] >= dct]
        if fut:
            return min(fut, key=lambda c: c[1])[0]
    return min(candidates, key=lambda c: (abs((c[1] - dct).days), c[1] > dct))[0]


def year_for_day(m: int, d: int, ctx: Context) -> int | None:
    if ctx.dct is None:
        return None
    cands = [(y, dd) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if (dd := safe_date(y, m, d))]
    if not cands:
        return ctx.dct.year
    return _pick_year(cands, ctx.dct, ctx.tense)


def year_for_month(m: int, ctx: Context, rel: str | None) -> int | None:
    dct = ctx.dct
    if rel == "P" and ctx.last_year:
        return ctx.last_year
    if dct is None:
        return None
    if rel == "-1":
        return dct.year if m < dct.month else dct.year - 1
    if rel == "1":
        return dct.year if m > dct.month else dct.year + 1
    if rel == "0":
        return dct.year
    cands = [(y, date(y, m, 15)) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if ctx.tense == "past":
        return dct.year if m <= dct.month else dct.year - 1
    if ctx.tense == "future":
        return dct.year if m >= dct.month else dct.year + 1
    return _pick_year(cands, dct.replace(day=15), None)


def weekday_date(wd: int, ctx: Context, rel: str | None) -> date | None:
    dct = ctx.dct
    if dct is None:
        return None
    cur = dct.isoweekday()
    back = (cur - wd) % 7
    fwd = (wd - cur) % 7
    if rel == "-1":
        return dct - timedelta(days=back or 7)
    if rel == "1":
        return dct + timedelta(days=fwd or 7)
    if rel == "P" and ctx.last_day:
        return ctx.last_day
    if ctx.tense == "future":
        return dct + timedelta(days=fwd)
    return dct - timedelta(days=back)


def _day_value(d: date | None, fallback: str = "XXXX-XX-XX") -> str:
    return d.isoformat() if d else fallback


def _month_ref(sm: str, ctx: Context) -> tuple[tuple[int, int] | None, str]:
    """الشهر نفسه / الجاري / الماضي -> (year, month) and the anchor."""
    rel = None
    for w in sm.split():
        rel = rel or rel_offset(w)
    if sm.startswith(("نفس", "ذات")):
        rel = "P"
    if rel == "P" or rel == "P+1":
        base = ctx.last_month or ((ctx.dct.year, ctx.dct.month) if ctx.dct else None)
        if base is None:
            return None, "previous"
        return (add_months(*base, 1) if rel == "P+1" else base), "previous" if ctx.last_month else "dct"
    if ctx.dct is None:
        return None, "dct"
    k = int(rel) if rel in ("-1", "1", "0") else 0
    return add_months(ctx.dct.year, ctx.dct.month, k), "dct"


# -- the normalization functions named by the rules ---------------------------------------------
def norm_date(g: dict, ctx: Context) -> Value | None:
    d = parse_day(g.get("d"))
    m = parse_month(g.get("m"))
    y = parse_year(g.get("y"))
    facts: dict = {}
    if g.get("mn"):
        mn = int(g["mn"])
        if mn > 12:
            if d is None or d > 12:
                return None
            d, mn = mn, d
        m = mn if m is None or g.get("d") else m
    anchor = "absolute"
    cal: str | None = "gregorian"  # a Gregorian month name, or figures read as Gregorian
    if g.get("sm"):
        cal = None  # الخامس من الشهر نفسه: the calendar of the month referred to
        ym, anchor = _month_ref(g["sm"], ctx)
        if d is None:
            return None
        if ym is None:
            return Value(f"XXXX-XX-{d:02d}", anchor=anchor)
        y, m = ym
    if m is None:
        return None
    if g.get("wd"):
        facts["weekday"] = int(lookup("weekdays", g["wd"].split()[-1]) or 0)
    if g.get("dr"):
        facts["offset"] = int(lookup("day_relative", g["dr"]) or 0)
    if d is not None:
        if y is None:
            if g.get("dr") and ctx.dct is not None:
                y = (ctx.dct + timedelta(days=facts.get("offset", 0))).year
                anchor = "dct"
            else:
                rel = rel_offset(g["rel"]) if g.get("rel") else None
                if rel in ("P", "P+1") and ctx.last_year:
                    y, anchor = ctx.last_year, "previous"
                elif rel == "0" and ctx.dct is not None:
                    y, anchor = ctx.dct.year, "dct"
                else:
                    saved = ctx.tense
                    ctx.tense = {"-1": "past", "1": "future"}.get(rel or "", ctx.tense)
                    y = year_for_day(m, d, ctx)
                    ctx.tense = saved
                    anchor = "dct"
            if y is None:
                facts["partial"] = (None, m, d)
                if g.get("rel"):
                    facts["rel"] = rel_offset(g["rel"])
                return Value(f"XXXX-{m:02d}-{d:02d}", anchor="none", facts=facts, calendar=cal)
        if g.get("mn") and not g.get("gmk") and (g.get("hmk") or _HIJRI_YEARS[0] <= y <= _HIJRI_YEARS[1]):
            dd = hijri_to_gregorian(y, m, d)  # 2/6/1436: a Hijri date written in figures
            if dd is None:
                return None
            y, m = dd.year, dd.month
            cal = "hijri"
        else:
            dd = safe_date(y, m, d)
        if dd is None:
            return None
        facts["date"] = dd
        return Value(dd.isoformat(), anchor=anchor, day=dd, month=(y, m), year=y, facts=facts, calendar=cal)
    rel = None
    if g.get("rel"):
        rel = rel_offset(g["rel"])
        if rel == "P+1":
            rel = "1"
    if y is None:
        y = year_for_month(m, ctx, rel)
        anchor = "previous" if rel == "P" and ctx.last_year else "dct"
        if y is None:
            return Value(f"XXXX-{m:02d}", anchor="none", facts={"month": m, "rel": rel}, calendar=cal)
    return Value(f"{y:04d}-{m:02d}", anchor=anchor, month=(y, m), year=y, calendar=cal,
                 facts={"month": m, "rel": rel} if anchor != "absolute" else {"month_year": (y, m)})


def norm_days(g: dict, ctx: Context) -> Value | None:
    days_text = g.get("days") or ""
    parts = re.split(r"\s*(?:,|و|-|–|الي|حتي)\s*", days_text)
    days = [x for x in (parse_day(p) for p in parts if p.strip()) if x]
    if len(days) < 2:
        return None
    text = g.get("_text", "")
    is_range = bool(re.search(r"(?:^|\s)(?:بين|من|الي|حتي)\s|[-–]|الي|حتي", text.split(days_text)[0] + days_text))
    if is_range:
        if days[-1] < days[0] or days[-1] - days[0] > 31:
            return None
        days = list(range(days[0], days[-1] + 1))
    base = norm_date({**g, "d": str(days[0]), "mn": None}, ctx)
    if base is None:
        return None
    if base.day is None:
        mm = base.value[5:7] if base.value and len(base.value) >= 7 else "XX"
        vals = [f"XXXX-{mm}-{x:02d}" for x in days]
        return Value(vals[0], values=vals, anchor=base.anchor, calendar=base.calendar, facts=base.facts)
    y, m = base.day.year, base.day.month
    dates = [dd for x in days if (dd := safe_date(y, m, x))]
    vals = [x.isoformat() for x in dates]
    return Value(vals[0], values=vals, anchor=base.anchor, day=dates[-1], month=(y, m), year=y,
                 facts={"date": dates[0]}, calendar=base.calendar)


def norm_range_dates(g: dict, ctx: Context) -> Value | None:
    y1 = g.get("y1") or g.get("y2")
    a = norm_date({"d": g.get("d1"), "m": g.get("m1"), "y": y1}, ctx)
    b = norm_date({"d": g.get("d2"), "m": g.get("m2"), "y": g.get("y2") or y1}, ctx)
    if a is None or b is None or a.day is None or b.day is None:
        return None
    if b.day < a.day:
        return None
    n = (b.day - a.day).days
    if n <= 31:
        vals = [(a.day + timedelta(days=i)).isoformat() for i in range(n + 1)]
    else:
        vals = [a.day.isoformat(), b.day.isoformat()]
    return Value(vals[0], values=vals, anchor=a.anchor, day=b.day, month=(b.day.year, b.day.month),
                 year=b.day.year, calendar=a.calendar, facts={"date": a.day} if a.anchor == "absolute" else {})


def norm_hijri(g: dict, ctx: Context) -> Value | None:
    hm_text = g.get("hm") or g.get("hm2")
    hm = int(lookup("hijri_months", hm_text)) if hm_text and lookup("hijri_months", hm_text) else None
    d = parse_day(g.get("d"))
    y = parse_year(g.get("y"))
    anchor = "absolute"
    if hm is None:  # a Hijri year alone
        if y is None:
            return None
        return hijri_year_value(y)
    if y is None:
        if ctx.dct is None:
            facts = {"hpartial": (hm, d)} if d is not None else {"hmonth": hm, "rel": rel_offset(g.get("rel") or "")}
            return Value(None, anchor="none", facts=facts, calendar="hijri")
        h = gregorian_to_hijri(ctx.dct)
        hy = h[0] if h else round((ctx.dct.year - 622) * 33 / 32)
        rel = rel_offset(g.get("rel")) if g.get("rel") else None
        cur = h[1] if h else hm
        if rel == "-1" or (rel is None and ctx.tense == "past" and hm > cur):
            hy -= 1 if hm >= cur else 0
        elif rel == "1" or (rel is None and ctx.tense == "future" and hm < cur):
            hy += 1 if hm <= cur else 0
        y = hy
        anchor = "dct"
    if d is not None:
        dd = hijri_to_gregorian(y, hm, d)
        if dd is None:
            return None
        return Value(dd.isoformat(), anchor=anchor, day=dd, month=(dd.year, dd.month), year=dd.year,
                     facts={"date": dd} if anchor == "absolute" else {}, calendar="hijri")
    mid = hijri_to_gregorian(y, hm, 15)
    if mid is None:
        return None
    facts = {}
    if anchor == "absolute" and (a := hijri_to_gregorian(y, hm, 1)) and (b := hijri_to_gregorian(y, hm, 29)):
        facts["span"] = (a, b)
    return Value(f"{mid.year:04d}-{mid.month:02d}", anchor=anchor, month=(mid.year, mid.month), year=mid.year,
                 calendar="hijri", facts=facts)


def _attach_day(g: dict, ctx: Context) -> tuple[date | None, str, str | None]:
    """The day a time of day belongs to: a named day, a relative day, a weekday, or the sentence's."""
    if g.get("d") and g.get("m"):
        v = norm_date(g, ctx)
        if v is None:
            return None, "none", None
        g["_facts"] = v.facts
        return v.day, v.anchor, (v.value if v.day is None else None)
    if g.get("dr"):
        off = int(lookup("day_relative", g["dr"]) or 0)
        return (ctx.dct + timedelta(days=off) if ctx.dct else None), "dct", None
    if g.get("wd"):
        wd = int(lookup("weekdays", g["wd"].split()[-1]) or 0)
        rel = rel_offset(g.get("rel")) if g.get("rel") else None
        day = weekday_date(wd, ctx, rel)
        return day, "dct", (None if day else f"XXXX-WXX-{wd}")
    if ctx.sentence_day:
        return ctx.sentence_day, "previous", None
    return ctx.dct, "dct", None


def norm_partday(g: dict, ctx: Context) -> Value | None:
    code = None
    if g.get("pd"):
        code = lookup("part_of_day", g["pd"])
    elif g.get("pd2") or (g.get("pd") is None and "pd2" in g):
        code = "NI"
    if g.get("pa") and not code:
        code = lookup("part_of_day_adverbs", g["pa"])
    if g.get("pd") and g["pd"].startswith("ال"):  # هذا الصباح / المساء / الليلة
        code = {"الصباح": "MO", "المساء": "EV", "الليله": "NI"}.get(g["pd"], code)
    if code is None:
        return None
    facts = {}
    if g.get("dr"):
        facts["offset"] = int(lookup("day_relative", g["dr"]) or 0)
        if g.get("wdr"):
            facts["weekday"] = int(lookup("weekdays", g["wdr"]) or 0)
    day, anchor, under = _attach_day(g, ctx)
    facts.update(g.pop("_facts", {}))
    if day is None:
        base = under or "XXXX-XX-XX"
        return Value(f"{base}T{code}", anchor="none", facts=facts)
    return Value(f"{day.isoformat()}T{code}", anchor=anchor, day=day, month=(day.year, day.month),
                 year=day.year, facts=facts)


def norm_clock(g: dict, ctx: Context) -> Value | None:
    mins = 0
    if g.get("clk"):
        parts = re.split(r"[:.]", g["clk"])
        hour = int(parts[0])
        if len(parts) > 1:
            mins = int(parts[1])
    elif g.get("hw"):
        hour = int(lookup("clock_hours", g["hw"]) or 0)
        if g.get("fr"):
            f = int(lookup("clock_fractions", g["fr"]) or 0)
            if f < 0:
                hour, mins = hour - 1, 60 + f
            else:
                mins = f
    else:
        return None
    code = lookup("part_of_day_adverbs", g["pa"]) if g.get("pa") else None
    if code in ("AF", "EV") and hour < 12:
        hour += 12
    elif code == "NI" and 6 <= hour < 12:
        hour += 12
    elif code == "NI" and hour == 12:
        hour = 0
    elif code == "MI" and hour < 6:
        hour += 12
    elif code == "MO" and hour == 12:
        hour = 0
    if hour > 24 or mins > 59:
        return None
    hour %= 24
    day = ctx.sentence_day or ctx.dct
    anchor = "previous" if ctx.sentence_day else "dct"
    if day is None:
        return Value(f"XXXX-XX-XXT{hour:02d}:{mins:02d}", anchor="none")
    return Value(f"{day.isoformat()}T{hour:02d}:{mins:02d}", anchor=anchor)


def norm_dayrel(g: dict, ctx: Context) -> Value | None:
    off = int(lookup("day_relative", g["dr"]) or 0)
    facts = {"offset": off}
    if g.get("wd"):
        facts["weekday"] = int(lookup("weekdays", g["wd"].split()[-1]) or 0)
    if ctx.dct is None:
        if "weekday" in facts and off == 0:
            return Value(f"XXXX-WXX-{facts['weekday']}", anchor="none", facts=facts)
        return Value("XXXX-XX-XX", anchor="none", facts=facts)
    d = ctx.dct + timedelta(days=off)
    return Value(d.isoformat(), anchor="dct", day=d, month=(d.year, d.month), year=d.year, facts=facts)


def norm_weekday(g: dict, ctx: Context) -> Value | None:
    wd = int(lookup("weekdays", g["wd"].split()[-1]) or 0)
    if not wd:
        return None
    rel = rel_offset(g.get("rel")) if g.get("rel") else None
    if rel == "0":
        rel = None
    code = lookup("part_of_day_adverbs", g["pa"]) if g.get("pa") else None
    d = weekday_date(wd, ctx, rel)
    facts = {"weekday_mention": wd, "rel": rel}
    suffix = f"T{code}" if code else ""
    typ = "TIME" if code else None
    if d is None:
        return Value(f"XXXX-WXX-{wd}{suffix}", type=typ, anchor="none", facts=facts)
    anchor = "previous" if rel == "P" and ctx.last_day else "dct"
    return Value(d.isoformat() + suffix, type=typ, anchor=anchor, day=d, month=(d.year, d.month),
                 year=d.year, facts=facts)


def _shift(unit: str, k: int, ctx: Context, base: date | None) -> Value:
    anchor = "dct"
    if base is None:
        fallback = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}
        return Value(fallback.get(unit, "XXXX-XX-XX"), anchor="none")
    if unit == "D":
        d = base + timedelta(days=k)
        return Value(d.isoformat(), anchor=anchor, day=d, month=(d.year, d.month), year=d.year)
    if unit == "W":
        d = base + timedelta(days=7 * k)
        return Value(iso_week(d), anchor=anchor, year=d.year)
    if unit == "M":
        y, m = add_months(base.year, base.month, k)
        return Value(f"{y:04d}-{m:02d}", anchor=anchor, month=(y, m), year=y)
    if unit == "Y":
        return Value(f"{base.year + k:04d}", anchor=anchor, year=base.year + k)
    if unit == "DE":
        return Value(f"{(base.year // 10 + k):03d}", anchor=anchor)
    if unit == "CE":
        return Value(f"{(base.year // 100 + k):02d}", anchor=anchor)
    d = base  # hours, minutes: the day itself
    return Value(d.isoformat(), anchor=anchor, day=d)


def norm_unit_rel(g: dict, ctx: Context) -> Value | None:
    unit, _ = unit_of(g.get("u"), "units_definite")
    if unit is None:
        return None
    rel = None
    if g.get("th"):
        rel = lookup("this_words", g["th"])
    if g.get("rel"):
        rel = rel_offset(g["rel"])
    if g.get("before"):
        rel = "-2" if ("ماضي" in g["before"]) else "2"
    if rel is None:
        rel = "0"
    if rel in ("P", "P+1"):
        k = 1 if rel == "P+1" else 0
        base = None
        if unit == "D":
            base = ctx.last_day
        elif unit in ("M",) and ctx.last_month:
            base = date(ctx.last_month[0], ctx.last_month[1], 1)
        elif unit in ("Y", "DE", "CE") and ctx.last_year:
            base = date(ctx.last_year, 1, 1)
        elif unit == "W" and ctx.last_day:
            base = ctx.last_day
        if base is not None:
            v = _shift(unit, k, ctx, base)
            v.anchor = "previous"
            return v
        v = _shift(unit, k, ctx, ctx.dct)
        return v
    return _shift(unit, int(rel), ctx, ctx.dct)


def _count(g: dict, unit_key: str = "units") -> tuple[str | None, float | None, str | None]:
    utext = g.get("u") or g.get("u2") or g.get("u3")
    unit, form = unit_of(utext, unit_key)
    n = parse_number(g.get("n")) if g.get("n") else parse_number(g.get("n2")) if g.get("n2") else None
    if n is None and g.get("fr"):
        n = float(lookup("fractions", g["fr"]) or 0) or None
    if n is None:
        n = {"dual": 2, "sg": 1}.get(form or "")
    return unit, n, form


def duration_value(unit: str, n: float | None) -> str:
    if n is not None and n != int(n):
        # half an hour, a quarter of a century: move to the smaller unit
        smaller = {"H": ("MIN", 60), "Y": ("M", 12), "CE": ("Y", 100), "DE": ("Y", 10), "D": ("H", 24),
                   "M": ("D", 30), "W": ("D", 7), "MIN": ("S", 60)}
        if unit in smaller:
            unit, f = smaller[unit]
            n = n * f
    num = "X" if n is None else str(int(n)) if n == int(n) else str(n)
    if unit in ("H", "MIN", "S"):
        return f"PT{num}{'M' if unit == 'MIN' else unit}"
    return f"P{num}{unit}"


def norm_duration(g: dict, ctx: Context) -> Value | None:
    key = "units_definite_plural" if g.get("rel") else "units"
    unit, n, _ = _count(g, key)
    if unit is None:
        return None
    return Value(duration_value(unit, n), type="DURATION", anchor="none")


def norm_ago(g: dict, ctx: Context) -> Value | None:
    unit, n, form = _count(g)
    if unit is None:
        return None
    d = g.get("dir", "")
    if g.get("of") is not None or d in ("خلال", "في غضون", "بغضون"):
        return Value(duration_value(unit, n), type="DURATION", anchor="none")
    sign = 1 if d == "بعد" else -1
    if n is None:
        return Value("FUTURE_REF" if sign > 0 else "PAST_REF", anchor="dct")
    if n != int(n):
        return Value("FUTURE_REF" if sign > 0 else "PAST_REF", anchor="dct")
    k = int(n)
    if unit in ("D", "W"):
        days = _UNIT_DAYS[unit] * k * sign
        if ctx.dct is None:
            return Value("XXXX-XX-XX" if unit == "D" else "XXXX-WXX", anchor="none")
        base = ctx.dct + timedelta(days=days)
        if unit == "D":
            return Value(base.isoformat(), anchor="dct", day=base, month=(base.year, base.month), year=base.year)
        return Value(iso_week(base), anchor="dct", year=base.year)
    if unit == "DE":
        return _shift("Y", 10 * k * sign, ctx, ctx.dct)
    if unit == "CE":
        return _shift("Y", 100 * k * sign, ctx, ctx.dct)
    return _shift(unit, k * sign, ctx, ctx.dct)


def norm_set(g: dict, ctx: Context) -> Value | None:
    if g.get("s"):
        v = lookup("set_adverbs", g["s"])
        return Value(v, anchor="none") if v else None
    wd_text = g.get("wd") or g.get("wd2")
    if wd_text:
        key = "weekdays_bare" if g.get("wd") else "weekdays"
        wd = lookup(key, wd_text.split()[-1])
        return Value(f"XXXX-WXX-{wd}", anchor="none") if wd else None
    unit, n, _ = _count(g)
    if unit is None:
        return None
    return Value(duration_value(unit, n or 1), anchor="none")


def norm_year(g: dict, ctx: Context) -> Value | None:
    """A year or a range of years, Gregorian unless marked Hijri (هـ) or read as Hijri in context
    (:func:`reads_as_hijri`): ``عام 1431`` in a Saudi article is 2010."""
    y = parse_year(g.get("y"))
    if y is None:
        return None
    y2 = parse_year(g.get("y2"))
    if y2 is not None and y2 < 100:
        y2 += y - y % 100
    hijri = bool(g.get("hmk")) or (not g.get("gmk") and reads_as_hijri(y, ctx, bool(g.get("hw"))))
    if hijri:
        return hijri_year_value(y, y2)
    if y2 is not None:
        if y2 <= y:
            return Value(f"{y:04d}", year=y, calendar="gregorian")
        vals = [f"{x:04d}" for x in range(y, y2 + 1)] if y2 - y <= 30 else [f"{y:04d}", f"{y2:04d}"]
        return Value(f"{y:04d}", values=vals, year=y2, calendar="gregorian", facts={"years": (y, y2)})
    return Value(f"{y:04d}", year=y, facts={"year": y}, calendar="gregorian")


def norm_decade(g: dict, ctx: Context) -> Value | None:
    v = lookup("decades", g["dw"])
    if v is None:
        return None
    if g.get("c"):
        c = lookup("centuries", g["c"])
        if c:
            return Value(f"{c}{v[-1]}")
    return Value(v)


def norm_century(g: dict, ctx: Context) -> Value | None:
    c = lookup("centuries", g["c"])
    if c is None:
        return None
    word = g["c"]
    if word in ("الماضي", "الحالي") and ctx.dct is not None:
        base = ctx.dct.year // 100
        return Value(f"{base - 1 if word == 'الماضي' else base:02d}", anchor="dct")
    return Value(c)


def norm_season(g: dict, ctx: Context) -> Value | None:
    code = lookup("seasons", g["s"])
    if code is None:
        return None
    y = parse_year(g.get("y"))
    if y is not None:
        return Value(f"{y:04d}-{code}", year=y, calendar="gregorian")
    if ctx.dct is None:
        return Value(f"XXXX-{code}", anchor="none")
    rel = rel_offset(g.get("rel")) if g.get("rel") else None
    dct = ctx.dct
    years = range(dct.year - 2, dct.year + 3)

    def centre(yy: int) -> date:
        return date(yy, _SEASON_MONTH[code], 15)

    margin = timedelta(days=45)
    if rel == "-1":
        y = max(yy for yy in years if centre(yy) < dct - margin)
    elif rel == "1":
        y = min(yy for yy in years if centre(yy) > dct + margin)
    elif ctx.tense == "past":
        y = max(yy for yy in years if centre(yy) - margin <= dct)
    elif ctx.tense == "future":
        y = min(yy for yy in years if centre(yy) + margin >= dct)
    else:
        y = dct.year
    return Value(f"{y:04d}-{code}", anchor="dct", year=None)


def norm_ref(g: dict, ctx: Context) -> Value | None:
    v = lookup("refs", g["r"])
    return Value(v, anchor="dct") if v else None


NORMS = {
    "date": norm_date,
    "days": norm_days,
    "range_dates": norm_range_dates,
    "hijri": norm_hijri,
    "partday": norm_partday,
    "clock": norm_clock,
    "dayrel": norm_dayrel,
    "weekday": norm_weekday,
    "unit_rel": norm_unit_rel,
    "ago": norm_ago,
    "duration": norm_duration,
    "set": norm_set,
    "year": norm_year,
    "decade": norm_decade,
    "century": norm_century,
    "season": norm_season,
    "ref": norm_ref,
}


def last_day_of_month(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]
