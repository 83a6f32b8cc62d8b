"""The date of an event: the time expressions of its sentence that govern its trigger."""

from __future__ import annotations

from bisect import bisect_left

from marsad.doc import Doc
from marsad.events.candidates import Cand
from marsad.events.view import SentView
from marsad.time.plausible import usable_for_event


def _sentence_times(doc: Doc, view: SentView) -> list[tuple[int, object]]:
    """(normalized start, time) of the calendar dates and times in the sentence, in document order.
    The document's times are indexed by normalized start once (``doc.extra["_event_times"]``), so a
    sentence looks up its own instead of scanning them all."""
    key = (id(doc.times), len(doc.times))
    index = doc.extra.get("_event_times")
    if index is None or index[0] != key:
        norm = doc.norm
        found = sorted(((norm.to_normalized(t.start), i, t) for i, t in enumerate(doc.times)
                        if usable_for_event(t, doc.document.published)),
                       key=lambda x: (x[0], x[1]))
        index = doc.extra["_event_times"] = (key, [x[0] for x in found], found)
    _, starts, found = index
    mine = found[bisect_left(starts, view.start):bisect_left(starts, view.end)]
    return [(s, t) for s, _i, t in sorted(mine, key=lambda x: x[1])]


def _tok_index(view: SentView, pos: int) -> int:
    for i, t in enumerate(view.toks):
        if t.end > pos:
            return i
    return len(view.toks) - 1


def _since(view: SentView, ti: int) -> bool:
    """Does the time at token ``ti`` follow منذ / حتى, directly or through a short noun phrase of
    its own (منذ اندلاع الحرب في 7 أكتوبر) with no break between?"""
    toks = view.toks
    for k in range(ti, max(-1, ti - 5), -1):
        if toks[k].text in ("منذ", "حتي"):
            return True
        if k < ti and (toks[k + 1].brk or toks[k].text in ("ان", "انه", "التي", "الذي")):
            return False
    return False


def _date(doc: Doc, view: SentView, c: Cand, times) -> None:
    clause = view.toks[c.t0].clause
    scored = []
    for s, t in times:
        ti = _tok_index(view, s)
        if ti >= c.limit and view.toks[ti].clause == view.toks[min(c.limit, len(view.toks) - 1)].clause:
            continue  # a time after the next trigger is that trigger's
        if _since(view, ti):
            continue  # منذ 7 أكتوبر, منذ اندلاع الحرب في 7 أكتوبر: where a state began, not when this happened
        scored.append((s, t))
    times = scored
    if not times:
        return  # no date word: the event took place on or shortly before the document date (left null)
    scored = []
    for s, t in times:
        ti = _tok_index(view, s)
        same = view.toks[ti].clause == clause
        scored.append((0 if same else 1, abs(ti - c.t0), t, same))
    scored.sort(key=lambda x: (x[0], x[1]))
    best = scored[0][2]
    c.date = best.value
    c.__dict__["own_date"] = scored[0][3]  # the time stands in the trigger's own clause
    vals: list[str] = []
    for same_rank, _d, t, _same in scored:
        if same_rank != scored[0][0]:
            continue
        for v in [t.value, *t.values]:
            if v and v not in vals:
                vals.append(v)
    c.dates = vals
    dct = doc.document.published
    if dct and len(dct) >= 10 and c.date and len(c.date) >= 10 and c.date[:4].isdigit() \
            and c.status in ("occurred", "ongoing"):
        if c.date[:10] > dct[:10]:
            c.status = "scheduled"


# ---------------------------------------------------------------- mode, summary
