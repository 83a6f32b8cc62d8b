"""Coreference inside one document.

Runs after recognition has found every named mention (so the timeline of people is complete):

- **surname alone** (``لودريان`` after ``جان إيف لودريان``): a word equal to the last name token of a
  person already mentioned (with proclitics allowed: ``ولودريان``), or its phonetic key;
- **title alone** (``الوزير``, ``الأمين العام``, ``وزير الخارجية``): the last person mentioned before
  it who holds one of the roles of that short form;
- **title + state** without a name (``الرئيس الفرنسي``): the earlier person with that role and
  country, else the KB holder on the document date (else any holder, latest first), else a
  document-local person carrying the role and country;
- **counterpart** (``نظيره التركي``, ``نظيرته الألمانية``): the holder of the antecedent's role in
  that state on the document date, else a document-local person with that role and country;
- **organization nouns** (``المنظمة``, ``الحلف``, ``الوكالة``): the last organization whose Arabic
  name (or an alias) starts with that noun.

Mentions found here carry via ``coreference`` (``title`` when a title phrase names a KB holder
first mentioned there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from marsad.entities.link import DocState, EntityAcc, Linker, clean_name, phonetic
from marsad.entities.recognize import PARTICLES, Gazetteer, TitleInfo, TokenView
from marsad.text.normalize import fold


@dataclass
class Pending:
    kind: str                  # "title" | "counterpart" | "anaphor"
    start: int
    end: int
    info: TitleInfo | None = None
    country: str | None = None
    org: object | None = None  # KBEntry of the organization named in the title phrase
    former: bool = False
    head: str | None = None
    after: Callable[[str | None], None] | None = None  # adds the mentions named inside the phrase
    full_end: int | None = None  # end of the whole title phrase (a local person is named after it)


def surname_pass(state: DocState, tv: TokenView, gz: Gazetteer) -> None:
    """Mentions of a person by surname alone, after the person's first full mention."""
    index: dict[tuple[str, ...], list[tuple[int, EntityAcc]]] = {}
    phon: dict[str, list[tuple[int, EntityAcc]]] = {}
    for acc in state.entities.values():
        if acc.kind != "PERSON":
            continue
        named = [m[1] for m in acc.mentions if m[2] != "coreference"]
        if not named:
            continue
        first_end = min(named)
        forms: set[tuple[str, ...]] = set()
        toks = [t for t in acc.name_tokens if t not in PARTICLES]
        # a local name of three words or more may have swallowed the next word (ثابت جواس باتت):
        # its last word is a surname only when it looks like one (الأسد)
        if len(toks) == 2 or (len(toks) > 2 and (acc.entry is not None or toks[-1].startswith("ال"))):
            forms.add((toks[-1],))
        if len(acc.name_tokens) >= 3:
            forms.add(tuple(acc.name_tokens[-2:]))  # داود أوغلو, أبو الغيط
        e = acc.entry
        if e is not None:
            if e.data.get("surname_ar"):
                forms.add(tuple(fold(e.data["surname_ar"]).split()))
            for a in e.aliases_ar or ():
                fa = tuple(fold(a).split())
                if len(fa) == 1:
                    forms.add(fa)
        for f in forms:
            if not f or f[-1] in PARTICLES or (len(f) == 1 and (len(f[0]) < 3 or f[0] in gz.lex.name_stop)):
                continue
            index.setdefault(f, []).append((first_end, acc))
            if len(f) == 1:
                p = phonetic(f[0])
                if len(p) >= 4:
                    phon.setdefault(p, []).append((first_end, acc))
    if not index:
        return
    procl = gz.procl
    maxp = gz.max_procl
    toks = tv.tokens
    text = tv.text
    mask = state.mask
    ends = {f[0][-3:] for f in index}
    phon_ends = {p[-2:] for p in phon}
    for i, (s, e) in enumerate(toks):
        if mask[s] or mask[e - 1]:
            continue
        w = text[s:e]
        if w[-3:] not in ends and (len(w) < 4 or phonetic(w)[-2:] not in phon_ends):
            continue  # cannot end like any known surname: most words stop here
        cands = [(0, w)]
        for k in range(1, min(maxp, len(w) - 3) + 1):
            p = w[:k]
            if p in procl:
                rest = w[k:]
                cands.append((k, rest))
                if p.endswith("لل"):
                    cands.append((k, "ال" + rest))
        nxt = None
        if i + 1 < len(toks) and tv.gap_clean(e, toks[i + 1][0]) and not state.covered(*toks[i + 1]):
            nxt = toks[i + 1]
        for off, core in cands:
            end = e
            hits = None
            if nxt is not None:
                hits = index.get((core, text[nxt[0]:nxt[1]]))
                if hits:
                    end = nxt[1]
            if not hits:
                hits = index.get((core,))
            if not hits and phon and len(core) >= 4 and not core.startswith("ال"):
                ph = phonetic(core)
                hits = phon.get(ph) if len(ph) >= 4 else None
            if not hits:
                continue
            hits = [h for h in hits if h[0] <= s]
            if not hits:
                continue
            if len(hits) == 1:
                acc = hits[0][1]
            else:  # several people share the surname: the one mentioned last before this word
                keys = {h[1].key for h in hits}
                acc = state.last_person(s, lambda a, keys=keys: a.key in keys) or hits[-1][1]
            state.add_mention(acc, s + off, end, "coreference")
            break


def resolve_pending(pending: list[Pending], state: DocState, linker: Linker, gz: Gazetteer) -> None:
    for p in sorted(pending, key=lambda p: p.start):
        acc = None
        if not state.covered(p.start, p.end):
            if p.kind == "anaphor":
                acc = _org_anaphor(p, state)
            elif p.kind == "counterpart":
                acc = _counterpart(p, state, linker)
            else:
                acc = _title_only(p, state, linker, gz)
        if p.after is not None:
            p.after(acc.key if acc is not None else None)


def _org_anaphor(p: Pending, state: DocState) -> EntityAcc | None:
    head = p.head or ""
    bare = head[2:] if head.startswith("ال") else head

    def starts_with_head(acc: EntityAcc) -> bool:
        names = [acc.name_ar]
        if acc.entry is not None:
            names += list(acc.entry.aliases_ar or ())
        for n in names:
            first = fold(n).split()[:1]
            if first and first[0] in (head, bare):
                return True
        return False

    best = state.last_mentioned(p.start, "ORG", starts_with_head)
    if best is not None:
        # (هواوي … آبل … الشركة: the company the article is about, named twice as often, over the
        # one named last in passing)
        def before(acc: EntityAcc) -> int:
            return sum(1 for m in acc.mentions if m[0] < p.start)

        rivals = [a for a in state.entities.values() if a.kind == "ORG" and a is not best and starts_with_head(a)]
        top = max(rivals, key=before, default=None)
        if top is not None and before(top) >= 2 * max(1, before(best)):
            best = top
        state.add_mention(best, p.start, p.end, "coreference")
    return best


def _counterpart(p: Pending, state: DocState, linker: Linker) -> EntityAcc | None:
    country = p.country
    ante = state.last_person(
        p.start, lambda a: bool([r for r in a.role_keys if r != "counterpart"]) and a.country != country
    )
    if ante is None or not country:
        return None
    role = ante.role_keys[-1]
    acc = counterpart_person(state, linker, role, country, p.start, state.text[p.start:p.end], (p.start, p.end))
    state.add_mention(acc, p.start, p.end, "coreference")
    return acc


def counterpart_person(
    state: DocState, linker: Linker, role: str, country: str, pos: int, phrase: str, span: tuple[int, int] | None = None
) -> EntityAcc:
    """The person holding ``role`` for ``country``: already in the document, in the KB, or new."""
    roles = linker.expand_roles([role])
    acc = state.last_person(pos, lambda a: a.country == country and any(r in a.role_keys for r in roles))
    if acc is None:
        hs = linker.holders([role], [country], state.dct)
        if hs:
            acc = linker.acc_for_entry(state, hs[0])
    if acc is None:
        acc = state.get_or_add(f"L:PERSON:{role}:{country}", kind="PERSON", name_ar=clean_name(phrase),
                               name_span=span)
        acc.country = country
    if not any(r in acc.role_keys for r in roles):  # Fidan stays Foreign Minister, not "Secretary of State"
        acc.add_role(role, linker.title_en(role, country))
    if not acc.country:
        acc.country = country
    return acc


def _title_only(p: Pending, state: DocState, linker: Linker, gz: Gazetteer) -> EntityAcc | None:
    info = p.info
    assert info is not None
    codes = [p.country] if p.country else linker.org_codes(p.org)
    if p.org is not None and not p.org.id.startswith("org:"):
        codes = [p.org.id, p.org.public_id]
    if codes and not p.former:
        # الوزير التركي after هاكان فيدان: a generic title with a state names the earlier holder of any
        # role the short form covers (foreign minister, defence minister …) in that state
        roles = set(linker.expand_roles(info.roles[:1])) | set(linker.expand_roles(gz.short_roles.get(info.form, ())))
        acc = state.last_person(
            p.start,
            lambda a: any(r in a.role_keys for r in roles) and (a.country in codes or a.org in codes),
        )
        via = "coreference"
        if acc is None:
            hs = linker.holders(info.roles[:1], codes, state.dct)
            if hs:
                acc = linker.acc_for_entry(state, hs[0])
                via = "coreference" if acc.mentions else "title"
        if acc is None:
            phrase = clean_name(state.text[p.start:p.full_end or p.end])
            acc = state.get_or_add(f"L:PERSON:{phrase}", kind="PERSON", name_ar=phrase,
                                   name_span=(p.start, p.full_end or p.end))
            acc.country = p.country or acc.country or (p.org.country if p.org is not None else None)
            via = "title"
        if not any(r in acc.role_keys for r in roles):  # a generic الوزير adds nothing to a foreign minister
            acc.add_role(info.roles[0], linker.title_en(info.roles[0], p.country))
        if p.org is not None and not acc.org:
            acc.org = p.org.id
        if not acc.country:
            acc.country = p.country or (p.org.data.get("code") if p.org is not None else None)
        state.add_mention(acc, p.start, p.end, via)
        return acc
    if p.former:
        return None
    short = gz.short_roles.get(info.form)
    if not short:
        return None
    roles = set(linker.expand_roles(short))
    acc = state.last_person(p.start, lambda a: any(r in roles for r in a.role_keys))
    if acc is not None:
        state.add_mention(acc, p.start, p.end, "coreference")
    return acc
