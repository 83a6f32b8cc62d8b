"""People the knowledge base and the statistical model miss, found by the shape of an Arabic name.

A given name (``data/given_names.json``) followed by the rest of a name: more given names, بن / بنت /
أبو / آل / عبد, and family names (a definite word such as الحازمي, الملحم). Two words at least. A given
name that is also a common word (حسن, أمين) starts a name only after an honorific or a title, in a
patronymic (بن), or with three words. The name must end at a break, a complementizer, a title or a
verb-like word, or end with a nisba surname (الحارثي), so that ``محمد الأمين العام`` is not read past
its name. Later, the family name alone is the same person (وأضاف الحازمي). A preposition written like
a name (على / علي, by its original spelling) is no name.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from marsad.doc import Doc
from marsad.schema import Entity, Mention
from marsad.text.normalize import fold
from marsad.text.tokens import WORD_RE

CONNECTORS = frozenset({"بن", "ابن", "بنت", "ابو", "ال", "ام"})
MAX_WORDS = 6


@lru_cache(maxsize=1)
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, given names that are also common words), folded."""
    d = json.loads(resources.files("marsad.entities").joinpath("data/given_names.json").read_text("utf-8"))
    return frozenset(fold(w) for w in d["given"]), frozenset(fold(w) for w in d["ambiguous"])


@lru_cache(maxsize=1)
def _stops() -> tuple[frozenset[str], frozenset[str]]:
    """Words that are no part of a name, and words that announce one (honorifics, title heads)."""
    from marsad.entities.actors import _title_words, lex
    from marsad.entities.recognize import lexicon as entity_lexicon

    el = entity_lexicon()
    lx = lex()
    stop = set(el.name_stop) | set(lx.stop) | set(lx.qualifiers) | {fold(w) for w in el.model_name_breaks}
    stop |= {"ال" + h for h in lx.heads} | set(lx.heads)
    return frozenset(stop), _title_words()


def _strip(w: str) -> str:
    return w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w


def find_people(doc: Doc) -> list[Entity]:
    """New people (``L:PERSON:<name>``) with their mentions; tokens already named are left alone."""
    norm = doc.norm
    text = norm.text
    given, ambiguous = given_names()
    stop, announce = _stops()
    covered = bytearray(len(text) + 1)
    for e in doc.entities:
        for m in e.mentions:
            a, b = norm.to_normalized(m.start), norm.to_normalized(m.end)
            covered[a:b] = b"\x01" * max(0, b - a)
    toks = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    people: dict[str, list[tuple[int, int]]] = {}
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        first = _strip(w)
        if any(covered[s:e]) or first not in given or not _spelled_as_name(norm, s, e):
            i += 1
            continue
        parts = [first]
        j = i + 1
        while j < len(toks) and len(parts) < MAX_WORDS:
            s2, e2, w2 = toks[j]
            if text[toks[j - 1][1]:s2].strip() or any(covered[s2:e2]):
                break
            if w2 in announce or fold(w2) in announce:
                break  # (أمين الأحساء المهندس عادل: an honorific starts another name)
            if w2 in CONNECTORS or (w2 in given and w2 not in stop) or (w2.startswith("ال") and len(w2) >= 4
                                                                         and w2 not in stop):
                parts.append(w2)
                j += 1
                continue
            break
        while parts and parts[-1] in CONNECTORS:
            parts.pop()
            j -= 1
        if len(parts) < 2:
            i += 1
            continue
        before = toks[i - 1][2] if i > 0 and not text[toks[i - 1][1]:s].strip() else None
        announced = before is not None and (before in announce or fold(before) in announce)
        nisba = parts[-1].endswith("ي") and parts[-1].startswith("ال")
        patronymic = any(p in ("بن", "ابن", "بنت") for p in parts)
        ends = j >= len(toks) or text[toks[j - 1][1]:toks[j][0]].strip() != "" or toks[j][2] in stop \
            or toks[j][2] in announce
        strong = announced or patronymic
        if (first in ambiguous and not strong) or not (ends or nisba or strong or len(parts) >= 3):
            i += 1
            continue
        a, b = toks[i][0] + (len(w) - len(first)), toks[j - 1][1]
        name = " ".join(text[a:b].split())
        people.setdefault(name, []).append((a, b))
        covered[a:b] = b"\x01" * (b - a)
        i = j
    # the family name alone, later: وأضاف الحازمي (one pass over the words, all names at once)
    by_last: dict[str, tuple[str, int]] = {}
    for name, spans in people.items():
        last = name.split()[-1]
        if last.startswith("ال") and len(last) >= 5 and last not in by_last:
            by_last[last] = (name, spans[0][1])
    if by_last:
        for s, e, w in toks:
            hit = by_last.get(_strip(w))
            if hit is not None and s >= hit[1] and not any(covered[s:e]):
                a = s + (len(w) - len(_strip(w)))
                people[hit[0]].append((a, e))
                covered[a:e] = b"\x01" * (e - a)
    out = []
    for name, spans in people.items():
        ms = []
        for a, b in sorted(spans):
            os_, oe = norm.to_original(a, b)
            ms.append(Mention(start=os_, end=oe, text=doc.text[os_:oe], via="name" if b - a > len(name.split()[-1]) else "alias"))
        out.append(Entity(id=f"L:PERSON:{name}", kind="PERSON", name_ar=doc.text[ms[0].start:ms[0].end], mentions=ms,
                          sector=None))
    return out


def _spelled_as_name(norm, s: int, e: int) -> bool:
    """علي the name, not على the preposition (the normalizer writes both علي)."""
    os_, oe = norm.to_original(s, e)
    return not norm.original[os_:oe].endswith("ى")
