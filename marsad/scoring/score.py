"""Scoring an Analysis against a gold record, as ``shared/ANNOTATION.md`` section 8 defines.

A system event is *on* a gold event when its sentence overlaps the gold ``sentence`` (or an
occurrence of one of the gold ``also`` trigger words: the other mentions of the same event), or its
trigger overlaps an occurrence of the gold trigger. It then matches at four levels:

- **detection**: on it, and of the gold type or one of its ``alt_types``;
- **country** / **name**: detection, and source and target match (section 8; either order for the
  mutual types; an empty gold side accepts anything) at that level (see :mod:`marsad.scoring.match`);
- **strict**: country, and the status is one of the gold statuses and the date is the gold date.

At each level gold and system events are paired one to one, required gold events first, then those
whose trigger the system event hits. Recall counts required gold events paired; precision counts
system events paired with any gold event (required or optional) among those that are not
*duplicates*: a duplicate is a system event that matches a gold event already paired with another,
reported apart. Quotes pair by ``contains`` (the system quote's span overlaps it) and then compare
speakers; entities match at the name level with compatible kinds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from marsad.schema import Analysis
from marsad.scoring.match import (
    MUTUAL,
    Actor,
    actors_match,
    kinds_compatible,
    name_match,
    occurrences,
    same_date,
    side_match,
)

LEVELS = ("detection", "country", "name", "strict")
# Entity kinds the guideline annotates (section 6); other system kinds are not scored for precision.
ENTITY_KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "GROUP", "FAC"})


def is_named(entity) -> bool:
    """A named entity (what section 6 counts), not an actor known only by description."""
    return not (getattr(entity, "sector", None) and entity.id.startswith("A:")) and any(
        m.via != "pronoun" for m in entity.mentions)


@dataclass
class SysEvent:
    index: int
    type: str
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    source: list[Actor]
    target: list[Actor]
    status: str
    date: str | None
    confidence: float
    text: str  # the sentence, for error lists
    actors: str  # "source > target" in Arabic, for error lists


@dataclass
class GoldEvent:
    rec: dict
    sentence: tuple[tuple[int, int], ...]
    trigger: tuple[tuple[int, int], ...]
    also: tuple[tuple[int, int], ...]
    source: list[Actor]
    target: list[Actor]

    @property
    def types(self) -> set[str]:
        return {self.rec["type"], *self.rec["alt_types"]}


@dataclass
class Pair:
    g: int
    s: int
    hit: bool  # the system trigger overlaps the gold trigger
    levels: frozenset[str]
    source_ok: bool = False  # the source side matches at the country level (either order if mutual)


def _ov(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def system_actor(an_entities: dict, eid: str) -> Actor:
    e = an_entities.get(eid)
    if e is None:
        return Actor((), None)
    return Actor(tuple((m.start, m.end) for m in e.mentions), e.country, e.kind == "PERSON", e.kind)


@dataclass
class DocEval:
    """One gold record against one Analysis: every candidate pair computed once, so that scores at
    any confidence threshold are a cheap re-assignment."""

    rec: dict
    an: Analysis
    gold: list[GoldEvent] = field(default_factory=list)
    system: list[SysEvent] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)

    @classmethod
    def build(cls, rec: dict, an: Analysis) -> DocEval:
        text = an.document.text
        if text != rec["text"]:
            raise ValueError(f"{rec['id']}: the analysed text is not the gold text")
        ents = {e.id: e for e in an.entities}
        d = cls(rec, an)
        for g in rec["events"]:
            sent = tuple(occurrences(text, g["sentence"]))
            # the gold trigger where it stands: in a sentence of Marsad's that the gold sentence overlaps
            region = [(x.start, x.end) for x in an.sentences if any(_ov((x.start, x.end), o) for o in sent)]
            trig = tuple(o for o in occurrences(text, g["trigger"]) if any(_ov(o, r) for r in region))
            also = tuple(o for t in g["also"] for o in occurrences(text, t))
            d.gold.append(GoldEvent(g, sent, trig or tuple(occurrences(text, g["trigger"])), also,
                                    [Actor.gold(text, a) for a in g["source"]],
                                    [Actor.gold(text, a) for a in g["target"]]))
        names = {e.id: e.name_ar for e in an.entities}
        for i, ev in enumerate(an.events):
            s = an.sentences[ev.sentence] if ev.sentence < len(an.sentences) else None
            span = (s.start, s.end) if s else (ev.trigger.start, ev.trigger.end)
            d.system.append(SysEvent(
                i, ev.type, span, (ev.trigger.start, ev.trigger.end),
                [system_actor(ents, x) for x in ev.source], [system_actor(ents, x) for x in ev.target],
                ev.status, ev.date, ev.confidence, text[span[0]:span[1]],
                f"{'، '.join(names.get(x, x) for x in ev.source) or '-'} > "
                f"{'، '.join(names.get(x, x) for x in ev.target) or '-'}"))
        for gi, g in enumerate(d.gold):
            for si, s in enumerate(d.system):
                if s.type not in g.types:
                    continue
                hit = any(_ov(s.trigger, o) for o in g.trigger)
                on = hit or any(_ov(s.sentence, o) for o in g.sentence + g.also) or \
                    any(_ov(s.trigger, o) for o in g.also)
                if not on:
                    continue
                levels = {"detection"}
                if actors_match(g.rec["type"], g.source, g.target, s.source, s.target, "country"):
                    levels.add("country")
                    if s.status in g.rec["status"] and same_date(g.rec["date"], s.date):
                        levels.add("strict")
                if actors_match(g.rec["type"], g.source, g.target, s.source, s.target, "name"):
                    levels.add("name")
                src = side_match(g.source, s.source, "country") or (
                    g.rec["type"] in MUTUAL and side_match(g.source, s.target, "country"))
                d.pairs.append(Pair(gi, si, hit, frozenset(levels), src))
        return d

    def assign(self, level: str, keep: set[int]) -> tuple[dict[int, int], set[int]]:
        """Gold index -> system index pairs at ``level`` among the kept system events, and the
        duplicates (kept system events that match an already paired gold event)."""
        cand = [p for p in self.pairs if level in p.levels and p.s in keep]
        cand.sort(key=lambda p: (self.gold[p.g].rec["optional"], not p.hit, p.g, p.s))
        g2s: dict[int, int] = {}
        used: set[int] = set()
        for p in cand:
            if p.g not in g2s and p.s not in used:
                g2s[p.g] = p.s
                used.add(p.s)
        dups = {p.s for p in cand if p.s not in used and p.g in g2s}
        return g2s, dups


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp_r, "gold": n_r, "correct": tp_p, "system": n_p}


class EventCounts:
    """Counts per PLOVER type and level over many documents, at one confidence threshold."""

    def __init__(self) -> None:
        self.gold: Counter = Counter()  # required gold events by gold type
        self.system: Counter = Counter()  # system events by system type
        self.recalled: dict[str, Counter] = defaultdict(Counter)
        self.correct: dict[str, Counter] = defaultdict(Counter)
        self.dups: dict[str, Counter] = defaultdict(Counter)
        # required gold events with a source, and those with a system event of their type on their
        # sentence (kept at this threshold) whose source matches at the country level
        self.with_source = self.source_found = self.source_detected = 0

    def add(self, d: DocEval, min_conf: float = 0.0) -> None:
        keep = {s.index for s in d.system if s.confidence >= min_conf}
        for g in d.gold:
            if not g.rec["optional"]:
                self.gold[g.rec["type"]] += 1
        for s in d.system:
            if s.index in keep:
                self.system[s.type] += 1
        for gi, g in enumerate(d.gold):
            if g.rec["optional"] or not g.rec["source"]:
                continue
            self.with_source += 1
            pairs = [p for p in d.pairs if p.g == gi and p.s in keep]
            self.source_detected += bool(pairs)
            self.source_found += any(p.source_ok for p in pairs)
        for level in LEVELS:
            g2s, dups = d.assign(level, keep)
            for gi, si in g2s.items():
                if not d.gold[gi].rec["optional"]:
                    self.recalled[level][d.gold[gi].rec["type"]] += 1
                self.correct[level][d.system[si].type] += 1
            for si in dups:
                self.dups[level][d.system[si].type] += 1

    def table(self, level: str, etype: str | None = None) -> dict:
        def pick(c: Counter) -> int:
            return c[etype] if etype else sum(c.values())
        n_sys = pick(self.system) - pick(self.dups[level])
        out = _prf(pick(self.correct[level]), n_sys, pick(self.recalled[level]), pick(self.gold))
        out["duplicates"] = pick(self.dups[level])
        return out

    def sources(self) -> dict:
        """Of the required gold events that have a source and are detected, the share whose source
        a system event of the right type on the sentence gets right (country level)."""
        n = self.source_detected
        return {"gold_with_source": self.with_source, "detected": n, "source_right": self.source_found,
                "share": round(self.source_found / n, 3) if n else 0.0}

    def types(self) -> list[str]:
        return sorted(set(self.gold) | set(self.system))


def _speaker_ok(text: str, ents: dict, gold_sp: dict | None, q, level: str) -> bool:
    if gold_sp is None:
        return q.speaker is None and not q.speaker_text
    if q.speaker and q.speaker in ents:
        s = system_actor(ents, q.speaker)
    elif q.speaker_text:
        s = Actor(tuple(occurrences(text, q.speaker_text)), None, True)
    else:
        return False
    g = Actor.gold(text, gold_sp)
    if level == "name":
        return name_match(g, s)
    return bool(g.country and s.country and g.country.upper() == s.country.upper()) or name_match(g, s)


class QuoteCounts:
    def __init__(self) -> None:
        self.gold = self.system = self.words = 0
        self.speaker = Counter()  # level -> pairs with the right speaker

    def add(self, d: DocEval) -> list[str]:
        text, an = d.rec["text"], d.an
        ents = {e.id: e for e in an.entities}
        self.gold += len(d.rec["quotes"])
        self.system += len(an.quotes)
        used: set[int] = set()
        errors = []
        for q in d.rec["quotes"]:
            occ = occurrences(text, q["contains"])
            best = next((i for i, sq in enumerate(an.quotes)
                         if i not in used and any(_ov((sq.start, sq.end), o) for o in occ)), None)
            if best is None:
                errors.append(f"quote missed: «{q['contains']}»")
                continue
            used.add(best)
            self.words += 1
            for level in ("name", "country"):
                self.speaker[level] += _speaker_ok(text, ents, q["speaker"], an.quotes[best], level)
            if not _speaker_ok(text, ents, q["speaker"], an.quotes[best], "country"):
                sq = an.quotes[best]
                got = ents[sq.speaker].name_ar if sq.speaker in ents else sq.speaker_text
                want = "، ".join(q["speaker"]["ar"]) if q["speaker"] else None
                errors.append(f"quote speaker: «{q['contains']}» gold {want} system {got}")
        return errors

    def report(self) -> dict:
        out = {"words": _prf(self.words, self.system, self.words, self.gold)}
        for level in ("name", "country"):
            out[f"speaker_{level}"] = _prf(self.speaker[level], self.system, self.speaker[level], self.gold)
        return out


class EntityCounts:
    def __init__(self) -> None:
        self.gold = self.found = self.system = self.correct = 0

    def add(self, d: DocEval) -> list[str]:
        text = d.rec["text"]
        if not d.rec["entities"]:
            return []  # a record without entity annotation (the bundled sentences) is not scored
        gold = [Actor.gold(text, e) for e in d.rec["entities"]]
        # recall: any entity, an actor known by description included (the annotators may list
        # الشرطة as an organization); precision: the named ones only (section 6 counts no others)
        sysa = [(e, Actor(tuple((m.start, m.end) for m in e.mentions), e.country, e.kind == "PERSON", e.kind))
                for e in d.an.entities]
        errors = []
        self.gold += len(gold)
        for g, rec in zip(gold, d.rec["entities"], strict=True):
            if any(kinds_compatible(g.kind, s.kind) and name_match(g, s) for _, s in sysa):
                self.found += 1
            else:
                errors.append(f"entity missed: {rec['ar'][0] if rec['ar'] else rec['en']} ({rec['kind']})")
        for e, s in sysa:
            if e.kind not in ENTITY_KINDS or not is_named(e):
                continue
            self.system += 1
            if any(kinds_compatible(g.kind, s.kind) and name_match(g, s) for g in gold):
                self.correct += 1
            else:
                errors.append(f"entity spurious: {e.name_ar} ({e.kind})")
        return errors

    def report(self) -> dict:
        return _prf(self.correct, self.system, self.found, self.gold)


def reliability(docs: list[DocEval], bins: int = 10) -> dict:
    """Reliability of ``confidence``: a system event is right when it is paired with a gold event at
    the country level (type and actors); duplicates are left out, as in precision."""
    rows = [[0, 0, 0.0] for _ in range(bins)]
    for d in docs:
        keep = {s.index for s in d.system}
        g2s, dups = d.assign("country", keep)
        right = set(g2s.values())
        for s in d.system:
            if s.index in dups:
                continue
            b = min(int(s.confidence * bins), bins - 1)
            rows[b][0] += 1
            rows[b][1] += s.index in right
            rows[b][2] += s.confidence
    n = sum(r[0] for r in rows)
    ece = sum(abs(r[1] / r[0] - r[2] / r[0]) * r[0] / n for r in rows if r[0]) if n else 0.0
    table = [{"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "count": r[0],
              "share_correct": round(r[1] / r[0], 3) if r[0] else None,
              "mean_confidence": round(r[2] / r[0], 3) if r[0] else None} for i, r in enumerate(rows)]
    return {"bins": table, "ece": round(ece, 4), "events": n}


def event_errors(d: DocEval, min_conf: float) -> list[str]:
    """Missed required gold events and unmatched system events (country level), with sentences."""
    keep = {s.index for s in d.system if s.confidence >= min_conf}
    g2s, dups = d.assign("country", keep)
    det, _ = d.assign("detection", keep)
    right = set(g2s.values())
    out = []
    for gi, g in enumerate(d.gold):
        if gi in g2s or g.rec["optional"]:
            continue
        who = {side: "، ".join(a["ar"][0] if a["ar"] else a["en"] for a in g.rec[side]) or "-"
               for side in ("source", "target")}
        why = "actors" if gi in det else "missed"
        sys_txt = ""
        if gi in det:
            s = d.system[det[gi]]
            sys_txt = f" | system {s.actors}"
        out.append(f"{why} {g.rec['type']} '{g.rec['trigger']}' {who['source']} > {who['target']}{sys_txt}"
                   f" | {g.rec['sentence']}")
    for s in d.system:
        if s.index in keep and s.index not in right and s.index not in dups and s.index not in det.values():
            snippet = d.rec["text"][s.trigger[0]:s.trigger[1]]
            out.append(f"spurious {s.type} '{snippet}' {s.actors} ({s.confidence:.2f}) | {s.text[:160]}")
    return out
