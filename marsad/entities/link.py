"""Linking: from a recognized mention to a knowledge-base entry or a document-local entity.

:class:`DocState` is the per-document entity table: every entity found so far (KB or local), its
mentions in normalized offsets, the roles seen or known (role keys of the title vocabulary and their
English titles) and a timeline of person mentions that coreference reads ("the last person with
role X before this point"). :class:`Linker` holds the per-process KB look-ups: which entry a
gazetteer hit stands for, who held a role for a state or an organization on the document date, and
whether an unknown name written after a title is that holder's name (exact token or phonetic key,
so that ``جوتيريس`` matches ``غوتيريش``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.entities.recognize import PARTICLES, Gazetteer, _iso
from marsad.text.normalize import fold

SCHEMA_KINDS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "EVENT", "MISC"}
_KIND_ALIASES = {"country": "GPE", "person": "PERSON", "org": "ORG", "organization": "ORG", "place": "GPE",
                 "city": "GPE", "region": "LOC", "facility": "FAC"}
VIA_MAP = {"name": "name", "alias": "alias", "adjective": "adjective", "demonym": "adjective", "capital": "capital",
           "surname": "alias"}
_VIA_RANK = {"name": 0, "alias": 1, "surname": 1, "capital": 2, "adjective": 3, "demonym": 3}
_KIND_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3, "FAC": 3, "NORP": 4}
LOOKBACK = 400  # mentions looked back over for an antecedent
_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f]")


def schema_kind(kind: str | None) -> str:
    if not kind:
        return "MISC"
    if kind in SCHEMA_KINDS:
        return kind
    return _KIND_ALIASES.get(kind.lower(), "MISC")


def clean_name(s: str) -> str:
    """Original text of a name without diacritics, tatweel and extra spaces (for local ids)."""
    return " ".join(_DIACRITICS_RE.sub("", s).split())


_PHON = str.maketrans({
    "غ": "G", "ج": "G", "ك": "G", "ق": "G", "ش": "S", "س": "S", "ص": "S", "ث": "S", "ت": "T", "ط": "T",
    "د": "D", "ض": "D", "ذ": "D", "ظ": "D", "ز": "Z", "ه": "H", "ح": "H", "خ": "H", "ا": "", "و": "", "ي": "",
    "ء": "", "ع": "", "ف": "F", "ب": "B", "پ": "B", "م": "M", "ن": "N", "ل": "L", "ر": "R",
})


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A consonant skeleton that merges the usual spellings of foreign names (غ/ج/ك, ش/س, ...)."""
    w = word[2:] if word.startswith("ال") and len(word) > 4 else word
    return w.translate(_PHON)


@dataclass
class EntityAcc:
    key: str
    kind: str
    name_ar: str
    name_en: str | None = None
    entry: object | None = None          # KBEntry or None
    country: str | None = None
    org: str | None = None
    roles: list[str] = field(default_factory=list)       # English titles, in order seen
    role_keys: list[str] = field(default_factory=list)   # role keys, last seen last
    mentions: list[tuple[int, int, str, str | None]] = field(default_factory=list)  # (s, e, via, title_of)
    name_tokens: tuple[str, ...] = ()
    name_span: tuple[int, int] | None = None  # normalized span a local entity is named after
    name_fixed: bool = False                   # a local entity whose name_ar is its name as written
    first_pos: int = 1 << 62                   # start of the first mention

    def add_role(self, role: str, title_en: str | None) -> None:
        if role and role != "counterpart":
            if role in self.role_keys:
                self.role_keys.remove(role)
            self.role_keys.append(role)
        if title_en and title_en not in self.roles:
            self.roles.append(title_en)


class DocState:
    """Entities of one document while the stage runs (normalized offsets)."""

    def __init__(self, text: str, dct: str | None):
        self.text = text
        self.dct = dct
        self.entities: dict[str, EntityAcc] = {}
        self.timeline: list[tuple[int, str]] = []   # (start, key) of person and org mentions, sorted
        self.person_end: dict[int, str | None] = {}  # end offset of a mention → person key (or None)
        self.mask = bytearray(len(text) + 1)
        # mentions that name a state only to describe a thing (الأراضي اليمنية, الأزمة الأوكرانية):
        # the state is mentioned, but no actor stands there
        self.descriptive: set[tuple[int, int]] = set()

    def covered(self, s: int, e: int) -> bool:
        return any(self.mask[s:e])

    def get_or_add(self, key: str, **kw) -> EntityAcc:
        acc = self.entities.get(key)
        if acc is None:
            acc = self.entities[key] = EntityAcc(key=key, **kw)
        return acc

    def mentioned_before(self, key: str, pos: int) -> bool:
        acc = self.entities.get(key)
        return bool(acc and acc.first_pos < pos)

    def add_mention(self, acc: EntityAcc, s: int, e: int, via: str, title_of: str | None = None) -> None:
        if e <= s or self.covered(s, e):
            return
        acc.mentions.append((s, e, via, title_of))
        acc.first_pos = min(acc.first_pos, s)
        self.mask[s:e] = b"\x01" * (e - s)
        self.person_end[e] = acc.key if acc.kind == "PERSON" else None
        if acc.kind in ("PERSON", "ORG"):
            insort(self.timeline, (s, acc.key))

    def last_mentioned(self, pos: int, kind: str, pred) -> EntityAcc | None:
        """The last entity of ``kind`` mentioned before ``pos`` that satisfies ``pred`` (looking back
        over a bounded window of mentions, so that a huge document stays linear)."""
        i = bisect_left(self.timeline, (pos, ""))
        seen: set[str] = set()
        for k in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
            key = self.timeline[k][1]
            if key in seen:
                continue
            seen.add(key)
            acc = self.entities[key]
            if acc.kind == kind and pred(acc):
                return acc
        return None

    def last_person(self, pos: int, pred) -> EntityAcc | None:
        return self.last_mentioned(pos, "PERSON", pred)


class Linker:
    def __init__(self, kb, gz: Gazetteer):
        self.kb = kb
        self.gz = gz
        self.equiv = gz.lex.role_equivalents

    # ---- KB entries -------------------------------------------------------------------------

    def entry(self, eid: str):
        return self.kb.entries.get(eid) if self.kb is not None else None

    def kind_of(self, e) -> str:
        k = schema_kind(getattr(e, "kind", None))
        if k == "GPE" and e.id.startswith("place:"):
            t = (e.data.get("place_type") or e.data.get("type") or "").lower()
            if t in ("region", "sea", "river", "mountain", "desert", "continent", "lake", "gulf", "island"):
                return "LOC"
        return k

    def acc_for_entry(self, state: DocState, e) -> EntityAcc:
        key = e.id
        acc = state.entities.get(key)
        if acc is None:
            kind = self.kind_of(e)
            country = e.data.get("iso3") if kind == "GPE" and e.id.startswith("country:") else e.country
            if kind == "ORG" and not country:
                country = e.data.get("code")
            name_ar = e.name_ar or (e.aliases_ar[0] if e.aliases_ar else e.name_en or e.id)
            acc = state.get_or_add(key, kind=kind, name_ar=name_ar, name_en=e.name_en, entry=e, country=country,
                                   name_tokens=tuple(fold(name_ar).split()))
            if kind == "PERSON":
                for r in self.active_roles(e, state.dct):
                    acc.add_role(r.role, r.title_en or self.title_en(r.role, r.country))
                    if not acc.country and r.country:
                        acc.country = r.country
                    if r.org and not acc.org:
                        acc.org = r.org
        return acc

    def active_roles(self, e, dct: str | None) -> list:
        roles = list(getattr(e, "roles", None) or ())
        if dct is None:
            roles.sort(key=lambda r: r.start or "", reverse=True)
            return roles[:1]
        return [r for r in roles if r.active_on(dct)]

    def choose(self, items: list[tuple[str, str]], state: DocState, pos: int):
        """The best (entry, via) among a hit's KB items."""
        best = None
        best_score = None
        for eid, via in items:
            e = self.entry(eid)
            if e is None:
                continue
            kind = self.kind_of(e)
            score = (
                0 if state.mentioned_before(e.id, pos) else 1,
                _VIA_RANK.get(via, 5),
                0 if kind != "PERSON" or self.active_roles(e, state.dct) else 1,
                _KIND_RANK.get(kind, 5),
                0 if e.id.startswith("country:") else 1,
                -(e.data.get("population") or 0),
            )
            if best_score is None or score < best_score:
                best, best_score = (e, via), score
        return best

    # ---- roles ------------------------------------------------------------------------------

    def title_en(self, role: str, country: str | None) -> str:
        t = self.gz.title_by_role.get(role)
        if not t:
            return role.replace("_", " ").title()
        by = t.get("title_en_by_country") or {}
        return by.get(country or "", t.get("title_en") or role.replace("_", " ").title())

    def expand_roles(self, roles) -> list[str]:
        out: list[str] = []
        for r in roles:
            for x in (r, *self.equiv.get(r, ())):
                if x not in out:
                    out.append(x)
            alias_of = (self.gz.title_by_role.get(r) or {}).get("alias_of")
            if alias_of and alias_of not in out:
                out.append(alias_of)
        return out

    def holders_anywhere(self, roles, dct: str | None) -> list:
        """KB people holding one of ``roles`` for any state on ``dct`` (الملك سلمان: the title names
        no state, the name says which king)."""
        if self.kb is None:
            return []
        out = []
        for role in roles:  # (the title's own role only: الأمير is no king)
            for h in self.kb.holders(role, None, dct):
                if h not in out:
                    out.append(h)
        return out

    def holders(self, roles, codes, dct: str | None) -> list:
        """KB people holding one of ``roles`` for one of ``codes`` (ISO3, IGO code, org id) on ``dct``;
        the latest holder first."""
        if self.kb is None:
            return []
        out = []
        for role in self.expand_roles(roles):
            for code in codes:
                if not code:
                    continue
                try:
                    hs = self.kb.holders(role, code, dct)
                except TypeError:
                    hs = self.kb.holders(role, code)
                for h in hs:
                    if h not in out:
                        out.append(h)
            if out:
                break

        def latest(e):
            starts = [r.start or "" for r in e.roles if r.role in roles or r.role in self.expand_roles(roles)]
            return max(starts) if starts else ""

        out.sort(key=latest, reverse=True)
        return out

    def org_codes(self, e) -> list[str]:
        if e is None:
            return []
        codes = [e.id, e.public_id, e.data.get("code"), e.data.get("acronym"), e.country]
        return [c for c in codes if c]

    @staticmethod
    def name_matches(e, tokens: list[str]) -> bool:
        """Do the name tokens written in the text name KB person ``e``?"""
        names = [e.name_ar or "", *(e.aliases_ar or ())]
        if e.data.get("surname_ar"):
            names.append(e.data["surname_ar"])
        ktoks: set[str] = set()
        for n in names:
            ktoks.update(t for t in fold(n).split() if t not in PARTICLES and len(t) >= 3)
        if not ktoks:
            return False
        toks = [t for t in tokens if t not in PARTICLES and len(t) >= 3]
        if not toks:
            return False
        if toks[-1] in ktoks or sum(t in ktoks for t in toks) >= 2:
            return True
        # phonetic match on the last token (surname), or the whole name written as one word
        kp = {phonetic(t) for t in ktoks}
        last = phonetic(toks[-1])
        if len(last) >= 3 and last in kp:
            return True
        joined = phonetic("".join(toks))
        return len(joined) >= 4 and any(phonetic("".join(fold(n).split())) == joined for n in names)


def country_of_entry(e) -> str | None:
    return _iso(e)
