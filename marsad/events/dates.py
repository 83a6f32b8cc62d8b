"""The date of an event: the time expressions of its sentence that govern its trigger."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.events.candidates import Cand
from marsad.events.view import SentView


def _sentence_times(doc: Doc, view: SentView) -> list[tuple[int, object]]:
    norm = doc.norm
    out = []
    for t in doc.times:
        if t.type not in ("DATE", "TIME") or not t.value or not t.value[:1].isdigit():
            continue
        s = norm.to_normalized(t.start)
        if view.start <= s < view.end:
            out.append((s, t))
    return out


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
        definite_ref = c.kind == "noun" and c.light is None and "ال" in c.proclitic
        if c.status == "occurred" and doc.document.published and not definite_ref:
            c.date = doc.document.published
        return
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
    if dct and c.date and len(c.date) >= 10 and c.date[:4].isdigit() and c.status in ("occurred", "ongoing"):
        if c.date[:10] > dct[:10]:
            c.status = "scheduled"


# ---------------------------------------------------------------- mode, summary
