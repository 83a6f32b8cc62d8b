"""Speakers that stand for someone else: a document, an honorific pronoun, a back-reference.

Reporting lets a text speak for its author (وذكر التقرير أن …, وقالت الدعوى إن …), refers to a
dignitary by a title-pronoun (وأكد سموه أن …) and carries the last source on (وأضافت نقلا عنه أن …).
The guideline's speaker is the actor, so such a phrase is replaced by the actor it stands for:
- a document noun: its author, where the document was named before — the actor right after the noun
  (تقرير البنك الدولي), after a word of authorship (التقرير الذي أصدره البنك الدولي, الدعوى التي
  أقامها ناشطون), or the subject of such a word before it (أصدر البنك الدولي تقريرا); the latest
  mention that names one wins, and the document stays the speaker when none does;
- an honorific pronoun: the last person named before the quote;
- a back-reference: the previous speaker.
The words are data (``data/authors.json``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.doc import Doc
from marsad.text.normalize import fold

ACTORS = frozenset({"PERSON", "ORG", "GROUP"})
_WORD_RE = re.compile(r"[\w\u0600-\u06ff]+")
_PREFIXES = ("وبال", "وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("ها", "ه", "هم", "ات", "ان", "ين")


@dataclass(frozen=True)
class Words:
    documents: frozenset[str]
    authorship: frozenset[str]
    honorific: frozenset[str]
    back: frozenset[str]
    window: int
    max_back: int


@lru_cache(maxsize=1)
def words() -> Words:
    d = json.loads(resources.files("marsad.quotes").joinpath("data/authors.json").read_text("utf-8"))

    def folded(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in d[key])

    return Words(folded("documents"), folded("authorship"), folded("honorific_pronouns"),
                 folded("back_reference"), int(d["window_tokens"]), int(d["max_mentions_back"]))


def _stem(w: str, vocab: frozenset[str]) -> str | None:
    """The entry of ``vocab`` that ``w`` is, once an article, a conjunction or a suffix is off."""
    if w in vocab:
        return w
    for p in ("",) + _PREFIXES:
        if p and not w.startswith(p):
            continue
        core = w[len(p):]
        if core in vocab:
            return core
        for s in _SUFFIXES:
            if core.endswith(s) and core[: -len(s)] in vocab:
                return core[: -len(s)]
        if core.endswith("ا") and core[:-1] in vocab:  # تقريرا (the accusative)
            return core[:-1]
    return None


def resolve(doc: Doc, ents: dict, quote_start: int, speaker: str | None, speaker_text: str | None,
            prev: tuple[str | None, str | None], is_cue=lambda w: False,
            complementizers: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """``(speaker, speaker_text)`` with a stand-in phrase replaced by the actor it stands for.
    ``is_cue``: is a word a speech verb (its subject speaks *in* the document: أوضحت الوزارة في
    بيان); ``complementizers`` end the words that can name an author (what follows أن is speech)."""
    if not speaker_text or (speaker is not None and ents.get(speaker) is not None
                            and ents[speaker].kind in ACTORS):
        return speaker, speaker_text
    w = words()
    phrase = fold(speaker_text)
    toks = _WORD_RE.findall(phrase)
    if not toks:
        return speaker, speaker_text
    if phrase in w.back or " ".join(toks[:2]) in w.back:
        return prev if (prev[0] or prev[1]) else (speaker, speaker_text)
    first = toks[0][1:] if toks[0][:1] in ("و", "ف") and toks[0][1:] in w.honorific else toks[0]
    if first in w.honorific:
        person = _honoured(doc, ents, quote_start, prev)
        return person if person else (speaker, speaker_text)
    noun = _stem(toks[0], w.documents)
    if noun:
        author = _author(doc, ents, quote_start, noun, w, is_cue, complementizers)
        if author:
            return author
    return speaker, speaker_text


def _mentions(ents: dict, kinds=ACTORS) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, e.id) for e in ents.values() if e.kind in kinds for m in e.mentions)


def _honoured(doc: Doc, ents: dict, before: int, prev) -> tuple[str, str] | None:
    """The person an honorific pronoun stands for: the previous speaker when a person, else the
    first person the document names (the dignitary of the lead, not the last name in a list)."""
    if prev[0] in ents and ents[prev[0]].kind == "PERSON":
        return prev[0], prev[1] or ents[prev[0]].name_ar
    ms = [m for m in _mentions(ents, {"PERSON"}) if m[1] <= before]
    if not ms:
        return None
    s, e, eid = ms[0]
    return eid, doc.text[s:e]


def _author(doc: Doc, ents: dict, before: int, noun: str, w: Words, is_cue, complementizers) -> tuple[str, str] | None:
    """The author of the document ``noun`` named before offset ``before`` (original offsets)."""
    norm = doc.norm
    if norm is None:
        return None
    limit = norm.to_normalized(before)
    toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm.text, 0, limit)]
    starts = [t[0] for t in toks]
    ments = [(norm.to_normalized(s), norm.to_normalized(e), eid) for s, e, eid in _mentions(ents)]
    sent_ends = sorted(norm.to_normalized(s.end) for s in doc.sentences)

    def actor_at(ti: int) -> tuple[int, int, str] | None:
        s = toks[ti][0]
        return next((m for m in ments if m[0] <= s < m[1]), None)

    hits = [i for i, t in enumerate(toks) if _stem(t[2], w.documents) == noun]
    for i in reversed(hits[-w.max_back:]):
        end_sent = sent_ends[min(bisect_left(sent_ends, toks[i][1]), len(sent_ends) - 1)]
        after = []
        for j in range(i + 1, min(len(toks), i + 1 + w.window)):
            if toks[j][0] >= end_sent or toks[j][2] in complementizers:
                break
            after.append(j)
        # right after the noun: تقرير البنك الدولي (not one indefinite word: بيان صحفي is an adjective)
        found = actor_at(after[0]) if after else None
        if found and not toks[after[0]][2].startswith("ال") and found[1] <= toks[after[0]][1]:
            found = None
        if not found:
            tied = next((k for k, j in enumerate(after) if _stem(toks[j][2], w.authorship)), None)
            if tied is not None:
                found = next((m for j in after[tied + 1:] if (m := actor_at(j))), None)
        if not found:
            sent_start = max([0] + [x for x in sent_ends if x <= toks[i][0]])
            lo = bisect_left(starts, sent_start)
            back = list(range(max(lo, i - w.window), i))
            # أصدر البنك الدولي تقريرا, أوضحت الوزارة في بيان: the subject of the last such verb
            tied = next((k for k in reversed(range(len(back)))
                         if _stem(toks[back[k]][2], w.authorship) or is_cue(toks[back[k]][2])), None)
            if tied is not None:
                found = next((m for j in back[tied + 1:] if (m := actor_at(j))), None)
        if found:
            a, b = norm.to_original(found[0], found[1])
            return found[2], doc.text[a:b]
    return None
