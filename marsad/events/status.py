"""Status of an event from the cue lists of ``data/status.json``: scheduled, conditional, negated,
hypothetical, ongoing, occurred."""

from __future__ import annotations

from bisect import bisect_left

from marsad.events.candidates import Cand
from marsad.events.lexicon import Lexicon
from marsad.events.view import SentView

_SAWFA = [("سوف",)]
_COMBINED: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
_REGISTERED: dict[int, list] = {}
_VERSION = [0]


def _register(cues) -> None:
    if _REGISTERED.get(id(cues)) is cues:
        return
    _REGISTERED[id(cues)] = cues
    for cue in cues:
        _COMBINED.setdefault(cue[0], []).append((id(cues), cue))
    _VERSION[0] += 1


def _hits(toks, cues) -> list[tuple[int, int]]:
    """(start, length) of every match of ``cues`` in the sentence; all the cue lists are matched in
    one pass over the sentence and cached on it."""
    if _REGISTERED.get(id(cues)) is not cues:
        _register(cues)
    cache = getattr(toks, "cue_hits", None)
    if cache is None:
        cache = {}
    if cache.get("_v") != _VERSION[0]:
        cache.clear()
        n = len(toks)
        for i in range(n):
            t = toks[i].text
            cands = _COMBINED.get(t)
            if t[:1] in "وف":
                more = _COMBINED.get(t[1:])
                if more:
                    cands = (cands or []) + more
            if not cands:
                continue
            for lid, cue in cands:
                L = len(cue)
                if i + L <= n and all(toks[i + k].text == cue[k] for k in range(1, L)):
                    cache.setdefault(lid, []).append((i, L))
        cache["_v"] = _VERSION[0]
    return cache.get(id(cues), [])


def register_status_cues(lex: Lexicon) -> None:
    """Put every status cue list in the one-pass matcher (before the first sentence)."""
    for spec in lex.status.values():
        for k, v in spec.items():
            if isinstance(v, list) and k != "embedding_types" and v and isinstance(v[0], tuple):
                _register(v)
    hyp = lex.status["hypothetical"]
    if "_no_qad" not in hyp:
        hyp["_no_qad"] = [q for q in hyp["before"] if q != ("قد",)]
    _register(hyp["_no_qad"])
    _register(_SAWFA)


def _seq_before(toks, pos: int, cues, window: int, lo: int = 0) -> bool:
    """Does a cue (a word sequence) end at or before ``pos`` and start within ``window`` words?"""
    start = max(lo, pos - window)
    h = _hits(toks, cues)
    if not h:
        return False
    k = bisect_left(h, (start, 0))
    while k < len(h) and h[k][0] < pos:
        if h[k][0] + h[k][1] <= pos:
            return True
        k += 1
    return False


def _status(view: SentView, c: Cand, cands: list[Cand], lex: Lexicon, title: bool) -> str:
    st = lex.status
    toks = view.toks
    pos = c.light if c.light is not None else c.t0
    clause_start = pos
    while clause_start > 0 and not toks[clause_start].brk and pos - clause_start < 40:
        clause_start -= 1
    if _seq_before(toks, pos, st["conditional"]["sentence"], st["conditional"]["window"]):
        return "conditional"
    hyp = st["hypothetical"]
    for o in cands:
        if o is c or o.t1 >= c.t0 or c.t0 - o.t1 > hyp["window"]:
            continue
        if lex.groups[o.group].type in hyp["embedding_types"] and toks[o.t1].clause == toks[c.t0].clause:
            return "hypothetical"
    for o in cands:  # دعا غوتيريش الأطراف السودانية إلى وقف القتال
        if o is c or o.t1 >= c.t0 or c.t0 - o.t1 > hyp.get("embedding_window", 12) or o.kind != "verb":
            continue
        if lex.groups[o.group].type in hyp["embedding_types"] and all(
                not toks[k].brk or toks[k].text in ("الي", "ب", "بان", "ان") for k in range(o.t1 + 1, c.t0 + 1)):
            if any(toks[k].text in ("الي", "علي") or toks[k].text.startswith("ب") for k in range(o.t1 + 1, c.t0 + 1)):
                return "hypothetical"
    tense = c.light_tense if c.light is not None else c.tense
    if pos > 0 and toks[pos - 1].text in ("قد", "وقد") and tense == "present":
        return "hypothetical"
    hyp_cues = hyp.get("_no_qad")
    if hyp_cues is None:
        hyp_cues = hyp["_no_qad"] = [q for q in hyp["before"] if q != ("قد",)]
    if _seq_before(toks, pos, hyp_cues, hyp["window"], clause_start) or (
            c.t0 != pos and _seq_before(toks, c.t0, hyp_cues, 2, pos)):
        if not (c.t0 > 0 and toks[c.t0 - 1].text in ("اي", "لاي", "باي")
                and (_seq_before(toks, c.t0, st["negated"]["before"], 5, clause_start) or _denied(toks, pos, True))):
            return "hypothetical"
    ong = st["ongoing"]
    if _seq_before(toks, pos, ong["before"], ong["window"], clause_start):
        return "ongoing"
    neg = st["negated"]
    if _seq_before(toks, pos, neg["before"], neg["window"], clause_start) or (
            c.t0 > 0 and toks[c.t0 - 1].text in ("اي", "لاي", "باي")
            and _seq_before(toks, c.t0, neg["before"], 5, clause_start)):
        return "negated"
    foiled, fw = neg.get("foiled", ()), neg.get("foiled_window", 6)
    if foiled and (_seq_before(toks, pos, foiled, fw, clause_start)
                   or (c.t0 > pos and _seq_before(toks, c.t0, foiled, fw, pos))):
        return "negated"  # أحبطت الشرطة هجوما: the attack did not take place
    if _seq_before(toks, pos, neg["sentence"], 40) or _denied(toks, pos, c.tense == "noun" or (
            c.light is not None and c.light_tense not in ("past", "present"))):
        return "negated"
    sch = st["scheduled"]
    if "س" in c.proclitic and tense == "present":
        return "scheduled"
    if _seq_before(toks, pos, _SAWFA, 2):
        return "scheduled"
    if _seq_before(toks, pos, sch["before"], sch["window"]) or (
            c.t0 != pos and _seq_before(toks, c.t0, sch["before"], c.t0 - pos, pos)):
        return "scheduled"
    end = min(len(toks), c.t1 + 1 + sch["after_window"], c.limit)
    if _seq_before(toks, end, sch["after"], end - c.t1 - 1, c.t1 + 1):
        return "scheduled"
    end = min(len(toks), c.t1 + 1 + ong["after_window"], c.limit)
    if _seq_before(toks, end, ong["after"], end - c.t1 - 1, c.t1 + 1):
        return "ongoing"
    began = c.light is not None and (lex.light(toks[c.light].text) or (0,) * 6)[5] in lex.grammar["inchoative_light"]
    if (tense in ("present", "noun") or began) and _seq_before(toks, min(len(toks), c.t1 + 8), ong["since"], 7, c.t1 + 1):
        return "ongoing"  # … منذ عام 2011; دخل في إضراب عن الطعام منذ 80 يوما
    if tense == "present" and not title:
        return "ongoing"
    return "occurred"


_DENY = None


def _denied(toks, pos: int, masdar: bool = False) -> bool:
    """نفت تركيا أن يكون …: a verb of denial, then a complementizer, before the trigger."""
    global _DENY
    if _DENY is None:
        from marsad.events import morph

        _DENY = set(morph.verb_forms("نفى/ينفي")) | set(morph.verb_forms("كذب/يكذب"))
    seen_comp = False
    for k in range(pos - 1, max(-1, pos - 25), -1):
        t = toks[k].text
        if t in ("ان", "بان", "وجود", "حدوث", "وقوع", "صحه", "قيام"):
            seen_comp = True
        elif pos - k <= 4 and (t in _DENY or (t[:1] in "وف" and t[1:] in _DENY)) and masdar:
            return True
        elif seen_comp and (t in _DENY or (t[:1] in "وف" and t[1:] in _DENY)):
            return True
    return False


# ---------------------------------------------------------------- date
