"""Arguments of a trigger: source and target from the entity phrases of its sentence (see extract.py's
docstring for the rules)."""

from __future__ import annotations

from marsad.events.candidates import Cand, _light_after, own_proclitic
from marsad.events.lexicon import Lexicon, _key
from marsad.events.view import Chunk, SentView, _is_title, in_apposition, is_nisba
from marsad.events.words import (
    LOC_KINDS,
    MEMBER_WORDS,
    NUMBER_WORDS,
    REACTIONS,
    SITE_WORDS,
    SYMMETRIC,
    TIME_WORDS,
    TOPIC_WORDS,
    VENUES,
    _in_words,
)


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
        # (not the body in a person's title: ولي العهد رئيس مجلس الوزراء)
        after = [ci for ci, ch in enumerate(chunks) if ch.ext0 > first and ci not in used
                 and (in_clause(ch, clause) or in_clause(ch, aclause)) and ch.ext0 < c.limit
                 and not in_apposition(view, ci, lex)]
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
