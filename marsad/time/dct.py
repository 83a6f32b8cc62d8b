"""Infer the document creation time (DCT) of an undated document from its text.

Evidence, strongest first:

1. a dateline: ``القاهرة - 7 مارس 2023 -`` or ``الرياض (7 مارس 2023)`` at the head of the text;
2. a date tied to the document day: ``اليوم الخميس 9 مارس 2023``, ``أمس الاثنين 6 مارس`` (the date
   minus the offset of اليوم/أمس/غدا);
3. explicit dates and the tense around them (a reported past date is on or before the DCT, an
   announced future date after it), constrained by the weekday that relative words name
   (``أمس الاثنين`` makes the DCT a Tuesday): the earliest day that fits all of them;
4. a year for dates written without one: the copyright line (``© 2023``) or the years the text names;
   a weekday written beside a yearless date (``الخميس 9 مارس``) picks the year in which it fits.

When nothing decides the day, ``infer_dct`` returns None and the document stays ``unknown``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marsad.schema import Sentence
from marsad.text.normalize import NormText, fold
from marsad.time.grammar import lexicon
from marsad.time.normalize import safe_date
from marsad.time.tagger import Found, Resolved, resolve

_DATELINE_GAP = 48  # characters a place name (and agency) may take before the date
_WINDOW = 10  # days after an explicit date in which the DCT is looked for
_HEAD_SENTENCES = 1  # leading sentences where a reported weekday-and-date sets the document day


def _copyright_year(text: str) -> int | None:
    marks = "|".join(re.escape(fold(m)) for m in lexicon()["copyright_marks"])
    m = re.search(rf"(?:{marks})[^\n0-9]{{0,30}}((?:19|20)[0-9]{{2}})|((?:19|20)[0-9]{{2}})[^\n0-9]{{0,5}}(?:{marks})",
                  text, re.IGNORECASE)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def _fill_year(partial: tuple, weekday: int | None, hint: int | None) -> date | None:
    _, m, d = partial
    if hint is None:
        return None
    years = [hint, hint - 1, hint + 1]
    if weekday:
        for y in years:
            dd = safe_date(y, m, d)
            if dd and dd.isoweekday() == weekday:
                return dd
        return None
    return safe_date(hint, m, d)


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


def infer_dct(norm: NormText, sentences: list[Sentence] | None = None, found: Found | None = None) -> date | None:
    """The document date the text decides, or None (``found``: the tagger's matches, if at hand)."""
    resolved = resolve(norm, sentences or [], None, found)
    text = norm.text
    if not resolved:
        return None
    # 4. a year for yearless dates: the copyright line, else a full date at the head of the story
    hint = _copyright_year(text)
    if hint is None:
        head = [f.year for r in resolved if r.sentence == 0
                and isinstance(f := r.value.facts.get("date"), date)]
        hint = head[0] if head else None

    dated: list[tuple[Resolved, date]] = []
    for r in resolved:
        f = r.value.facts
        d = f.get("date")
        if d is None and f.get("partial"):
            d = _fill_year(f["partial"], f.get("weekday"), hint)
        if isinstance(d, date):
            dated.append((r, d))

    # 1. dateline
    for r, d in dated:
        if _is_dateline(text, r):
            return d - timedelta(days=r.value.facts.get("offset", 0))
    # 2. a date tied to the document day
    for r, d in dated:
        if "offset" in r.value.facts and r.tense != "future":
            return d - timedelta(days=r.value.facts["offset"])
    # 3. the weekday of a relative day (أمس الاثنين) fixes the DCT near a date of the same sentence
    weekdays: dict[int, int] = {}
    for r in resolved:
        f = r.value.facts
        if "offset" in f and f.get("weekday"):
            weekdays[r.sentence] = (f["weekday"] - 1 - f["offset"]) % 7 + 1
    if len(set(weekdays.values())) > 1:
        return None
    if weekdays:
        wd = next(iter(weekdays.values()))
        # only dates written in full, reported in the past: a yearless one or an announced one does
        # not pin the week down
        past = [d for r, d in dated if r.sentence in weekdays and "date" in r.value.facts and r.tense == "past"]
        if past:
            lo = max(past)
            for k in range(_WINDOW + 1):
                d = lo + timedelta(days=k)
                if d.isoweekday() == wd:
                    return d
        return None
    # 4. a reported date written with its weekday at the head of the story (الاثنين 6 فبراير 2023)
    for r, d in dated:
        f = r.value.facts
        if f.get("weekday") == d.isoweekday() and r.sentence < _HEAD_SENTENCES and r.tense == "past":
            return d
    return None
