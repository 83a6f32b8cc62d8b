"""Actors by description, and the country and sector of every actor (``data/sectors.json``).

Real reporting names most actors by what they are: ``قوات الأمن العراقية``, ``متحدث باسم وزارة
الدفاع``, ``مصدر أمني``, ``مسلحون مجهولون``, ``أهالي المعتقلين``. This pass runs after the named-entity
passes and reads the tokens they left free:

- a **head** of the sector lexicon (a collective such as ``الشرطة``, a person such as ``مسؤول``, people
  such as ``متظاهرون``) with what completes it: qualifier adjectives (``مصدر أمني``: the sector), a
  nisba adjective or a state, place or organization after it (``الشرطة البريطانية``, ``شرطة دبي``:
  the country), a preposition and a body (``مصدر في الخارجية``, ``متحدث باسم وزارة الدفاع``: the
  body's country and sector), a link (``الموالية لإيران``, ``التابعة للتنظيم``, ``بقيادة السعودية``);
  it becomes a described actor, id ``A:<country>:<sector>:<phrase>``;
- a **body** head with the name after it (``وزارة العدل``, ``هيئة الأركان العامة``) is a named
  organization, an **outlet** (``صحيفة عكاظ``) a medium, a **place** head (``حي الخالدية``) a place;
- a phrase with no state takes the country of the dateline (``الرياض - واس -``) or of the article's
  clear domestic setting (one country for most of the places it names); otherwise none, never a guess;
- **coreference of descriptions**: ``الوزارة`` after a named ministry, ``المتحدث`` after a spokesman,
  a bare ``الشرطة`` or ``المسلحون`` after a police or gunmen actor with a country are that actor.

Every entity then gets ``sector`` (knowledge-base organizations by their type, people by the sector of
their title) and ``cameo_actor`` (``IRQ COP``; the country alone for a state).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.doc import Doc
from marsad.entities.names import find_people
from marsad.entities.publishers import publisher_country
from marsad.schema import Entity, Mention
from marsad.text.normalize import fold
from marsad.text.tokens import WORD_RE, clitics

NAMED_ROLES = ("body", "outlet", "place")
_TITLE_LINKS = frozenset({"الي", "في", "لدي", "باسم", "لشوون", "عن", "و"})  # words inside a title phrase
KIND_OF_ROLE = {"collective": "ORG", "person": "PERSON", "people": "GROUP", "body": "ORG", "outlet": "ORG"}
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Head:
    sector: str | None
    role: str
    words: tuple[str, ...]  # folded, first word without its article
    definite: bool  # written with ال in the lexicon: only the definite form is this head
    needs: bool = False
    kind: str | None = None  # places: GPE or LOC


@dataclass
class Lex:
    heads: dict[str, list[Head]]  # first word (bare, folded) -> heads starting with it, longest first
    qualifiers: dict[str, str]
    links: frozenset[str]
    preps: frozenset[str]
    stop: frozenset[str]
    everyday: frozenset[str]
    everyday_exempt: frozenset[str]
    org_types: dict[str, str]
    office: frozenset[str]
    agencies: dict[str, str]
    proclitics: tuple[str, ...]
    state_nouns: dict[str, list[str] | None]
    state_bodies: frozenset[str]  # sectors of a state's own bodies (الحكومة, المحكمة, الشرطة)
    unnamed_bodies: frozenset[str]  # and of armed groups: actors with no antecedent (الحكومة, الميليشيات)


def _bare(w: str) -> tuple[str, bool]:
    return (w[2:], True) if w.startswith("ال") and len(w) > 4 else (w, False)


@lru_cache(maxsize=1)
def lex() -> Lex:
    d = json.loads(resources.files("marsad.entities").joinpath("data/sectors.json").read_text("utf-8"))
    heads: dict[str, list[Head]] = {}

    def add(words: list[str], **kw) -> None:
        first, definite = _bare(words[0])
        h = Head(words=(first, *words[1:]), definite=definite, **kw)
        heads.setdefault(first, []).append(h)

    for spec in d["heads"]:
        for w in spec["words"]:
            add(fold(w).split(), sector=spec["sector"], role=spec["role"], needs=spec.get("needs", False))
    for kind in ("GPE", "LOC"):
        for w in d["places"][kind]:
            add(fold(w).split(), sector=None, role="place", kind=kind)
    for w in d["places"].get("LOC_before_place", []):
        add(fold(w).split(), sector=None, role="place", kind="LOC", needs=True)
    for v in heads.values():
        v.sort(key=lambda h: -len(h.words))
    qual = {}
    for sector, words in d["qualifiers"].items():
        if not sector.startswith("_"):
            for w in words:
                qual[fold(w)] = sector
                qual["ال" + fold(w)] = sector
    pro = tuple(sorted((p for p in clitics()[0] if p not in ("س", "وس", "فس")), key=len, reverse=True))
    return Lex(heads, qual, frozenset(fold(w) for w in d["links"]["words"]),
               frozenset(fold(w) for w in d["genitive_preps"]["words"]),
               frozenset(fold(w) for w in d["name_stop"]["words"]),
               frozenset(fold(w) for w in d["everyday_complements"]["words"]),
               frozenset(_bare(fold(w))[0] for w in d["everyday_complements"]["exempt"]),
               {k: v for k, v in d["kb_org_types"].items() if not k.startswith("_")},
               frozenset(d["office_sectors"]["words"]),
               {fold(k): v for k, v in d["agencies"].items() if not k.startswith("_")}, pro,
               {_bare(fold(k))[0]: v for k, v in d["state_nouns"].items() if not k.startswith("_")},
               frozenset(d["state_body_sectors"]["words"]),
               frozenset(d["state_body_sectors"]["words"]) | frozenset(d["armed_group_sectors"]["words"]))


@dataclass
class Tok:
    start: int  # normalized offsets
    end: int
    text: str
    gap: str  # the characters between the previous token and this one
    ent: int | None = None  # index of the entity mention covering this token


@dataclass
class _Acc:
    """A new entity while its mentions are gathered."""

    id: str
    kind: str
    name_ar: str
    country: str | None
    sector: str | None
    mentions: list[Mention] = field(default_factory=list)

    def entity(self) -> Entity:
        return Entity(id=self.id, kind=self.kind, name_ar=self.name_ar, country=self.country, sector=self.sector,
                      mentions=sorted(self.mentions, key=lambda m: m.start))


@dataclass
class Phrase:
    t0: int
    t1: int  # inclusive
    head: Head
    sector: str | None
    country: str | None = None
    inner: list[int] = field(default_factory=list)  # entity indexes inside the phrase


class _Doc:
    """The tokens of one document with the mentions of the named entities over them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.norm = doc.norm
        text = self.norm.text
        self.toks: list[Tok] = []
        prev = 0
        for m in WORD_RE.finditer(text):
            self.toks.append(Tok(m.start(), m.end(), m.group(), text[prev:m.start()]))
            prev = m.end()
        self.starts = [t.start for t in self.toks]
        self.ments: list[tuple[int, int, Entity, Mention]] = []
        for e in doc.entities:
            for mn in e.mentions:
                s, en = self.norm.to_normalized(mn.start), self.norm.to_normalized(mn.end)
                if en > s:
                    self.ments.append((s, en, e, mn))
        self.ments.sort(key=lambda x: (x[0], -x[1]))
        for mi, (s, en, _e, _m) in enumerate(self.ments):
            i = max(0, bisect_left(self.starts, s + 1) - 1)
            while i < len(self.toks) and self.toks[i].start < en:
                if self.toks[i].end > s and self.toks[i].ent is None:
                    self.toks[i].ent = mi
                i += 1

    def entity(self, ti: int) -> Entity | None:
        mi = self.toks[ti].ent
        return self.ments[mi][2] if mi is not None else None

    def adjacent(self, ti: int) -> bool:
        """Is token ``ti`` joined to the one before by a space only (no punctuation between)?"""
        return ti < len(self.toks) and self.toks[ti].gap.strip() == ""

    def quoted_name(self, ti: int) -> bool:
        """Is token ``ti`` the start of a name in quotation marks (صحيفة «عكاظ», قناة "العربية")?"""
        return ti < len(self.toks) and self.toks[ti].gap.strip() in ("«", '"', "“", "(«")

    def mention_end_tok(self, ti: int) -> int:
        """The last token of the mention that covers token ``ti``."""
        mi = self.toks[ti].ent
        end = self.ments[mi][1]
        while ti + 1 < len(self.toks) and self.toks[ti + 1].start < end:
            ti += 1
        return ti


def strip_proclitic(word: str, lx: Lex) -> list[tuple[str, bool]]:
    """The readings of a word as (bare word, definite): وللشرطة -> (شرطه, True)."""
    out = [_bare(word)]
    for p in lx.proclitics:
        if word.startswith(p) and len(word) - len(p) >= 2:
            rest = word[len(p):]
            if p.endswith("ال") or p.endswith("لل"):
                out.append((rest, True))
            else:
                out.append(_bare(rest))
    return out


def _match_head(d: _Doc, ti: int, lx: Lex) -> tuple[Head, int, bool] | None:
    """The longest head starting at token ``ti``: (head, last token, definite)."""
    toks = d.toks
    for bare, definite in strip_proclitic(toks[ti].text, lx):
        for h in lx.heads.get(bare, ()):
            n = len(h.words)
            if ti + n > len(toks) or (h.definite and not definite):
                continue
            if all(d.adjacent(ti + k) and toks[ti + k].text == h.words[k] and toks[ti + k].ent is None
                   for k in range(1, n)):
                return h, ti + n - 1, definite
    return None


def _country_of(e: Entity) -> str | None:
    return e.country


class ActorPass:
    """Add described actors, named bodies and places, and give every entity its sector."""

    def __init__(self, kb=None):
        self.kb = kb
        self.lx = lex()
        self._publisher: str | None = None  # the state of the document's publication (set per document)
        self._home_ok = False  # may a state body with no state take the publication's? (per document)

    # -------------------------------------------------------------------- entry point

    def __call__(self, doc: Doc) -> None:
        if doc.norm is None or not doc.text:
            return
        people = find_people(doc)
        if people:
            doc.entities = sorted(doc.entities + people, key=lambda e: e.mentions[0].start)
        d = _Doc(doc)
        self._index_entities(doc)
        context = self._context_country(d)
        self._publisher = publisher_country(doc.document)
        # (a Saudi paper's report from Turkey: the publication's state is no fallback when the places
        # the article names are mostly another state's)
        places = [ent.country for _s, _e, ent, _m in d.ments if ent.kind in ("GPE", "LOC") and ent.country]
        self._home_ok = self._publisher is not None and (
            not places or places.count(self._publisher) * 2 >= len(places))
        self._index_heads(d)
        phrases = self._phrases(d)
        new: dict[str, _Acc] = {}
        last_by_sector: dict[str, _Acc] = {}
        for ph in phrases:
            ent = self._entity_for(d, ph, context, new, last_by_sector)
            if ent is None:
                continue
            self._remember(d, ph, ent)
            s, e = d.norm.to_original(d.toks[ph.t0].start + _clitic_len(d.toks[ph.t0].text, ph.head), d.toks[ph.t1].end)
            if ph.t1 > ph.t0 and d.quoted_name(ph.t0 + 1) and doc.text[e:e + 1] in ("»", '"', "”"):
                e += 1  # صحيفة «عكاظ»: the closing mark of the quoted name
            if s < e:
                ent.mentions.append(Mention(start=s, end=e, text=doc.text[s:e], via="name"))
        self._state_nouns(d, context, phrases, new, self._publisher)
        self._drop_nested_people(d, phrases)
        added = [a.entity() for a in new.values() if a.mentions]
        if added:
            doc.entities = sorted(doc.entities + added, key=lambda e: e.mentions[0].start)
            index = doc.extra.setdefault("entities", [])
            starts = [s.start for s in doc.sentences]
            for e in added:
                for m in e.mentions:
                    si = max(0, bisect_right(starts, m.start) - 1) if starts else None
                    index.append({"entity_id": e.id, "start": m.start, "end": m.end, "sentence": si, "via": m.via})
            index.sort(key=lambda x: (x["start"], x["end"]))
        for e in doc.entities:
            if e.country is None and e.kind == "PERSON" and e.id.startswith("L:"):
                e.country = _demonym_before(d, e)
            self._codes(e, doc, context)

    def _drop_nested_people(self, d: _Doc, phrases: list[Phrase]) -> None:
        """جامعة الملك عبدالعزيز, مطار الملك خالد: the person inside the name of a place or a body is
        not mentioned there."""
        drop: set[int] = set()
        for ph in phrases:
            if ph.head.role in ("place", "body") and not ph.__dict__.get("anaphor"):
                drop.update(mi for mi in ph.inner if d.ments[mi][2].kind == "PERSON")
        if not drop:
            return
        gone = {id(d.ments[mi][3]) for mi in drop}
        for e in d.doc.entities:
            if e.kind == "PERSON":
                e.mentions = [m for m in e.mentions if id(m) not in gone]
        d.doc.entities = [e for e in d.doc.entities if e.mentions]

    def _state_nouns(self, d: _Doc, context: str | None, phrases: list[Phrase], new: dict[str, _Acc],
                     publisher: str | None = None) -> None:
        """المملكة, البلاد: the state of the context, when it is of the kind the noun names; with no
        context, a noun that names a kind (المملكة, not البلاد) takes the publication's state."""
        if self.kb is None or not (context or publisher):
            return
        taken = {k for ph in phrases for k in range(ph.t0, ph.t1 + 1)}
        doc = d.doc
        for ti, tok in enumerate(d.toks):
            if tok.ent is not None or ti in taken:
                continue
            for bare, definite in strip_proclitic(tok.text, self.lx):
                states = self.lx.state_nouns.get(bare, 0)
                state = context or (publisher if states else None)
                if not definite or states == 0 or state is None or (states is not None and state not in states):
                    continue
                if ti + 1 < len(d.toks) and d.adjacent(ti + 1) and d.toks[ti + 1].text.startswith("ال"):
                    break  # المملكة المتحدة, المملكة الأردنية: a name of its own
                entry = self.kb.country_by_iso3(state)
                if entry is None:
                    break
                cut = len(tok.text) - len(bare) - 2
                s, e = d.norm.to_original(tok.start + max(0, cut), tok.end)
                m = Mention(start=s, end=e, text=doc.text[s:e], via="alias")
                existing = next((x for x in doc.entities if x.id == entry.public_id), None)
                if existing is not None:
                    existing.mentions.append(m)
                    existing.mentions.sort(key=lambda x: x.start)
                else:
                    acc = new.setdefault(entry.public_id, _Acc(entry.public_id, "GPE", entry.name_ar or bare,
                                                               state, None))
                    acc.mentions.append(m)
                break

    # -------------------------------------------------------------------- context

    def _index_entities(self, doc: Doc) -> None:
        self.by_id = {e.id: e for e in doc.entities}

    def _context_country(self, d: _Doc) -> str | None:
        """The dateline's country, else the article's clear domestic setting, else None."""
        doc = d.doc
        body = next((s for s in doc.sentences if s.kind == "body"), None)
        if body is not None:
            head = doc.text[body.start:body.start + 60]
            cut = min((head.find(c) for c in ("-", "–", "—", "(") if head.find(c) > 0), default=-1)
            if cut > 0:
                for s, _e, ent, _m in d.ments:
                    os_ = d.norm.to_original(s, s)[0]
                    if body.start <= os_ < body.start + cut and ent.kind in ("GPE", "LOC") and ent.country:
                        return ent.country
                for w in WORD_RE.findall(fold(head)):
                    if w in self.lx.agencies:
                        return self.lx.agencies[w]
        counts = Counter(ent.country for _s, _e, ent, _m in d.ments if ent.kind in ("GPE", "LOC") and ent.country)
        total = sum(counts.values())
        if total >= 2:
            top, n = counts.most_common(1)[0]
            if n / total >= 0.7:
                return top
        return None

    # -------------------------------------------------------------------- phrases

    def _phrases(self, d: _Doc) -> list[Phrase]:
        out: list[Phrase] = []
        toks, lx = d.toks, self.lx
        i = 0
        while i < len(toks):
            if toks[i].ent is not None:
                i += 1
                continue
            hit = _match_head(d, i, lx)
            if hit is None:
                i += 1
                continue
            head, last, definite = hit
            if i > 0 and d.adjacent(i) and _bare(toks[i - 1].text)[0] in _title_heads() \
                    and not self._body_in_title(d, i, last, head, definite):
                i = last + 1  # وزير الخارجية: a word of a title phrase, not an actor of its own
                continue
            if head.role == "person" and i > 0 and d.adjacent(i) and toks[i - 1].ent is not None \
                    and d.entity(i - 1).kind == "PERSON":
                i = last + 1  # حمد الخضيري وكيل وزارة العدل: the title of the person just named
                continue
            if head.role in NAMED_ROLES and not definite:
                ph = self._named(d, i, last, head)
            elif head.role == "body":
                # المجلس الوطني الانتقالي: a definite name; الوزارة alone: the ministry named before
                ph = self._named(d, i, last, head, definite_only=True) or self._of_state(d, i, last, head)
                if ph is None:
                    ph = Phrase(i, last, head, head.sector)
                    ph.__dict__["anaphor"] = True
                    coll = next((h for h in lx.heads.get(head.words[0], ()) if h.role == "collective"
                                 and h.words == head.words), None)
                    if coll is not None:  # الميليشيات, الكتائب: also a collective, if nothing is named before
                        ph.__dict__["unresolved"] = self._described(d, i, last, coll)
            elif head.role in NAMED_ROLES:
                ph = None
            else:
                ph = self._described(d, i, last, head)
            if ph is None:
                i = last + 1
                continue
            if head.role in ("person", "collective") and self._titles_person(d, ph.t1 + 1):
                i = ph.t1 + 1  # المتحدث باسم الخارجية الإيرانية ناصر كنعاني: the title of the person named
                continue
            out.append(ph)
            out.extend(ph.__dict__.get("bodies", ()))
            i = ph.t1 + 1
        return out

    def _body_in_title(self, d: _Doc, i: int, last: int, head: Head, definite: bool) -> bool:
        """Is the body after a title word a named body of its own (حمد الخضيري وكيل وزارة العدل,
        نائب رئيس مجلس الوزراء)? Not a one-word office (وزير الخارجية), nor when the title goes on to
        name its holder (رئيس مفوضية الاتحاد الأفريقي موسى فكي: the phrase is the person's)."""
        if head.role not in ("body", "collective") or (definite and len(head.words) == 1):
            return False
        end = last
        if head.role == "body" and not definite:
            ph = self._named(d, i, last, head)
            if ph is not None and _namesake(d, last, ph):
                return True  # مدير جامعة الملك سعود: a body named after a king is a body of its own
            if ph is None or any(d.ments[mi][2].kind == "PERSON" for mi in ph.inner):
                return False  # (a person inside: the holder of the title, not the body's namesake)
            if ph.t1 == last + 1 and _match_head(d, ph.t1, self.lx) is not None:
                return False  # رئيس كتلة الحزب: a head noun after it refers back, it names nothing
            end = ph.t1
        k = end + 1  # (رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ خالد: a chain of titles)
        while k < min(end + 10, len(d.toks)) and d.adjacent(k):
            e = d.entity(k)
            if e is not None:
                if e.kind == "PERSON":
                    return False
                k = d.mention_end_tok(k) + 1
            else:
                k += 1
        return True

    @staticmethod
    def _titles_person(d: _Doc, j: int) -> bool:
        """Is the phrase ending before token ``j`` the title of a person named after it (المبعوث
        الأممي إلى اليمن مارتن غريفيث, المتحدث باسم الخارجية الإيرانية ناصر كنعاني)? Up to six words
        of the title may stand between: adjectives, prepositions, the state or body of the post."""
        k = j
        while k < min(j + 7, len(d.toks)):
            if not d.adjacent(k):
                return False
            e = d.entity(k)
            if e is not None:
                if e.kind == "PERSON":
                    return True
                k = d.mention_end_tok(k) + 1
                continue
            w = d.toks[k].text
            if not (w.startswith("ال") or w in _TITLE_LINKS or _bare(w)[0] in _honorifics()):
                return False  # (the nisba of a title, الإيرانية, is no mention of its own)
            k += 1
        return False

    def _named(self, d: _Doc, t0: int, last: int, head: Head, definite_only: bool = False) -> Phrase | None:
        """A body, outlet or place and its name: the words after the head up to a stop (after a
        definite head, adjectives only: المجلس الوطني الانتقالي)."""
        toks, lx = d.toks, self.lx
        ph = Phrase(t0, last, head, head.sector)
        j = last + 1
        if head.role == "place" and head.needs and not (
                j < len(toks) and d.adjacent(j) and toks[j].ent is not None and d.entity(j).kind in ("GPE", "LOC")):
            return None  # جنوب شرق تركيا is a place, شمال البلاد names none
        n = 0
        while j < len(toks) and (d.adjacent(j) or (n == 0 and d.quoted_name(j))) and n < MAX_NAME_WORDS:
            w = toks[j].text
            if toks[j].ent is not None:
                e = d.entity(j)
                # (مطار الملك خالد, شارع طارق بن زياد, مركز الملك فهد, مطار الملك عبدالعزيز الدولي,
                # مليشيات الحوثي وصالح: named after people; مدير … بأمانة المنطقة الشرقية محمد بن عبدالعزيز, وكيل وزارة العمل نبيل
                # تكر: a person after the name of a body in a title holds that title)
                after_title = n == 0 or _bare(toks[j - 1].text)[0] in _title_words()
                holder = not after_title and not w.startswith("و") and _after_title(d, t0)
                if e.kind == "PERSON" and (head.role == "body" and holder or head.role == "place" and not after_title
                                           or head.role not in ("body", "place")) or definite_only:
                    break
                ph.inner.append(toks[j].ent)
                if ph.country is None:
                    ph.country = _country_of(e)
                j = d.mention_end_tok(j) + 1
                n += 1
                ph.t1 = j - 1
                continue
            if w in lx.stop or w.isdigit() and head.role != "body":
                break
            if any(d.ments[mi][2].kind == "PERSON" for mi in ph.inner) and _bare(w)[0] in _title_words():
                break  # جامعة الملك سعود الدكتور بدران العمر: one namesake; the title of the next person
            bare = w[2:] if w.startswith(("لل", "بال", "وال")) else w
            definite = w.startswith(("ال", "لل", "بال", "وال"))
            if n == 0 and w in lx.everyday and head.words[0] not in lx.everyday_exempt:
                return None
            if definite_only and not ((w.startswith("ال") and _adjective_like(w) and _match_head(d, j, lx) is None)
                                      or (n and w.startswith("لل"))):
                break  # (المجلس العربي للطفولة: a لـ complement after its adjective; قصفت المليشيات الحوثية المدينة: a head noun is no adjective)
            if definite:
                if w.startswith("وال") and head.role != "body":
                    break
                if w.startswith("وال") and not (j + 1 < len(toks) and d.adjacent(j + 1)):
                    break
                ph.t1 = j
            elif head.role in ("outlet", "place") and n < 2 and not _mostly_verb(w) and bare not in lx.stop \
                    and not (head.role == "place" and _adjective_like(w)) \
                    and not (n and w.startswith(("و", "ف")) and len(w) >= 4):  # (منطقة منزوعة, حي سكني; لحج ودمرت)
                ph.t1 = j  # صحيفة عكاظ, حي كرم الطراب, بلدة سروج
            elif w.isdigit() and n > 0:
                ph.t1 = j  # الفرقة 30
            else:
                break
            j += 1
            n += 1
        if ph.t1 == last:
            return None
        if definite_only and ph.t1 - last < 2:
            return None  # اللجنة المحلية, المركز الإعلامي: a definite head and one adjective describe, not name
        return ph

    @staticmethod
    def _of_state(d: _Doc, t0: int, last: int, head: Head) -> Phrase | None:
        """A definite body and the nisba of its state (السفارة السعودية, القنصلية الأمريكية): the
        body of that state, named so (a bare adjective of no state, المحلية, describes)."""
        j = last + 1
        if head.definite or j >= len(d.toks) or not d.adjacent(j) or d.toks[j].ent is None:
            return None
        m = d.ments[d.toks[j].ent]
        e = d.entity(j)
        if e.kind != "GPE" or not (m[3].via == "adjective" or _agrees(d, t0, j)):
            return None
        ph = Phrase(t0, d.mention_end_tok(j), head, head.sector)
        ph.inner.append(d.toks[j].ent)
        ph.country = _country_of(e)
        return ph

    def _described(self, d: _Doc, t0: int, last: int, head: Head) -> Phrase | None:
        """A collective, a person or people by description, with its complements."""
        toks, lx = d.toks, self.lx
        ph = Phrase(t0, last, head, head.sector)
        completed = False
        j = last + 1
        steps = 0
        first = toks[t0].text
        head_definite = head.words[0] in first and first[:first.find(head.words[0])].endswith(("ال", "لل"))
        while j < len(toks) and d.adjacent(j) and steps < 5:
            w = toks[j].text
            e = d.entity(j)
            if e is not None:
                # a nisba adjective anywhere, or a genitive state, place or organization right after
                # the head: its country (after a complement, an entity is the verb's: اتهم نواب في
                # البرلمان الحكومة)
                m = d.ments[toks[j].ent]
                if (e.kind == "PERSON" or steps) and m[3].via != "adjective":
                    break
                ph.inner.append(toks[j].ent)
                ph.country = ph.country or _country_of(e)
                if e.kind in ("ORG", "GROUP") and head.sector in (None, "GOV", "REB", "UAF") and head.role != "collective":
                    ph.sector = self._sector_of_entity(e) or ph.sector
                j = d.mention_end_tok(j) + 1
                ph.t1 = j - 1
                completed = True
                steps += 1
                continue
            if w in lx.qualifiers:
                ph.sector = lx.qualifiers[w] if head.needs or head.sector in (None, "GOV", "CVL") else ph.sector
                if lx.qualifiers[w] == "UAF" and head.role in ("person", "people"):
                    ph.sector = "UAF"
                ph.t1 = j
                completed = True
                j += 1
                steps += 1
                continue
            link = self._link(d, j)
            if link is not None:
                end, e2 = link
                if e2 is not None:
                    ph.country = ph.country or _country_of(e2)
                ph.t1 = end
                completed = True
                j = end + 1
                steps += 1
                continue
            prep = self._prep_body(d, j)
            if prep is not None and (head.role in ("person", "people") or head.needs and steps == 0):
                # (وفد من وزارة الخارجية: a delegation is of the body it comes from)
                end, sector, country, body = prep
                if body is not None:  # قاض بوزارة العدل: the ministry is named, an entity of its own
                    ph.__dict__.setdefault("bodies", []).append(body)
                ph.sector = sector or ph.sector  # ضابط في قوات الأمن: the body says the sector
                ph.country = ph.country or country
                ph.t1 = end
                completed = True
                j = end + 1
                steps += 1
                continue
            # قوات الدفاع الجوي الملكي, القوات الجوية: a collective's own definite words (after a
            # definite head only adjectives: وقصفت الميليشيات | الأحياء السكنية is the verb's object)
            if head.role == "collective" and w.startswith("ال") and w not in lx.stop and steps < 4 \
                    and _match_head(d, j, lx) is None and not _mostly_verb(w[2:]) \
                    and (not head_definite or _adjective_like(w)):
                ph.t1 = j
                j += 1
                steps += 1
                continue
            # أهالي المعتقلين, سكان المدينة: people of a definite noun of people
            if head.role == "people" and w.startswith("ال") and steps == 0:
                sub = _match_head(d, j, lx)
                if sub is not None and sub[0].role in ("people", "collective"):
                    ph.t1 = sub[1]
                    j = sub[1] + 1
                    steps += 1
                    continue
            break
        if head.needs and not completed:
            if ph.t1 == t0 + len(head.words) - 1 and d.toks[t0].text.startswith(("ال", "وال", "فال")):
                ph.__dict__["anaphor"] = True  # المصدر, المصادر: the source named before
                return ph
            return None
        return ph

    def _link(self, d: _Doc, j: int) -> tuple[int, Entity | None] | None:
        """الموالية لإيران, التابعة للتنظيم, بقيادة السعودية: (last token, the actor linked to)."""
        toks, lx = d.toks, self.lx
        w = toks[j].text
        k = j
        if w not in lx.links:
            if j + 1 < len(toks) and f"{w} {toks[j + 1].text}" in lx.links and d.adjacent(j + 1):
                k = j + 1
            else:
                return None
        if k + 1 >= len(toks) or not d.adjacent(k + 1):
            return (k, None) if toks[k].text.startswith("بقياده") else None
        if toks[k + 1].ent is not None:
            return d.mention_end_tok(k + 1), d.entity(k + 1)
        hit = _match_head(d, k + 1, lx)
        if hit is not None:
            return hit[1], None
        return None

    def _prep_body(self, d: _Doc, j: int) -> tuple[int, str | None, str | None, Phrase | None] | None:
        """باسم وزارة الدفاع, في الخارجية, من التنظيم, بوزارة الصحة: (last token, sector, country, the
        body's own phrase when its words name it)."""
        toks, lx = d.toks, self.lx
        w = toks[j].text
        if w in lx.preps and j + 1 < len(toks) and d.adjacent(j + 1):
            k = j + 1
        elif w[:1] in ("ب", "ل") and len(w) > 3 and toks[j].ent is None:
            k = j  # بوزارة الصحة: the preposition is a clitic of the body
        else:
            return None
        if toks[k].ent is not None:
            e = d.entity(k)
            if e.kind == "PERSON":
                return None
            return d.mention_end_tok(k), self._sector_of_entity(e), _country_of(e), None
        hit = _match_head(d, k, lx)
        if hit is None or hit[0].role not in ("body", "collective"):
            return None
        head, last, _definite = hit
        sub = self._named(d, k, last, head) if head.role == "body" and not _definite else None
        end = sub.t1 if sub is not None else last
        country = sub.country if sub is not None else None
        nxt = end + 1
        if country is None and nxt < len(toks) and d.adjacent(nxt) and toks[nxt].ent is not None:
            e = d.entity(nxt)
            if e.kind in ("GPE", "LOC") or d.ments[toks[nxt].ent][3].via == "adjective":
                country, end = _country_of(e), d.mention_end_tok(nxt)
        return end, head.sector, country, sub

    # -------------------------------------------------------------------- entities

    def _entity_for(self, d: _Doc, ph: Phrase, context: str | None, new: dict[str, _Acc],
                    last_by_sector: dict[str, _Acc]) -> Entity | _Acc | None:
        doc = d.doc
        cut = _clitic_len(d.toks[ph.t0].text, ph.head)
        s, e = d.norm.to_original(d.toks[ph.t0].start + cut, d.toks[ph.t1].end)
        if ph.t1 > ph.t0 and d.quoted_name(ph.t0 + 1) and doc.text[e:e + 1] in ("»", '"', "”"):
            e += 1
        phrase = " ".join(doc.text[s:e].split())
        if d.toks[ph.t0].text[:cut].endswith("لل"):
            phrase = "ال" + phrase  # للجيش: the army (the article merged into the preposition)
        if ph.__dict__.get("anaphor"):
            found = self._antecedent(d, ph, new)
            if found is not None or ph.head.role != "body" or ph.sector not in self.lx.unnamed_bodies:
                return found
            # الحكومة, المحكمة, الميليشيات with no body of that head named before: that body of the
            # context's state, described (a court the article does not name is still an actor), with
            # its complements when the word is a collective too (الميليشيات الموالية لإيران)
            alt = ph.__dict__.pop("unresolved", None)
            if alt is not None:
                ph.__dict__.update(alt.__dict__)
                ph.__dict__.pop("anaphor", None)
                return self._entity_for(d, ph, context, new, last_by_sector)
            return _described_acc(new, phrase, ph.head.kind or KIND_OF_ROLE["body"], self._home(ph.sector, context),
                                  ph.sector)
        role = ph.head.role
        sector = ph.sector
        if role in NAMED_ROLES:
            country = ph.country or self._home(sector, context)
            kind = ph.head.kind or KIND_OF_ROLE[role]
            key = f"L:{kind}:{phrase}"
            ent = new.get(key)
            if ent is None:
                ent = new[key] = _Acc(key, kind, phrase, country, sector)
            if sector:
                last_by_sector[sector] = ent
            return ent
        country = ph.country
        if country is None and sector in last_by_sector and ph.t1 == ph.t0 + len(ph.head.words) - 1:
            prev = last_by_sector[sector]  # a bare الشرطة after الشرطة البريطانية: the same police
            same_head = _bare(fold(prev.name_ar).split()[0])[0] == ph.head.words[0]
            if prev.id.startswith("A:") and prev.kind == KIND_OF_ROLE[role] and same_head:
                return prev
        ent = _described_acc(new, phrase, KIND_OF_ROLE[role], country or self._home(sector, context), sector)
        if sector:
            last_by_sector[sector] = ent
        return ent

    def _home(self, sector: str | None, context: str | None) -> str | None:
        """The state of an actor the article gives none for: the article's setting; for a state's
        own body with no setting (وزارة العدل in a Saudi paper's local news), the publication's, unless
        the places the article names are mostly another state's."""
        return context or (self._publisher if self._home_ok and sector in self.lx.state_bodies else None)

    def _antecedent(self, d: _Doc, ph: Phrase, new: dict[str, _Acc]) -> Entity | _Acc | None:
        """الوزارة, اللجنة, الشركة: the last body named before with the same head noun; المصدر,
        المتحدث: the last person described with that head (مصدر أمني, متحدث باسم الشرطة). The last
        actor of each head is kept as the pass goes (``self._recent``), and the named entities of
        each head are indexed once (``self._by_head``): the look-up does not scan the document."""
        pos = d.toks[ph.t0].start
        head = ph.head.words[0]
        recent = self._recent.get(head)
        if ph.head.role in ("person", "people"):
            return recent if isinstance(recent, _Acc) and recent.id.startswith("A:") else None
        starts, ents = self._by_head.get(head, ((), ()))
        k = bisect_left(starts, pos)
        named = ents[k - 1] if k else None
        if recent is not None and (named is None or self._recent_pos[head] > starts[k - 1]):
            return recent if recent.kind in ("ORG", "GROUP") else named
        return named

    def _index_heads(self, d: _Doc) -> None:
        by: dict[str, list] = {}
        for s, _e, ent, _m in d.ments:
            if ent.kind in ("ORG", "GROUP"):
                first = fold(ent.name_ar).split()[:1]
                if first:
                    by.setdefault(_bare(first[0])[0], []).append((s, ent))
        self._by_head = {h: ([x[0] for x in v], [x[1] for x in v]) for h, v in by.items()}
        self._recent: dict[str, Entity | _Acc] = {}
        self._recent_pos: dict[str, int] = {}

    def _remember(self, d: _Doc, ph: Phrase, ent) -> None:
        words = fold(ent.name_ar).split()
        if words:
            h = _bare(words[0])[0]
            self._recent[h] = ent
            self._recent_pos[h] = d.toks[ph.t0].start

    def _sector_of_entity(self, e: Entity) -> str | None:
        if e.sector:
            return e.sector
        entry = self.kb.get(e.id) if self.kb is not None else None
        if entry is not None and entry.kind == "ORG":
            sec = self.lx.org_types.get(entry.data.get("org_type") or "")
            if sec:
                return sec
        if e.kind in ("ORG", "GROUP"):
            words = fold(e.name_ar).split()
            if words:
                for bare, _definite in strip_proclitic(words[0], self.lx):
                    for h in self.lx.heads.get(bare, ()):
                        if h.sector and tuple(words[:len(h.words)]) == (bare, *h.words[1:])[:len(h.words)] \
                                or h.sector and len(h.words) == 1:
                            return h.sector
        return None

    def _codes(self, e: Entity, doc: Doc, context: str | None) -> None:
        if e.sector is None:
            if e.kind == "PERSON":
                e.sector = self._person_sector(e)
            elif e.kind in ("ORG", "GROUP", "NORP"):
                e.sector = self._sector_of_entity(e)
        if e.country is None and e.kind == "ORG" and e.id.startswith("L:") and e.sector in self.lx.state_bodies:
            e.country = self._home(e.sector, context)  # قوات الأمن, found as a force before this pass
        if e.country is None and e.kind == "PERSON" and e.id.startswith("L:"):
            e.country = _family_state(e.name_ar)  # فيصل بن خالد بن عبدالعزيز: of the dynasty's state
        if e.country and len(e.country) != 3 and e.sector in (None, "GOV"):
            e.sector = "IGO"  # a person or body of an international organization (UN, NATO)
        if e.kind in ("GPE",) and e.id.startswith(("country:", "Q")) and e.sector is None:
            e.cameo_actor = e.country
            return
        parts = [p for p in (e.country, e.sector) if p]
        e.cameo_actor = " ".join(parts) if parts else None

    def _person_sector(self, e: Entity) -> str | None:
        return "GOV" if e.roles else None


def _demonym_before(d: _Doc, e: Entity) -> str | None:
    """The state of the nationality adjective in the description right before a person's name (الممثل
    الكوميدي الإنجليزي الشهير لي نيسلون, الصحفي الأمريكي جيمس فولي): definite words only between."""
    for s, _e, ent, _m in d.ments:
        if ent is not e:
            continue
        k = max(0, bisect_left(d.starts, s + 1) - 1) - 1
        for _ in range(5):
            if k < 0 or not d.adjacent(k + 1):
                break
            other = d.entity(k)
            if other is not None:
                m = d.ments[d.toks[k].ent]
                if other.kind == "GPE" and m[3].via == "adjective" and other.country:
                    return other.country
                break
            if not d.toks[k].text.startswith("ال"):
                break
            k -= 1
    return None


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[tuple[str, ...], str], ...]:
    d = json.loads(resources.files("marsad.entities").joinpath("data/families.json").read_text("utf-8"))
    return tuple((tuple(fold(k).split()), v) for k, v in d["families"].items())


def _family_state(name: str) -> str | None:
    """The state of a ruling family whose name ``name`` carries (data/families.json)."""
    words = fold(name).split()
    for fam, state in _families():
        n = len(fam)
        if any(tuple(words[i:i + n]) == fam for i in range(1, len(words) - n + 1)):
            return state
    return None


def person_sector(role_keys: list[str]) -> str | None:
    """The sector of a person by the title last seen (a minister of health is GOV, a general MIL)."""
    sectors, office = _title_sectors(), lex().office
    for role in reversed(role_keys):
        sec = sectors.get(role)
        if sec:
            return sec if sec in office else "GOV"
    return "GOV" if role_keys else None


def _clitic_len(word: str, head: Head) -> int:
    """How many letters of the phrase's first word are proclitics (و, ب, لل: not the article)."""
    first = head.words[0]
    i = word.find(first)
    if i <= 0:
        return 0
    pre = word[:i]
    if pre.endswith("لل"):
        return i
    return i - 2 if pre.endswith("ال") else i


def _adjective_like(w: str) -> bool:
    """A definite adjective of a name (الوطني, الانتقالي, العليا, الأعلى), by its shape."""
    return w.endswith(("ي", "يه", "يون", "يين", "يا", "ه")) or w in ("الاعلي", "العليا", "الكبري", "العام", "العامه")


def _mostly_verb(w: str) -> bool:
    """An imperfect verb (يقع, تقع) after a place head ends its name."""
    return len(w) >= 3 and w[0] in "يتن" and not w.startswith("ال")


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """The first word of every title (وزير, رئيس, نائب, المتحدث): a head right after one is inside it."""
    from marsad.kb.base import load_titles

    out = set()
    for t in load_titles():
        for form in t.get("titles_ar", []) + t.get("short_ar", []):
            words = fold(form).split()
            if words:
                out.add(_bare(words[0])[0])
    return frozenset(out)


@lru_cache(maxsize=1)
def _agrees(d: _Doc, t0: int, j: int) -> bool:
    """Is the state's name at token ``j`` its feminine adjective after the feminine head at ``t0``
    (السفارة السعودية, القوات السعودية: السعودية is both)?"""
    return d.toks[t0].text.endswith(("ه", "ات")) and d.toks[j].text.startswith("ال")


def _after_title(d: _Doc, t0: int, reach: int = 12) -> bool:
    """Does a title word stand before token ``t0`` in the same phrase (no punctuation between)?"""
    heads = _title_heads()
    k = t0 - 1
    while k >= max(0, t0 - reach) and d.adjacent(k + 1):
        if _bare(d.toks[k].text)[0] in heads:
            return True
        k -= 1
    return False


def _described_acc(new: dict[str, _Acc], phrase: str, kind: str, country: str | None, sector: str | None) -> _Acc:
    """The actor described by ``phrase`` (id ``A:country:sector:phrase``), one per document."""
    key = f"A:{country or '-'}:{sector or '-'}:{fold(phrase)}"
    if key not in new:
        new[key] = _Acc(key, kind, phrase, country, sector)
    return new[key]


def _namesake(d: _Doc, last: int, ph: Phrase) -> bool:
    """Does the name of the body whose head ends at token ``last`` start with a person after a
    title or an honorific (جامعة الملك سعود, مستشفى الأمير محمد بن عبدالعزيز)? That person is its
    namesake, not the holder of a title before it."""
    k = last + 1
    if k + 1 >= len(d.toks) or d.toks[k].ent is not None or _bare(d.toks[k].text)[0] not in _title_words():
        return False
    mi = d.toks[k + 1].ent
    return mi is not None and mi in ph.inner and d.ments[mi][2].kind == "PERSON"


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    from marsad.entities.recognize import lexicon as entity_lexicon

    return frozenset(_bare(fold(w))[0] for w in entity_lexicon().honorifics)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Title heads and honorifics: the words a person's name may follow (الملك, الدكتور, وزير)."""
    return _title_heads() | _honorifics()


@lru_cache(maxsize=1)
def _title_sectors() -> dict[str, str]:
    from marsad.kb.base import load_titles

    return {t["role"]: t["sector"] for t in load_titles() if t.get("sector") and t.get("role")}
