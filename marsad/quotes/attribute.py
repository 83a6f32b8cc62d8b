"""Quotes and their speakers.

- Direct quotes: words inside «…», “…” or "…" (nested marks stay inside the outer quote; a quote may
  run over several sentences). A short quoted phrase counts only next to a speech cue.
- Reported speech: a speech verb (قال, أكد, أوضح, أشار إلى … data/cues.json) followed by إن / أن /
  بأن: the quote runs from the complementizer to the end of the sentence, direct = false. A colon
  after the cue without quotation marks opens reported speech too.
- Speaker: the subject of the cue — the entity phrase after the verb (VSO) or before it (SVO), the
  person when the phrase names one (المتحدث باسم الخارجية الإيرانية ناصر كنعاني), never a phrase
  governed by a preposition (قال … لوكالة رويترز); after نقل … عن, the phrase after عن. A cue with no
  subject (وأضاف, وتابعت) and a quote with no cue continue the previous speaker.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.doc import Doc
from marsad.events import morph
from marsad.events.lexicon import lexicon
from marsad.events.view import SentView, build_view, is_title_noun
from marsad.quotes import authors
from marsad.quotes.speakers import TEXT, load_speaker_model, speaker_candidates
from marsad.schema import Quote
from marsad.text.normalize import fold

MAX_QUOTES = 5000
# how far after a cue its complementizer may stand: a subject of two titles and a long name
# (وأوضح رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد بن محمد اليوسف، أن)
SUBJECT_REACH = 20
OPEN = {"«": "»", "“": "”", "„": "”", "‹": "›"}
CLOSE = {"»", "”", "›"}
QUOTE_MARKS = frozenset('"«»“”„‹›\'')
# reported words before a direct quote inside the same statement are a quote of their own from this
# many words (not the two or three that lead into «…»: أكد أن استهداف المستشفيات «أمر …»)
LEAD_WORDS = 5


@dataclass(frozen=True)
class Cues:
    forms: dict[str, str]  # folded form -> base past
    speaker_prep: dict[str, str]
    continuation: frozenset[str]
    complementizers: frozenset[str]
    time_words: frozenset[str] = frozenset()
    participles: frozenset[str] = frozenset()
    manner: frozenset[str] = frozenset()
    not_subject: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()  # the past of each speech verb (not the continuation verbs)
    headline_speaker_max_words: int = 4
    object_preps: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()
    joined: frozenset[str] = frozenset()  # وإن, وأن: a second statement of the same speaker
    guarded: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)  # base -> (forms, words before)
    adverbials: tuple[tuple[str, ...], ...] = ()  # في وقت سابق: phrases between a verb and its subject
    concessive: frozenset[str] = frozenset()  # وإن كان: even if, no statement


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = json.loads(resources.files("marsad.quotes").joinpath("data/cues.json").read_text("utf-8"))
    forms: dict[str, str] = {}
    for spec in d["verbs"] + d["continuation"]:
        base = fold(spec.split("/")[0])
        for f, tense in morph.verb_forms(spec).items():
            if tense != "passive":
                forms.setdefault(f, base)
    guarded = {}
    for spec, g in d.get("guarded_verbs", {}).items():
        base = fold(spec.split("/")[0])
        own = frozenset(f for f, tense in morph.verb_forms(spec).items()
                        if tense != "passive" and f not in {fold(w) for w in g.get("not", [])})
        guarded[base] = (own, frozenset(fold(w) for w in g.get("after", [])))
        for f in own:
            forms.setdefault(f, base)
    sp = {fold(k.split("/")[0]): fold(v) for k, v in d["speaker_prep"].items()}
    for w, via in d.get("according", {}).items():
        forms.setdefault(fold(w), fold(w))
        if via:
            sp[fold(w)] = fold(via)
    for w in d.get("participles", []):
        forms.setdefault(fold(w), fold(w))
    cont = frozenset(fold(s.split("/")[0]) for s in d["continuation"]) | frozenset(fold(w) for w in d.get("participles", []))
    comp = frozenset(fold(c) for c in d["complementizers"])
    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in d.get(key, []))

    return Cues(forms, sp, cont, comp, words("time_words"), words("participles"), words("manner_nouns"),
                words("not_subject"), words("addressees"), frozenset(fold(v.split("/")[0]) for v in d["verbs"]),
                int(d.get("headline_speaker_max_words", 4)), words("object_preps"),
                words("object_verbs"), joined=words("joined_complementizers"), concessive=words("concessive_after_joined"), guarded=guarded,
                adverbials=tuple(tuple(fold(p).split()) for p in d.get("adverbials", [])))


def after_adverbials(words, k: int, c: Cues | None = None) -> int:
    """The index of the first of ``words`` from ``k`` on that is no time word and starts no
    adverbial phrase (صرح الأسبوع الماضي بأن, وقالت في وقت سابق هوغيت لابيل)."""
    c = c or cues()
    while k < len(words):
        if words[k] in c.time_words:
            k += 1
            continue
        hit = next((len(p) for p in c.adverbials if tuple(words[k:k + len(p)]) == p), 0)
        if not hit:
            return k
        k += hit
    return k


def _opens_subject(w: str, c: Cues) -> bool:
    """Can the word right after a speech verb start its subject? Not when it opens an adverbial or an
    addressee (في بيان, أمس, لوكالة رويترز, لنا, بلهجة حادة); a name that merely starts with ل or ب
    (بدر باسلمة, لطفي) can."""
    if w in c.complementizers or w in c.not_subject or w.startswith(("علي", "الي")):
        return False
    if w[:1] in ("ل", "ب") and len(w) > 1:
        rest = w[1:]
        if rest.startswith("ال") or w.startswith("لل") or rest in c.addressees or rest in c.manner:
            return False
    return True


@lru_cache(maxsize=100_000)
def cue_base(token: str) -> str | None:
    c = cues()
    for _p, core, _e in morph.splits(token, morph.VERB_PROCLITICS, ("", "ه", "ها", "هم", "نا")):
        b = c.forms.get(core)
        if b:
            return b
    return None


def direct_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each outermost quotation in ``text``."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN or ch == '"':
            j = _close(text, i)
            if j is None:
                i += 1
                continue
            s, e = i + 1, j
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
            i = j + 1
            continue
        i += 1
    return out


def _close(text: str, i: int) -> int | None:
    """Index of the mark that closes the quotation opened at ``i`` (nested quotes skipped)."""
    ch = text[i]
    limit = min(len(text), i + 5000)
    if ch == '"':
        depth = 0
        for k in range(i + 1, limit):
            c = text[k]
            if c in OPEN:
                depth += 1
            elif c in CLOSE and depth:
                depth -= 1
            elif c == '"' and not depth:
                return k
            elif c == "\n" and k + 1 < limit and text[k + 1] == "\n":
                return None
        return None
    close = OPEN[ch]
    depth = 0
    straight = False
    for k in range(i + 1, limit):
        c = text[k]
        if c == ch:
            depth += 1
        elif c == close:
            if depth:
                depth -= 1
            else:
                return k
        elif c == '"':
            straight = not straight
    return None


@dataclass
class _Cue:
    sent: int
    tok: int
    start: int  # normalized offsets of the cue token
    end: int
    base: str
    view: SentView


def _speaker(view: SentView, ti: int, base: str, stop: int) -> tuple[int | None, tuple[int, int] | None]:
    """(chunk index, token span of the speaker phrase) for the cue at token ``ti``."""
    chunks, toks = view.chunks, view.toks
    c = cues()
    via = c.speaker_prep.get(base)
    if via:
        for ci, ch in enumerate(chunks):
            if ch.ext0 > ti and ch.prep == via and ch.ext0 < stop:
                return ci, (ch.ext0, ch.t1)
        for k in range(ti + 1, min(stop, ti + 10)):
            if toks[k].text == via:  # نقلت الوكالة عن مصدر مسؤول قوله
                e = k + 1
                while e + 1 < min(stop, k + 8) and toks[e + 1].text not in c.complementizers and not toks[e + 1].brk:
                    e += 1
                return None, (k + 1, e) if e < len(toks) else None
    if base in c.participles:
        return None, None  # مؤكدا, معتبرا, داعيا: the participle has the main verb's subject
    first = min(stop, after_adverbials([t.text for t in toks[:stop]], ti + 1, c))
    for ci, ch in enumerate(chunks):
        if ch.ext0 <= ti or ch.ext0 >= stop:
            continue
        if ch.prep is None and ch.follows is None and ch.ext0 <= first:
            # مدير مكتب محافظ تعز, نائب الرئيس الأمريكي: title words before a phrase that is itself a
            # title are its head (the director, the deputy speaks), not a description of it
            if not (ch.kinds == ["PERSON"] and ch.ext0 < ch.t0 and _title_noun(toks[ch.t0].text)):
                holder = _holder_after(view, ci, stop)
                if holder is not None:
                    return holder, (ch.ext0, chunks[holder].t1)
                return ci, (ch.ext0, ch.t1)
        break
    cue_ti, ti = ti, first - 1
    # a subject that is no entity: مصدر دبلوماسي, مسؤول في الوزارة
    if ti + 1 < stop and ti + 1 < len(toks) and not toks[ti + 1].brk:
        w = toks[ti + 1].text
        if _opens_subject(w, c):
            e = ti + 1
            while e + 1 < min(stop, ti + 9) and not toks[e + 1].brk and toks[e + 1].text not in c.complementizers:
                if toks[e + 1].text in ("في", "عبر", "خلال") and e + 2 < len(toks) and toks[e + 2].text in c.manner:
                    break  # وأعلنت مديرية الأمن العام في بيان …
                e += 1
            # SVO check below may still find an entity before the verb
            before = _svo(view, cue_ti)
            if before is not None:
                return before, (chunks[before].ext0, chunks[before].t1)
            return _speaker_in_phrase(view, ti + 1, e), (ti + 1, e)
    ti = cue_ti
    before = _svo(view, ti)
    if before is not None:
        return before, (chunks[before].ext0, chunks[before].t1)
    if ti >= 3 and toks[ti - 1].text == "قد":  # وكان مسؤول في وزارة الخزانة قد صرح
        for k in range(ti - 2, max(-1, ti - 12), -1):
            if toks[k].text in ("كان", "وكان", "كانت", "وكانت"):
                if k + 1 <= ti - 2:
                    for ci, ch in enumerate(chunks):
                        if ch.ext0 == k + 1 and ch.prep is None:
                            return ci, (ch.ext0, ch.t1)
                    return None, (k + 1, ti - 2)
                break
    return None, None


def _holder_after(view: SentView, ci: int, stop: int) -> int | None:
    """The person a title names after the body it heads (مدير عام إدارة العلاقات العامة بأمانة
    المنطقة الشرقية محمد بن عبدالعزيز الصفيان): the chunk ``ci`` starts with a title word and is no
    person, and a person's chunk follows in the same phrase, with no break or cue between."""
    toks, chunks = view.toks, view.chunks
    ch = chunks[ci]
    if "PERSON" in ch.kinds or not _title_noun(toks[ch.ext0].text):
        return None
    for cj in range(ci + 1, len(chunks)):
        nx = chunks[cj]
        if nx.ext0 >= stop or nx.ext0 - ch.t1 > 12:
            return None
        if nx.prep is not None and nx.kinds[0] == "PERSON":
            return None  # (لوزير الخارجية فلان: a person governed by a preposition is no subject)
        if any(toks[k].brk or cue_base(toks[k].text) for k in range(ch.t1 + 1, nx.ext0 + 1)):
            return None
        if "PERSON" in nx.kinds:
            return cj
    return None


def _title_noun(w: str) -> bool:
    """A title noun (وزير, مدير, المتحدث), not the nisba adjectives a title phrase also takes, which
    look like surnames (الحربي)."""
    return is_title_noun(w, lexicon())


def _speaker_in_phrase(view: SentView, first: int, last: int) -> int | None:
    """The entity a subject phrase that starts with no entity names (tokens ``first..last``):
    - a person between commas right after it: قال سكرتير محافظ عدن، وجدان الشعيبي، إن (apposition);
    - a person named in it: وأوضح وزير العدل الشيخ وليد بن محمد أن (the title words describe the name);
    - a title phrase after words that are no title: وأعلن بدر باسلمة وزير النقل اليمني أن (the unknown
      name and its title are one person; the title phrase is what the entity stage found).
    A title phrase governed by a head noun is not the speaker (سكرتير محافظ عدن: the secretary speaks)."""
    toks, chunks = view.toks, view.chunks
    after = view.tok_chunk.get(last + 1)
    if after is not None and toks[last + 1].brk and chunks[after].prep is None and "PERSON" in chunks[after].kinds:
        ch = chunks[after]
        nxt = ch.t1 + 1
        if nxt >= len(toks) or toks[nxt].brk or toks[nxt].text in cues().complementizers:
            return after
    inside = [ci for ci, ch in enumerate(chunks) if first <= ch.ext0 <= last and ch.prep is None]
    for ci in inside:  # a person's name (its first word is no title): وليد بن محمد, not محافظ عدن
        if "PERSON" in chunks[ci].kinds and not _title_noun(toks[chunks[ci].t0].text):
            return ci
    for ci in inside:
        if "PERSON" in chunks[ci].kinds and not any(_title_noun(toks[k].text) for k in range(first, chunks[ci].t0)):
            return ci
    return None


def _statement_object(view: SentView, ti: int, base: str, c: Cues) -> int | None:
    """The first token of a statement told as the cue's object, a verbal noun with no أن: مؤكدا أهمية
    تمشيط المدينة, وأشار إلى انهيار أكثر من ثلاثين مسكنا, وأكد المرصد مقتل سبعة أشخاص. The word is
    indefinite (a construct state), no name and no adverb, and at least three words follow in the
    clause; a subject phrase that names an actor may stand between (not for a participle). A verb
    with neither that subject nor a preposition must follow و (وأكد ضرورة …): after any other word
    the phrase may be an unknown subject (كشف اليوناني جوريجوس دونيس …)."""
    if base not in c.object_verbs:
        return None  # (وأضاف, وصف, أعرب عن: no statement as their object)
    toks, chunks = view.toks, view.chunks
    if toks[ti].text.endswith("ة"):
        return None  # إضافة إلى, لفتة: a noun, not the verb
    k = ti + 1
    while k < len(toks) and not toks[k].brk and toks[k].text in c.time_words:
        k += 1
    anchored = base in c.participles or toks[ti].text[:1] == "و"
    if base not in c.participles and k in view.tok_chunk:
        ch = chunks[view.tok_chunk[k]]
        if ch.ext0 == k and ch.prep is None:
            k, anchored = ch.t1 + 1, True
    if k < len(toks) and not toks[k].brk and toks[k].text in c.object_preps:
        k, anchored = k + 1, True
    if not anchored or k >= len(toks) or toks[k].brk or k in view.tok_chunk:
        return None
    w = toks[k].text
    if w.startswith(("ال", "وال")) or w in c.not_subject or w in c.complementizers or w in c.time_words \
            or cue_base(w) or len(w) < 3 or _title_noun(w):
        return None
    clause_end = next((j for j in range(k + 1, len(toks)) if toks[j].brk), len(toks))
    return k if clause_end - k >= 4 else None


def _before_mark(text: str, lo: int, inside: int) -> int:
    """The end of the words between ``lo`` and the quotation mark that opens at ``inside`` (the mark,
    the spaces and the punctuation before it left out)."""
    k = inside
    while k > lo and (text[k - 1].isspace() or text[k - 1] in QUOTE_MARKS):
        k -= 1
    while k > lo and text[k - 1] in " \u060c,;\u061b:":
        k -= 1
    return k


def _guarded_cue(toks, ti: int, guard: tuple[frozenset[str], frozenset[str]], c: Cues) -> bool:
    """Is token ``ti``, spelled like a common word (بين), the speech verb? With no suffix, after و or
    ف or one of the guard's words (كما بين), and a complementizer before the next break."""
    forms, before = guard
    w = toks[ti].text
    if w[:1] in ("و", "ف") and w[1:] in forms:
        pass
    elif not (w in forms and ti > 0 and toks[ti - 1].text in before and not toks[ti].brk):
        return False
    for k in range(ti + 1, min(len(toks), ti + SUBJECT_REACH)):
        if toks[k].text in c.complementizers:
            return True
        if toks[k].brk and not toks[k].comma:
            return False
    return False


def _joined_statements(text: str, norm, toks, first: int, os_: int, oe: int, c: Cues) -> list[tuple[int, int]]:
    """The reported speech ``os_..oe`` cut at each وإن / وأن that opens a second statement (قال إن
    السياسة … تختلف … وإن الاتفاق لن يغير …); not before a verb in the imperfect (أن يفاوض وأن
    ينهي: the subjunctive) nor at وإن كان (even if)."""
    out, a = [], os_
    for k in range(first + 1, len(toks) - 1):
        x = norm.to_original(toks[k].start, toks[k].end)[0]
        if x >= oe:
            break
        if toks[k].text not in c.joined or toks[k + 1].text in c.concessive:
            continue
        if toks[k].text == "وان" and toks[k + 1].text[:1] in ("ي", "ت"):
            continue
        end = x
        while end > a and text[end - 1] in " \u060c,;\u061b":
            end -= 1
        out.append((a, end))
        a = norm.to_original(toks[k + 1].start, toks[k + 1].end)[0]
    out.append((a, oe))
    return out


def _apposition_then_comp(toks, k: int, limit: int, c: Cues) -> bool:
    """Does the comma before token ``k`` open an aside that ends at a comma right before a
    complementizer (أكد الدكتور X، القيادي بالحراك الجنوبي بالقاهرة، أن …), with no other cue and
    no other break on the way?"""
    for j in range(k + 1, min(len(toks), limit)):
        if cue_base(toks[j].text):
            return False
        if toks[j].brk:
            return toks[j].comma and toks[j].text in c.complementizers
    return False


def _svo(view: SentView, ti: int) -> int | None:
    toks = view.toks
    for ci in range(len(view.chunks) - 1, -1, -1):
        ch = view.chunks[ci]
        if ch.t1 >= ti:
            continue
        if toks[ch.t1].clause != toks[ti].clause or ti - ch.t1 > 4:
            return None
        return ci if ch.prep is None else None
    return None


def extract(doc: Doc) -> list[Quote]:
    if doc.norm is None or not doc.sentences:
        return []
    lex = lexicon()
    c = cues()
    norm = doc.norm
    text = doc.text
    sents = doc.sentences
    views: dict[int, SentView] = {}

    def view(si: int) -> SentView:
        v = views.get(si)
        if v is None:
            v = views[si] = build_view(doc, si, lex)
        return v

    # Lookups by position use bisection over sorted starts, so that the cost stays linear in the
    # document (each one scanned every sentence, cue or quote before); every list is checked to be
    # in order first, and the plain scan remains for one that is not.
    sent_starts = [s.start for s in sents]
    sents_ordered = all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False))

    def sent_of(pos: int) -> int:
        if sents_ordered:
            i = bisect_right(sent_starts, pos) - 1
            return i if i >= 0 and pos < sents[i].end else -1
        for si, s in enumerate(sents):
            if s.start <= pos < s.end:
                return si
        return -1

    # cues of every sentence
    all_cues: list[_Cue] = []
    for si, s in enumerate(sents):
        if s.kind == "boilerplate":
            continue
        if len(all_cues) >= MAX_QUOTES:
            break  # a safety limit for pathological input
        v = view(si)
        for ti, t in enumerate(v.toks):
            b = cue_base(t.text)
            if b:
                via = c.speaker_prep.get(b)
                if via and not any(v.toks[k].text == via or (len(via) == 1 and v.toks[k].text.startswith(via))
                                   for k in range(ti + 1, min(len(v.toks), ti + 10))):
                    continue  # نقلت أنقرة موقفا: نقل is a speech verb only with عن
                if b in c.guarded and not _guarded_cue(v.toks, ti, c.guarded[b], c):
                    continue  # بين الجانبين: between, not بيّن
                all_cues.append(_Cue(si, ti, t.start, t.end, b, v))
    directs = []
    for s, e in direct_spans(text)[:MAX_QUOTES]:
        si = sent_of(s)
        if si >= 0 and sents[si].kind == "boilerplate":
            continue
        directs.append((s, e, si))
    cues_by_sent: dict[int, list[_Cue]] = {}
    for cu in all_cues:
        cues_by_sent.setdefault(cu.sent, []).append(cu)
    cue_starts = [cu.start for cu in all_cues]
    cues_ordered = all(a <= b for a, b in zip(cue_starts, cue_starts[1:], strict=False))
    direct_starts = [d[0] for d in directs]
    directs_ordered = all(a[1] <= b[0] for a, b in zip(directs, directs[1:], strict=False))
    direct_norm_starts = sorted(norm.to_normalized(d[0]) for d in directs)

    def direct_at(os_: int, lead: int) -> int | None:
        """The first direct quote opening right at ``os_`` (within ``lead`` characters before it)
        or holding it."""
        if directs_ordered:
            hit = None
            lo = bisect_left(direct_starts, os_ - lead - 2)
            if lo < len(directs) and direct_starts[lo] <= os_ + 2:
                hit = lo
            j = bisect_right(direct_starts, os_) - 1
            if j >= 0 and os_ < directs[j][1] and (hit is None or j < hit):
                hit = j
            return hit
        for di, (ds, de, _dsi) in enumerate(directs):
            if ds - 1 <= os_ + 1 and ds >= os_ - lead - 2 and ds <= os_ + 2:
                return di
            if ds <= os_ < de:
                return di
        return None

    def direct_opens_between(lo: int, hi: int) -> bool:
        """Does a direct quote open strictly between normalized offsets ``lo`` and ``hi``?"""
        i = bisect_right(direct_norm_starts, lo)
        return i < len(direct_norm_starts) and direct_norm_starts[i] < hi

    results: list[tuple[int, int, bool, _Cue | None]] = []
    used_direct: dict[int, _Cue] = {}
    # reported speech and cue → direct quote links
    for cu in all_cues:
        v = cu.view
        toks = v.toks
        comp = None
        for k in range(cu.tok + 1, min(len(toks), cu.tok + SUBJECT_REACH)):
            if toks[k].text in c.complementizers or (toks[k].text.startswith(("وان", "بان")) and len(toks[k].text) <= 5):
                comp = k
                break
            if cue_base(toks[k].text) or (toks[k].brk and norm.text[toks[k - 1].end:toks[k].start].strip() != ":"):
                if toks[k].brk and ":" in norm.text[toks[k - 1].end:toks[k].start]:
                    comp = k - 1
                    break
                # (قال X في بيان تلقت الصحيفة نسخة منه، أن …: the complementizer right after the comma;
                # قالت صحيفة "الوطن" إن: quotation marks around a name are no break)
                gap = norm.text[toks[k - 1].end:toks[k].start].strip()
                if toks[k].brk and not (toks[k].comma and (toks[k].text in c.complementizers
                                                            or toks[k].text in c.not_subject
                                                            or _apposition_then_comp(toks, k, cu.tok + SUBJECT_REACH, c))) \
                        and not (gap and all(ch in QUOTE_MARKS for ch in gap)):
                    break  # (an aside between commas, ، عبر قناة المسيرة، / ، في بيان،, is passed over)
        colon_at = None
        for k in range(cu.tok + 1, min(len(toks), cu.tok + 12)):
            gap = norm.text[toks[k - 1].end:toks[k].start]
            if ":" in gap:
                colon_at = k
                break
            if toks[k].brk:
                break
        while comp is not None and comp + 1 < len(toks) and toks[comp + 1].text in c.complementizers:
            comp += 1
        start_tok = None
        if comp is not None:
            start_tok = comp + 1
        elif colon_at is not None:
            start_tok = colon_at
        if start_tok is None:
            start_tok = _statement_object(v, cu.tok, cu.base, c)
        if start_tok is None or start_tok >= len(toks):
            # maybe the cue follows a direct quote: «…»، قال X
            continue
        ns = toks[start_tok].start
        os_ = norm.to_original(ns, ns + 1)[0]
        # a direct quote opening right there?
        lead = text[norm.to_original(toks[start_tok - 1].end, toks[start_tok - 1].end + 1)[0]:os_]
        hit = direct_at(os_, len(lead))
        if hit is not None:
            used_direct.setdefault(hit, cu)
            continue
        # reported speech to the end of the sentence (or to a direct quote inside it)
        sent = sents[cu.sent]
        oe = sent.end
        while oe > os_ and text[oe - 1] in " .!?\u2026\u061f":
            oe -= 1
        nos = norm.to_normalized(os_)
        for later in cues_by_sent[cu.sent]:  # أكد أن …، وقال: «…»: reported speech ends before the next cue
            lt = later.view.toks[later.tok]
            if later.start > nos and (
                    lt.brk or lt.text[:1] in ("و", "ف") or lt.text.startswith("م")):
                lo_ = norm.to_original(later.start, later.end)[0]
                if lo_ < oe:
                    oe = lo_
                    while oe > os_ and text[oe - 1] in " \u060c,;\u061b:و":
                        oe -= 1
                break
        cut_by_direct = None
        for di, (ds, de, _) in enumerate(directs):
            if os_ < ds <= oe and len(text[ds:de].split()) >= 2:  # (not a word in scare quotes: «المخلوع»)
                cut_by_direct = di
                break
        if cut_by_direct is not None:
            # وأضاف أن استهداف المستشفيات «أمر لا يمكن قبوله»: the quoted words carry the cue; a
            # statement of its own before them (أن الزيارة … تعد خطوة مهمة … "الذي يتطلع إليكم …")
            # is reported speech too
            used_direct.setdefault(cut_by_direct, cu)
            lead_end = _before_mark(text, os_, directs[cut_by_direct][0])
            if len(text[os_:lead_end].split()) >= LEAD_WORDS:
                results.append((os_, lead_end, False, cu))
            continue
        for a, b in _joined_statements(text, norm, toks, start_tok, os_, oe, c):
            if b - a >= 8:
                results.append((a, b, False, cu))
    # direct quotes without a cue after إن/colon: a cue before it in its sentence, or right after it
    for di, (ds, de, dsi) in enumerate(directs):
        cu = used_direct.get(di)
        words = len(text[ds:de].split())
        if cu is None:
            dns = norm.to_normalized(ds)
            dne = norm.to_normalized(de)
            # (a direct quote opening at ``ds`` itself is not between: dns > its start fails)
            before = [x for x in cues_by_sent.get(dsi, ()) if x.end <= dns
                      and not direct_opens_between(x.end, dns)]
            if before:
                cu = before[-1]
            elif cues_ordered:
                i = bisect_left(cue_starts, dne)
                if i < len(all_cues) and cue_starts[i] - dne <= 12:
                    cu = all_cues[i]
            else:
                after = [x for x in all_cues if x.start >= dne and x.start - dne <= 12]
                if after:
                    cu = after[0]
        if words < 3 and cu is None:
            continue
        if words < 2:
            continue
        results.append((ds, de, True, cu))
    results.sort(key=lambda r: r[0])
    model = None if doc.extra.get("_no_model") else load_speaker_model()
    rows = doc.extra.get("_collect_quotes")
    ents = {e.id: e for e in doc.entities}
    quotes: list[Quote] = []
    prev: tuple[str | None, str | None] = (None, None)
    prev_sent = -10
    spans = [(norm.to_normalized(r[0]), norm.to_normalized(r[1])) for r in results]
    for s, e, direct, cu in results:
        speaker, speaker_text, cue_text = None, None, None
        if cu is not None:
            v = cu.view
            stop = len(v.toks)
            for k in range(cu.tok + 1, len(v.toks)):
                if v.toks[k].text in c.complementizers or v.toks[k].brk:
                    stop = k
                    break
            ci, span = _speaker(v, cu.tok, cu.base, stop)
            a, b = norm.to_original(cu.start, cu.end)
            cue_text = text[a:b]
            if ci is not None:
                speaker = v.chunks[ci].head
            if span is not None:
                x, y = norm.to_original(v.toks[span[0]].start, v.toks[span[1]].end)
                speaker_text = text[x:y]
            if span is None and (cu.base in c.continuation or cu.sent - prev_sent <= 3):
                speaker, speaker_text = prev
        else:
            speaker, speaker_text = prev
        if model is not None or rows is not None:
            speaker, speaker_text = _decide(doc, cu, direct, speaker, speaker_text, prev, prev_sent, view, model,
                                            rows, (s, e), ents, spans)
        speaker, speaker_text = authors.resolve(doc, ents, s, speaker, speaker_text, prev, cue_base,
                                                c.complementizers)
        if not direct and not speaker and not speaker_text:
            continue  # ويتوقع أن …: an impersonal verb, not somebody's words
        if speaker or speaker_text:
            prev = (speaker, speaker_text)
            prev_sent = cu.sent if cu is not None else prev_sent
        quotes.append(Quote(speaker=speaker, speaker_text=speaker_text, cue=cue_text, text=text[s:e],
                            start=s, end=e, direct=direct))
    head = _headline_quote(doc, ents, c)
    if head is not None:
        # the words after 'X:' in the headline are X's, not those of a cue found across the break
        title = doc.sentences[0]
        quotes = [head] + [q for q in quotes if not (q.start < head.end and head.start < q.end
                                                     and title.start <= q.start and q.end <= title.end)]
        if any(q.start < head.end and head.start < q.end for q in quotes[1:]):
            quotes.pop(0)  # (a quote that runs on past the headline keeps it)
    return quotes


_HEADLINE_RE = re.compile(r"\s*([^:«»\"“”\d\n]+?)\s*:\s*(\S[^\n]*?)\s*$")


def _headline_quote(doc: Doc, ents: dict, c: Cues) -> Quote | None:
    """A headline written as 'X: words' (الجبير: ناقشنا مع كيري …، واشنطن: منفذ الهجوم كان …) gives
    X's words, as news headlines put a speaker before a colon; X is a short phrase that mentions an
    actor or a state (not عاجل: or بالصور:)."""
    first = doc.sentences[0]
    if first.kind != "title":
        return None
    m = _HEADLINE_RE.fullmatch(doc.text, first.start, first.end)
    if m is None or len(m.group(1).split()) > c.headline_speaker_max_words or len(m.group(2).split()) < 2:
        return None
    xs, xe = m.span(1)
    s, e = m.span(2)
    while e > s and doc.text[e - 1] in QUOTE_MARKS:
        e -= 1
    while s < e and doc.text[s] in QUOTE_MARKS:
        s += 1
    speaker = next((ent.id for ent in ents.values() if ent.kind in ACTOR_KINDS | {"GPE"}
                    and any(xs <= mn.start and mn.end <= xe for mn in ent.mentions)), None)
    if speaker is None:
        return None
    return Quote(speaker=speaker, speaker_text=doc.text[xs:xe], cue=None, text=doc.text[s:e], start=s, end=e,
                 direct=True)


ACTOR_KINDS = frozenset({"PERSON", "ORG", "GROUP"})


def _decide(doc: Doc, cu: _Cue | None, direct: bool, speaker: str | None, speaker_text: str | None, prev, prev_sent,
            view, model, rows, span: tuple[int, int], ents: dict,
            spans: list[tuple[int, int]] = ()) -> tuple[str | None, str | None]:
    """The learned choice of the speaker among the candidates (see :mod:`marsad.quotes.speakers`);
    the rules' ``speaker`` and ``speaker_text`` are one of them. Rows are kept for training when asked."""
    c = cues()
    si = cu.sent if cu is not None else None
    prev_subject: list[str] = []
    if si is not None and si > 0 and doc.sentences[si - 1].kind != "boilerplate":
        ch = next((x for x in view(si - 1).chunks if x.head_kind in ACTOR_KINDS), None)
        prev_subject = [ch.head] if ch else []
    kind = {"direct": direct, "continuation": cu is not None and cu.base in c.continuation,
            "participle": cu is not None and cu.base in c.participles,
            "prep": c.speaker_prep.get(cu.base) if cu is not None else None}
    ctx = {"entities": ents, "prev_speaker": [prev[0]] if prev[0] else [],
           "prev_distance": (si - prev_sent) if si is not None and prev_sent >= 0 else None,
           "prev_subject": prev_subject, "rule_text": speaker_text if speaker is None else None,
           "quote_span": (doc.norm.to_normalized(span[0]), doc.norm.to_normalized(span[1])),
           # the words of the other quotes, unless this cue stands inside them (أفاد البيان أن الأمير قال:)
           "other_spans": [x for x in spans if cu is None or not x[0] <= cu.start < x[1]]}
    cands = speaker_candidates(cu.view if cu else None, cu.tok if cu else None, cu.base if cu else None, kind,
                               [speaker] if speaker else [], ctx)
    if rows is not None:
        rows.append({"span": span, "cands": [(a.ids, a.origin, a.feats) for a in cands], "rule_text": speaker_text})
    if model is None:
        return speaker, speaker_text
    best, _p = model.choose(cands)
    if best.ids == [TEXT]:
        return None, speaker_text
    if not best.ids:
        return (None, speaker_text) if speaker is None else (None, None)
    chosen = best.ids[0]
    if chosen == speaker:
        return speaker, speaker_text
    if chosen == prev[0]:
        return chosen, prev[1]
    if best.chunk is not None and cu is not None:
        ch = cu.view.chunks[best.chunk]
        last = ch.t1
        holder = _holder_after(cu.view, best.chunk, len(cu.view.toks))
        if holder is not None:  # (the body that heads a title: its holder speaks)
            chosen, last = cu.view.chunks[holder].head, cu.view.chunks[holder].t1
        a, b = doc.norm.to_original(cu.view.toks[ch.ext0].start, cu.view.toks[last].end)
        return chosen, doc.text[a:b]
    e = ents.get(chosen)
    return chosen, e.name_ar if e is not None else None
