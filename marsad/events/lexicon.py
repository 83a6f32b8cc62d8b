"""The event lexicons (``data/*.json``) loaded once, folded, and indexed for token lookup."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.events import morph
from marsad.text.normalize import fold


def _load(name: str) -> dict:
    return json.loads(resources.files("marsad.events").joinpath(f"data/{name}").read_text("utf-8"))


@dataclass(frozen=True)
class Group:
    type: str
    mode: str | None
    cameo: str | None
    targets: frozenset[str]
    needs_light: bool | frozenset = False  # True: any light verb; a set: only these verb forms
    adjacent_targets: bool = False  # the target stands right after the preposition (REQUEST)
    traveller: bool = False  # a visit only when a person or a delegation goes to a named place


@dataclass(frozen=True)
class Hit:
    group: int
    kind: str  # verb | noun | phrase | light
    tense: str  # past | present | passive | participle | noun
    proclitic: str
    enclitic: str
    length: int = 1  # tokens covered (phrases)


@lru_cache(maxsize=100_000)
def _key(word: str) -> str:
    """Comparison key for phrase words: without leading conjunction/preposition/article, final alif."""
    w = word
    for p in ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p):]
            break
    else:
        for p in ("و", "ف", "ب", "ل"):
            if w.startswith(p) and len(w) >= 4:
                w = w[1:]
                break
    if len(w) > 3 and w.endswith("ا"):
        w = w[:-1]
    return w


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(_key(w) for w in fold(phrase).split())


@dataclass
class Lexicon:
    groups: list[Group]
    verb_forms: dict[str, list[tuple[int, str]]]
    noun_forms: dict[str, list[tuple[int, bool]]]
    light_forms: dict[str, tuple]  # form -> (tense, passive, swap (True | "always"), turns)
    phrases: dict[str, list[tuple[tuple[str, ...], int]]]  # first key -> [(keys, group)]
    modifiers: dict[str, dict[str, str]]
    exclude: dict[str, list[tuple[str, ...]]]
    grammar: dict
    status: dict
    cameo: dict
    not_triggers: frozenset = frozenset()
    weak: frozenset = frozenset()
    patient_nouns: frozenset = frozenset()  # استهداف, اغتيال …: the genitive after them is the target
    abstract_nouns: frozenset = frozenset()  # الدعم اللازم: with nothing of its own, no event
    sense_cues: dict = field(default_factory=dict)  # تحقيق: an investigation only before في, مع …
    no_object: frozenset = frozenset()  # forms of Form VI verbs (تعاون, تشاور): no object pronoun
    other_senses: tuple = ()  # جولة (دوار), أيد أمينة, تمنح أولوية: a trigger word in its other sense
    _cache: dict = field(default_factory=dict)
    _light_cache: dict = field(default_factory=dict)

    def lookup(self, token: str, ta_marbuta: bool = False) -> list[Hit]:
        """Single-token trigger readings of a folded token (verbs and nouns). ``ta_marbuta``: the
        word is written with ة, which folding merges with the pronoun ه (طلبة is no طلبه, تهنئة no
        تهنيه): no reading with that pronoun."""
        key = token + "\x00" if ta_marbuta else token
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out: list[Hit] = []
        nt = self.not_triggers
        if token in nt or (token[:1] in "وف" and token[1:] in nt):  # (والاتصالات, ووزارتا)
            self._cache[token] = out
            return out
        seen: set[tuple[int, str]] = set()
        for p, core, e in morph.splits(token, morph.VERB_PROCLITICS, morph.VERB_ENCLITICS):
            if ta_marbuta and e == "ه":
                continue
            future_or_purpose = "س" in p or "ل" in p
            for g, tense in self.verb_forms.get(core, ()):
                if future_or_purpose and tense != "present":
                    continue  # لـ and سـ stand only before the present: لدعم is a noun
                if e and core in self.no_object:
                    continue  # تعاون takes no object: وتعاونه is "and his cooperation"
                if (g, "verb") not in seen:
                    seen.add((g, "verb"))
                    out.append(Hit(g, "verb", tense, p, e))
        for p, core, e in morph.splits(token, morph.NOUN_PROCLITICS, morph.NOUN_ENCLITICS):
            if e and p.endswith("ال") or ta_marbuta and e == "ه":
                continue
            if e == "ي" and not core.endswith("ت"):
                continue  # اجتماعي, تعاوني: a nisba adjective ("social"), not "my meeting" (زيارتي is)
            for g, needs_enclitic in self.noun_forms.get(core, ()):
                if needs_enclitic and not e:
                    continue
                if (g, "verb") in seen or (g, "noun") in seen:
                    continue
                seen.add((g, "noun"))
                out.append(Hit(g, "noun", "noun", p, e))
        if len(self._cache) < 200_000:
            self._cache[key] = out
        return out

    def light(self, token: str) -> tuple | None:
        """(tense, passive, swap, proclitic, turns, core) when ``token`` is a light verb."""
        hit = self._light_cache.get(token, 0)
        if hit != 0:
            return hit
        out = None
        for p, core, _e in morph.splits(token, morph.VERB_PROCLITICS, ("", "ه", "ها", "هم")):
            v = self.light_forms.get(core)
            if v:
                out = (v[0], v[1], v[2], p, v[3], core)
                break
        if len(self._light_cache) < 200_000:
            self._light_cache[token] = out
        return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    trig = _load("triggers.json")
    gram = _load("grammar.json")
    status = _load("status.json")
    cameo = _load("cameo.json")
    groups: list[Group] = []
    verb_forms: dict[str, list[tuple[int, str]]] = {}
    noun_forms: dict[str, list[tuple[int, bool]]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    no_object: set[str] = set()
    for gi, g in enumerate(trig["groups"]):
        nl = g.get("needs_light", False)
        if isinstance(nl, list):
            nl = frozenset(f for spec in nl for f in morph.verb_forms(spec))
        groups.append(Group(g["type"], g.get("mode"), g.get("cameo"),
                            frozenset(fold(t) for t in g.get("targets", [])), nl, bool(g.get("adjacent_targets")),
                            bool(g.get("traveller"))))
        for spec in g.get("verbs", []):
            forms = morph.verb_forms(spec)
            for form, tense in forms.items():
                verb_forms.setdefault(form, []).append((gi, tense))
            past = fold(spec.split("/")[0])
            if len(past) == 5 and past[0] == "ت" and past[2] == "ا":  # Form VI تفاعل: intransitive
                no_object.update(forms)
        for w in g.get("participles", []):
            verb_forms.setdefault(fold(w), []).append((gi, "participle"))
        for spec in g.get("nouns", []):
            if " " in spec.strip():
                keys = phrase_keys(spec)
                phrases.setdefault(keys[0], []).append((keys, gi))
                continue
            for form, enc in morph.noun_forms(spec).items():
                noun_forms.setdefault(form, []).append((gi, enc))
        for spec in g.get("phrases", []):
            keys = phrase_keys(spec)
            phrases.setdefault(keys[0], []).append((keys, gi))
    for lst in phrases.values():
        lst.sort(key=lambda kg: -len(kg[0]))
    light_forms: dict[str, tuple] = {}
    for lv in gram["light_verbs"]:
        turns = lv.get("turns") or {}
        for form, tense in morph.verb_forms(lv["verb"]).items():
            swap = lv.get("swap") or False
            light_forms.setdefault(form, (tense, bool(lv.get("passive")), swap if swap == "always" else bool(swap), turns))
    exclude: dict[str, list[tuple[str, ...]]] = {}
    for ph in gram["exclude"]:
        keys = phrase_keys(ph)
        exclude.setdefault(keys[0], []).append(keys)
    modifiers = {t: {fold(k): v for k, v in m.items()} for t, m in trig.get("modifiers", {}).items()}
    grammar = {
        "prepositions": frozenset(fold(w) for w in gram["prepositions"]),
        "proclitic_preps": tuple(sorted((fold(w) for w in gram["proclitic_preps"]), key=len, reverse=True)),
        "conjunctions": frozenset(fold(w) for w in gram["conjunctions"]),
        "agent_markers": [tuple(fold(m).split()) for m in gram["agent_markers"]],
        "clause_breaks": frozenset(fold(w) for w in gram["clause_breaks"] if " " not in w),
        "clause_break_pairs": frozenset(tuple(fold(w).split()) for w in gram["clause_breaks"] if " " in w),
        "break_chars": frozenset(gram["break_chars"]) | {"،", "؛"},
        "titles": frozenset(fold(w) for w in gram["titles"]),
        "reference_preps": frozenset(fold(w) for w in gram.get("reference_preps", [])),
        "place_titles": frozenset(fold(w) for w in gram.get("place_titles", [])),
        "honorifics": frozenset(fold(w) for w in gram.get("honorifics", [])),
        "demonstratives": frozenset(fold(w) for w in gram.get("demonstratives", [])),
        "hamza_homographs": frozenset(fold(w) for w in gram.get("hamza_homographs", [])),
        "institution_heads": frozenset(fold(w) for w in gram.get("institution_heads", [])),
        "partitive_nouns": frozenset(fold(w) for w in gram.get("partitive_nouns", [])),
        "quantity_nouns": frozenset(fold(w) for w in gram.get("quantity_nouns", [])),
        "aside_openers": frozenset(fold(w) for w in gram.get("aside_openers", [])),
        "divine_names": frozenset(fold(w) for w in gram.get("divine_names", [])),
        "divine_compounds": frozenset(fold(w) for w in gram.get("divine_compounds", [])),
        "patron_words": frozenset(fold(w) for w in gram.get("patron_words", [])),
        "followers": frozenset(fold(w) for w in gram.get("followers", [])),
        "agent_heads": frozenset(fold(w) for w in gram.get("agent_heads", [])),
        "affiliation_words": frozenset(fold(w) for w in gram.get("affiliation_words", [])),
        "title_adjectives": frozenset(fold(w) for w in gram.get("title_adjectives", [])),
        "intransitive_light": frozenset(f for lv in gram["light_verbs"] if lv.get("intransitive")
                                        for f in morph.verb_forms(lv["verb"])),
        "inchoative_light": frozenset(f for lv in gram["light_verbs"] if lv.get("inchoative")
                                      for f in morph.verb_forms(lv["verb"])),
    }
    st = {}
    for name, spec in status.items():
        if name.startswith("_"):
            continue
        st[name] = {
            k: ([tuple(fold(c).split()) for c in v] if isinstance(v, list) and k != "embedding_types" else v)
            for k, v in spec.items()
        }
    weak = frozenset(f for spec in gram.get("weak_verbs", []) for f in morph.verb_forms(spec))
    patient = frozenset(f for spec in trig.get("patient_nouns", []) for f in morph.noun_forms(spec))
    return Lexicon(groups, verb_forms, noun_forms, light_forms, phrases, modifiers, exclude, grammar, st, cameo,
                   frozenset(fold(w) for w in gram.get("not_triggers", [])), weak, patient,
                   frozenset(f for spec in trig.get("abstract_nouns", []) for f in _singular(spec)),
                   {f: frozenset(fold(w) for w in cues) for spec, cues in trig.get("sense_cues", {}).items()
                    for f in _singular(spec)},
                   frozenset(no_object), _other_senses(trig.get("other_senses", [])))


def _other_senses(specs) -> tuple:
    """Fold the word lists of the other-sense rules (see triggers.json, _about_other_senses)."""
    out = []
    for spec in specs:
        r = {k: (frozenset(fold(w) for w in v) if isinstance(v, list) else v) for k, v in spec.items()
             if not k.startswith("_")}
        for k in ("words", "prev", "next", "near"):  # compared without clitics (الفطر → فطر)
            if k in r:
                r[k] = r[k] | {_key(w) for w in r[k]}
        out.append(r)
    return tuple(out)


def _singular(spec: str) -> tuple[str, ...]:
    """The singular forms of a noun: as written, accusative (دعما), construct (مساعدته → مساعدت)."""
    base = fold(spec)
    return (base, base + "ا", base[:-1] + "ت") if base.endswith("ه") else (base, base + "ا")
