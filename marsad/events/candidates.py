"""Trigger candidates: verbs in any inflection, verbal nouns and the light verbs that carry them, fixed
phrases; the words that are no trigger in their place (inside a name, the name of a body, a prayer)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.events.lexicon import Lexicon, _key
from marsad.events.view import SentView
from marsad.events.words import TIME_WORDS

HAMZAS = set("ءأإآؤئ")


@dataclass
class Cand:
    group: int
    kind: str  # verb | noun | phrase
    tense: str  # past | present | passive | participle | noun
    t0: int
    t1: int
    proclitic: str = ""
    enclitic: str = ""
    light: int | None = None
    light_tense: str | None = None
    passive: bool = False
    swap: bool = False
    ambiguous: bool = False
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    location: str | None = None
    status: str = "occurred"
    date: str | None = None
    dates: list[str] = field(default_factory=list)
    mode: str | None = None
    src_chunks: list[int] = field(default_factory=list)
    tgt_chunks: list[int] = field(default_factory=list)
    orig_group: int | None = None  # the group before a light verb turned it (رفع العقوبات)
    limit: int = 10**9  # the next trigger: arguments after it are its own
    reference: bool = False  # على هامش القمة: a noun that names the setting, not a new event
    shared: list[int] | None = None  # يبحث … ويستقبل: subject chunks shared with the previous verb


# ---------------------------------------------------------------- triggers


def _match_seq(toks, i: int, keys: tuple[str, ...]) -> bool:
    if i + len(keys) > len(toks):
        return False
    for k, key in enumerate(keys):
        if k and toks[i + k].brk:
            return False
        if _key(toks[i + k].text) != key:
            return False
    return True


def find_triggers(view: SentView, lex: Lexicon) -> list[Cand]:
    toks = view.toks
    n = len(toks)
    excluded: set[int] = set()
    for i in range(n):
        for keys in lex.exclude.get(_key(toks[i].text), ()):
            if _match_seq(toks, i, keys):
                excluded.update(range(i, i + len(keys)))
    # a word inside a name is no trigger (فيصل بن فرحان is not ف + يصل)
    for ch in view.chunks:
        if "PERSON" in ch.kinds:
            excluded.update(range(ch.t0, ch.t1 + 1))
    heads = lex.grammar["institution_heads"]
    homographs = lex.grammar["hamza_homographs"]
    cands: list[Cand] = []
    i = 0
    while i < n:
        if i in excluded:
            i += 1
            continue
        tok = toks[i].text
        # لجنة التضامن, نادي التعاون, تحالف دعم الشرعية: the name of a body, not an event (the head
        # is in the construct state, so without the article: عقد المجلس اجتماعا is an event)
        if i > 0 and not toks[i].brk and _construct_head(toks[i - 1].text, heads):
            i += 1
            continue
        # جولة جديدة من المفاوضات: a round; the talks noun after من is the trigger
        if _partitive(view, i, lex):
            i += 1
            continue
        # هناك, هنا: the adverb, unless written with hamza (هنأ: congratulated)
        if (tok in homographs or (tok[:1] in "وف" and tok[1:] in homographs)) \
                and not any(ch in HAMZAS for ch in view.original(i)):
            i += 1
            continue
        matched = False
        for keys, g in lex.phrases.get(_key(tok), ()):
            if _match_seq(toks, i, keys):
                lv = lex.light(tok)
                hits = lex.lookup(tok)
                verb_hit = next((h for h in hits if h.kind == "verb"), None)
                if lv:
                    tense, proc = lv[0], lv[3]
                elif verb_hit:
                    tense, proc = verb_hit.tense, verb_hit.proclitic
                else:
                    tense, proc = "noun", ""
                cands.append(Cand(g, "phrase", tense, i, i + len(keys) - 1, proclitic=proc,
                                  passive=bool(lv and lv[1])))
                i += len(keys)
                matched = True
                break
        if matched:
            continue
        hits = lex.lookup(tok, ta_marbuta=tok.endswith("ه") and _ta_marbuta(view.original(i)))
        if hits:
            verbs = [h for h in hits if h.kind == "verb"]
            h = verbs[0] if verbs else hits[0]
            grp = lex.groups[h.group]
            if grp.needs_light and not _has_light_before(view, i, lex, grp.needs_light) \
                    and _light_after(view, i, lex, grp.needs_light) is None:
                i += 1
                continue
            kind, tense = h.kind, h.tense
            if kind == "verb" and tense == "past" and not h.proclitic and i > 0 and not toks[i].brk \
                    and toks[i - 1].text in lex.grammar["prepositions"] and toks[i - 1].text != "منذ":
                kind, tense = "noun", "noun"  # وافق الصندوق على منح باكستان قرضا: a verbal noun
            cands.append(Cand(h.group, kind, tense, i, i, h.proclitic, h.enclitic,
                              passive=tense == "passive",
                              ambiguous=len({lex.groups[x.group].type for x in hits}) > 1))
        i += 1
    # construct state: a verbal noun right after another trigger noun is its complement
    # (اتفاق وقف إطلاق النار, مفاوضات الهدنة): the head wins.
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and c.kind in ("noun", "phrase") and prev.kind in ("noun", "phrase")
                and c.t0 == prev.t1 + 1 and not toks[c.t0].brk and not _conj(toks[c.t0].text, c)):
            continue
        out.append(c)
    return out


def _construct_head(tok: str, heads) -> bool:
    """Is ``tok`` one of the institution nouns, in the construct state (لجنة, ولجنة; not اللجنة)?"""
    if tok[:1] in "وف" and tok[1:] in heads:
        tok = tok[1:]
    if tok[:1] in "بل" and tok[1:] in heads:
        tok = tok[1:]
    return tok in heads


def _partitive(view: SentView, i: int, lex: Lexicon) -> bool:
    """Is token ``i`` a noun of quantity (جولة, جولات) followed, after at most two adjectives, by من
    and a trigger noun (جولة جديدة من مفاوضات السلام)?"""
    toks = view.toks
    if _key(toks[i].text) not in lex.grammar["partitive_nouns"]:
        return False
    for k in range(i + 1, min(len(toks) - 1, i + 4)):
        if toks[k].brk:
            return False
        if toks[k].text == "من":
            return not toks[k + 1].brk and any(h.kind == "noun" for h in lex.lookup(toks[k + 1].text))
    return False


def _invocation(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """أيده الله, دعا الله أن, لبى نداء ربه: God is the one addressed; no event (حزب الله is a name)."""
    toks = view.toks
    for k in (c.t1 + 1, c.t1 + 2):
        if k >= len(toks) or toks[k].brk:
            return False
        if toks[k].text in lex.grammar["divine_names"] and k not in view.tok_chunk \
                and toks[k - 1].text not in lex.grammar["divine_compounds"]:
            return True
    return False


def _conj(tok: str, c: Cand) -> bool:
    if c.kind == "noun":
        return c.proclitic.startswith("و")
    return tok.startswith("و") and _key(tok) != tok


def _light_after(view: SentView, i: int, lex: Lexicon, allowed) -> int | None:
    """صاروخا باليستيا أطلقه الحوثيون: a light verb with a pronoun for the noun, right after it (an
    adjective may stand between); its index."""
    toks = view.toks
    for k in (i + 1, i + 2):
        if k >= len(toks) or toks[k].brk or k in view.tok_chunk:
            return None
        t = toks[k].text
        lv = lex.light(t)
        if lv and t.endswith(("ه", "ها", "هم")) and (allowed is True or lv[5] in allowed):
            return k
        if lv or lex.lookup(t) or t in lex.grammar["prepositions"]:
            return None
    return None


def _has_light_before(view: SentView, i: int, lex: Lexicon, allowed) -> bool:
    toks = view.toks
    for k in range(i - 1, max(-1, i - 6), -1):
        lv = lex.light(toks[k].text)
        if allowed is True and (lv or _key(toks[k].text) == "اطلاق"):
            return True
        if allowed is not True and lv and lv[5] in allowed:
            return True
        if toks[k + 1].brk:
            break
    return False


PURPOSE = ("ل", "لل", "ول", "ولل", "فل", "فلل")
ADVERBIAL_TYPES = {"PROTEST", "REJECT", "SUPPORT", "ACCUSE", "REQUEST", "COOPERATE", "CONSULT", "AID"}


def own_proclitic(toks, c: Cand) -> str:
    """The proclitic written on the trigger word itself (c.proclitic may be a light verb's)."""
    return c.__dict__.get("own_proclitic", c.proclitic)


def _adverbial(toks, c: Cand, lex: Lexicon) -> bool:
    """احتجاجا على, رفضا ل, تضامنا مع, لدعم, للمطالبة ب: purpose or manner, not an event."""
    if lex.groups[c.group].type not in ADVERBIAL_TYPES:
        return False
    if c.proclitic in PURPOSE:
        return True
    tok = toks[c.t0].text
    pro = own_proclitic(toks, c)
    core = tok[len(pro):len(tok) - len(c.enclitic)] if c.enclitic else tok[len(pro):]
    return not own_proclitic(toks, c) and core.endswith("ا") and core[:-1] in lex.noun_forms and c.t0 > 0 \
        and not lex.light(toks[c.t0 - 1].text)


def _adverbial_dual(toks, c: Cand, lex: Lexicon) -> bool:
    """رفضا ل, تضامنا مع, احتجاجا على after a clause: the accusative verbal noun of purpose, which is
    written like a dual verb (رفضا: the two rejected). A dual verb has no preposition right after it
    and follows its dual subject or a conjunction."""
    if lex.groups[c.group].type not in ADVERBIAL_TYPES or c.proclitic or c.enclitic or c.t0 == 0:
        return False
    tok = toks[c.t0].text
    if not tok.endswith("ا") or tok[:-1] not in lex.noun_forms or c.t0 + 1 >= len(toks) or toks[c.t0 + 1].brk:
        return False
    prev = toks[c.t0 - 1].text
    if (prev.startswith("ال") and prev.endswith(("ان", "ين"))) or lex.light(prev):
        return False  # الوزيران رفضا, الجانبين …
    nxt = toks[c.t0 + 1].text
    return nxt in lex.grammar["prepositions"] or (nxt[:1] in "لب" and len(nxt) > 3)


def _not_light_object(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """Is an accusative noun after a light verb an adverbial of purpose (خرجت مظاهرات في عدة مدن
    رفضا ل…, خرج الآلاف احتجاجا على …) rather than the verb's object (أعلنت نقابة الأطباء إضرابا,
    سيعقد وزراء خارجية دول المجلس اجتماعا طارئا)? Purpose when a preposition or another trigger stands
    between the verb and the noun, or when the verb takes no object (خرج, وقف)."""
    toks = view.toks
    assert c.light is not None
    preps = lex.grammar["prepositions"]
    # an aside between commas (، بينهم فيدان ورئيس الوزراء القطري،) is skipped: it neither ends the
    # link nor counts in its length
    aside = _asides(view, c.light + 1, c.t0, lex)
    for k in range(c.light + 1, c.t0):
        if k in aside or k in view.tok_chunk or toks[k].text in TIME_WORDS or toks[k].__dict__.get("paren"):
            continue
        if toks[k].text == "من" and k > c.light + 1 and toks[k - 1].text in lex.grammar["quantity_nouns"]:
            continue  # سيعقد وزراء خارجية عدد من الدول اجتماعا: من belongs to the subject
        if toks[k].text in preps or lex.lookup(toks[k].text) or c.t0 - c.light - len(aside) > 8:
            return True  # (a long run of other words: another clause)
    lv = lex.light(toks[c.light].text)
    return bool(lv) and lv[5] in lex.grammar["intransitive_light"]


def _asides(view: SentView, lo: int, hi: int, lex: Lexicon) -> set[int]:
    """Tokens in ``lo..hi-1`` of asides between commas that open with بينهم, منهم …"""
    toks = view.toks
    out: set[int] = set()
    k = lo
    while k < hi:
        if (toks[k].comma or toks[k].__dict__.get("paren")) and toks[k].text in lex.grammar["aside_openers"]:
            e = k + 1
            while e < hi and not (toks[e].comma or toks[e].__dict__.get("paren")):
                e += 1
            out.update(range(k, e))
            k = e
        else:
            k += 1
    return out


def _find_light(view: SentView, c: Cand, lex: Lexicon) -> None:
    toks = view.toks
    aside = _asides(view, max(0, c.t0 - 40), c.t0, lex)
    k = c.t0
    steps = 0
    while steps < 11:  # (a name of many words, خادم الحرمين الشريفين الملك سلمان, is one step)
        k -= 1
        while k in aside:
            k -= 1
        if k < 0:
            return
        ci = view.tok_chunk.get(k)
        if ci is None or view.tok_chunk.get(k + 1) != ci:
            steps += 1
        if toks[k + 1].brk and not toks[k + 1].comma and k + 1 not in aside:
            return
        lv = lex.light(toks[k].text)
        if lv:
            c.light, c.light_tense, c.passive, c.swap = k, lv[0], lv[1], lv[2]
            c.proclitic = lv[3]
            turn = lv[4].get(lex.groups[c.group].type)
            if turn:  # رفع العقوبات: lifting sanctions is a concession
                c.orig_group = c.group
                c.group = next(i for i, g in enumerate(lex.groups) if g.type == turn)
            return
        if lex.lookup(toks[k].text) and k not in view.tok_chunk and not _partitive(view, k, lex):
            return



def _ta_marbuta(written: str) -> bool:
    """Does the word as written end in ta marbuta (ة), which folding merges with the pronoun ه?"""
    w = written.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    return w.endswith("ة")


# ---------------------------------------------------------------- arguments
