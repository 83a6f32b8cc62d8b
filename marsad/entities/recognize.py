"""Recognition: one Aho-Corasick automaton over every knowledge-base alias and title form.

The automaton is built once per process (:func:`gazetteer`) from ``kb.aliases()``, the KB's title
vocabulary merged with ``data/titles.json``, and the word lists of ``data/lexicon.json``. It runs over
the *normalized* text (see :mod:`marsad.text.normalize`) and every hit is kept only when it stands
on a word boundary, allowing proclitic sequences before it (``وبفرنسا``, ``والناتو``) and, for titles,
an enclitic after it (``نظيره``). ``لل`` + a name that starts with ``ال`` (``للأمم المتحدة``: the
alef of the article drops) is matched through a second key without the article. Overlapping hits
are resolved longest first; a title wins over a name that crosses it (``وزير الخارجية`` |
``الخارجية الفرنسية``).

The module also holds the token view of a document and the name-token heuristics the title
patterns use (:meth:`Gazetteer.name_after`, :meth:`Gazetteer.name_before`).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from marsad.text.normalize import fold
from marsad.text.tokens import WORD_RE, clitics

# A "لل" prefix before a name whose article was dropped (ل + الأمم → للأمم).
_LL_PREFIXES = frozenset({"لل", "ولل", "فلل"})
# Name particles: part of a name, never its last token, not counted in its length.
PARTICLES = frozenset({"بن", "ابن", "بنت", "عبد", "ابو", "ابي", "ام", "ال", "ابا", "دي", "دو", "فون", "فان", "لا", "لو"})
MAX_NAME_TOKENS = 3
_STRIP_CONJ = ("و", "ف")
_DEFINITE = ("ال", "لل", "بال", "وال", "فال", "كال", "ولل", "وبال")


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """One title form: the roles it names (first is primary), the country it implies, if any."""

    form: str
    roles: tuple[str, ...]
    country: str | None
    scope: str  # "country" | "org"
    definite: bool


@dataclass(slots=True)
class Match:
    start: int          # normalized offsets of the matched key (after proclitics)
    end: int
    span_start: int     # start of the mention: includes the article when the text has it
    items: tuple        # payload items that survived the boundary checks
    prefix: str = ""
    used: bool = False  # consumed by a title phrase
    wend: int = -1      # end of the word (after an enclitic: نظيره, نظيرته)

    @property
    def length(self) -> int:
        return self.end - self.start

    kinds: frozenset = frozenset()

    def __post_init__(self) -> None:
        self.kinds = frozenset(it[0] for it in self.items)

    def kb_items(self) -> list[tuple[str, str]]:
        if "kb" not in self.kinds:
            return []
        return [(it[1], it[2]) for it in self.items if it[0] == "kb"]

    def first(self, kind: str):
        if kind in self.kinds:
            for it in self.items:
                if it[0] == kind:
                    return it
        return None

    def has(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass
class Lexicon:
    honorifics: frozenset[str]
    former: frozenset[str]
    locative: frozenset[str]
    counterpart: frozenset[str]
    org_anaphors: frozenset[str]
    non_actor_heads: frozenset[str]
    non_state_heads: frozenset[str]
    name_stop: frozenset[str]
    ambiguous_names: frozenset[str]
    alias_stop: frozenset[str]
    ta_names: frozenset[str]
    title_stop: frozenset[str]
    waw_names: frozenset[str]
    places: dict
    role_equivalents: dict[str, tuple[str, ...]]
    titles: list[dict] = field(default_factory=list)
    forces: dict[str, str] = field(default_factory=dict)  # folded head → "military" | "security" | "institution"
    standalone_forces: frozenset[str] = frozenset()
    org_adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # KB id → folded adjectives
    org_adjective_heads: frozenset[str] = frozenset()
    model_stop: frozenset[str] = frozenset()  # as written (not folded): على is not علي
    model_name_breaks: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()  # حزب, نقابة …: an organization named by what follows
    org_name_stop: frozenset[str] = frozenset()
    org_name_adjectives: frozenset[str] = frozenset()
    guarded_states: frozenset[str] = frozenset()  # مالي: a state only in a state context
    state_context_words: frozenset[str] = frozenset()
    speech_subject_stop: frozenset[str] = frozenset()
    name_heads: frozenset[str] = frozenset()  # مستشفى, جامعة, مطار: the head of a body's or place's name, never a first name


def _data(name: str) -> dict:
    return json.loads(resources.files("marsad.entities").joinpath(f"data/{name}").read_text("utf-8"))


def _fset(words) -> frozenset[str]:
    return frozenset(f for f in (fold(w) for w in words) if f)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = _data("lexicon.json")
    tit = _data("titles.json")
    return Lexicon(
        honorifics=_fset(lex["honorifics"]),
        former=_fset(lex["former"]),
        locative=_fset(lex["locative"]),
        counterpart=_fset(lex["counterpart"]),
        org_anaphors=_fset(lex["org_anaphors"]),
        non_actor_heads=_fset(lex["non_actor_heads"]),
        non_state_heads=_fset(lex.get("non_state_heads", ())),
        name_stop=_fset(lex["name_stop"]),
        ambiguous_names=_fset(lex.get("ambiguous_names", ())),
        alias_stop=_fset(lex.get("alias_stop", ())),
        ta_names=_fset(lex.get("ta_names", ())),
        title_stop=_fset(lex.get("title_stop", ())),
        waw_names=_fset(lex.get("waw_names", ())),
        places=lex.get("places", {}),
        role_equivalents={k: tuple(v) for k, v in tit.get("role_equivalents", {}).items()},
        titles=tit["titles"],
        forces=_forces(lex.get("forces", {})),
        standalone_forces=_fset(lex.get("forces", {}).get("standalone", ())),
        org_adjectives={k: tuple(_fset(v)) for k, v in lex.get("org_adjectives", {}).items()},
        org_adjective_heads=_fset(lex.get("org_adjective_heads", ())),
        model_stop=frozenset(lex.get("model_stop", ())),
        model_name_breaks=_fset(lex.get("model_name_breaks", ())),
        org_heads=_fset(lex.get("org_heads", ())),
        org_name_stop=_fset(lex.get("org_name_stop", ())),
        org_name_adjectives=_fset(lex.get("org_name_adjectives", ())),
        guarded_states=_fset(lex.get("guarded_states", ())),
        state_context_words=_fset(lex.get("state_context_words", ())),
        speech_subject_stop=_fset(lex.get("speech_subject_stop", ())),
        name_heads=_name_heads(_data("sectors.json")),
    )


def _name_heads(sectors: dict) -> frozenset[str]:
    """The one-word heads of named bodies, outlets and places in ``sectors.json`` (without the
    article): what a name after a title cannot start with (الأمير مستشفى …)."""
    words = [w for h in sectors["heads"] if h.get("role") in ("body", "outlet") for w in h["words"]]
    words += [w for kind in ("GPE", "LOC") for w in sectors["places"].get(kind, ())]
    return _fset(w for w in words if " " not in w and not w.startswith("ال"))


def _forces(spec: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in ("institution", "security", "military"):  # a head listed twice takes the later group
        for w in spec.get(group, ()):
            f = fold(w)
            if f:
                out[f] = group
    return out


def merged_titles(kb) -> list[dict]:
    """The KB's title vocabulary with this stage's extra forms merged in (by role)."""
    out: dict[str, dict] = {}
    for t in (kb.titles() if kb is not None else []) or []:
        out[t["role"]] = {**t, "titles_ar": list(t.get("titles_ar") or []), "short_ar": list(t.get("short_ar") or [])}
    for t in lexicon().titles:
        if t["role"] in out:
            have = out[t["role"]]
            have["titles_ar"] += [f for f in t.get("titles_ar", []) if f not in have["titles_ar"]]
            have["short_ar"] += [f for f in t.get("short_ar", []) if f not in have["short_ar"]]
        else:
            out[t["role"]] = dict(t)
    return list(out.values())


class Gazetteer:
    """The automaton and the per-process tables derived from the KB."""

    def __init__(self, kb):
        self.kb = kb
        lex = self.lex = lexicon()
        self.procl, self.encl = clitics()
        payload: dict[str, list] = {}

        def add(key: str, item: tuple) -> None:
            if len(key) < 2:
                return
            lst = payload.setdefault(key, [])
            if item not in lst:
                lst.append(item)
            # ل + ال → لل: also index the name without its article, usable only after لل.
            if key.startswith("ال") and len(key) > 4:
                lst2 = payload.setdefault(key[2:], [])
                it2 = item + ("LL",)
                if it2 not in lst2:
                    lst2.append(it2)

        # country adjectives (folded) → ISO3, for titles that embed one (المستشار الألماني)
        self.adjective_country: dict[str, str] = {}
        self.entry_kind: dict[str, str] = {}
        # places too minor for the automaton (see _keep_entry): folded name → place id, used only when
        # the NER model already reads those exact words as a name (بن قردان, بوجمبورا)
        self.minor_places: dict[str, str] = {}
        # states and capitals: the only places read after ل when their name starts with ل itself
        # (للبنان, للندن); for a lesser place a common noun with its article is the likelier (للحج)
        self.major: set[str] = set()
        if kb is not None:
            self.major = {eid for eid, e in kb.entries.items()
                          if eid.startswith("country:") or e.data.get("place_type") == "capital" or e.data.get("capital_of")}
            keep_entry: dict[str, bool] = {}
            for alias, eid, via in kb.aliases():
                ok = keep_entry.get(eid)
                if ok is None:
                    ok = keep_entry[eid] = _keep_entry(kb.entries.get(eid), lex.places)
                if alias in lex.guarded_states:
                    if ok and eid.startswith("country:"):
                        add(alias, ("guarded", eid, via))
                    continue
                if not ok and eid.startswith("place:") and via in ("name", "alias") and alias not in lex.alias_stop:
                    other = self.minor_places.setdefault(alias, eid)
                    if other != eid:
                        self.minor_places[alias] = ""  # two places of that name: neither
                if not ok or alias in lex.alias_stop:
                    continue
                if eid.startswith("person:") and " " not in alias and not _is_surname(kb.entries[eid], alias):
                    continue  # a given name alone (فرنسوا) is nobody in particular
                add(alias, ("kb", eid, via))
                if "(" in alias:  # ميانمار (بورما): the name before the bracket is the name in use
                    head = alias.split("(")[0].strip()
                    if len(head) >= 3 and head not in lex.alias_stop:
                        add(head, ("kb", eid, via))
                if via == "name" and eid.startswith("person:"):
                    sur = fold(kb.entries[eid].data.get("surname_ar") or "")
                    if sur and " " not in sur and len(sur) >= 4 and sur not in lex.alias_stop:
                        add(sur, ("kb", eid, "surname"))
                if via == "adjective" and alias.endswith("ي") and not alias.startswith("ال") and " " not in alias:
                    add(alias + "ا", ("kb", eid, via))  # accusative: إيرانيًا
                if via in ("adjective", "demonym"):
                    e = kb.entries.get(eid)
                    iso = _iso(e)
                    if iso:
                        self.adjective_country.setdefault(alias, iso)
            for eid, forms in lex.org_adjectives.items():
                if kb.entries.get(eid) is not None:
                    for f in forms:
                        add(f, ("kb", eid, "adjective"))
        # titles
        self.titles = merged_titles(kb)
        self.title_by_role: dict[str, dict] = {t["role"]: t for t in self.titles}
        self.short_roles: dict[str, list[str]] = {}
        form_roles: dict[str, list[str]] = {}
        form_meta: dict[str, dict] = {}
        for t in self.titles:
            for f in t.get("titles_ar") or ():
                k = fold(f)
                if not k or k in lex.honorifics or k in lex.title_stop:
                    continue
                form_roles.setdefault(k, [])
                if t["role"] not in form_roles[k]:
                    form_roles[k].append(t["role"])
                form_meta.setdefault(k, t)
            for f in t.get("short_ar") or ():
                k = fold(f)
                if k:
                    self.short_roles.setdefault(k, [])
                    if t["role"] not in self.short_roles[k]:
                        self.short_roles[k].append(t["role"])
        self.title_words = frozenset(k for k in form_roles if " " not in k and k not in lex.ambiguous_names)
        for k, roles in form_roles.items():
            meta = form_meta[k]
            country = meta.get("country") if meta.get("alias_of") else None
            if country is None:
                for tok in k.split()[1:]:
                    if tok in self.adjective_country:
                        country = self.adjective_country[tok]
                        break
            info = TitleInfo(k, tuple(roles), country, meta.get("scope") or "country", k.startswith("ال"))
            add(k, ("title", info))
        for w in lex.honorifics:
            add(w, ("honorific",))
        for w in lex.former:
            add(w, ("former",))
        for w in lex.org_anaphors:
            add(w, ("anaphor", w))
        for w, group in lex.forces.items():
            add(w, ("force", group))
        for w in lex.org_heads:
            add(w, ("orghead",))
            add("ال" + w, ("orghead",))
        auto = ahocorasick.Automaton()
        for key, items in payload.items():
            auto.add_word(key, (len(key), tuple(items)))
        auto.make_automaton()
        self.automaton = auto
        self.max_procl = max((len(p) for p in self.procl), default=0)

    # ---- matching ---------------------------------------------------------------------------

    def candidates(self, text: str) -> list[Match]:
        out: list[Match] = []
        n = len(text)
        procl, encl = self.procl, self.encl
        maxp = self.max_procl
        for last, (klen, items) in self.automaton.iter(text):
            end = last + 1
            start = end - klen
            prefix = ""
            if start > 0 and text[start - 1].isalnum():
                ws = start - 1
                while ws > 0 and text[ws - 1].isalnum() and start - ws <= maxp:
                    ws -= 1
                if ws > 0 and text[ws - 1].isalnum():
                    continue
                prefix = text[ws:start]
                if prefix not in procl:
                    continue
            plain = end >= n or not text[end].isalnum()
            we = end
            if not plain:
                while we < n and text[we].isalnum():
                    we += 1
                if text[end:we] not in encl:
                    continue
            lam_lam = prefix in ("ل", "ول", "فل") and text[start] == "ل"
            keep = []
            for it in items:
                if lam_lam and it[0] == "kb" and it[1].startswith("place:") and it[1] not in self.major:
                    continue  # للحج is ل + الحج (for the Hajj), not Lahij; للبنان, للندن are the names
                if it[-1] == "LL":
                    if prefix not in _LL_PREFIXES or not plain:
                        continue
                    keep.append(it[:-1])
                elif it[0] == "title" and not plain:
                    if "counterpart" in it[1].roles:  # نظيره, نظيرته: the only titles with a suffix
                        keep.append(it)
                elif plain:
                    keep.append(it)
            if not keep:
                continue
            span_start = start - 2 if prefix.endswith("ال") else start
            out.append(Match(start, end, span_start, tuple(keep), prefix, False, we))
        return out

    def find(self, text: str) -> list[Match]:
        """Accepted matches, sorted by start: longest first, titles beat names that cross them."""
        cands = self.candidates(text)
        if not cands:
            return []
        titles = [c for c in cands if c.has("title")]
        if titles:
            # owner[i]: the (longest) title covering character i
            owner: dict[int, Match] = {}
            for t in sorted(titles, key=lambda c: c.end - c.start):
                for i in range(t.start, t.end):
                    owner[i] = t
            keep = []
            for c in cands:
                if not c.has("title"):
                    t = owner.get(c.start)
                    if t is not None and t.start < c.start and t.end < c.end:
                        continue
                    t = owner.get(c.end - 1)
                    if t is not None and c.start < t.start and c.end < t.end:
                        continue
                keep.append(c)
            cands = keep
        # محمد بن سلمان بن عبدالعزيز: a person's name right after بن is the father's, inside the
        # chain of the person named before it, never a mention of its own
        cands = [c for c in cands if not (_after_patronymic(text, c.span_start)
                                          and any(x[0].startswith("person:") for x in c.kb_items()))]
        cands.sort(key=lambda c: (-(c.end - c.span_start), c.start))
        taken = bytearray(len(text) + 1)
        acc: list[Match] = []
        for c in cands:
            s, e = c.span_start, c.end
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            acc.append(c)
        acc.sort(key=lambda c: c.start)
        return acc

    # ---- name tokens ------------------------------------------------------------------------

    def bare_forms(self, word: str) -> list[str]:
        """The word, and the word without each proclitic sequence it may start with."""
        out = [word]
        for p in self.procl:
            if word.startswith(p) and len(word) - len(p) >= 2:
                rest = word[len(p):]
                out.append(rest)
                if p.endswith("لل"):
                    out.append("ال" + rest)
        return out

    def is_stop(self, tok: str) -> bool:
        stop = self.lex.name_stop
        if tok in stop or tok.isdigit() or len(tok) < 2 or not tok.isalpha():
            return True
        if tok in self.title_words or (tok.endswith("ا") and tok[:-1] in self.title_words):
            return True  # رئيسا, وزيرا
        if tok[0] in _STRIP_CONJ and tok[1:] in stop:
            return True
        return False


def _is_surname(e, alias: str) -> bool:
    last = fold(e.name_ar or "").split()[-1:]
    return alias in last or alias == fold(e.data.get("surname_ar") or "")


def _keep_entry(e, policy: dict) -> bool:
    """Is this KB entry worth matching? GeoNames places only when notable (see data/lexicon.json)."""
    if e is None:
        return False
    if not e.id.startswith("place:") or e.wikidata or not e.data.get("geonameid"):
        return True  # (a place added by hand was chosen on purpose: معان, الكرك)
    if e.data.get("place_type") in ("capital", "region", "admin1") or e.data.get("capital_of"):
        return True
    pop = e.data.get("population") or 0
    if pop >= policy.get("min_population", 1000000):
        return True
    return e.country in policy.get("region_countries", ()) and pop >= policy.get("region_min_population", 50000)


def _iso(e) -> str | None:
    if e is None:
        return None
    return e.data.get("iso3") or e.country


class TokenView:
    """The words of a normalized text, with look-ups from character offsets to tokens."""

    __slots__ = ("text", "tokens", "starts", "ends")

    def __init__(self, text: str):
        self.text = text
        self.tokens = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
        self.starts = [s for s, _ in self.tokens]
        self.ends = [e for _, e in self.tokens]

    def index_at(self, pos: int) -> int:
        """Index of the token that contains ``pos`` (or the last one before it)."""
        return bisect_right(self.starts, pos) - 1

    def first_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def word(self, i: int) -> str:
        s, e = self.tokens[i]
        return self.text[s:e]

    def gap_clean(self, a: int, b: int, allow_comma: bool = False) -> bool:
        """Only spaces (and a comma, if allowed) between offsets a and b."""
        g = self.text[a:b]
        if allow_comma:
            g = g.replace(",", "", 1)
        return not g.strip()


def _after_patronymic(text: str, pos: int) -> bool:
    """Does the word before normalized offset ``pos`` link a name to its father's (بن, ابن, بنت)?"""
    before = text[max(0, pos - 6):pos]
    if before and not before[-1].isspace():
        return False
    words = before.split()
    return bool(words) and words[-1] in ("بن", "ابن", "بنت") and before.endswith(" ")


def _name_like(w: str, first: bool, backward: bool = False, counted: int = 0, after_particle: bool = False) -> bool:
    """Cheap shape tests that throw out words a name cannot contain (no lexicon can list them all)."""
    n = len(w)
    if w[0] in "بل" and n >= 5 and w[1] in "تم":
        return False  # بتعيين, بتقديم, لمرفق, بمقدار: preposition + masdar / participle
    if first and n >= 5 and w.endswith("ات"):
        return False  # اتهامات, مخصصات: a plural noun, not a first name
    if first and w[0] == "و" and n >= 4 and w not in lexicon().waw_names:
        return False  # وتغير, وصاحب: a conjunction, not a name (وليد, وائل are listed)
    if first and w[0] == "ف" and n >= 5 and w[1] == "س" and w[2] in "يتنا":
        return False  # فسنذبح, فستكون: a future verb after فـ, not a name
    if first and w[0] == "ل" and n >= 5:
        return False  # لسكان: preposition + noun (ليلى, لطفي, لينا are shorter)
    if first and w[0] == "ب" and n >= 6:
        return False  # بأسماء
    if not first and w.startswith(("لل", "بال", "وال", "فال", "كال")):
        return False  # مستشفى الملك فهد | بالظهران, مجمع الملك فهد | للمكتبات
    if not first and w[0] in "لب" and n >= 6:
        return False  # بضرورة, لاستقبال
    if not first and w[0] == "و" and n >= 4 and not backward:
        return False  # ومخصصات: a conjunction starts a new phrase inside the run
    if backward and w[0] == "و" and n >= 4:
        return False
    if counted >= 2 and w.endswith("ه") and not after_particle and not w.startswith("ال"):
        return False  # بيير نكورونزيزا | أزمة
    return True


def name_after(gz: Gazetteer, tv: TokenView, pos: int, covered) -> tuple[int, int, list[str]] | None:
    """1–3 name tokens right after normalized offset ``pos`` (no punctuation between)."""
    i = tv.first_from(pos)
    prev_end = pos
    toks: list[tuple[int, int, str]] = []
    counted = 0
    while i < len(tv.tokens) and counted < MAX_NAME_TOKENS:
        s, e = tv.tokens[i]
        if not tv.gap_clean(prev_end, s) or covered(s, e):
            break
        w = tv.text[s:e]
        if gz.is_stop(w):
            break
        if not toks and (w.startswith(_DEFINITE) or w in ("بن", "ابن", "بنت") or w in gz.lex.name_heads):
            break  # للشؤون, بالعاصمة: a definite word never starts a name, nor does بن, nor مستشفى
        if w.startswith("ال") and w not in PARTICLES:
            # an al- word is a name only right after a particle (أبو الغيط) or as the second word
            # of a name (بشار الأسد, عبد الفتاح السيسي); else it is the next noun (الصحفيين)
            nisba_after_patronymic = w.endswith("ي") and any(t[2] in ("بن", "ابن", "بنت") for t in toks)
            if not toks or (toks[-1][2] not in PARTICLES and counted != 1 and not nisba_after_patronymic):
                break  # (سالم بن محمد الحارثي: a nisba family name after a patronymic)
        if not toks and w.endswith("ه") and w not in gz.lex.ta_names:
            break  # a masdar object (ضرورة, أهمية), not a first name
        if not _name_like(w, first=not toks, counted=counted, after_particle=bool(toks) and toks[-1][2] in PARTICLES):
            break
        if counted == 2 and w[-1] == "ت" and len(w) == 4 and not w.startswith("ال"):
            break  # ثابت جواس | باتت: a third word like a perfect verb (قالت, باتت) ends the name
        toks.append((s, e, w))
        if w not in PARTICLES:
            counted += 1
        prev_end = e
        i += 1
    while toks and toks[-1][2] in PARTICLES:
        toks.pop()
    if not toks:
        return None
    return toks[0][0], toks[-1][1], [t[2] for t in toks]


def name_before(gz: Gazetteer, tv: TokenView, pos: int, covered) -> tuple[int, int, list[str]] | None:
    """2–3 name tokens right before normalized offset ``pos`` (a comma may separate them), bounded on
    the left by the start of the text, punctuation or a stop word (``وقال جيك سوليفان، مستشار``)."""
    i = tv.first_from(pos) - 1
    nxt = pos
    toks: list[tuple[int, int, str]] = []
    first = True
    bounded = False
    while i >= 0:
        s, e = tv.tokens[i]
        if not tv.gap_clean(e, nxt, allow_comma=first):
            bounded = not first
            break
        w = tv.text[s:e]
        if gz.is_stop(w):
            bounded = True
            break
        if w in gz.lex.speech_subject_stop:
            return None  # مصدر مطلع رئيس الوفد: an anonymous source, not a name before a title
        if len(toks) == MAX_NAME_TOKENS or covered(s, e) or w.endswith("ه") or not _name_like(w, False, True):
            break
        toks.append((s, e, w))
        nxt = s
        first = False
        i -= 1
    else:
        bounded = True
    if not bounded:
        return None
    toks.reverse()
    while toks and (toks[0][2].startswith("ال") or toks[0][2] in PARTICLES):
        toks.pop(0)
    if len(toks) < 2 or toks[-1][2] in PARTICLES:
        return None
    return toks[0][0], toks[-1][1], [t[2] for t in toks]


@lru_cache(maxsize=1)
def _default_gazetteer():
    return Gazetteer(load_kb_safe())


def gazetteer(kb=None) -> Gazetteer:
    """The process-wide gazetteer over the default KB (or a new one over ``kb``)."""
    if kb is None:
        return _default_gazetteer()
    return Gazetteer(kb)


def load_kb_safe():
    """The default knowledge base, or None when the KB package cannot be loaded."""
    try:
        from marsad.kb import load_kb
    except ImportError:
        return None
    try:
        return load_kb()
    except (FileNotFoundError, OSError, ValueError):
        return None
