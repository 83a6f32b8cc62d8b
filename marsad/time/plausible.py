"""Which time values may date an event.

A value is a plausible event date when the days it covers start no earlier than
:data:`EARLIEST_YEAR` (unless the text is explicitly historical: a calendar mark such as ``هـ`` or
``م``, a decade or a century, or a historical word of the sentence such as ``تأسست``, ``معركة``,
``القرن``) and no later than :data:`MAX_YEARS_AHEAD` years after the document date. The time stage
writes ``plausible: false`` on a Time that fails this (and leaves the field out otherwise); the
event stage should date an event only with a Time for which :func:`usable_for_event` is true.

Numbers that are no dates at all (clock times, telephone numbers, counts, page and decree numbers,
copyright ranges) are not tagged in the first place (``data/lexicon.json``: ``year_blockers_before``,
``year_count_nouns``, ``copyright_marks``).
"""

from __future__ import annotations

import re
from datetime import date

from marsad.schema import Time

EARLIEST_YEAR = 1900
MAX_YEARS_AHEAD = 10

_YEAR_RE = re.compile(r"^([0-9]{4})")
_DECADE_RE = re.compile(r"^([0-9]{3})(?![0-9])")
_CENTURY_RE = re.compile(r"^([0-9]{2})(?![0-9])")


def first_year(value: str | None) -> int | None:
    """The first year a TIMEX3 value covers: 2015-07-22 -> 2015, 199 (the 1990s) -> 1990, 19 (the
    twentieth century) -> 1900; None for durations, sets, references and underspecified values."""
    if not value:
        return None
    if m := _YEAR_RE.match(value):
        return int(m.group(1))
    if m := _DECADE_RE.match(value):
        return int(m.group(1)) * 10
    if m := _CENTURY_RE.match(value):
        return int(m.group(1)) * 100
    return None


def _as_date(dct: date | str | None) -> date | None:
    if dct is None or isinstance(dct, date):
        return dct
    try:
        return date.fromisoformat(dct[:10]) if len(dct) >= 10 else date(int(dct[:4]), 1, 1)
    except ValueError:
        return None


def plausible(value: str | None, dct: date | str | None = None, historical: bool = False) -> bool:
    """May ``value`` date an event of a document written on ``dct``? (See the module docstring.)"""
    y = first_year(value)
    if y is None:
        return True  # nothing to judge: durations, sets, PRESENT_REF, XXXX-...
    if y < EARLIEST_YEAR and not historical:
        return False
    d = _as_date(dct)
    if d is not None:
        start = date(y, 1, 1)
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
            start = date(y, max(1, min(12, int(value[5:7]))), 1)
            if len(value) >= 10 and value[7] == "-" and value[8:10].isdigit():
                try:
                    start = date(y, start.month, int(value[8:10]))
                except ValueError:
                    pass
        try:
            limit = d.replace(year=d.year + MAX_YEARS_AHEAD)
        except ValueError:  # 29 February
            limit = date(d.year + MAX_YEARS_AHEAD, 2, 28)
        if start > limit:
            return False
    return True


def usable_for_event(time: Time, dct: date | str | None = None) -> bool:
    """The rule for the event stage: a DATE or TIME whose value names a day, month, year, decade or
    century (it starts with a digit), not marked ``plausible: false`` by the time stage, and (for
    the document date ``dct`` the event stage works with, when it has one) at most ten years after
    it."""
    if time.type not in ("DATE", "TIME") or not time.value or not time.value[:1].isdigit():
        return False
    if time.plausible is False:
        return False
    return plausible(time.value, dct, historical=True)
