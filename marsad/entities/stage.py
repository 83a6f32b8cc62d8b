"""EntityStage: who is named in the document, linked to the knowledge base where it can be.

Passes over the normalized text (see the modules for each):

1. :mod:`recognize` — the gazetteer automaton: KB names and aliases, country adjectives and
   capitals, title forms, honorifics, organization nouns. Walking its hits left to right, a title
   phrase ``[title] [adjective | genitive state or organization]? [السابق]? [name]`` gives a person:
   the KB person named after it, the KB holder of that role whose name matches the unknown name
   (``link``), or a document-local person ``L:PERSON:<name>`` carrying the role and country. An
   indefinite title after a name (``جيك سوليفان مستشار الأمن القومي الأميركي``) gives its role to
   that name. A title phrase with no name is left for coreference.
2. :mod:`coref` — surnames alone, then titles alone, ``الرئيس الفرنسي``, ``نظيره التركي``,
   ``المنظمة``.
3. The statistical NER (``marsad.entities.ner``), when present and enabled, for names neither the
   gazetteer nor the title patterns cover (via ``model``); its PERSON spans also cut a name taken
   after a title where the model ends it. ``EntityStage(use_model=False)`` or ``MARSAD_NER=0``
   switches it off; it is skipped on texts longer than ``MODEL_MAX_CHARS``.

Choices:
- A country adjective inside a person's title phrase (``وزير الخارجية الفرنسي``) gives that person
  its country and is **not** a separate mention of France: counted as an actor it would put the state
  beside the minister in every event. A state or organization *named* inside a title phrase
  (``الأمين العام للأمم المتحدة``) is a mention (via ``name``); its per-mention index entry carries
  ``title_of`` (the person's id) so that the events stage can leave it out of the actors.
- An adjective elsewhere (``الجانب التركي``, ``الخارجية التركية``, ``القوات الروسية``) is a mention of
  the state via ``adjective``; after a head noun that describes a thing (``الليرة التركية``,
  ``الأراضي اليمنية``: ``non_actor_heads`` in ``data/lexicon.json``) it is listed in
  ``doc.extra["descriptive_mentions"]``, which the events and quote stages never take as an actor;
  after a language or a culture (``اللغة الفرنسية``: ``non_state_heads``) it is no mention.
- The forces and institutions of a state are one actor (``forces`` in ``data/lexicon.json``):
  ``القوات الروسية`` is the KB's army of Russia, ``قوات الأمن السودانية`` a local ORG with Sudan's
  country, ``قوات الأمن`` / ``النيابة العامة`` alone a local ORG; bare ``الجيش`` / ``الشرطة`` are nobody
  in particular. An adjective may stand for an organization after an actor noun (``المقترح الأوروبي``:
  ``org_adjectives``).
- An organization the KB lacks may be named by a head noun and what follows it (``org_heads`` in
  ``data/lexicon.json``): ``حزب الوفد``, ``نقابة الأطباء الأردنيين`` (a local ORG with Jordan's
  country), ``الاتحاد العام التونسي للشغل`` (a definite head only with an adjective and a لـ
  complement).
- With the NER model on, its spans also veto: a name read before an indefinite title needs a model
  PERSON over it (``تعرض موكب | وزير الداخلية``); model spans that are common words (``على``,
  ``دولار``: ``model_stop``) are dropped and a model PERSON ends before a function word (``هو``).
- A capital (``واشنطن``, ``موسكو``) links to the state via ``capital``; after a preposition of place
  (``في موسكو``) it links to the city when the KB has it as a place.

- Ids: the KB public id (Wikidata QID, else the KB id such as ``person:hakan-fidan``); a person the KB
  lacks is ``L:PERSON:<Arabic name as written>`` (a title phrase without a name names it:
  ``L:PERSON:وزير الخارجية البلجيكي``); model finds are ``L:<KIND>:<name>``. ``name_translit`` is
  given when no English name is known.
- A person's ``roles``: the English titles seen in the text, plus the KB roles held on the document
  date (the latest one when the date is unknown).

Output: ``doc.entities`` (schema Entity, mentions in original offsets, sorted; entities in order of
first mention) and ``doc.extra["entities"]``, one dict per mention sorted by start:
``entity_id, start, end, sentence, via`` (+ ``title_of``: the person whose title phrase names it).
"""

from __future__ import annotations

import os
import re
import warnings
from bisect import bisect_left, bisect_right
from functools import lru_cache

from marsad.doc import Doc
from marsad.entities.actors import ActorPass, person_sector
from marsad.entities.coref import Pending, resolve_pending, surname_pass
from marsad.entities.link import VIA_MAP, DocState, EntityAcc, Linker, clean_name
from marsad.entities.names import given_names
from marsad.entities.publishers import name_itself
from marsad.entities.recognize import (
    PARTICLES,
    Gazetteer,
    Match,
    TokenView,
    _iso,
    _name_like,
    gazetteer,
    name_after,
    name_before,
)
from marsad.entities.translit import transliterate
from marsad.errors import MarsadError
from marsad.schema import Entity, Mention
from marsad.text.normalize import fold, normalize
from marsad.text.tokens import WORD_RE

_MODEL_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_MODEL_MIN_CONF = 0.5
_ORG_ANAPHOR_ADJ = frozenset(
    {"الدوليه", "الدولي", "الامميه", "الاممي", "العالميه", "العالمي", "الاقليميه", "الاقليمي", "العسكريه", "العسكري"}
)
_ROYAL = frozenset({"king", "emir", "prince", "crown_prince", "sultan"})
# The statistical NER costs ~15x the gazetteer: beyond this many characters (no news article is that
# long; a hostile input can be) the document is left to the gazetteer and the title patterns.
MODEL_MAX_CHARS = 300_000


def _model_enabled_default() -> bool:
    return os.environ.get("MARSAD_NER", "1").lower() not in ("0", "false", "no", "off")


class EntityStage:
    """The entity stage. ``use_model`` switches the statistical NER (default: on when the model
    exists, off when ``MARSAD_NER=0``); ``kb`` replaces the default knowledge base (tests)."""

    name = "entities"

    def __init__(self, kb=None, use_model: bool | None = None):
        self._kb = kb
        self.use_model = _model_enabled_default() if use_model is None else use_model
        self._gz: Gazetteer | None = None
        self._linker: Linker | None = None
        self._model = None
        self._model_loaded = False
        self._actors: ActorPass | None = None

    @property
    def gz(self) -> Gazetteer:
        if self._gz is None:
            self._gz = gazetteer(self._kb)
            self._linker = Linker(self._gz.kb, self._gz)
        return self._gz

    @property
    def linker(self) -> Linker:
        self.gz  # noqa: B018 (builds both)
        assert self._linker is not None
        return self._linker

    @property
    def model(self):
        if not self.use_model:
            return None
        if not self._model_loaded:
            self._model_loaded = True
            try:
                from marsad.entities.ner import load_model

                self._model = load_model()
            except (ImportError, FileNotFoundError, OSError, MarsadError):
                self._model = None  # the model is optional: missing or unreadable, the stage runs without
            except Exception as exc:  # noqa: BLE001 - a broken optional model must not stop the pipeline
                warnings.warn(f"NER model disabled: {type(exc).__name__}: {exc}", RuntimeWarning, stacklevel=2)
                self._model = None
        return self._model

    def __call__(self, doc: Doc) -> None:
        if doc.norm is None:
            doc.norm = normalize(doc.text)
        norm = doc.norm
        dct = doc.document.published
        state = self.process(norm, dct[:10] if dct else None)
        doc.entities, doc.extra["entities"] = build_output(state, doc, self.linker)
        doc.extra["descriptive_mentions"] = {norm.to_original(s, e) for s, e in state.descriptive}
        if self._actors is None:
            self._actors = ActorPass(self.gz.kb)
        self._actors(doc)
        name_itself(doc)

    # ---- the passes -------------------------------------------------------------------------

    def process(self, norm, dct: str | None) -> DocState:
        """All passes over one normalized text (a :class:`NormText`)."""
        gz, linker = self.gz, self.linker
        text = norm.text
        state = DocState(text, dct)
        tv = TokenView(text)
        model = self.model if len(text) <= MODEL_MAX_CHARS else None
        spans: list = []
        if model is not None:
            try:
                spans = list(model.spans(text, 0, len(text)))
            except Exception:  # noqa: BLE001 - an optional component must not break the stage
                spans = []
        walk = _Walk(norm, state, gz, linker, tv)
        walk.model_ran = bool(spans)
        for s, e, label, conf in spans:
            if label == "PERSON" and conf >= _MODEL_MIN_CONF:
                walk.model_person.setdefault(s, []).append(e)
        pending = walk.run()
        surname_pass(state, tv, gz)
        resolve_pending(pending, state, linker, gz)
        if spans:
            _model_pass(spans, text, state, norm, gz, linker)
        walk.speech_subjects()
        return state


# ---- pass 1 -----------------------------------------------------------------------------------


class _Walk:
    """Left-to-right walk over the gazetteer's hits of one document."""

    def __init__(self, norm, state: DocState, gz: Gazetteer, linker: Linker, tv: TokenView):
        text = norm.text
        self.norm = norm
        self.text, self.state, self.gz, self.linker, self.tv = text, state, gz, linker, tv
        self.matches = gz.find(text)
        self.mmask = bytearray(len(text) + 1)
        amb = gz.lex.ambiguous_names
        for m in self.matches:
            t = m.first("title")
            if t is not None and len(m.items) == 1 and t[1].form in amb:
                continue  # أمير, سلطان: a title that is also a first name may be read as a name
            if " " not in text[m.start:m.end] and m.kinds == {"kb"} and all(
                    eid.startswith("person:") for eid, _ in m.kb_items()):
                continue  # a surname (فيدان) may end a name written after a title (حقان فيدان)
            ws = m.start - len(m.prefix)
            self.mmask[ws:m.end] = b"\x01" * (m.end - ws)
        self.pending: list[Pending] = []
        self.local_by_fold: dict[str, EntityAcc] = {}
        self.model_person: dict[int, list[int]] = {}  # NER PERSON spans by start (when the model runs)
        self.model_ran = False
        self._mp_starts: list[int] | None = None

    def trim_by_model(self, nt):
        """Cut a title-pattern name where the NER model ends the person's name (ثابت جواس | باتت)."""
        s, e, toks = nt
        ends = [x for x in self.model_person.get(s, ()) if x <= e]
        if not ends:
            return nt
        me = max(ends)
        kept = []
        pos = s
        for t in toks:
            i = self.text.find(t, pos)
            if i < 0 or i + len(t) > me:
                break
            kept.append(t)
            pos = i + len(t)
        return (s, pos, kept) if kept else nt

    def model_person_over(self, a: int, b: int) -> bool:
        """Does an NER PERSON span overlap normalized ``a:b``? (spans are short: look back 200 chars)"""
        starts = self._mp_starts
        if starts is None:
            starts = self._mp_starts = sorted(self.model_person)
        i = bisect_left(starts, a - 200)
        while i < len(starts) and starts[i] < b:
            if any(e > a for e in self.model_person[starts[i]]):
                return True
            i += 1
        return False

    def mcovered(self, s: int, e: int) -> bool:
        """Is the word taken, or not a name? (a word with tanwin, محافظًا جديدًا, is a common noun)"""
        if any(self.mmask[s:e]) or self.state.covered(s, e):
            return True
        os_, oe = self.norm.to_original(s, e)
        return "\u064b" in self.norm.original[os_:oe] or "\u064c" in self.norm.original[os_:oe]

    def adjacent(self, pos: int, m: Match, allow_comma: bool = False) -> bool:
        ws = m.start - len(m.prefix)
        if ws < pos:
            return False
        gap = self.text[pos:ws]
        if allow_comma:
            gap = gap.replace(",", "", 1)
        return not gap.strip()

    def prev_word(self, m: Match) -> str | None:
        ws = m.start - len(m.prefix)
        i = self.tv.index_at(ws) - 1
        if i < 0:
            return None
        s, e = self.tv.tokens[i]
        if not self.tv.gap_clean(e, ws):
            return None
        return self.text[s:e]

    def local_person(self, s: int, e: int) -> EntityAcc:
        original = self.text[s:e]
        key = " ".join(original.split())
        acc = self.local_by_fold.get(key)
        if acc is None:
            acc = self.state.get_or_add(f"L:PERSON:{key}", kind="PERSON", name_ar=key,
                                        name_tokens=tuple(key.split()), name_span=(s, e))
            self.local_by_fold[key] = acc
        return acc

    # -- main loop
    def run(self) -> list[Pending]:
        ms = self.matches
        i = 0
        while i < len(ms):
            m = ms[i]
            if m.used:
                i += 1
                continue
            if m.has("title"):
                i = self.title_phrase(i)
                continue
            if m.has("force") and not m.kb_items():
                i = self.force(i)
                continue
            if m.has("orghead") and not m.kb_items():
                nxt = self.org_phrase(i)
                if nxt is not None:
                    i = nxt
                    continue
            if m.has("guarded") and self.guarded_state(i):
                pass
            elif m.kb_items():
                self.kb_mention(m)
            elif m.has("honorific"):
                self.honorific(i)
            elif m.has("anaphor"):
                self.anaphor(m)
            i += 1
        return self.pending

    def kb_mention(self, m: Match, title_of: str | None = None) -> EntityAcc | None:
        state, linker = self.state, self.linker
        items = m.kb_items()
        # a capital after a preposition of place: the city, when the KB has it as a place
        if any(v == "capital" for _, v in items):
            pw = self.prev_word(m)
            locative = "ب" in m.prefix or (pw is not None and any(f in self.gz.lex.locative for f in self.gz.bare_forms(pw)))
            is_country_name = any(eid.startswith("country:") and v in ("name", "alias") for eid, v in items)
            if locative and not is_country_name:  # في الكويت is the state, في موسكو the city
                places = [(eid, v) for eid, v in items if v in ("name", "alias") and eid.startswith("place:")]
                if places:
                    items = places
            else:
                items = [(eid, v) for eid, v in items if not eid.startswith("place:")] or items
        choice = linker.choose(items, state, m.start)
        if choice is None:
            return None
        e, via = choice
        kind = linker.kind_of(e)
        descriptive = False
        if via in ("adjective", "demonym"):
            pw = self.prev_word(m)
            heads = self.gz.bare_forms(pw) if pw is not None else ()
            if any(f in self.gz.lex.non_state_heads for f in heads):
                return None  # اللغة الفرنسية: a language, not the state
            descriptive = any(f in self.gz.lex.non_actor_heads for f in heads)
            if e.id in self.gz.lex.org_adjectives and (  # القادة الأوروبيون, not الأسواق الأوروبية
                    pw is None or not any(f in self.gz.lex.org_adjective_heads for f in self.gz.bare_forms(pw))):
                return None
        out_via = VIA_MAP.get(via, "alias")
        if kind == "PERSON":
            key_text = self.text[m.start:m.end]
            single = " " not in key_text
            before = state.mentioned_before(e.id, m.start)
            if single and not before:
                # a surname alone, first time: only a well-known, unambiguous name of someone in office
                n_people = len({eid for eid, v in m.kb_items() if linker.kind_of(linker.entry(eid)) == "PERSON"})
                pw = self.prev_word(m)
                if (key_text in self.gz.lex.ambiguous_names or key_text in self.gz.lex.name_stop or n_people > 1
                        or key_text in self.gz.title_words or m.prefix
                        or (pw is not None and pw in PARTICLES)  # عبد | الرحمن
                        or not linker.active_roles(e, state.dct)):
                    return None
            if single and before:
                out_via = "coreference"
            if self.longer_name(m, e):
                return None
        acc = linker.acc_for_entry(state, e)
        state.add_mention(acc, m.span_start, m.end, out_via, title_of)
        if descriptive:
            state.descriptive.add((m.span_start, m.end))
        m.used = True
        return acc

    def longer_name(self, m: Match, e) -> bool:
        """Does the ``X بن Y`` of a KB person out of office go on with a family name the person does not bear?
        (``عبدالله بن عبدالعزيز الربيعة`` is a minister, not King Abdullah; a word in ية is an adjective
        of what stands before: ``مواقف الملك سلمان بن عبدالعزيز البطولية``.)"""
        key = self.text[m.start:m.end].split()
        if len(key) < 3 or not any(t in ("بن", "ابن") for t in key[1:-1]):
            return False
        if self.linker.active_roles(e, self.state.dct):
            return False  # someone in office is named often: the next word is most likely the object
            # of the verb (استقبل الأمير محمد بن سلمان الضيف)
        tv, gz = self.tv, self.gz
        k = tv.first_from(m.end)
        if k >= len(tv.tokens) or not tv.gap_clean(m.end, tv.tokens[k][0]):
            return False
        w = tv.word(k)
        if not w.startswith("ال") or len(w) < 5 or w.endswith("يه") or gz.is_stop(w) or w in gz.adjective_country \
                or w in _speech_cues().other or any(self.mmask[tv.tokens[k][0]:tv.tokens[k][1]]):
            return False
        own = {fold(t) for t in (e.name_ar or "").split()}
        own.update(fold(t) for a in e.data.get("aliases_ar") or () for t in a.split())
        return w not in own

    def speech_subjects(self) -> None:
        """An unknown speaker named right after a speech verb (``وقال بدر باسلمة إن``): 2–4 words, none
        of them a stop word, a title, a known name, a time word or a preposition, directly followed by
        إن / أن / بأن or by a comma and a title. Runs last, on words no other pass took."""
        cues = _speech_cues()
        tv, gz = self.tv, self.gz
        stop = gz.lex.speech_subject_stop
        toks = tv.tokens
        n = len(toks)
        title_at = {m.start - len(m.prefix) for m in self.matches if m.has("title")}
        for i in range(n - 3):
            if tv.word(i) not in cues.verbs:
                continue
            names: list[tuple[int, int]] = []
            k = cues.after_adverbials(tv, i + 1)  # (وقالت في وقت سابق هوغيت لابيل رئيسة …)
            while k < n and len(names) < 4:
                s, e = toks[k]
                if not tv.gap_clean(toks[k - 1][1], s):
                    break
                w = tv.word(k)
                if w in cues.complementizers or (len(names) >= 2 and s in title_at):
                    break
                first = not names
                if (gz.is_stop(w) or w in stop or w in cues.other or self.mcovered(s, e)
                        or (first and (w.startswith("ال") or w in PARTICLES or not _name_like(w, first=True)
                                       or (w.endswith("ه") and w not in gz.lex.ta_names)))
                        or (not first and (w.startswith(("لل", "بال", "وال", "فال", "كال", "و")) or w.endswith("ات")))):
                    names = []
                    break
                names.append((s, e))
                k += 1
            if not 2 <= len(names) <= 4 or k >= n or tv.word(k - 1) in PARTICLES:
                continue
            end = names[-1][1]
            nxt_s = toks[k][0]
            ok = tv.word(k) in cues.complementizers and tv.gap_clean(end, nxt_s)
            if not ok and tv.gap_clean(end, nxt_s, allow_comma=True):
                ok = nxt_s in title_at  # وقال بدر باسلمة، رئيس اللجنة; هوغيت لابيل رئيسة المنظمة
            if ok:
                acc = self.local_person(names[0][0], end)
                self.state.add_mention(acc, names[0][0], end, "title")

    def guarded_state(self, i: int) -> bool:
        """A state name that is also a common word (مالي), read as the state only in a clear state
        context (``guarded_states`` in ``data/lexicon.json``)."""
        ms, gz, text = self.matches, self.gz, self.text
        m = ms[i]
        ok = False
        pw = self.prev_word(m)
        pforms = gz.bare_forms(pw) if pw is not None else []
        if any(f in gz.lex.state_context_words for f in pforms):
            ok = True  # دولة مالي, شمال مالي
        elif m.prefix.rstrip("ال").endswith(("ب", "ل")) or (not m.prefix.strip("وف") and any(f in gz.lex.locative for f in pforms)):
            # في مالي, بمالي, لمالي; not before a definite word (من مالي الخاص: 'my own money')
            k = self.tv.first_from(m.end)
            ok = not (k < len(self.tv.tokens) and self.tv.gap_clean(m.end, self.tv.tokens[k][0])
                      and self.tv.word(k).startswith("ال"))
        if not ok:  # a coordinated list of states: النيجر ومالي, مالي والنيجر
            def state(x: Match) -> bool:
                return any(eid.startswith("country:") and v in ("name", "alias") for eid, v in x.kb_items())

            prv = ms[i - 1] if i > 0 else None
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            ws = m.start - len(m.prefix)
            if prv is not None and state(prv) and (m.prefix == "و" or "," in text[prv.end:ws]) \
                    and not text[prv.end:ws].replace(",", "").strip():
                ok = True
            elif nxt is not None and state(nxt) and nxt.prefix == "و" \
                    and not text[m.end:nxt.start - len(nxt.prefix)].strip():
                ok = True
        e = self.linker.entry(m.first("guarded")[1]) if ok else None
        if e is None:
            return False
        self.state.add_mention(self.linker.acc_for_entry(self.state, e), m.span_start, m.end, "name")
        m.used = True
        return True

    def force(self, i: int) -> int:
        """The armed or security forces of a state as one actor: ``القوات الروسية`` (the KB's army of
        Russia), ``قوات الأمن السودانية`` (a local ORG with Sudan's country); a standalone head
        (``قوات الأمن``, ``النيابة العامة``) is a local ORG without a country (see ``forces`` in
        ``data/lexicon.json``)."""
        ms, state, linker = self.matches, self.state, self.linker
        m = ms[i]
        group = m.first("force")[1]
        head = self.text[m.start:m.end]
        lil = m.prefix.endswith("لل")
        if lil:
            head = "ال" + head  # للشرطة: the article's alif drops after ل
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        iso = None
        if nxt is not None and not nxt.used and nxt.prefix in ("", "ال") and self.adjacent(m.end, nxt):
            adj = [eid for eid, v in nxt.kb_items() if v in ("adjective", "demonym")]
            if adj:
                iso = _iso(linker.entry(adj[0]))
        if iso:
            e = linker.entry(f"org:{iso.lower()}-military") if group == "military" else None
            if e is not None:
                acc = linker.acc_for_entry(state, e)
                via = "alias"
            else:
                name = f"{head} {self.text[nxt.span_start:nxt.end]}"
                acc = self.local_org(name, m.start, nxt.end, lil)
                acc.country = iso
                via = "name"
            state.add_mention(acc, m.span_start, nxt.end, via)
            m.used = nxt.used = True
            return i + 2
        if head in self.gz.lex.standalone_forces and not state.covered(m.span_start, m.end):
            acc = self.local_org(head, m.start, m.end, lil)
            state.add_mention(acc, m.span_start, m.end, "name")
            m.used = True
        return i + 1

    def org_phrase(self, i: int) -> int | None:
        """An organization the KB lacks, named by a head noun and what follows (``org_heads`` in
        ``data/lexicon.json``): ``حزب الوفد``, ``نقابة الأطباء الأردنيين`` (with Jordan as its country),
        ``الاتحاد العام التونسي للشغل`` (a definite head needs the لـ complement). The index of the
        next match, or None when the words after the head name nothing."""
        ms, tv, text, lex = self.matches, self.tv, self.text, self.gz.lex
        m = ms[i]
        if m.wend > m.end:
            return None  # حزبه: a pronoun, not a name
        definite = m.prefix.endswith(("ال", "لل")) or text[m.start:m.end].startswith("ال")
        k = tv.first_from(m.end)
        prev_end = m.end
        end = None
        iso = None
        n_adj = 0
        named = False
        while k < len(tv.tokens):
            s, e = tv.tokens[k]
            if not tv.gap_clean(prev_end, s) or self.state.covered(s, e):
                break
            w = text[s:e]
            if not named and not definite:
                if not w.startswith("ال") or len(w) < 4 or w in lex.org_name_stop or w in lex.name_stop \
                        or w in self.gz.adjective_country or w in lex.org_anaphors or w[2:] in lex.org_heads:
                    return None  # (كتلة الحزب: the bloc of a party named before, not a new name)
                named, end = True, e
            elif w.startswith("لل") and len(w) >= 5 and definite and n_adj:
                end = e  # للشغل, للإصلاح: the complement ends the name
                named = True
                k += 1
                prev_end = e
                break
            elif w.startswith("ال") and n_adj < 2 and w not in lex.org_name_stop and (
                    w in self.gz.adjective_country or w in lex.org_name_adjectives
                    or (len(w) > 5 and w.endswith(("ي", "يه", "يين", "يون")))):
                if w in self.gz.adjective_country and iso is None:
                    iso = self.gz.adjective_country[w]
                n_adj += 1
                if not definite:
                    end = e
            else:
                break
            prev_end = e
            k += 1
        if not named or end is None:
            return None
        # (a definite head took its adjectives only with the complement: الاتحاد العام للشغل)
        lil = m.prefix.endswith("لل")
        start = m.span_start
        key = " ".join(text[start:end].split())
        acc = self.local_org(("ال" + key) if lil else key, m.start, end, lil)
        if iso and not acc.country:
            acc.country = iso
        self.state.add_mention(acc, start, end, "name")
        m.used = True
        j = i + 1
        while j < len(ms) and ms[j].start < end:
            ms[j].used = True
            j += 1
        return j

    def local_org(self, key: str, s: int, e: int, lil: bool) -> EntityAcc:
        """A document-local ORG named by the words at normalized ``s:e`` (after لل, with the article
        put back: للشرطة التركية → الشرطة التركية)."""
        acc = self.state.get_or_add(f"L:ORG:{key}", kind="ORG", name_ar=key, name_tokens=tuple(key.split()),
                                    name_span=(s, e))
        if lil and not acc.name_fixed and acc.mentions == []:
            os_, oe = self.norm.to_original(s, e)
            acc.name_ar = "ال" + clean_name(self.norm.original[os_:oe])
            acc.name_fixed = True
        return acc

    def honorific(self, i: int) -> None:
        m = self.matches[i]
        if i + 1 < len(self.matches) and self.adjacent(m.end, self.matches[i + 1]):
            return  # a KB name follows: it is matched on its own
        nt = name_after(self.gz, self.tv, m.end, self.mcovered)
        if nt and len(nt[2]) >= 2:
            acc = self.local_person(nt[0], nt[1])
            self.state.add_mention(acc, nt[0], nt[1], "title")

    def anaphor(self, m: Match) -> None:
        # "المجلس الوطني" is a new name, not a reference back: skip when a definite word follows,
        # unless it is an adjective that keeps the reference (المنظمة الدولية, المنظمة الأممية)
        end = m.end
        i = self.tv.first_from(m.end)
        if i < len(self.tv.tokens):
            s, e = self.tv.tokens[i]
            w = self.text[s:e]
            if self.tv.gap_clean(m.end, s) and w.startswith("ال") and w not in self.gz.lex.name_stop:
                if w not in _ORG_ANAPHOR_ADJ:
                    return
                end = e
        head = m.first("anaphor")[1]
        self.pending.append(Pending("anaphor", m.span_start, end, head=head))

    def title_phrase(self, i: int) -> int:
        ms, gz, linker, state = self.matches, self.gz, self.linker, self.state
        m = ms[i]
        info = m.first("title")[1]
        country = info.country
        org = None
        former = False
        end = max(m.end, m.wend)
        pre_gen_end = end
        genitives: list[Match] = []
        j = i + 1
        while j < len(ms) and self.adjacent(end, ms[j]):
            nm = ms[j]
            if nm.has("former"):
                former, end, nm.used = True, nm.end, True
                j += 1
                continue
            kbi = nm.kb_items()
            adj = [x for x in kbi if x[1] in ("adjective", "demonym")]
            if adj and country is None and org is None and nm.prefix in ("", "ال"):
                e = linker.entry(adj[0][0])
                iso = _iso(e)
                if iso:
                    country, end, nm.used = iso, nm.end, True
                    j += 1
                    continue
            names = [x for x in kbi if x[1] in ("name", "alias")]
            genitive_ok = nm.prefix in ("ل", "لل") or (nm.prefix == "" and (not info.definite or info.form.endswith("باسم")))
            if names and country is None and org is None and genitive_ok:
                choice = linker.choose(names, state, nm.start)
                if choice is not None:
                    e, _ = choice
                    kind = linker.kind_of(e)
                    if kind in ("GPE", "ORG", "LOC"):
                        if kind == "ORG" or not e.id.startswith("country:"):
                            org = e  # an organization, or a city / province (والي شانلي أورفة)
                        else:
                            country = _iso(e)
                        if not genitives:
                            pre_gen_end = end
                        genitives.append(nm)
                        nm.used = True
                        end = nm.end
                        j += 1
                        continue
            break
        is_counterpart = "counterpart" in info.roles
        role = info.roles[0]
        ante = None
        if is_counterpart:
            ante = state.last_person(m.start, lambda a: bool(a.role_keys) and a.country != country)
            role = ante.role_keys[-1] if ante is not None else None
        codes = [country] if country else linker.org_codes(org)
        if org is not None and not org.id.startswith("org:"):
            codes = [org.id, org.public_id]
        person: EntityAcc | None = None
        # a KB person right after the phrase (an honorific may stand between)
        k = j
        if k < len(ms) and self.adjacent(end, ms[k]) and ms[k].has("honorific") and not ms[k].kb_items():
            ms[k].used = True
            k += 1
        if k < len(ms) and self.adjacent(end if k == j else ms[k - 1].end, ms[k]):
            nm = ms[k]
            people = [x for x in nm.kb_items() if linker.kind_of(linker.entry(x[0])) == "PERSON"]
            if people and not nm.used:
                person = self.kb_mention_items(nm, people)
                if person is not None:
                    j = k + 1
        if person is None and not info.definite and not is_counterpart and not m.prefix and codes:
            # قابوس بن سعيد سلطان عمان | بذكرى: the person just named, of the title's state, holds it
            before = self._person_right_before(m)
            if before is not None and before.country in codes:
                person = before
        # a one-word indefinite title stands in construct with what follows (محافظ لحج, سفير
        # فرنسا): never a name there
        if person is None and (_closed_title(info) or is_counterpart or genitives or country != info.country):
            nt = name_after(gz, self.tv, ms[k - 1].end if k > j else end, self.mcovered)
            if nt is not None and self.model_person:
                nt = self.trim_by_model(nt)
            if nt is not None and role in _ROYAL and len(nt[2]) >= 2 and nt[2][1] not in PARTICLES:
                # royal names are "X" or "X بن Y": الملك فهد | الجامعي (a hospital's name)
                s0 = nt[0]
                nt = (s0, s0 + len(nt[2][0]), nt[2][:1])
            if nt is not None and role in _ROYAL and not codes and not former:
                # الملك سلمان, الأمير تميم: a royal title of no state; the one holder of that name
                found = [h for h in linker.holders_anywhere([role], state.dct) if linker.name_matches(h, nt[2])]
                if len(found) == 1:
                    person = linker.acc_for_entry(state, found[0])
                    state.add_mention(person, nt[0], nt[1], "alias")
                    while j < len(ms) and ms[j].start < nt[1]:
                        ms[j].used = True
                        j += 1
                    nt = None
            if nt is not None and len(nt[2]) == 1 and nt[2][0] in gz.lex.ambiguous_names:
                nt = None  # محمد alone: too little to make a person of
            if nt is not None and role and codes and not former and self.model_ran \
                    and not self.model_person_over(nt[0], nt[1]):
                holders = linker.holders([role], codes, state.dct)
                if holders and not any(linker.name_matches(h, nt[2]) for h in holders):
                    nt = None  # يهنئ سلطان عمان | بذكرى: the office has its holder, and the word after is no name
            if nt is not None and len(nt[2]) == 1 and _imperfect_verb(nt[2][0]):
                nt = None  # أمير القصيم يثمن الجهود (not تيريز كاييكوامبا فاغنر)
            if nt is not None:
                s, e, toks = nt
                via = "title"
                # (the matches are sorted by start: stop at the first past the name, rather than
                # scanning every match to the end of the document for each title)
                inner = []
                k2 = j
                while k2 < len(ms) and ms[k2].start < e:
                    if not ms[k2].used:
                        inner.append(ms[k2])
                    k2 += 1
                people = [it for x in inner for it in x.kb_items() if it[0].startswith("person:")]
                if people:  # the name ends with a KB surname: that person, written another way
                    choice = linker.choose(people, state, s)
                    if choice is not None:
                        person = linker.acc_for_entry(state, choice[0])
                        via = "alias"
                if person is None and role and codes and not former:
                    for h in linker.holders([role], codes, state.dct):
                        if linker.name_matches(h, toks):
                            person = linker.acc_for_entry(state, h)
                            via = "alias"
                            break

                if person is None:
                    person = self.local_person(s, e)
                state.add_mention(person, s, e, via)
                while j < len(ms) and ms[j].start < e:  # a title word read as part of the name
                    ms[j].used = True
                    j += 1
        if person is None and not info.definite and not is_counterpart and not genitives:
            person = self.name_after_portfolio(end)  # وزير حقوق الإنسان عزالدين الأصبحي
        if person is None and not info.definite and not is_counterpart and not m.prefix:
            # (برئيس, ووزير: a preposition or a conjunction on the title, no apposition)
            person = self.person_before(m)
        if person is None:
            span_end = pre_gen_end if genitives else end

            def after(key: str | None, genitives=genitives) -> None:
                for g in genitives:
                    self.kb_mention(g, title_of=key)

            if is_counterpart:
                if country:  # the antecedent is looked for once every title phrase is resolved
                    self.pending.append(Pending("counterpart", m.span_start, span_end, info=info, country=country,
                                                after=after))
                else:
                    after(None)
            else:
                self.pending.append(Pending("title", m.span_start, span_end, info=info, country=country, org=org,
                                            former=former, after=after, full_end=end))
            m.used = True
            return j
        if role:
            # a role the person already holds under another name is not added again (نظيره التركي
            # after Blinken: Fidan is Turkey's foreign minister, not a "Secretary of State")
            if not any(r in person.role_keys for r in linker.expand_roles([role])):
                person.add_role(role, linker.title_en(role, country))
            if is_counterpart and country and person.entry is None:
                person.country = country
        if country and (person.entry is None or not person.country) and not is_counterpart:
            person.country = country
        if org is not None and not person.org:
            person.org = org.id
            if not person.country:
                person.country = org.data.get("code") or org.country
        for g in genitives:
            self.kb_mention(g, title_of=person.key)
        m.used = True
        return j

    def name_after_portfolio(self, end: int) -> EntityAcc | None:
        """The holder named after an indefinite title and the portfolio or body it stands in
        construct with, when the knowledge base knows neither (وزير حقوق الإنسان عزالدين الأصبحي,
        أمين منطقة عسير صالح القاضي): up to four words of a noun and its definite genitives, then a
        name of two or three words that ends at punctuation, a stop word or a title."""
        tv, text, gz = self.tv, self.text, self.gz
        i = tv.first_from(end)
        k, prev = i, end
        while k < min(i + 4, len(tv.tokens)):
            s, e = tv.tokens[k]
            w = text[s:e]
            definite = w.startswith(("ال", "لل", "لشوون"))
            if not tv.gap_clean(prev, s) or (k == i and (len(w) < 3 or w in PARTICLES or not w.isalpha())):
                return None
            if not definite and k > i:
                break
            if definite and gz.is_stop(w) and w not in ("لشوون",):
                return None  # (الذي, التي: a clause, not a portfolio)
            if self.state.covered(s, e) and not w.startswith(("ال", "لل")):
                return None
            k, prev = k + 1, e
        if k == i or k >= len(tv.tokens) or not text[tv.tokens[k - 1][0]:tv.tokens[k - 1][1]].startswith(("ال", "لل")):
            return None
        nt = name_after(gz, tv, prev, self.mcovered)
        if nt is None:
            return None
        s, e, words = nt
        first = tv.first_from(s)
        for n in range(1, len(words)):  # (عزالدين الأصبحي | مفوض الأمم المتحدة: an actor's head ends it)
            if _actor_head(words[n]):
                e, words = tv.tokens[first + n - 1][1], words[:n]
                break
        if len(words) < 2:
            return None
        if _imperfect_verb(words[0]):
            return None
        j = first + len(words)
        if j < len(tv.tokens) and tv.gap_clean(e, tv.tokens[j][0]) and not (gz.is_stop(tv.word(j))
                                                                             or _actor_head(tv.word(j))):
            return None  # (no clear end: the words may go on as a sentence)
        person = self.local_person(s, e)
        self.state.add_mention(person, s, e, "title")
        return person

    def kb_mention_items(self, nm: Match, people) -> EntityAcc | None:
        choice = self.linker.choose(people, self.state, nm.start)
        if choice is None:
            return None
        e, via = choice
        if self.longer_name(nm, e):
            return None
        before = self.state.mentioned_before(e.id, nm.start)
        key_text = self.text[nm.start:nm.end]
        single = " " not in key_text
        lex = self.gz.lex
        if single and not before and (key_text in lex.ambiguous_names or key_text in lex.name_stop
                                      or key_text in self.gz.title_words):
            return None
        acc = self.linker.acc_for_entry(self.state, e)
        self.state.add_mention(acc, nm.span_start, nm.end, "coreference" if (single and before) else VIA_MAP.get(via, "alias"))
        nm.used = True
        return acc

    def _person_right_before(self, m: Match) -> EntityAcc | None:
        """A person already found that ends right before the title (a comma may stand between)."""
        q = m.start - len(m.prefix)
        comma = False
        while q > 0 and (self.text[q - 1].isspace() or (self.text[q - 1] == "," and not comma)):
            comma = comma or self.text[q - 1] == ","
            q -= 1
        key = self.state.person_end.get(q)
        return self.state.entities[key] if key is not None else None

    def person_before(self, m: Match) -> EntityAcc | None:
        """The person named right before an indefinite title (apposition)."""
        ws = m.start - len(m.prefix)
        found = self._person_right_before(m)
        if found is not None:
            return found
        nb = name_before(self.gz, self.tv, ws, self.mcovered)
        if nb is None:
            return None
        if self.model_ran and not self.model_person_over(nb[0], nb[1]):
            return None  # تعرض موكب | وزير الداخلية: words the NER model does not read as a name
        acc = self.local_person(nb[0], nb[1])
        self.state.add_mention(acc, nb[0], nb[1], "title")
        return acc


class _SpeechCues:
    def __init__(self, verbs: frozenset[str], complementizers: frozenset[str], other: frozenset[str]):
        self.verbs, self.complementizers, self.other = verbs, complementizers, other

    @staticmethod
    def after_adverbials(tv: TokenView, k: int) -> int:
        """The first token from ``k`` on past the time words and adverbial phrases of the cue list."""
        from marsad.quotes.attribute import after_adverbials

        words = [tv.word(j) for j in range(k, min(len(tv.tokens), k + 6))]
        return k + after_adverbials(words, 0)


@lru_cache(maxsize=1)
def _speech_cues() -> _SpeechCues:
    """Speech verbs (past, masculine and feminine, with و / ف), complementizers and the words that
    are never a subject, from the quote stage's cue list (``marsad/quotes/data/cues.json``)."""
    from marsad.quotes.attribute import cues  # (imported here: the quote stage builds on this one)

    c = cues()
    verbs = set()
    for past in c.verbs:
        if past:
            for form in (past, past + "ت"):
                verbs.update((form, "و" + form, "ف" + form))
    comps = frozenset(w for w in c.complementizers if not w.startswith("ان ")) | {"ان", "بان"}
    other = c.time_words | c.not_subject | c.manner | c.addressees
    return _SpeechCues(frozenset(verbs), comps, other)


def _imperfect_verb(w: str) -> bool:
    """Does the word after a title read as a verb in the imperfect (يثمن, تؤكد) rather than as a
    first name (يوسف, تركي: the given names)?"""
    return w[:1] in ("ي", "ت", "ن") and w not in given_names()[0]


def _actor_head(w: str) -> bool:
    """Is ``w`` the head noun of an actor phrase (مفوض, مسؤول, قوات), which no name runs into?"""
    from marsad.entities.actors import _bare
    from marsad.entities.actors import lex as actor_lex

    return _bare(w)[0] in actor_lex().heads


def _closed_title(info) -> bool:
    """A title that can be followed by a name: its last word is definite (وزير الخارجية, الرئيس,
    خادم الحرمين الشريفين). One ending in an indefinite word stands in construct with what follows
    (محافظ لحج, رئيس هيئة ..., سفير فرنسا)."""
    last = info.form.split()[-1]
    return last.startswith("ال")


def _model_pass(spans, text: str, state: DocState, norm=None, gz: Gazetteer | None = None,
                linker: Linker | None = None) -> None:
    """Names the statistical NER finds that neither the gazetteer nor the title patterns cover. A span
    whose words are exactly the name of a place too minor for the gazetteer is that place (a person
    span only when it starts with بن / ابن: ``بن قردان`` is a Tunisian town, not someone's son)."""
    local: dict[tuple[str, str], EntityAcc] = {}
    stop = gz.lex.model_stop if gz is not None else frozenset()
    for s, e, label, conf in spans:
        kind = _MODEL_KINDS.get(label)
        if kind is None or conf < _MODEL_MIN_CONF or e <= s:
            continue
        if kind == "PERSON" and state.covered(s, e) and " " in text[s:e].strip():
            _free_nisba_surname(state, text, s, e)  # منصور التركي: Mansour al-Turki, not Turkey
        if state.covered(s, e):
            continue
        # the model keeps clitics on its words: وللأمم, بالعراق → start after them
        first = text[s:e].split()[0] if text[s:e].split() else ""
        for pre in ("وبال", "فبال", "وال", "فال", "بال", "كال", "و", "ف"):
            if text.startswith(pre, s) and e - s - len(pre) >= 3 and (
                    len(pre) > 1 or text.startswith("ال", s + 1)
                    or (kind == "PERSON" and fold(first[1:]) in given_names()[0] and fold(first) not in given_names()[0])):
                # (وصالح: and Saleh; وليد keeps its و, a name of its own)
                s += len(pre) - (2 if pre.endswith("ال") else 0)
                break
        if state.covered(s, e):
            continue
        if gz is not None and kind == "PERSON":
            # لينكولن تشافي | هو سيناتور سابق: a person's name ends before a function word
            for w in WORD_RE.finditer(text, s, e):
                if w.start() > s and w.group() in gz.lex.model_name_breaks:
                    e = w.start()
                    while e > s and not text[e - 1].isalnum():
                        e -= 1
                    break
        name = " ".join(text[s:e].split())
        if not name or len(name) < 2:
            continue
        if kind == "PERSON" and _body_head(name.split()[0]):
            continue  # مليشيات الحوثي, قوات الأمن: a body or group by its head noun, left to the actor pass
        if stop and norm is not None and " " not in name and _model_stopword(norm, s, e, gz, stop):
            continue  # على, دولار, ريف: a common word, not a name
        if gz is not None and linker is not None and _minor_place(gz, linker, state, kind, name, s, e):
            continue
        if gz is not None and linker is not None and kind != "PERSON" and _known_name(gz, linker, state, text, s, e):
            continue
        key = (kind, name)
        acc = local.get(key)
        if acc is None:
            acc = state.get_or_add(f"L:{kind}:{name}", kind=kind, name_ar=name, name_tokens=tuple(name.split()),
                                   name_span=(s, e))
            local[key] = acc
        state.add_mention(acc, s, e, "model")


def _free_nisba_surname(state: DocState, text: str, s: int, e: int) -> None:
    """A person span whose last word is a country adjective (منصور التركي, ناصر الحربي): the
    adjective is the person's surname; its mention of the state is dropped when nothing else of the
    span is taken."""
    last = text.rfind(" ", s, e) + 1
    hits = [(acc, m) for acc in state.entities.values() for m in acc.mentions if m[0] < e and s < m[1]]
    if not hits or any(m[2] != "adjective" or m[0] < last for _acc, m in hits):
        return
    for acc, m in hits:
        acc.mentions.remove(m)
        state.mask[m[0]:m[1]] = b"\x00" * (m[1] - m[0])


def _body_head(word: str) -> bool:
    """Is ``word`` the head noun of a body, a collective, people, a place or an outlet (sectors.json),
    never a first name (ميناء برنيكي, مليشيات الحوثي)?"""
    from marsad.entities.actors import _bare, lex

    bare = _bare(fold(word))[0]
    return any(h.role in ("body", "collective", "people", "place", "outlet") for h in lex().heads.get(bare, ())) \
        and bare not in given_names()[0]


def _known_name(gz: Gazetteer, linker: Linker, state: DocState, text: str, s: int, e: int) -> bool:
    """A model span that is, word for word, the name of a known state, place or body (إندونيسيا
    left over from a title phrase the person before already holds): that entry, not a local one."""
    ms = gz.find(text[s:e])
    if len(ms) != 1 or ms[0].span_start != 0 or ms[0].end != e - s:
        return False
    items = [x for x in ms[0].kb_items() if x[1] in ("name", "alias", "capital")]
    choice = linker.choose(items, state, s) if items else None
    if choice is None or linker.kind_of(choice[0]) == "PERSON":
        return False
    state.add_mention(linker.acc_for_entry(state, choice[0]), s, e, VIA_MAP.get(choice[1], "name"))
    return True


def _minor_place(gz: Gazetteer, linker: Linker, state: DocState, kind: str, name: str, s: int, e: int) -> bool:
    if kind not in ("LOC", "PERSON") or (kind == "PERSON" and name.split()[0] not in ("بن", "ابن")):
        return False
    eid = gz.minor_places.get(name)
    entry = linker.entry(eid) if eid else None
    if entry is None:
        return False
    state.add_mention(linker.acc_for_entry(state, entry), s, e, "name")
    return True


def _model_stopword(norm, s: int, e: int, gz: Gazetteer, stop: frozenset[str]) -> bool:
    os_, oe = norm.to_original(s, e)
    word = clean_name(norm.original[os_:oe])
    if word in stop:
        return True
    # without a conjunction or preposition (بريف, ولله), keeping the article (الريف may be a region)
    return any(word.startswith(p) and word[len(p):] in stop for p in gz.procl if not p.endswith("ال"))


# ---- output -----------------------------------------------------------------------------------


def build_output(state: DocState, doc: Doc, linker: Linker) -> tuple[list[Entity], list[dict]]:
    norm = doc.norm
    text = doc.text
    entities: list[tuple[int, Entity]] = []
    index: list[dict] = []
    sent_starts = [s.start for s in doc.sentences]
    ids: dict[str, str] = {}
    for acc in state.entities.values():
        if not acc.mentions:
            continue
        e = acc.entry
        if e is not None:
            eid = e.public_id
        else:
            eid = f"L:{acc.kind}:{_local_name(acc, norm)}"
        ids[acc.key] = eid
    for acc in state.entities.values():
        if not acc.mentions:
            continue
        e = acc.entry
        eid = ids[acc.key]
        mentions = []
        for s, en, via, title_of in sorted(acc.mentions):
            os_, oe = norm.to_original(s, en)
            mentions.append(Mention(start=os_, end=oe, text=text[os_:oe], via=via))
            item = {"entity_id": eid, "start": os_, "end": oe, "sentence": _sentence(sent_starts, doc, os_), "via": via}
            if title_of:
                item["title_of"] = ids.get(title_of, title_of)
            index.append(item)
        name_ar = acc.name_ar if e is not None else _local_name(acc, norm)
        wikidata = getattr(e, "wikidata", None) if e is not None else None
        if wikidata and not (wikidata.startswith("Q") and wikidata[1:].isdigit()):
            wikidata = None
        ent = Entity(
            id=eid,
            kind=acc.kind,
            name_en=acc.name_en,
            name_ar=name_ar,
            name_translit=transliterate(name_ar) if name_ar and not acc.name_en else None,
            wikidata=wikidata,
            country=(_acting_for(e, doc.document.published) if acc.kind == "PERSON" else None) or acc.country,
            roles=list(acc.roles),
            sector=person_sector(acc.role_keys) if acc.kind == "PERSON" else None,
            in_kb=e is not None,
            mentions=mentions,
        )
        entities.append((mentions[0].start, ent))
    entities.sort(key=lambda t: t[0])
    index.sort(key=lambda d: (d["start"], d["end"]))
    return [e for _, e in entities], index


_IGO_CODE = re.compile(r"[A-Z]{2,5}")


def _acting_for(entry, on: str | None) -> str | None:
    """The international organization a KB person acts for on the document date (Guterres: UN), when
    a role there is held then; event data codes such an actor by the organization, not the passport."""
    if entry is None:
        return None
    for r in entry.roles:
        held = r.active_on(on) if on else r.end is None
        if held and r.org and r.org != "IGO" and not r.country and _IGO_CODE.fullmatch(r.org):
            return r.org
    return None


def _local_name(acc: EntityAcc, norm) -> str:
    """The Arabic name of a local entity as first written in the original text."""
    if acc.name_fixed:
        return acc.name_ar
    span = acc.name_span
    if span is None and acc.mentions:
        first = min(acc.mentions, key=lambda m: (m[2] not in ("title", "model", "name"), m[0]))
        span = first[0], first[1]
    if span is not None:
        s, e = norm.to_original(*span)
        return clean_name(norm.original[s:e]) or acc.name_ar
    return acc.name_ar


def _sentence(starts: list[int], doc: Doc, pos: int) -> int | None:
    if not starts:
        return None
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return None
    return i


__all__ = ["EntityStage", "build_output"]
