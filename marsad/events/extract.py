"""Event extraction: triggers → PLOVER events with source, target, status, date, place and mode.

For every sentence (boilerplate skipped) the extractor finds triggers (verbs in any inflection,
verbal nouns carried by light verbs, fixed phrases), then reads the arguments from the entity
chunks of the sentence (:mod:`marsad.events.view`):

- active verbs: the subject is the entity phrase right after the verb (VSO) or, failing that, the
  nearest bare phrase before it in the clause (SVO); the target is the phrase introduced by one of
  the trigger's prepositions (مع, على, إلى, ضد…) or the direct object;
- passive verbs (نوقش, تم + verbal noun): the object is the target and the doer comes after
  من قبل / على يد / برصاص …;
- verbal nouns: the genitive or adjective after the noun is the source (غزو العراق للكويت,
  العقوبات الأمريكية على إيران) unless a light verb carries the noun (فرضت واشنطن عقوبات على طهران);
- بين X و Y, coordinated phrases (X و Y), and pro-drop subjects shared by coordinated verbs;
- reported speech whose dropped subject is the speaker (قال الوزير إنه التقى …, نفى الجيش أن يكون قد
  قصف …): the speaker of the quote (found once, reused by the quote stage) is the source, when the
  pronoun agrees with the speech verb; a place is never the doer (اقتحم مستوطنون باحات المسجد الأقصى);
  an accusative of purpose written like a dual verb (رفضا ل, تضامنا مع) is no event.
- an honorific between a title phrase and a name stays in the phrase (أمير قطر الشيخ تميم); a subject
  in the construct state (وزراء خارجية دول المجلس) is its last genitive; after a transitive light verb
  an accusative noun is the object (أعلنت النقابة إضرابا), after خرج / وقف it says why;
- تعرض X لـ: X underwent the event; a light verb after its noun names the doer (صاروخا أطلقه الحوثيون);
  the genitive of an act done to someone is its target (اغتيال الوزير); a patron (موالية لإيران) is
  not the target; the one asked is the direct object of a request, not a phrase in what is asked;
- the accused does what it is accused of (اتهمت موسكو كييف بمهاجمة), the one who pledges or agrees
  does what it commits to (تعهد البنك بتقديم مساعدات), followers asked to act act for the asker
  (دعت المعارضة أنصارها إلى التظاهر).

Status, date, location, mode, CAMEO code, a one-line English summary and a confidence follow.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from marsad.doc import Doc
from marsad.events.lexicon import Lexicon, _key, lexicon
from marsad.events.view import Chunk, SentView, _is_title, build_view, is_nisba
from marsad.schema import Event, Span
from marsad.text.normalize import fold

LOC_KINDS = {"GPE", "LOC", "FAC"}
MAX_EVENTS = 5000
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "RETREAT"}
TOPIC_WORDS = {"تطورات", "اوضاع", "وضع", "ازمه", "ملف", "حرب", "صراع", "قضيه", "مستجدات", "نزاع",
               "تصعيد", "اضطرابات", "عمليات", "علاقات"}
TIME_WORDS = {"امس", "اليوم", "غدا", "مساء", "صباح", "ليل", "ليله", "فجر", "ظهر", "الاثنين", "الثلاثاء", "الاربعاء",
              "الخميس", "الجمعه", "السبت", "الاحد", "يوم", "رسميا", "هاتفيا", "ايضا"}
VENUES = {"مقر", "قصر", "مبني", "قاعه", "فندق", "مقرات"}
REACTIONS = {"REJECT", "SUPPORT", "ACCUSE", "AGREE"}
SITE_WORDS = {"موقع", "مواقع", "مناطق", "منطقه", "اهداف", "هدف", "منازل", "منزل", "بلدات", "بلده", "قري", "قريه",
              "مدن", "مدينه", "احياء", "حي", "مخيم", "مخيمات", "مقرات", "مقر", "مراكز", "مركز", "نقاط", "بني"}
MEMBER_WORDS = {"قاده", "قيادات", "قياديين", "قيادي", "عناصر", "اعضاء", "مسؤولين", "مسوولين", "افراد", "ضباط",
                "كبار", "شخصيات", "مقاتلين", "موظفين", "ممثلين", "جنود", "زعماء", "مسؤولي", "مسوولي", "عنصرين"}
NUMBER_WORDS = {"ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "عشرات", "مئات", "الاف", "اثنان",
                "اثنين", "شخصين", "شخص", "نحو", "اكثر", "ما", "عدد"}


def _in_words(tok: str, words: set[str]) -> bool:
    """Is the word (or the word without its clitics: المواقع, ومواقع) in ``words``? (بلدات is a word
    of the list as written: its ب is no preposition.)"""
    return tok in words or _key(tok) in words


HAMZAS = set("ءأإآؤئ")


@dataclass
class Cand:
    group: int
    kind: str  # verb | noun | phrase
    tense: str  # past | present | passive | noun
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
        hits = lex.lookup(tok)
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
    for _ in range(11):
        k -= 1
        while k in aside:
            k -= 1
        if k < 0:
            return
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


# ---------------------------------------------------------------- arguments


def _coord(view: SentView, ci: int) -> list[int]:
    """Chunk ``ci`` and the chunks coordinated with it (X و Y و Z)."""
    out = [ci]
    chunks = view.chunks
    k = ci
    while k + 1 < len(chunks):
        nxt = chunks[k + 1]
        if nxt.follows == k:
            out.append(k + 1)
            k += 1
        else:
            break
    return out


def _ids(view: SentView, cis: list[int]) -> list[str]:
    out: list[str] = []
    for ci in cis:
        ch = view.chunks[ci]
        if ch.head_kind == "MISC":
            continue
        if ch.head not in out:
            out.append(ch.head)
    return out


def _agent_chunk(view: SentView, c: Cand, lex: Lexicon) -> int | None:
    toks = view.toks
    start = c.t1 + 1
    for i in range(start, len(toks)):
        if toks[i].clause != toks[c.t1].clause and i > start + 12:
            break
        for marker in lex.grammar["agent_markers"]:
            if _match_seq_plain(toks, i, marker):
                j = i + len(marker)
                ci = view.tok_chunk.get(j)
                if ci is None and j < len(toks):
                    # the agent may follow an adjective or title: برصاص قوات الاحتلال
                    for jj in range(j, min(j + 3, len(toks))):
                        if jj in view.tok_chunk:
                            ci = view.tok_chunk[jj]
                            break
                if ci is not None:
                    return ci
    return None


def _match_seq_plain(toks, i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(toks):
        return False
    return all(toks[i + k].text == w or (k == 0 and toks[i].text == "و" + w) for k, w in enumerate(words))


def _doer_after(view: SentView, c: Cand, lex: Lexicon) -> list[int]:
    """هجوم شنه تنظيم الدولة: the doer follows a light verb with a pronoun after the noun."""
    chunks = view.chunks
    k = _light_after(view, c.t1, lex, True)
    if k is not None:
        for ci, ch in enumerate(chunks):
            if k < ch.ext0 <= k + 3 and ch.prep is None:
                return _coord(view, ci)
    return []


def _patient_noun(toks, c: Cand, lex: Lexicon) -> bool:
    """Is the trigger a verbal noun whose genitive is what is acted on (استهداف موكب, اغتيال الوزير)?"""
    tok = toks[c.t0].text
    core = tok[len(own_proclitic(toks, c)):len(tok) - len(c.enclitic)]
    return core in lex.patient_nouns


def _recipient_after(view: SentView, ci: int | None, c: Cand, lex: Lexicon) -> bool:
    """دعم واشنطن لكييف, ودعمهم المتواصل للمتمردين: a لـ phrase right after the genitive (or the
    pronoun) of a noun of an act done to someone names the one it is done to, so the genitive (or the
    pronoun) is the doer."""
    toks, chunks = view.toks, view.chunks
    end = chunks[ci].t1 if ci is not None else c.t1
    for k, ch in enumerate(chunks):
        if ch.ext0 > end and k != ci:
            if ch.prep != "ل" or ch.follows is not None or toks[ch.ext0].clause != toks[c.t0].clause:
                return False
            return "ل" in lex.groups[c.group].targets and ch.ext0 - end <= 3
    return False


def _travels(view: SentView, c: Cand) -> bool:
    """توجه رئيس الوزراء العراقي إلى طهران, وصل وفد حماس إلى القاهرة: a person or a delegation goes
    to a named place or actor."""
    if not c.target or c.passive or not any(view.chunks[k].prep == "الي" for k in c.tgt_chunks):
        return False
    if any(view.chunks[k].head_kind == "PERSON" for k in c.src_chunks):
        return True
    nxt = view.toks[c.t1 + 1].text if c.t1 + 1 < len(view.toks) else ""
    return bool(c.source) and nxt in ("وفد", "وفدا", "الوفد")


def _committed(view: SentView, v: Cand, c: Cand) -> bool:
    """Is noun ``c`` what verb ``v`` (تعهد, وافق, اتفق) commits to: introduced by ب / على / لـ (or a
    verbal noun so introduced: بتقديم مساعدات) right after the verb and its subject?"""
    toks, chunks = view.toks, view.chunks
    end = max([v.t1] + [chunks[k].t1 for k in v.src_chunks if chunks[k].t1 > v.t1])
    if not 0 < c.t0 - end <= 3 or any(toks[k].brk for k in range(end + 1, c.t0 + 1)):
        return False
    w = toks[end + 1].text
    return w in ("علي", "ب") or w[:1] in ("ب", "ل") and len(w) > 3


def _asks_own(view: SentView, c: Cand, lex: Lexicon) -> bool:
    """دعا الحزب أنصاره إلى …: the ones asked are the asker's own followers (a noun of followers with
    a pronoun, right after the verb and its subject)."""
    toks, chunks = view.toks, view.chunks
    end = max([c.t1] + [chunks[k].t1 for k in c.src_chunks if chunks[k].t1 > c.t1])
    if end + 1 >= len(toks) or toks[end + 1].brk:
        return False
    w = toks[end + 1].text
    for suf in ("هم", "ها", "ه"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            return stem in lex.grammar["followers"] or (stem.endswith("ت") and stem[:-1] + "ه" in lex.grammar["followers"])
    return False


def _content_gap(view: SentView, a: int, b: int, lex: Lexicon) -> int:
    """Words between tokens ``a`` and ``b`` other than names, prepositions, words of place and time
    and a short parenthesis: استقبل عباس في مقر الرئاسة برام الله، اليوم، مساعدة الوزير … has the
    object after a place and a time."""
    toks = view.toks
    n = 0
    for k in range(a + 1, b):
        t = toks[k]
        w = t.text
        if k in view.tok_chunk or w in TIME_WORDS or w in lex.grammar["prepositions"] or t.__dict__.get("paren") \
                or _in_words(w, VENUES) or _in_words(w, SITE_WORDS) or w in lex.grammar["place_titles"]:
            continue
        if t.brk and not t.__dict__.get("paren") or lex.lookup(w) or lex.light(w):
            return 99
        n += 1
    return n


def _construct_chain(view: SentView, anchor: int, ext0: int, c: Cand, lex: Lexicon) -> bool:
    """سيعقد وزراء خارجية دول مجلس التعاون اجتماعا: the subject is a chain of indefinite nouns in the
    construct state whose last genitive is the actor (no article, preposition or trigger between)."""
    if ext0 - anchor > 6 or ext0 - anchor < 2:
        return False
    for k in range(anchor + 1, ext0):
        if k == c.t0 and c.light is not None:
            return False
        t = view.toks[k]
        w = t.text
        if t.brk or k in view.tok_chunk or w.startswith("ال") or w in lex.grammar["prepositions"] \
                or w in NUMBER_WORDS or w in TIME_WORDS or w.isdigit() or w[:1] in "لب" or lex.lookup(w) \
                or lex.light(w) or w.endswith("ا"):
            return False
    first = view.toks[anchor + 1].text
    return _is_title(first, lex) or _in_words(first, MEMBER_WORDS)  # وزراء, قادة, ممثلو …


ARMED_KINDS = ("ORG", "GROUP")


def _affiliated_doer(view: SentView, start: int, lex: Lexicon, forces: bool) -> int | None:
    """The actor after لـ that owns the forces or the attack: مقاتلات تابعة للتحالف (``forces``: a
    word of forces must come first), غارات جوية للتحالف, قصف عشوائي للحوثيين (an armed body, not a
    place or a population: قصف لغزة is no doer)."""
    toks = view.toks
    heads, affil = lex.grammar["agent_heads"], lex.grammar["affiliation_words"]
    seen = not forces
    for k in range(start, min(len(toks), start + 5)):
        if k > start and toks[k].brk and not toks[k].__dict__.get("paren"):
            return None
        ci = view.tok_chunk.get(k)
        if ci is not None:
            ch = view.chunks[ci]
            ok = ch.ext0 == k and ch.prep == "ل" and ch.head_kind in ARMED_KINDS and seen
            return ci if ok else None
        w = toks[k].text
        bare = w[2:] if w.startswith("ال") else w
        if bare in heads or w in heads:
            seen = True
        elif w in affil:
            continue
        # (قصف الطيران مواقع للدعم السريع: the sites are the actor's, not the planes)
        elif w in lex.grammar["prepositions"] or w[:1] in "لب" or w in TIME_WORDS or lex.lookup(w) or lex.light(w) \
                or w.isdigit() or w in NUMBER_WORDS or _in_words(w, SITE_WORDS) or _in_words(w, MEMBER_WORDS) \
                or (not forces and k - start >= 2):
            return None
    return None


def _bare_subject(view: SentView, anchor: int, c: Cand, lex: Lexicon) -> int | None:
    """The last token of a subject that names no actor, right after the verb, when a name follows it
    (زار الوزير القاهرة, هاجم مسلحون مجهولون الجيش, التقى وفد من الكونغرس الرئيس المصري, اتهم نواب
    في البرلمان الحكومة العراقية): the name is the object. The subject ends with a definite word (no
    construct head; not before a person's name: قال الكاتب محمد علي) or with a plural in -ون (مسؤولون
    أتراك: a construct head drops its ن); an indefinite noun before the name is in the construct state
    (وفد حماس) and a nationality adjective (مسؤولون أمريكيون) qualifies the subject: there the name
    is the doer."""
    toks, chunks = view.toks, view.chunks
    first = anchor + 1
    if first >= len(toks) or first in view.tok_chunk:
        return None
    for ch in chunks:
        if ch.ext0 <= anchor or ch.prep is not None:
            continue
        end = ch.ext0 - 1
        # (the adjective of the subject, after other adjectives: الطيران الحربي الإسرائيلي; but the
        # adjective of a title of its own is not: استقبل مسؤولون وزير الخارجية التركي)
        if not 0 <= end - anchor - 1 < 6 or ch.__dict__["_vias"][0] == "adjective" and all(
                is_nisba(toks[k].text) or toks[k].text in lex.grammar["title_adjectives"] for k in range(ch.ext0, ch.t0)):
            return None
        w0 = toks[first].text
        if w0 in lex.grammar["prepositions"] or w0[:1] in "بلك" or w0.endswith("ا") or w0 in NUMBER_WORDS:
            return None
        for k in range(first, ch.ext0 + 1):
            t = toks[k]
            if t.brk or (k < ch.ext0 and (c.t0 <= k <= c.t1 or t.text in TIME_WORDS or lex.light(t.text)
                                          or (k not in view.tok_chunk and lex.lookup(t.text)))):
                return None
        w = toks[end].text
        if end in view.tok_chunk:  # وفد من الكونغرس: a phrase with a preposition ends the subject
            return end if view.chunks[view.tok_chunk[end]].prep is not None else None
        if w.startswith("ال") and (ch.head_kind != "PERSON" or ch.__dict__["_vias"][0] == "title"):
            return end if ch.head_kind in LOC_KINDS or ch.head_kind == "PERSON" or w in lex.grammar["titles"] else None
        if w.endswith("ون") and len(w) > 4 and w not in NUMBER_WORDS:
            return end
        return None
    return None


def _fill_args(view: SentView, c: Cand, lex: Lexicon) -> None:
    toks, chunks = view.toks, view.chunks
    grp = lex.groups[c.group]
    clause = toks[c.t0].clause
    anchor = c.light if c.light is not None else c.t0
    aclause = toks[anchor].clause
    used: set[int] = set()

    def in_clause(ch: Chunk, cl: int) -> bool:
        return toks[ch.ext0].clause == cl or toks[ch.t1].clause == cl

    src: list[int] = []
    tgt: list[int] = []
    owned: list[int] = []  # doers named as the owners of the forces or the attack (all on one side)
    genitive_place: str | None = None
    subj_end: int | None = None  # the end of a subject that names no actor (زار الوزير القاهرة)
    verbal = c.kind in ("verb", "phrase") and c.tense != "noun" or c.light is not None

    if c.shared:
        src = list(c.shared)
    elif c.passive:
        ag = _agent_chunk(view, c, lex)
        if ag is not None:
            src = _coord(view, ag)
        for ci, ch in enumerate(chunks):
            if ch.ext0 > c.t1 and in_clause(ch, clause) and ch.prep is None and ci not in src and ch.follows is None:
                tgt = _coord(view, ci)
                break
    elif verbal and anchor >= 2 and toks[anchor - 1].text == "قد" and toks[anchor - 2].text in ("يكون", "تكون", "يكونوا"):
        pass  # نفى الجيش أن يكون قد قصف …: the subject is the main clause's (found below)
    elif verbal:
        # SVO first when a bare phrase stands right before the verb (… إسرائيل قصفت, روسيا قد غزت)
        gap = 1
        while anchor - gap >= 0 and toks[anchor - gap].text in ("قد", "لقد", "وقد", "لم", "لن", "لا", "سوف"):
            gap += 1
        ci_before = view.tok_chunk.get(anchor - gap)
        coordinated = (c.light_tense if c.light is not None else None) is None and c.proclitic[:1] in ("و", "ف")
        if ci_before is not None and chunks[ci_before].prep is None and chunks[ci_before].t1 == anchor - gap \
                and in_clause(chunks[ci_before], aclause) and not toks[anchor].brk and not coordinated:
            k = ci_before
            src = [k]
            while chunks[k].follows is not None:
                k = chunks[k].follows
                src.insert(0, k)
        if not src:
            # شنت مقاتلات تابعة للتحالف غارات: the forces' owner is the doer
            ci = _affiliated_doer(view, anchor + 1, lex, True)
            if ci is not None:
                src = owned = _coord(view, ci)
        if not src:
            subj_end = _bare_subject(view, anchor, c, lex)
        # VSO: the phrase right after the verb (between a light verb and its noun too)
        for ci, ch in enumerate(chunks):
            if src or subj_end is not None:
                break
            if ch.ext0 <= anchor:
                continue
            if not in_clause(ch, aclause):
                break
            near = ch.ext0 - anchor <= 3 and not (c.light is None and ch.ext0 > c.t1 + 3)
            if ch.prep is None and (near or _construct_chain(view, anchor, ch.ext0, c, lex)) \
                    and ch.head_kind not in ("LOC", "FAC"):  # اقتحم مستوطنون باحات المسجد الأقصى: not the doer
                src = _coord(view, ci)
            break
        if not src and subj_end is None:
            # SVO: the nearest bare phrase before the verb in its clause
            for ci in range(len(chunks) - 1, -1, -1):
                ch = chunks[ci]
                if ch.t1 >= anchor or not in_clause(ch, aclause):
                    continue
                if ch.prep is None:
                    cis = [ci]
                    k = ci
                    while chunks[k].conj and k > 0 and chunks[k - 1].prep is None and in_clause(chunks[k - 1], aclause):
                        cis.insert(0, k - 1)
                        k -= 1
                    src = cis
                break
        if c.swap:  # تلقى اتصالا من X: X is the source, the subject the target
            for ci, ch in enumerate(chunks):
                if ch.ext0 > c.t1 and in_clause(ch, clause) and ch.prep == "من":
                    tgt, src = src, _coord(view, ci)
                    break
            else:
                if c.swap == "always":  # تعرض موكب الوزير لإطلاق نار: the subject underwent it
                    ag = _agent_chunk(view, c, lex)
                    tgt, src = src, (_coord(view, ag) if ag is not None and ag not in src else [])
                    src = src or [k for k in _doer_after(view, c, lex) if k not in tgt]
                    if not src and grp.type == "ASSAULT":  # تعرضت الأحياء لقصف عشوائي للحوثيين
                        ci = _affiliated_doer(view, c.t1 + 1, lex, False)
                        src = owned = [k for k in _coord(view, ci) if k not in tgt] if ci is not None else []
    else:
        # verbal noun: genitive or adjective right after it
        for ci, ch in enumerate(chunks):
            if ch.ext0 <= c.t1:
                continue
            if ch.ext0 <= c.t1 + 2 and ch.prep is None and in_clause(ch, clause) and not c.enclitic:
                if grp.mode == "multilateral" and ch.head_kind in LOC_KINDS:
                    break
                if grp.type == "CONSULT" and ch.head.startswith("place:") and ch.head_kind in LOC_KINDS:
                    genitive_place = ch.head  # محادثات جدة: the talks held in Jeddah, not by it
                    break
                if "ال" in own_proclitic(toks, c) and c.t1 == c.t0 and ch.ext0 < ch.t0 \
                        and toks[ch.ext0].text in lex.grammar["titles"]:
                    break  # حضر الاستقبال ولي العهد: a noun with the article has no genitive

                if ch.head_kind in ("LOC", "FAC") or (
                        ch.__dict__["_vias"][0] != "adjective" and _patient_noun(toks, c, lex)
                        and not _in_words(toks[c.t1 + 1].text, lex.grammar["agent_heads"])
                        and not _recipient_after(view, ci, c, lex)):
                    # اقتحام المسجد الأقصى, اغتيال النائب العام: what is acted on (but استهداف طائرات
                    # التحالف مواقع: the planes of the coalition are the doer)
                    tgt = _coord(view, ci)
                    break
                src = _coord(view, ci)
            break
        if not src and c.t1 + 2 < len(toks) and toks[c.t1 + 1].text in ("الذي", "التي") \
                and toks[c.t1 + 2].text in ("جمع", "جمعت", "ضم", "ضمت", "عقد", "عقدت", "شنه", "شنته", "نفذ", "نفذه"):
            # اللقاء الذي جمع بلينكن بنظيره التركي
            for ci, ch in enumerate(chunks):
                if c.t1 + 2 < ch.ext0 <= c.t1 + 5 and ch.prep is None:
                    src = [ci]
                    if ci + 1 < len(chunks) and chunks[ci + 1].prep in ("ب", "مع") and chunks[ci + 1].ext0 <= ch.t1 + 2:
                        tgt = [ci + 1]
                    break
        if not src:
            src = _doer_after(view, c, lex)
        if not src and not c.enclitic and grp.type == "ASSAULT":
            ci = _affiliated_doer(view, c.t1 + 1, lex, False)  # غارات جوية للتحالف, قصف عشوائي للحوثيين
            if ci is not None:
                src = owned = _coord(view, ci)
        if not src and c.enclitic:
            for ci in range(len(chunks) - 1, -1, -1):
                ch = chunks[ci]
                if ch.t1 < c.t0 and ch.prep is None:
                    # بدعمه سرا: the pronoun after a noun of an act done to someone is the one it is
                    # done to (but ودعمهم للمتمردين: with a لـ recipient it is the doer)
                    if _patient_noun(toks, c, lex) and not _recipient_after(view, None, c, lex):
                        tgt = [ci]
                    else:
                        src = [ci]
                    break
    if not src and not c.passive and verbal and subj_end is None:
        cs = anchor
        while cs > 0 and toks[cs].clause == aclause and anchor - cs < 40:
            cs -= 1
        if toks[cs + 1 if toks[cs].clause != aclause else cs].text in ("انه", "انها", "انهم", "بانه", "بانها", "بانهم") or (
                anchor >= 2 and toks[anchor - 1].text == "قد" and toks[anchor - 2].text in ("يكون", "تكون", "يكونوا")):
            for ci in range(len(chunks) - 1, -1, -1):
                if chunks[ci].t1 < cs and chunks[ci].prep is None and chunks[ci].follows is None:
                    src = [ci]
                    break
    used.update(src)
    used.update(tgt)
    tgrp = lex.groups[c.orig_group] if c.orig_group is not None else grp
    if not tgt and not (c.swap and src):
        first = anchor if c.light is not None else c.t1
        first = max(first, subj_end or 0)  # (not a phrase inside the subject: وفد من الكونغرس)
        after = [ci for ci, ch in enumerate(chunks) if ch.ext0 > first and ci not in used
                 and (in_clause(ch, clause) or in_clause(ch, aclause)) and ch.ext0 < c.limit]
        for ci in after:
            ch = chunks[ci]
            if ch.follows is not None:
                continue
            if ch.prep in ("ب", "في") and (ch.place_title or grp.type == "CONSULT" and ch.head_kind in LOC_KINDS):
                continue
            if ch.prep == "بين" and grp.type in SYMMETRIC:
                pair = _coord(view, ci)
                if not src:
                    src, tgt = pair[:1], pair[1:]
                else:
                    tgt = pair
                break
            if ch.ext0 > 0 and toks[ch.ext0 - 1].text in lex.grammar["patron_words"]:
                continue  # الفصائل الموالية لإيران: the patron of the target, not the target
            if ch.prep is not None and (ch.prep in tgrp.targets or (tgrp.type in REACTIONS and ch.__dict__.get("of_noun"))):
                # وافقت حماس على المقترح المصري: a reaction targets the author of what it reacts to
                tgt = _coord(view, ci)
                break
        base = max([c.t1, subj_end or 0] + [chunks[k].t1 for k in src if chunks[k].t1 > c.t1])
        if not tgt and tgrp.targets and not tgrp.adjacent_targets:
            # على مواقع في قطاع غزة, عن خمسة مواطنين أمريكيين: the phrase after the preposition
            for k in range(base + 1, min(len(toks), base + 4, c.limit)):
                if toks[k].clause != clause:
                    break
                if toks[k].text in tgrp.targets and k not in view.tok_chunk:
                    # (a place attacked is the target; where a house is demolished or a raid made is
                    # the location: هدمت السلطات منزلا في القدس الشرقية)
                    site = k + 1 < len(toks) and _in_words(toks[k + 1].text, SITE_WORDS) and tgrp.type == "ASSAULT"
                    # عقوبات على قادة في قوات الدعم السريع: the members' organization is the target
                    member = k + 1 < len(toks) and _in_words(toks[k + 1].text, MEMBER_WORDS)
                    for ci in after:
                        ch = chunks[ci]
                        if k < ch.ext0 <= k + 4 and ch.follows is None \
                                and toks[ch.ext0 - 1].text not in lex.grammar["patron_words"] and (
                                ch.prep in (None, "ل", toks[k].text) or (ch.prep == "في" and site and toks[k].text != "امام")
                                or (ch.prep in ("في", "من") and member and ch.head_kind not in LOC_KINDS)):
                            tgt = _coord(view, ci)
                            break
                    break
        if not tgt and verbal and not c.passive and after:
            # direct object: the first bare phrase after the verb (after the subject, in VSO)
            for ci in after:
                ch = chunks[ci]
                if ch.prep is None and ch.follows is None:
                    if src and ci < src[0] and chunks[src[0]].ext0 > c.t1:
                        continue
                    if ch.ext0 - base <= 3 or (ch.head_kind == "PERSON" and (
                            ch.ext0 - base <= 7 or _content_gap(view, base, ch.ext0, lex) <= 2)):
                        tgt = _coord(view, ci)
                    break
            if not tgt and base + 1 < len(toks) and _in_words(toks[base + 1].text, SITE_WORDS) and tgrp.type == "ASSAULT":
                # قصفت المدفعية قرى في ريف الحسكة
                for ci in after:
                    ch = chunks[ci]
                    if base + 1 < ch.ext0 <= base + 5 and ch.prep in ("في", "ب") and ch.follows is None:
                        tgt = [ci]
                        break
    used.update(tgt)
    c.src_chunks = src
    c.tgt_chunks = tgt
    c.source = _ids(view, src)
    c.target = [t for t in _ids(view, tgt) if t not in c.source]
    # (قصف الحوثيون وقوات صالح المدينة: with an object of its own, the forces of a second actor act
    # beside the first; اشتبكت قوات روسيا وقوات أوكرانيا: without one, they are the two sides)
    allied = {chunks[k].head for k in src if chunks[k].__dict__.get("allied")}
    if (grp.type in SYMMETRIC or grp.mode == "exercise") and len(c.source) > 1 \
            and not (tgt and all(s in allied for s in c.source[1:])) and not owned:
        c.source, c.target = c.source[:1], c.source[1:]
    # location: a place after في / بـ, the most specific of a chain (بالعاصمة القطرية الدوحة)
    loc = None
    for ci, ch in enumerate(chunks):
        if ci in used or ch.head_kind not in LOC_KINDS and not any(k in LOC_KINDS for k in ch.kinds):
            continue
        if ch.prep in ("في", "ب", "داخل", "قرب") and ch.ext0 > anchor - 1:
            if ch.ext0 >= 2 and _key(toks[ch.ext0 - 2].text) in TOPIC_WORDS and _key(toks[ch.ext0].text) not in VENUES:
                continue  # بحثا التطورات في سوريا: the topic, not the place
            loc = ch
            break
    if loc is None:  # (before an earlier في place: …في أنقرة … ورام الله، حيث التقى → Ramallah)
        loc = _where_antecedent(view, anchor)
    if loc is None:
        for ci, ch in enumerate(chunks):
            if ci not in used and ch.prep in ("في",) and ch.t1 < anchor and any(k in LOC_KINDS for k in ch.kinds):
                loc = ch
    if loc is not None:
        places = [i for i, k in zip(loc.ids, loc.kinds, strict=True) if k in LOC_KINDS]
        c.location = places[-1] if places else loc.head
    elif genitive_place is not None:
        c.location = genitive_place
    elif grp.type in ("ASSAULT", "PROTEST", "COERCE") and tgt:
        ch = chunks[tgt[0]]
        if ch.head_kind in LOC_KINDS:
            c.location = ch.head


def _where_antecedent(view: SentView, anchor: int) -> Chunk | None:
    """…ورام الله، حيث التقى الرئيس الفلسطيني: an event in a clause opened by حيث happens at the
    place named right before حيث."""
    toks = view.toks
    for k in range(anchor - 1, max(-1, anchor - 6), -1):
        if toks[k].text == "حيث":
            ci = view.tok_chunk.get(k - 1) if k > 0 else None
            if ci is not None and any(kd in LOC_KINDS for kd in view.chunks[ci].kinds):
                return view.chunks[ci]
            return None
        if toks[k + 1].brk and toks[k + 1].text != "حيث" and k + 1 != anchor:
            return None
    return None


# ---------------------------------------------------------------- status


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


def _mode(view: SentView, c: Cand, lex: Lexicon) -> None:
    grp = lex.groups[c.group]
    c.mode = grp.mode
    mods = lex.modifiers.get(grp.type)
    if not mods:
        return
    toks = view.toks
    if grp.type == "CONSULT":
        cl = toks[c.t0].clause
        rng = [i for i in range(max(0, c.t0 - 12), min(len(toks), c.t1 + 13)) if toks[i].clause == cl]
    else:
        rng = list(range(c.t0, min(len(toks), c.t1 + 4)))
    for i in rng:
        w = toks[i].text
        m = mods.get(w) or mods.get(w[1:] if w.startswith("و") else w)
        if m:
            if grp.type == "CONSULT" and grp.mode in ("visit", "host", "negotiate", "mediate") and m == "multilateral":
                continue
            c.mode = m
            return


def _name(ent) -> str:
    if ent is None:
        return "?"
    name = ent.name_en or ent.name_translit or ent.name_ar
    if ent.kind in ("PERSON", "ORG", "GROUP") and ent.country:
        name += f" ({ent.country})"
    return name


def summary(ev: Event, ents: dict, lex: Lexicon) -> str:
    verbs = lex.cameo["verbs"]
    phr = lex.cameo["mode_phrases"]
    who = " and ".join(_name(ents.get(i)) for i in ev.source) or "Someone"
    parts = [who, verbs[ev.type]]
    if ev.target:
        parts.append(" and ".join(_name(ents.get(i)) for i in ev.target))
    elif verbs[ev.type].endswith((" with", " to", " from", " against")):
        parts[-1] = verbs[ev.type].rsplit(" ", 1)[0]
    if ev.mode and ev.mode in phr:
        parts.append(phr[ev.mode])
    if ev.location and ev.location in ents:
        parts.append("in " + _name(ents[ev.location]))
    if ev.date:
        parts.append("on " + ev.date if len(ev.date) >= 10 else "in " + ev.date)
    line = " ".join(parts)
    if ev.status != "occurred":
        line += f" [{ev.status}]"
    return line


# ---------------------------------------------------------------- driver


def _merge(a: Cand, b: Cand) -> None:
    if b.reference:
        return
    if not a.source and b.source:
        a.source = b.source
    if not a.target and b.target:
        a.target = [t for t in b.target if t not in a.source]
    if not a.location and b.location:
        a.location = b.location
    if (a.mode is None or a.mode == "multilateral") and b.mode:
        a.mode = b.mode


def sentence_events(doc: Doc, index: int, lex: Lexicon | None = None, view: SentView | None = None) -> list[Cand]:
    lex = lex or lexicon()
    view = view or build_view(doc, index, lex)
    if not view.toks:
        return []
    cands = find_triggers(view, lex)
    if not cands:
        return []
    title = doc.sentences[index].kind in ("title", "heading")
    times = _sentence_times(doc, view)
    types_seen = {}
    kept: list[Cand] = []
    toks = view.toks
    for ci_, c in enumerate(cands):
        # (a noun after خلال / عقب names the setting: التقى بلينكن خلال زيارته ولي العهد — the object
        # after it is still the verb's)
        nxt = next((o for o in cands[ci_ + 1:] if o.t0 > c.t1 and not (
            o.kind == "noun" and toks[o.t0 - 1].text in lex.grammar["reference_preps"])), None)
        if nxt is not None:
            c.limit = nxt.t0
        grp = lex.groups[c.group]
        if _other_word_sense(view, c, lex):
            continue  # تمنح أولوية, جولة (دوار), في أيد أمينة, بصدر رحب: the everyday sense
        if _invocation(view, c, lex):
            continue  # أيده الله, ودعت القيادة الله أن يتقبله: a prayer
        # وقفاً فورياً وشاملاً لإطلاق النار: firing that is stopped is a ceasefire
        if grp.type == "ASSAULT" and grp.mode == "firearms" and any(
                toks[k].text.rstrip("ا") in ("وقف", "ووقف", "لوقف", "بوقف") for k in range(max(0, c.t0 - 4), c.t0)):
            c.group = next(i for i, g in enumerate(lex.groups) if g.type == "RETREAT" and g.mode == "ceasefire")
            grp = lex.groups[c.group]
        # قتل خمسة أشخاص: a Form I verb before a number is passive
        if c.kind == "verb" and grp.type == "ASSAULT" and c.t1 + 1 < len(toks) and (
                toks[c.t1 + 1].text.isdigit() or toks[c.t1 + 1].text in NUMBER_WORDS):
            c.passive = True
        if c.kind == "noun" and c.t0 > 0 and toks[c.t0 - 1].text in lex.grammar["reference_preps"]:
            c.reference = True
        # a topic noun after a consultation verb is what was discussed, not a second event
        if c.kind == "noun" and grp.type in ("COOPERATE", "SUPPORT", "AID", "AGREE") and any(
                lex.groups[k.group].type == "CONSULT" and toks[k.t0].clause == toks[c.t0].clause
                for k in kept):
            continue
        # a weak verb (استهدف) after another trigger describes it: العقوبات تستهدف قطاع النفط
        if c.kind == "verb" and toks[c.t0].text[len(c.proclitic):len(toks[c.t0].text) - len(c.enclitic)] in lex.weak \
                and any(o.t1 < c.t0 and c.t0 - o.t1 <= 8 and lex.groups[o.group].type != grp.type for o in cands[:ci_]):
            continue
        if c.kind in ("noun", "phrase") and c.tense == "noun":
            own = c.__dict__["own_proclitic"] = c.proclitic
            if c.kind == "noun" and own in PURPOSE and _adverbial(toks, c, lex):
                continue
            _find_light(view, c, lex)
            grp = lex.groups[c.group]
            if c.kind == "noun" and _adverbial(toks, c, lex) and (c.light is None or _not_light_object(view, c, lex)):
                continue  # خرجت مظاهرات في عدة مدن رفضا ل…: the light verb carries another noun
            if _other_sense(view, c, lex):
                continue  # تحقيق العدالة: achieving, not an investigation
        if c.kind == "verb" and _adverbial_dual(toks, c, lex):
            continue  # خرجت مظاهرات … رفضا لتعديل, مسيرة في لندن تضامنا مع غزة: not the dual verb رفضا
        if c.kind == "verb" and c.proclitic[:1] in ("و", "ف") and kept and kept[-1].kind == "verb" \
                and kept[-1].src_chunks and not any(toks[k].brk for k in range(kept[-1].t1 + 1, c.t0 + 1)):
            c.shared = kept[-1].src_chunks  # فيدان يبحث مع غوتيريش … ويستقبل بلينكن
        _fill_args(view, c, lex)
        if grp.traveller and not _travels(view, c):
            continue  # وصلت المساعدات إلى غزة: no visit
        # خلال الزيارة: a definite noun after a temporal preposition refers to an event told elsewhere
        if c.kind == "noun" and c.light is None and "ال" in c.proclitic and not c.source and not c.target \
                and c.t0 > 0 and toks[c.t0 - 1].text in lex.grammar["reference_preps"]:
            continue
        c.status = _status(view, c, cands, lex, title)
        _mode(view, c, lex)
        _date(doc, view, c, times)
        key = (grp.type, view.toks[c.t0].clause)
        prev = types_seen.get(key)
        # يبحث … ويستقبل: two verbs are two events (but in منحت الإمارات الأردن منحة, a second
        # reading منحه "granted him" without a conjunction is the verbal noun repeating the verb)
        if prev is not None and prev.kind == "verb" and c.kind == "verb" and (
                c.proclitic[:1] in ("و", "ف") or not c.enclitic or c.tense != prev.tense):
            prev = None
        if prev is not None:
            _merge(prev, c)
            continue
        # an event embedded under a threat or a request belongs to the one who threatens or asks
        if c.status == "hypothetical" and not c.source and kept and lex.groups[kept[-1].group].type in (
                "THREATEN", "REQUEST") and kept[-1].t1 < c.t0:
            emb = kept[-1]
            c.source = list(emb.source) if lex.groups[emb.group].type == "THREATEN" else list(emb.target)
            if not c.source and _asks_own(view, emb, lex):
                c.source = list(emb.source)  # دعت المعارضة أنصارها إلى التظاهر: the opposition protests
            c.target = [t for t in c.target if t not in c.source]
        # تعهد البنك الدولي بتقديم مساعدات, وافق الصندوق على منح باكستان قرضا: who commits does it
        if not c.source and c.kind == "noun" and kept and kept[-1].kind == "verb" and kept[-1].source \
                and lex.groups[kept[-1].group].type == "AGREE" and _committed(view, kept[-1], c):
            c.source = list(kept[-1].source)
            c.target = [t for t in c.target if t not in c.source]
        # اتهمت موسكو كييف بمهاجمة المحطة: the accused is the doer of what it is accused of
        if not c.source and c.kind == "noun" and own_proclitic(toks, c)[-1:] == "ب" and kept \
                and lex.groups[kept[-1].group].type == "ACCUSE" and kept[-1].target and kept[-1].kind == "verb" \
                and 0 < c.t0 - kept[-1].t1 <= 8 and not any(toks[k].brk for k in range(kept[-1].t1 + 1, c.t0 + 1)):
            c.source = list(kept[-1].target)
            c.target = [t for t in c.target if t not in c.source]
        # the target of a threat is the target of the threatened act
        if c.status == "hypothetical" and kept and lex.groups[kept[-1].group].type == "THREATEN" \
                and not kept[-1].target and c.target:
            kept[-1].target = [t for t in c.target if t not in kept[-1].source]
        # a coordinated verb without a subject shares the previous verb's subject
        if not c.source and c.kind == "verb" and c.proclitic.startswith(("و", "ف")) and kept:
            c.source = list(kept[-1].source)
            c.target = [t for t in c.target if t not in c.source]
        types_seen[key] = c
        kept.append(c)
    # رفض نتنياهو دعوات الرئيس الأمريكي: the target of a reaction is the author of what it reacts to
    for k, c in enumerate(kept):
        if lex.groups[c.group].type in REACTIONS and not c.target and k + 1 < len(kept):
            o = kept[k + 1]
            end = max([c.t1] + [view.chunks[i].t1 for i in c.src_chunks if view.chunks[i].t1 < o.t0])
            if o.kind == "noun" and o.t0 == c.limit and o.source and o.t0 - end <= 4:
                c.target = [t for t in o.source if t not in c.source]
    return kept


DUAL_SUBJECTS = {"الجانبان", "الجانبين", "الطرفان", "الطرفين", "الوزيران", "الوزيرين", "الزعيمان", "الزعيمين",
                 "البلدان", "البلدين", "الرئيسان", "الرئيسين", "الوفدان", "الوفدين"}


def _dual_subject(view: SentView, c: Cand) -> bool:
    """بحث الجانبان …: the two sides of the previous event."""
    anchor = c.light if c.light is not None else c.t0
    return any(view.toks[k].text in DUAL_SUBJECTS for k in range(max(0, anchor - 2), min(len(view.toks), anchor + 3)))


# Reported speech whose subject is the speaker: a complementizer with a pronoun that refers back
# to the speaker (قال الوزير إنه التقى …) or أن + copula (نفى الجيش أن يكون قد قصف).
COMP_PRONOUN = {"انه": "m", "بانه": "m", "وانه": "m", "لانه": "m", "انها": "f", "بانها": "f", "وانها": "f", "لانها": "f"}
COMP_PLAIN = {"ان", "بان", "وان"}
COPULAS = {"يكون", "تكون", "يكونوا", "يكونا", "تكونا"}
BRIDGE = {"قد", "لم", "لن", "سوف", "لا", "ما", "كان", "كانت", "سيكون", "ستكون"} | COPULAS


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
    quotes = doc.extra.get("_quotes")
    if quotes is None:
        from marsad.quotes.attribute import extract as extract_quotes

        quotes = doc.extra["_quotes"] = extract_quotes(doc)
    for q in quotes:
        if q.start <= pos < q.end and q.speaker:
            cg = _cue_gender(q.cue) if gender in ("m", "f") else None
            return q.speaker if cg is None or cg == gender else None
    return None


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


def extract(doc: Doc) -> list[Event]:
    if doc.norm is None or not doc.sentences:
        return []
    lex = lexicon()
    register_status_cues(lex)
    ents = {e.id: e for e in doc.entities}
    events: list[Event] = []
    for si, sent in enumerate(doc.sentences):
        if sent.kind == "boilerplate":
            continue
        if len(events) >= MAX_EVENTS:
            break  # a safety limit for pathological input (a news article has a few dozen events)
        view = build_view(doc, si, lex)
        for c in sentence_events(doc, si, lex, view):
            grp = lex.groups[c.group]
            if not c.source and not c.target and _dual_subject(view, c):
                prev = next((e for e in reversed(events) if e.source and e.target), None)
                if prev is not None:
                    c.source, c.target = list(prev.source), list(prev.target)
            # الدعم اللازم, التعاون الهادف: an attitude or relation in general, not an event
            if _generic(view, c, lex):
                continue
            if _told_before(view, c, lex, events):
                continue  # بعد تلك الاجتماعات: the meetings told before
            if _repeats(c, grp.type, si, events, ents):
                continue  # وجرى خلال الاستقبال بحث …: the reception told just before
            if not c.source and c.kind == "verb" and c.t0 == 0 and c.proclitic.startswith("و") and events \
                    and events[-1].sentence >= si - 1 and events[-1].source:
                c.source = list(events[-1].source)  # ورفض … : the subject of the previous sentence
                c.target = [t for t in c.target if t not in c.source]
            t0 = c.light if (c.light is not None and c.light == c.t0 - 1) else c.t0
            ns, ne = view.toks[t0].start, view.toks[c.t1].end
            os_, oe = doc.norm.to_original(ns, ne)
            subj = _speaker_subject(view, c) if c.kind == "verb" and not c.passive else None
            if subj in ("m", "f") or (subj == "copula" and not c.source):
                speaker = _quote_speaker(doc, os_, subj)
                if speaker is not None and speaker not in c.source:
                    # نفى الجيش أن يكون قد قصف, قال إنه التقى غوتيريش: the speaker did it, and a
                    # phrase read as the subject after the verb is its object
                    if c.source and not c.target:
                        c.target = c.source
                    c.source = [speaker]
                    c.target = [t for t in c.target if t != speaker]
            codes = lex.cameo["codes"][grp.type]
            cameo = grp.cameo if c.mode == grp.mode and grp.cameo else codes.get(c.mode or "_", codes["_"])
            conf = {"verb": 0.7, "phrase": 0.75, "noun": 0.6}[c.kind]
            if c.light is not None:
                conf += 0.1
            if c.source:
                conf += 0.15
            if c.target:
                conf += 0.05
            if c.ambiguous:
                conf -= 0.1
            ev = Event(
                id=f"e{len(events) + 1}", type=grp.type, mode=c.mode, cameo=cameo,
                source=c.source, target=c.target, date=c.date, dates=c.dates, location=c.location,
                status=c.status, sentence=si, trigger=Span(start=os_, end=oe, text=doc.text[os_:oe]),
                confidence=round(max(0.05, min(0.95, conf)), 2),
            )
            ev.summary_en = summary(ev, ents, lex)
            events.append(ev)
    return events
