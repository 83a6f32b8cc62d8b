"""Mentions of a trigger word that are no new event: an abstract noun, the everyday sense of a word,
an event told before."""

from __future__ import annotations

from marsad.events.candidates import Cand, own_proclitic
from marsad.events.lexicon import Lexicon, _key
from marsad.events.view import SentView
from marsad.events.words import LOC_KINDS
from marsad.schema import Event


def _core(toks, c: Cand) -> str:
    """The trigger noun without its proclitics and enclitic (والدعم → دعم, تحقيقها → تحقيق)."""
    tok = toks[c.t0].text
    return tok[len(own_proclitic(toks, c)):len(tok) - len(c.enclitic)]


def _generic(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """الدعم اللازم, التعاون الهادف, ثقافة الحوار: an abstract noun with nothing of its own (no
    actor, light verb, place or date), told as a fact, names an attitude, not an event."""
    return c.kind == "noun" and c.light is None and not c.source and not c.target and not c.location \
        and not c.__dict__.get("own_date") and c.status in ("occurred", "ongoing") \
        and _core(view.toks, c) in lex.abstract_nouns


def _other_sense(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """تحقيق العدالة, تحقيق المزيد: a noun of two senses in its everyday one (no light verb carries
    it and none of its cue words follows it)."""
    if c.kind != "noun" or c.light is not None:
        return False
    cues = lex.sense_cues.get(_core(view.toks, c))
    if cues is None:
        return False
    nxt = c.t1 + 1
    if nxt >= len(view.toks) or view.toks[nxt].brk:
        return True
    w = view.toks[nxt].text
    return w not in cues and _key(w) not in cues  # (تحقيقا دوليا)


def _other_word_sense(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """Does a rule of other_senses (triggers.json) read the trigger in its everyday sense: a word
    of its type (or one of its listed forms) with a listed word right before it (prev), right after
    it (next: the word without clitics; next_forms: the whole word, بأنه; next_prefix: a word
    written with that proclitic, not in ``except`` and not a place), or within a few words of
    it (near, ``window`` words either side, in the same sentence)?"""
    toks = view.toks
    typ = lex.groups[c.group].type
    tok = toks[c.t0].text
    core = tok[len(c.proclitic):len(tok) - len(c.enclitic)] if c.kind != "phrase" else _key(tok)
    words = {tok, core, _key(tok)}
    for r in lex.other_senses:
        if "type" in r and r["type"] != typ:
            continue
        if "words" in r and not words & r["words"]:
            continue
        nxt = next((k for k in range(c.t1 + 1, len(toks)) if any(ch.isalpha() for ch in toks[k].text)), None)
        prv = c.t0 - 1 if c.t0 > 0 else None
        if nxt is not None and (_key(toks[nxt].text) in r.get("next", ()) or toks[nxt].text in r.get("next_forms", ())):
            return True
        if nxt is not None and "next_prefix" in r and any(toks[nxt].text.startswith(x) for x in r["next_prefix"]) \
                and len(toks[nxt].text) > 3 and not {toks[nxt].text, _key(toks[nxt].text)} & r.get("except", set()) \
                and not (nxt in view.tok_chunk and any(k in LOC_KINDS for k in view.chunks[view.tok_chunk[nxt]].kinds)):
            return True  # ويتظاهر بالصلاح: pretends (but تظاهروا بالقرب من السفارة, بساحة التحرير)
        if prv is not None and (_key(toks[prv].text) in r.get("prev", ()) or toks[prv].text in r.get("prev", ())):
            return True
        w = r.get("window", 0)
        if any(_key(toks[k].text) in r.get("near", ()) for k in range(max(0, c.t0 - w), min(len(toks), c.t1 + w + 1))
               if not c.t0 <= k <= c.t1):
            return True
    return False


def _definite(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """الاجتماع, تلك الاجتماعات: a verbal noun with the article or after a demonstrative."""
    tok = view.toks[c.t0].text
    article = "ال" in own_proclitic(view.toks, c) if c.kind == "noun" else \
        "ال" in tok[:max(0, len(tok) - len(_key(tok)))]  # (a phrase: الاتفاق النووي)
    return article or (c.t0 > 0 and view.toks[c.t0 - 1].text in lex.grammar["demonstratives"])


def _told_before(view: SentView, c: Cand, lex: Lexicon, events: list[Event]) -> bool:
    """Does a definite verbal noun without a light verb or a new date of its own (المفاوضات, تلك
    الاجتماعات) refer back to an event of its type already reported in the document, adding no
    actor and no other place, and told as fact (or as a plan, a condition…) as the first was?"""
    if c.kind not in ("noun", "phrase") or c.light is not None or not _definite(view, c, lex):
        return False
    typ = lex.groups[c.group].type
    mine = set(c.source) | set(c.target)
    own_date = c.__dict__.get("own_date")
    told = {"occurred": "told", "ongoing": "told"}
    for e in events:
        # (إذا استمرت الغارات after a threatened attack: another event, not the one threatened)
        if e.type == typ and mine <= (set(e.source) | set(e.target)) and (
                c.location is None or c.location == e.location) and (not own_date or c.date == e.date) \
                and told.get(e.status, e.status) == told.get(c.status, c.status):
            return True
    return False


REPEAT_TYPES = {"CONSULT"}  # a visit, then its reception, its talks, the meeting: one consultation


def _repeats(c: Cand, typ: str, si: int, events: list[Event], ents: dict) -> bool:
    """وجرى خلال الاستقبال بحث …, حضر الاجتماع …: a consultation told again right after the first
    mention (within three sentences), without a light verb of its own (أجرى الجانبان محادثات is a
    report of its own) or a date of its own, told as the first was, and naming no
    actor (or, after خلال / عقب, only actors of the first or of their countries)."""
    if typ not in REPEAT_TYPES or c.__dict__.get("own_date") or (c.light is not None and not c.reference):
        return False
    told = {"occurred": "told", "ongoing": "told"}
    mine = set(c.source) | set(c.target)
    if mine and not (c.kind == "noun" and c.reference):
        return False
    for e in reversed(events):
        if e.sentence < si - 3:
            break
        if e.type != typ or not (e.source or e.target) or told.get(e.status, e.status) != told.get(c.status, c.status):
            continue
        theirs = set(e.source) | set(e.target)
        countries = {getattr(ents.get(x), "country", None) for x in theirs} | theirs
        countries.discard(None)
        if all(x in theirs or x in countries or getattr(ents.get(x), "country", None) in countries for x in mine):
            return True
    return False
