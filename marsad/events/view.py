"""A sentence seen by the event and quote extractors: folded tokens, clauses and entity chunks.

Entity mentions (``doc.entities``, original offsets) are mapped onto the normalized text and grouped
into *chunks*, one noun phrase each: ``وزير الخارجية التركي هاكان فيدان`` is one chunk whose head is
the person; the chunk records the preposition that governs it (``مع``, ``بـ``, ``لـ``…) so that the
extractors can tell the subject from the object or the target.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from marsad.doc import Doc
from marsad.events.lexicon import Lexicon, lexicon
from marsad.text.tokens import WORD_RE

PERSON_FIRST = {"PERSON": 0, "ORG": 1, "GROUP": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5, "EVENT": 6, "MISC": 7}


@dataclass
class Tok:
    start: int  # normalized offsets
    end: int
    text: str
    clause: int = 0
    brk: bool = False  # a clause break stands right before this token
    coord: bool = False  # new clause opened by و + verb (subject may be shared)
    comma: bool = False  # the break before this token is only a comma


class TokList(list):
    """The tokens of a sentence, with a cache of where each cue list matches (see events.extract)."""

    def __init__(self, *a):
        super().__init__(*a)
        self.cue_hits: dict[int, list[tuple[int, int]]] = {}


@dataclass
class Chunk:
    t0: int  # first token of the mentions
    t1: int  # last token (inclusive)
    ext0: int  # first token including titles before the name
    start: int  # normalized span of the mentions
    end: int
    ids: list[str]
    kinds: list[str]
    prep: str | None = None
    conj: bool = False  # preceded by و
    head: str = ""  # chosen entity id
    head_kind: str = ""
    follows: int | None = None  # index of the chunk this one is coordinated with (X و Y)
    place_title: bool = False  # introduced by العاصمة / مدينة / مقر …


@dataclass
class SentView:
    index: int
    start: int  # normalized span
    end: int
    toks: list[Tok]
    chunks: list[Chunk]
    tok_chunk: dict[int, int] = field(default_factory=dict)
    norm: object = None  # the document's NormText (the original spelling of a token)

    def original(self, ti: int) -> str:
        """Token ``ti`` as written in the document (with its hamza and diacritics)."""
        if self.norm is None:
            return self.toks[ti].text
        s, e = self.norm.to_original(self.toks[ti].start, self.toks[ti].end)
        return self.norm.original[s:e]

    def chunk_at(self, ti: int) -> Chunk | None:
        ci = self.tok_chunk.get(ti)
        return self.chunks[ci] if ci is not None else None


def doc_mentions(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    """All entity mentions as (norm_start, norm_end, entity_id, kind, via), sorted; cached on doc."""
    cached = doc.extra.get("_events_mentions")
    if cached is not None:
        return cached
    norm = doc.norm
    out = []
    descriptive = doc.extra.get("descriptive_mentions", ())
    for ent in doc.entities:
        for m in ent.mentions:
            if (m.start, m.end) in descriptive:
                continue  # الأراضي اليمنية: the state is named, no actor stands there
            s = norm.to_normalized(m.start)
            e = norm.to_normalized(m.end)
            if e > s:
                out.append((s, e, ent.id, ent.kind, m.via or ""))
    out.sort(key=lambda x: (x[0], -x[1]))
    # drop nested mentions: the longer, earlier one wins
    clean = []
    last_end = -1
    for m in out:
        if m[0] >= last_end:
            clean.append(m)
            last_end = m[1]
    doc.extra["_events_mentions"] = clean
    return clean


def _strip_prep(tok: str, lex: Lexicon) -> tuple[str | None, str]:
    for p in lex.grammar["proclitic_preps"]:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            return p.lstrip("وف")[:1] or None, tok[len(p):]
    return None, tok


def is_nisba(w: str) -> bool:
    """A definite nisba adjective (التركي, الإيرانية), which also looks like a surname (الحربي)."""
    return w.startswith("ال") and w.endswith(("ي", "يه", "يين", "يون")) and len(w) > 4


def is_title_noun(tok: str, lex: Lexicon) -> bool:
    """A title word itself (وزير, والمتحدث, السفيرة), with no preposition and no nisba adjective."""
    titles = lex.grammar["titles"]
    t = tok[1:] if tok.startswith(("و", "ف")) and len(tok) > 3 else tok
    return tok in titles or t in titles or (t.endswith("ه") and t[:-1] in titles and len(t) > 4)


def _is_title(tok: str, lex: Lexicon) -> bool:
    if is_title_noun(tok, lex):
        return True
    titles = lex.grammar["titles"]
    t = tok[1:] if tok.startswith(("و", "ف")) and len(tok) > 3 else tok
    _p, rest = _strip_prep(t, lex)
    if rest in titles or (("ال" + rest) in titles and (_p or "ال" + rest not in lex.grammar["title_adjectives"])):
        return True  # (جديد alone is an adjective of the noun before: قرض جديد لباكستان)
    if _p and rest.endswith("ه") and len(rest) > 4 and (rest[:-1] in titles or "ال" + rest[:-1] in titles):
        return True  # للمستشارة, للأميرة: a feminine title after a preposition
    # nisba adjectives inside a title: وزير الخارجية التركي, المتحدث باسم الخارجية الإيرانية
    return is_nisba(t) or (rest.startswith("ال") and t.endswith(("ي", "يه", "يين", "يون")) and len(t) > 4)


def in_apposition(view: SentView, ci: int, lex: Lexicon) -> bool:
    """Is chunk ``ci`` inside the title phrase after a person (محمد بن سلمان ولي العهد رئيس | مجلس
    الوزراء): the words between are title words only? Such a body describes the person."""
    ch = view.chunks[ci]
    if ci == 0 or view.chunks[ci - 1].head_kind != "PERSON" or ch.head_kind == "PERSON":
        return False  # (استقبل الملك سلمان الرئيس الفرنسي ماكرون: a titled person is the object)
    toks, lo, hi = view.toks, view.chunks[ci - 1].t1 + 1, ch.t0
    return lo < hi and all(not toks[k].brk and _is_title(toks[k].text, lex) for k in range(lo, hi)) and not toks[hi].brk


def _own_phrase_before(toks, k: int, c: Chunk, inner_prefix: str, lex: Lexicon) -> bool:
    """Does the definite title word ``toks[k]``, right before the mention, end a noun phrase of its
    own (زار الوزير القاهرة, التقى الوزير الرئيس المصري, اتهم نواب في البرلمان الحكومة العراقية)?
    A definite noun is no construct head, and it stands in apposition only before a person's name
    (الرئيس بايدن) or with a word of address or of place (السيد, العاصمة)."""
    w = toks[k].text
    if k != c.t0 - 1 or not w.startswith("ال") or w not in lex.grammar["titles"] or inner_prefix.strip():
        return False
    if w in lex.grammar["honorifics"] or w in lex.grammar["title_adjectives"] or w in lex.grammar["place_titles"] \
            or w.endswith(("ي", "يه", "يين", "يون")):  # (حركة المقاومة الإسلامية حماس: an adjective)
        return False
    via = c.__dict__["_vias"][0]
    return via != "adjective" and (c.kinds[0] != "PERSON" or via == "title")


def _extend(chunk: Chunk, t1: int, end: int, eid: str, kind: str, via: str) -> None:
    """Add a mention ending at token ``t1`` (normalized offset ``end``) to a phrase."""
    chunk.t1 = max(chunk.t1, t1)
    chunk.end = end
    chunk.ids.append(eid)
    chunk.kinds.append(kind)
    chunk.__dict__["_vias"].append(via)


def _is_honorific(tok: str, lex: Lexicon) -> bool:
    return tok in lex.grammar["honorifics"]


_POST_PREPS = ("الي", "لدي")
_AREA = frozenset({"ريف", "ضواحي", "محيط", "اطراف", "وسط", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي",
                   "غربي", "قرب", "داخل", "مدخل", "اريافه"})


def _own_title(tok: str, lex: Lexicon) -> bool:
    """A title word as written, without a clitic (وزير, وكيل: the و is the word's own)."""
    titles = lex.grammar["titles"]
    return tok in titles or (tok.endswith("ه") and tok[:-1] in titles)


def build_view(doc: Doc, index: int, lex: Lexicon | None = None) -> SentView:
    """The view of sentence ``index``, built once per document (events and quotes share it)."""
    cache = doc.extra.setdefault("_events_views", {})
    v = cache.get(index)
    if v is None:
        v = cache[index] = _build_view(doc, index, lex or lexicon())
    return v


def _build_view(doc: Doc, index: int, lex: Lexicon) -> SentView:
    norm = doc.norm
    sent = doc.sentences[index]
    ns, ne = norm.to_normalized(sent.start), norm.to_normalized(sent.end)
    text = norm.text
    toks: list[Tok] = TokList()
    breaks = lex.grammar["break_chars"]
    cbreaks = lex.grammar["clause_breaks"]
    clause = 0
    prev_end = -1
    for m in WORD_RE.finditer(text, ns, ne):
        st, en = m.span()
        w = m.group()
        brk = False
        comma = False
        if prev_end >= 0:
            gap = text[prev_end:st]
            if gap != " ":
                brk = any(c in breaks for c in gap)
                comma = brk and gap.strip() in (",", "،")
            if brk or w in cbreaks:
                clause += 1
                brk = True
        tk = Tok(st, en, w, clause, brk)
        tk.comma = comma
        toks.append(tk)
        prev_end = en
    # a short bracketed aside, (الأربعاء), does not end the clause either; a comma after it still counts
    for i, t in enumerate(toks):
        if t.brk and "(" in text[toks[i - 1].end:t.start] and ")" not in text[toks[i - 1].end:t.start]:
            close = next((j for j in range(i + 1, min(i + 4, len(toks)))
                          if ")" in text[toks[j - 1].end:toks[j].start]), None)
            if close is None or any(toks[j].brk for j in range(i + 1, close)):
                continue
            t.brk, t.__dict__["paren"] = False, True
            after = text[toks[close - 1].end:toks[close].start].replace(")", "").strip()
            if after in ("", ",", "،"):
                toks[close].brk, toks[close].comma = bool(after), bool(after)
                toks[close].__dict__["paren"] = True
    # a short parenthetical between commas (، مساء أمس ،) does not end the clause
    commas = [i for i, t in enumerate(toks) if t.comma]
    for a, b in zip(commas, commas[1:], strict=False):
        if b - a <= 3:
            for k in (a, b):
                toks[k].brk = toks[k].comma = False
                toks[k].__dict__["paren"] = True
    if commas:
        clause = 0
        for i, t in enumerate(toks):
            if i and t.brk:
                clause += 1
            t.clause = clause
    # mentions → chunks
    ments = doc_mentions(doc)
    lo = bisect_left(ments, (ns, -1))
    hi = bisect_left(ments, (ne,), lo)  # (the mentions of this sentence only: no copy of the rest)
    starts = [t.start for t in toks]
    chunks: list[Chunk] = []
    for m in ments[lo:hi]:
        s, e, eid, kind, via = m
        if s >= ne:
            break
        if e > ne:
            continue
        t0 = max(0, bisect_left(starts, s + 1) - 1)
        t1 = max(t0, bisect_left(starts, e) - 1)
        if t0 >= len(toks):
            continue
        prev = chunks[-1] if chunks else None
        if prev is not None and prev.t1 + 1 < t0 <= prev.t1 + 3 and kind == "PERSON" and not toks[t0].brk \
                and all(not toks[k].brk and _is_honorific(toks[k].text, lex) for k in range(prev.t1 + 1, t0)) \
                and not text[prev.end:toks[prev.t1].end].strip() and (
                    prev.ids[-1] == eid or (prev.kinds[-1] != "PERSON" and prev.t0 > 0
                                            and _is_title(toks[prev.t0 - 1].text, lex))):
            # أمير قطر الشيخ تميم بن حمد, ولي العهد السعودي الأمير محمد بن سلمان: an honorific
            # between a title phrase and the name does not open a new phrase
            _extend(prev, t1, e, eid, kind, via)
            continue
        if prev is not None and eid == prev.ids[-1] and kind == "PERSON" and prev.t1 + 1 < t0 <= prev.t1 + 4 \
                and toks[prev.t1 + 1].text in ("بن", "ابن", "بنت") and not any(toks[k].brk for k in range(prev.t1 + 1, t0 + 1)):
            # محمد بن سلمان بن عبدالعزيز آل سعود: the rest of the chain between two mentions of one person
            prev.t1 = max(prev.t1, t1)
            prev.end = e
            continue
        if prev is not None and t0 == prev.t1 + 1 and not toks[t0].brk and eid == prev.ids[-1] \
                and not text[prev.end:s].strip():
            # سلمان بن عبدالعزيز آل سعود: two mentions of one entity side by side are one name
            prev.t1 = max(prev.t1, t1)
            prev.end = e
            continue
        if prev is not None and t0 <= prev.t1 + 1 and toks[t0].clause == toks[prev.t1].clause and not toks[t0].brk:
            gap = text[prev.end:s].strip()
            # القيادي في حركة النهضة راشد الغنوشي: the person is not the organisation's head noun
            in_pp = kind == "PERSON" and prev.t0 > 0 and toks[prev.t0 - 1].text in ("في", "من", "عن")
            # استدعت الخارجية العراقية السفير التركي: a person named by a title alone is a new phrase
            titled = kind == "PERSON" and via == "title" and _is_title(toks[t0].text, lex)
            merge = not gap and not in_pp and not titled and (
                (prev.kinds[-1] != "PERSON" and kind == "PERSON") or via == "adjective"
                or (prev.__dict__["_vias"][-1] == "adjective" and kind in ("GPE", "LOC", "FAC"))
            )
            if merge:
                _extend(prev, t1, e, eid, kind, via)
                continue
        c = Chunk(t0, t1, t0, s, e, [eid], [kind])
        c.__dict__["_vias"] = [via]
        chunks.append(c)
    tok_chunk: dict[int, int] = {}
    for ci, c in enumerate(chunks):
        # the head: a person if the phrase names one, else the first non-adjective mention
        order = sorted(range(len(c.ids)), key=lambda k: (
            PERSON_FIRST.get(c.kinds[k], 9) if c.kinds[k] == "PERSON" else 1,
            1 if c.__dict__["_vias"][k] == "adjective" else 0, k))
        c.head, c.head_kind = c.ids[order[0]], c.kinds[order[0]]
        # titles before the name belong to the phrase: المتحدث باسم الخارجية …
        ext = c.t0
        mention_tok = toks[c.t0]
        inner_prefix = text[mention_tok.start:c.start]
        k = c.t0 - 1
        # (a name with its own ب, بالقاهرة, starts its phrase: no title before it; a لـ genitive may
        # stand in a title: الأمين العام للأمم المتحدة)
        own_prep = inner_prefix.lstrip("وف")[:1] == "ب"
        if not own_prep:
            # a person whose title names the place of the post: المبعوث الأممي إلى اليمن هانس غروندبرغ
            post = c.head_kind == "PERSON" and len(c.ids) > 1 and c.kinds[0] != "PERSON"
            while (k >= 0 and c.t0 - k <= 6 and not toks[k + 1].brk and k not in tok_chunk
                   and not _own_phrase_before(toks, k, c, inner_prefix, lex)
                   and (_is_title(toks[k].text, lex) or (post and k == c.t0 - 1 and toks[k].text in _POST_PREPS
                                                        and k > 0 and _is_title(toks[k - 1].text, lex)))
                   and not lex.lookup(toks[k].text) and not lex.light(toks[k].text)):
                ext = k
                k -= 1
        c.ext0 = ext
        # the governing preposition
        head_tok = toks[ext].text
        if ext == c.t0 and inner_prefix and not inner_prefix.isspace():
            pre = inner_prefix
            if pre.startswith(("و", "ف")) and len(pre) > 0:
                c.conj = pre.startswith("و")
                pre = pre[1:]
            pre = pre[:-2] if pre.endswith("ال") else pre
            c.prep = pre[:1] if pre and pre[0] in "بلك" else None
        else:
            tok = head_tok
            own = _own_title(tok, lex) or (ext == c.t0 and not inner_prefix)  # وزير, واشنطن: the و is the word's
            if tok.startswith("و") and len(tok) > 3 and not own:
                c.conj = True
                tok = tok[1:]
            p, rest = _strip_prep(tok, lex)
            if p and (_is_title(rest, lex) or ext == c.t0):
                if ext != c.t0 or rest.startswith("ال"):
                    c.prep = p
        if c.prep is None and ext > 1 and not toks[ext].brk and not toks[ext - 1].brk and ext - 1 not in tok_chunk:
            # في ريف الحسكة, بريف دمشق, في وسط بغداد: a part-of-place noun carries the preposition
            w = toks[ext - 1].text
            if w in _AREA and toks[ext - 2].text in lex.grammar["prepositions"]:
                c.prep = toks[ext - 2].text
            elif w[:1] in "بف" and w[1:] in _AREA:
                c.prep = w[:1]
        if (c.prep is None and c.__dict__["_vias"][0] == "adjective" and ext > 0 and not toks[ext].brk
                and not toks[ext - 1].brk and ext - 1 not in tok_chunk
                and toks[ext - 1].text not in lex.grammar["prepositions"] and not lex.lookup(toks[ext - 1].text)):
            # (not after a trigger noun: على المقترح المصري — the adjective is the proposal's author)
            # بين الوفدين الروسي, مع الجانب التركي, بالجانب التركي: the adjective's noun carries the preposition
            w = toks[ext - 1].text
            p, rest = _strip_prep(w, lex)
            if p and rest.startswith("ال"):
                c.prep = p
            elif w.startswith("ال") and ext > 1 and toks[ext - 2].text in lex.grammar["prepositions"] \
                    and ext - 2 not in tok_chunk:
                c.prep = toks[ext - 2].text
            c.__dict__["of_noun"] = c.prep is not None  # the preposition governs the noun the adjective qualifies
        if c.prep is None and ext > 0 and not toks[ext].brk:
            w = toks[ext - 1].text
            if w in lex.grammar["prepositions"]:
                c.prep = w[1:] if w.startswith("و") and w[1:] in lex.grammar["prepositions"] else w
                if w == "من" and ext > 1 and toks[ext - 2].text in ("كل", "وكل"):
                    c.prep = None  # كل من مصر والأردن
            elif w == "و":
                c.conj = True
                if ext > 1 and toks[ext - 2].text in lex.grammar["prepositions"] and ext - 2 not in tok_chunk:
                    c.prep = toks[ext - 2].text
            elif w[:1] == "و" and w[1:] in lex.grammar["agent_heads"] and ci > 0 and ext > 1 \
                    and not toks[ext - 1].brk and chunks[ci - 1].t1 == ext - 2:
                c.conj = True  # الحوثيون وقوات صالح: the forces of a second actor beside the first
                c.__dict__["allied"] = True
        if c.conj and ci > 0 and c.ext0 <= chunks[ci - 1].t1 + 2 and not toks[c.ext0].brk:
            c.follows = ci - 1
            if c.prep is None:
                c.prep = chunks[ci - 1].prep
        first = toks[c.ext0].text
        _p, bare = _strip_prep(first[1:] if first.startswith("و") else first, lex)
        c.place_title = bare in lex.grammar["place_titles"] or ("ال" + bare) in lex.grammar["place_titles"] or (
            first in lex.grammar["place_titles"])
        for ti in range(c.ext0, c.t1 + 1):
            tok_chunk.setdefault(ti, ci)
    return SentView(index, ns, ne, toks, chunks, tok_chunk, norm)
