"""Reported speech whose dropped subject is the speaker (قال الوزير إنه التقى …, نفى الجيش أن يكون قد
قصف …), and the two sides (الجانبان) of the event just told."""

from __future__ import annotations

from bisect import bisect_right

from marsad.doc import Doc
from marsad.events.candidates import Cand
from marsad.events.view import SentView
from marsad.events.words import BRIDGE, COMP_PLAIN, COMP_PRONOUN, COPULAS, DUAL_SUBJECTS
from marsad.text.normalize import fold


def _dual_subject(view: SentView, c: Cand) -> bool:
    """بحث الجانبان …: the two sides of the previous event."""
    anchor = c.light if c.light is not None else c.t0
    return any(view.toks[k].text in DUAL_SUBJECTS for k in range(max(0, anchor - 2), min(len(view.toks), anchor + 3)))


# Reported speech whose subject is the speaker: a complementizer with a pronoun that refers back
# to the speaker (قال الوزير إنه التقى …) or أن + copula (نفى الجيش أن يكون قد قصف).



def _speaker_subject(view: SentView, c: Cand) -> str | None:
    """Does the trigger verb stand in reported speech with the speaker as its dropped subject?
    The gender of the pronoun, ``"m"`` (إنه التقى) or ``"f"`` (إنها رفضت), ``"copula"`` (أن يكون قد
    قصف) or None. (إنهم: the pronoun names others, not the speaker.)"""
    toks = view.toks
    copula = False
    for k in range(c.t0 - 1, max(-1, c.t0 - 5), -1):
        w = toks[k].text
        if toks[k + 1].brk and not toks[k + 1].comma and w not in COMP_PRONOUN and w not in COMP_PLAIN:
            return None
        if w in COMP_PRONOUN:
            return COMP_PRONOUN[w]
        if w in COMP_PLAIN:
            return "copula" if copula else None
        if w not in BRIDGE:
            return None
        copula = copula or w in COPULAS
    return None


def _cue_gender(cue: str | None) -> str | None:
    """قال, يقول → m; قالت, تقول → f (None when there is no cue)."""
    if not cue:
        return None
    w = fold(cue)
    if w[:1] in ("و", "ف") and len(w) > 3:
        w = w[1:]
    if w.startswith("ت") or (w.endswith("ت") and len(w) >= 4):
        return "f"
    return "m"


def _quote_speaker(doc: Doc, pos: int, gender: str | None = None) -> str | None:
    """The speaker of the quote (direct or reported) that holds original offset ``pos`` (whose cue
    agrees with the pronoun's ``gender``, when given). The quotes are found once and kept in
    ``doc.extra["_quotes"]`` for the quote stage."""
    for q in quotes_at(doc, pos):
        if q.speaker:
            cg = _cue_gender(q.cue) if gender in ("m", "f") else None
            return q.speaker if cg is None or cg == gender else None
    return None


def quotes_at(doc: Doc, pos: int) -> list:
    """The quotes that hold original offset ``pos``, first found first (found once for the document,
    looked up by position: a document with thousands of quotes stays linear)."""
    quotes = doc.extra.get("_quotes")
    if quotes is None:
        from marsad.quotes.attribute import extract as extract_quotes

        quotes = doc.extra["_quotes"] = extract_quotes(doc)
    index = doc.extra.get("_quote_index")
    if index is None or index[0] is not quotes:
        order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
        index = doc.extra["_quote_index"] = (quotes, [quotes[i].start for i in order], order)
    _q, starts, order = index
    k = bisect_right(starts, pos)
    found = sorted(order[j] for j in range(max(0, k - 30), k) if pos < quotes[order[j]].end)
    return [quotes[i] for i in found]
