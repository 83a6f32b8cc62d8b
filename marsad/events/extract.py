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

from marsad.doc import Doc
from marsad.events.arguments import _asks_own, _committed, _fill_args, _travels
from marsad.events.candidates import (
    PURPOSE,
    Cand,
    _adverbial,
    _adverbial_dual,
    _find_light,
    _invocation,
    _not_light_object,
    find_triggers,
    own_proclitic,
)
from marsad.events.dates import _date, _sentence_times
from marsad.events.decide import Decider
from marsad.events.filters import _generic, _other_sense, _other_word_sense, _repeats, _told_before
from marsad.events.lexicon import Lexicon, lexicon
from marsad.events.speech import _dual_subject, _quote_speaker, _speaker_subject
from marsad.events.status import _status, register_status_cues
from marsad.events.view import SentView, build_view
from marsad.events.words import MAX_EVENTS, NUMBER_WORDS, REACTIONS
from marsad.schema import Event, Span


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



def extract(doc: Doc) -> list[Event]:
    if doc.norm is None or not doc.sentences:
        return []
    lex = lexicon()
    register_status_cues(lex)
    ents = {e.id: e for e in doc.entities}
    events: list[Event] = []
    decider = Decider(doc, lex)
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
            learned = decider.decide(view, c, si, os_, events)
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
            if learned is not None:
                conf = learned
            ev = Event(
                id=f"e{len(events) + 1}", type=grp.type, mode=c.mode, cameo=cameo,
                source=c.source, target=c.target, date=c.date, dates=c.dates, location=c.location,
                status=c.status, sentence=si, trigger=Span(start=os_, end=oe, text=doc.text[os_:oe]),
                confidence=round(max(0.0, min(1.0, conf)), 3) if learned is not None
                else round(max(0.05, min(0.95, conf)), 2),
            )
            ev.summary_en = summary(ev, ents, lex)
            events.append(ev)
    return events
