"""The cross-document layer, rebuilt from the stored per-document rows in one transaction.

Entity resolution
    Knowledge-base ids (anything not starting ``L:``) are corpus-wide already. A document-local
    entity (``L:…``) is keyed by kind and folded Arabic name; it joins a knowledge-base entity of the
    same kind and folded name when exactly one such entity occurs in the corpus, else it joins the
    other local entities with the same key and the same country (a local entity without a country
    joins the one country seen with its name, when there is only one). An actor known only by
    description (``A:…``, e.g. ``قوات الأمن العراقية``) merges by its CAMEO actor code (``IRQ COP``:
    corpus-wide id ``A:IRQ:COP``), never by its words; without a code it stays its document's own.

Event coreference
    Two events are the same event when their types fall in one family (``data/event_families.json``),
    their actors match (an event with one named actor needs that same entity; otherwise two actors
    must match as the same entity or the same state, by the entity's country: Saudi-US talks are not
    Qatari-US talks), their dates are
    compatible (intervals at most a day apart; a scheduled date equal to a later report's date) and
    their places agree when both give one. Linked events form an event link (union-find, where two
    groups merge only when most of their cross pairs are compatible, so no chains) with its
    members, a status history (which document said what, on which publication date) and a current
    status: the latest report's, except that a later announcement (or a report of it still going
    on) never turns an event that is reported as having happened back into a scheduled one. The days
    a link covers (:func:`covered_days` of its date, else its first publication date) are stored with
    it (``event_links.day``/``day_end``) for date filters and sorting.

Apart from which of two copies counts as the original (the first ingested), the order in which
documents were ingested does not change the result.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from importlib import resources

from marsad.corpus.store import Store
from marsad.text.normalize import fold


@lru_cache(maxsize=1)
def config() -> dict:
    data = json.loads(resources.files("marsad.corpus").joinpath("data/event_families.json").read_text("utf-8"))
    data["family_of"] = {t: fam for fam, types in data["families"].items() for t in types}
    data["group_of"] = {t: g for g, types in data["groups"].items() for t in types}
    return data


def family(event_type: str | None) -> str:
    return config()["family_of"].get(event_type or "", event_type or "?")


def group(event_type: str | None) -> str:
    """cooperation, verbal (conflict) or conflict (material): how the network and timeline colour it."""
    return config()["group_of"].get(event_type or "", "other")


_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PARTIAL_RE = re.compile(r"^\d{4}(?:-\d{2}|-W\d{2})?")


def _sid(prefix: str, key: str) -> str:
    return prefix + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]


# ---- dates --------------------------------------------------------------------------------------

def date_interval(value: str | None, dct: str | None = None) -> tuple[date, date] | None:
    """The days a TIMEX3 value covers: 2024-03-05, 2024-03, 2024-W10, 2024 (PRESENT_REF is the DCT)."""
    if not value:
        return None
    v = value.strip()
    if v == "PRESENT_REF":
        v = dct or ""
    try:
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            d = date.fromisoformat(v[:10])
            return d, d
        if len(v) >= 8 and v[4:6] == "-W":
            d = date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            return d, d + timedelta(days=6)
        if len(v) == 7 and v[4] == "-":
            y, m = int(v[:4]), int(v[5:7])
            first = date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if len(v) == 4 and v.isdigit():
            return date(int(v), 1, 1), date(int(v), 12, 31)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=65536)  # the distinct (date, publication date) pairs of a corpus are few
def covered_days(value: str | None, published: str | None) -> tuple[str | None, str | None]:
    """(first day, last day), ISO ``yyyy-mm-dd``, of what an event's TIMEX3 ``value`` covers, else of
    its report's publication date; (None, None) when neither gives a day.

    The store keeps these as ``events.day``/``day_end`` (``value``: the event's date, ``published``:
    its document's) and ``event_links.day``/``day_end`` (the link's date and first publication date);
    the web layer filters and sorts events by them.
    """
    iv = date_interval(value, published) if value else None
    if iv is None and published:
        iv = date_interval(published[:10])
    return (iv[0].isoformat(), iv[1].isoformat()) if iv else (None, None)


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# ---- entity resolution --------------------------------------------------------------------------

def described_id(doc: str, local_id: str, cameo_actor: str | None) -> str:
    """The corpus-wide id of an actor known only by description (a local id ``A:…``): its CAMEO actor
    code (``IRQ COP`` -> ``A:IRQ:COP``), never its words; without a code it stays the document's own."""
    code = "".join(c if c.isalnum() else " " for c in (cameo_actor or "").upper()).split()
    return "A:" + ":".join(code) if code else f"{local_id}@{doc}"


def resolve_entities(conn) -> dict[tuple[str, str], str]:
    """Assign every (document, local id) a corpus-wide entity id; write the entities table.

    Knowledge-base ids are corpus-wide already; a named local entity (``L:…``) merges by kind and
    folded name (see the module's description); an actor known only by description (``A:…``: ``قوات
    الأمن العراقية``) merges with the other described actors of the same CAMEO actor code, whatever
    their words (``الشرطة العراقية`` and ``قوات الشرطة في بغداد`` are both ``IRQ COP``)."""
    rows = conn.execute(
        "SELECT doc_id, local_id, kind, name_en, name_ar, country, wikidata, in_kb, n_mentions, sector, cameo_actor"
        " FROM doc_entities"
    ).fetchall()
    kb_by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    local_countries: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _doc, lid, kind, name_en, name_ar, country, *_ in rows:
        if lid.startswith("A:"):
            continue
        if not lid.startswith("L:"):
            for name in (name_ar, name_en):
                if name:
                    kb_by_name[(kind, fold(name).lower())].add(lid)
        elif country:
            local_countries[(kind, fold(name_ar or lid))].add(country)
    mapping: dict[tuple[str, str], str] = {}
    for doc, lid, kind, _name_en, name_ar, country, _wd, _kb, _n, _sector, cameo_actor in rows:
        if lid.startswith("A:"):
            mapping[(doc, lid)] = described_id(doc, lid, cameo_actor)
            continue
        if not lid.startswith("L:"):
            mapping[(doc, lid)] = lid
            continue
        key = (kind, fold(name_ar or lid[2:]))
        kb = kb_by_name.get((kind, key[1].lower()), set())
        if len(kb) == 1:
            mapping[(doc, lid)] = next(iter(kb))
            continue
        countries = local_countries.get(key, set())
        c = country or (next(iter(countries)) if len(countries) == 1 else None)
        gid = f"L:{kind}:{key[1]}"
        if c and len(countries) > 1:
            gid += f"@{c}"
        mapping[(doc, lid)] = gid
    # corpus-wide entity records
    agg: dict[str, dict] = {}
    for doc, lid, kind, name_en, name_ar, country, wikidata, in_kb, n_mentions, sector, cameo_actor in rows:
        gid = mapping[(doc, lid)]
        a = agg.setdefault(gid, {"kind": Counter(), "en": Counter(), "ar": Counter(), "country": Counter(),
                                 "sector": Counter(), "code": Counter(), "wikidata": None, "in_kb": 0,
                                 "docs": set(), "mentions": 0})
        a["kind"][kind] += 1
        for counter, value in (("en", name_en), ("ar", name_ar), ("country", country), ("sector", sector),
                               ("code", cameo_actor)):
            if value:
                a[counter][value] += 1
        a["wikidata"] = a["wikidata"] or wikidata
        a["in_kb"] = max(a["in_kb"], in_kb or 0)
        a["docs"].add(doc)
        a["mentions"] += n_mentions or 0
    conn.execute("DELETE FROM entities")

    def top(c: Counter) -> str | None:
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else None

    conn.executemany(
        "INSERT INTO entities (id, kind, name_en, name_ar, country, wikidata, in_kb, folded_ar, folded_en,"
        " n_documents, n_mentions, sector, cameo_actor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(gid, top(a["kind"]), top(a["en"]), top(a["ar"]) or gid, top(a["country"]), a["wikidata"], a["in_kb"],
          fold(top(a["ar"]) or ""), fold(top(a["en"]) or "").lower(), len(a["docs"]), a["mentions"],
          top(a["sector"]), top(a["code"]))
         for gid, a in agg.items()],
    )
    conn.executemany(
        "UPDATE doc_entities SET entity_id = ? WHERE doc_id = ? AND local_id = ?",
        [(gid, doc, lid) for (doc, lid), gid in mapping.items()],
    )
    return mapping


# ---- event coreference ---------------------------------------------------------------------------

@dataclass
class _Ev:
    doc: str
    id: str
    type: str
    family: str
    status: str
    date: str | None
    published: str | None
    seq: int
    actors: set = field(default_factory=set)
    countries: set = field(default_factory=set)
    units: list = field(default_factory=list)  # (entity id, country) of each actor
    location: str | None = None
    interval: tuple[date, date] | None = None
    n: int = -1  # its number among the events that can link

    @cached_property
    def doubles(self) -> frozenset:
        """The states two of its actors or more belong to (one shared state then matches twice)."""
        seen = Counter(c for _gid, c in self.units if c)
        return frozenset(("state", c) for c, k in seen.items() if k >= 2)

    @cached_property
    def key(self) -> tuple:  # (doc, id and published never change once read)
        return (self.published or "9999", self.doc, self.id)


def _interval(ev: _Ev) -> tuple[date, date] | None:
    cfg = config()
    iv = date_interval(ev.date, ev.published)
    dct = _parse_day(ev.published)
    if iv is None and dct is not None:
        if ev.status in ("occurred", "ongoing", "negated"):
            iv = (dct - timedelta(days=1), dct)
        elif ev.status == "scheduled":
            iv = (dct, dct + timedelta(days=cfg["undated_scheduled_horizon_days"]))
    if iv is None or (iv[1] - iv[0]).days > cfg["max_interval_days"]:
        return None
    return iv


def _two_matched(a: _Ev, b: _Ev) -> bool:
    """Are two of a's actors among b's, as the same entity or the same state?"""
    n = 0
    actors, countries = b.actors, b.countries
    for gid, c in a.units:
        if gid in actors or (c and c in countries):
            n += 1
            if n == 2:
                return True
    return False


def _actors_overlap(a: _Ev, b: _Ev) -> bool:
    """The same participants: every actor matches when an event has one; otherwise at least two
    on each side (Saudi-US talks are not Qatari-US talks on the same day)."""
    if not a.units or not b.units:
        return False
    if len(a.units) == 1 or len(b.units) == 1:  # one named actor: it must be the same entity
        return bool(a.actors & b.actors)
    return _two_matched(a, b) and _two_matched(b, a)


def compatible(a: _Ev, b: _Ev) -> bool:
    if a.family != b.family or a.interval is None or b.interval is None:
        return False
    gap = config()["max_date_gap_days"]
    if (b.interval[0] - a.interval[1]).days > gap or (a.interval[0] - b.interval[1]).days > gap:
        return False
    return _same_participants(a, b)


def _same_participants(a: _Ev, b: _Ev) -> bool:
    """:func:`compatible` for two events of one family whose dates are close enough."""
    if a.location and b.location and a.location != b.location:
        return False
    return _actors_overlap(a, b)


COHESION = 0.5
_SAMPLE = 20


def _cohesive(a: list[_Ev], b: list[_Ev], neighbours: list[set[int]]) -> bool:
    """Two groups of events merge only when most of their cross pairs are compatible: one
    borderline pair must not chain unrelated events into one (average linkage, sampled).
    ``neighbours[e.n]`` holds the numbers of the events compatible with ``e``."""
    if len(a) == 1 and len(b) == 1:
        return True
    ys = {y.n for y in b[:_SAMPLE]}
    ok = sum(len(neighbours[x.n] & ys) for x in a[:_SAMPLE])
    return ok >= COHESION * min(len(a), _SAMPLE) * len(ys)


def _block_keys(ev: _Ev):
    """The candidate blocks of an event. Its entities (where an event with one actor meets the
    others). For an event with two actors or more, each pair of what two different actors of it
    carry (entity or state), and each state two of its actors belong to: two such events are
    compatible only when they share one of these (two entities, two states, an entity and the
    other actor's state, or one state both have twice), and a block of two keys is small where a
    block of one state holds most events of a busy country."""
    for gid in ev.actors:
        yield ("e", gid)
    if len(ev.units) < 2:
        return
    carried = [(gid, ("state", c) if c else None) for gid, c in ev.units]
    for i, (g1, c1) in enumerate(carried):
        for g2, c2 in carried[i + 1:]:
            for t1 in (g1, c1):
                for t2 in (g2, c2):
                    if t1 is not None and t2 is not None and t1 != t2:
                        yield ("p",) + tuple(sorted((t1, t2), key=repr))
    for c in ev.doubles:
        yield ("d", c)


def _compatible_pairs(evs: list[_Ev]) -> list[set[int]]:
    """The compatible pairs of ``evs`` (numbered ``e.n`` in the order of their start days), as the
    set of compatible event numbers of each event. Candidates share a block of one family
    (:func:`_block_keys`) and are swept in date order so that only intervals at most the allowed gap
    apart meet. Every compatible pair shares a block, so :func:`compatible` of two events is exactly
    membership here."""
    blocks: dict[tuple, list[_Ev]] = defaultdict(list)
    for ev in evs:
        for key in set(_block_keys(ev)):
            blocks[(ev.family, *key)].append(ev)
    gap = timedelta(days=config()["max_date_gap_days"])
    neighbours: list[set[int]] = [set() for _ in evs]
    for key, block in blocks.items():
        if len(block) < 2:
            continue
        by_entity = key[1] == "e"  # (two events of two actors or more meet in the other blocks)
        block.sort(key=lambda e: e.n)
        active: list[tuple[date, _Ev]] = []  # (the last day it can pair with, event)
        for ev in block:
            start, mine = ev.interval[0], neighbours[ev.n]
            active = [a for a in active if a[0] >= start]
            skip_multi = by_entity and len(ev.units) >= 2
            for _reach, other in active:
                if skip_multi and len(other.units) >= 2:
                    continue
                # (a pair met in another block is not tested again; the sweep keeps the dates close)
                if other.n not in mine and _same_participants(other, ev):
                    mine.add(other.n)
                    neighbours[other.n].add(ev.n)
            active.append((ev.interval[1] + gap, ev))
    return neighbours


def _current_status(history: list[dict]) -> str:
    current = None
    for h in history:
        st = h["status"]
        if current == "occurred" and st in ("scheduled", "conditional", "hypothetical", "ongoing"):
            continue
        current = st
    return current or "occurred"


def link_events(conn, mapping: dict[tuple[str, str], str]) -> int:
    countries = dict(conn.execute("SELECT id, country FROM entities").fetchall())
    evs: dict[tuple[str, str], _Ev] = {}
    for doc, eid, typ, status, dt, loc, pub, seq in conn.execute(
        "SELECT e.doc_id, e.event_id, e.type, e.status, e.date, e.location, d.published, d.seq"
        " FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.event_id"
    ):
        ev = _Ev(doc, eid, typ, family(typ), status or "occurred", dt, pub, seq)
        ev.location = mapping.get((doc, loc), loc) if loc else None
        evs[(doc, eid)] = ev
    for doc, eid, _role, lid in conn.execute("SELECT doc_id, event_id, role, local_id FROM event_args"):
        ev = evs.get((doc, eid))
        if ev is None:
            continue
        gid = mapping.get((doc, lid), lid)
        if gid in ev.actors:
            continue
        ev.actors.add(gid)
        ev.units.append((gid, countries.get(gid)))
        if countries.get(gid):
            ev.countries.add(countries[gid])
    for ev in evs.values():
        ev.interval = _interval(ev)

    # events that can link, numbered by start day (then publication, document, id)
    dated = sorted((ev for ev in evs.values() if ev.interval is not None), key=lambda e: (e.interval[0], e.key))
    for n, ev in enumerate(dated):
        ev.n = n
    neighbours = _compatible_pairs(dated)

    parent = {k: k for k in evs}
    members = {k: [ev] for k, ev in evs.items()}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    version: dict[tuple, int] = defaultdict(int)  # a group's members change with each merge
    rejected: set[tuple] = set()  # (group, its version, group, its version) found not cohesive
    # pairs in order of their later event, then of their earlier one
    for ev in dated:
        for n in sorted(m for m in neighbours[ev.n] if m < ev.n):
            other = dated[n]
            ra, rb = find((other.doc, other.id)), find((ev.doc, ev.id))
            if ra == rb:
                continue
            seen = (ra, version[ra], rb, version[rb])
            if seen in rejected:
                continue
            if not _cohesive(members[ra], members[rb], neighbours):
                rejected.add(seen)
                continue
            # the earlier-published member is the root, so link ids stay stable
            if evs[rb].key < evs[ra].key:
                ra, rb = rb, ra
            parent[rb] = ra
            version[ra] += 1
            members[ra] = sorted(members[ra] + members.pop(rb), key=lambda e: e.key)

    clusters: dict[tuple, list[_Ev]] = defaultdict(list)
    for k, ev in evs.items():
        clusters[find(k)].append(ev)
    conn.execute("DELETE FROM event_links")
    conn.execute("DELETE FROM event_link_members")
    links, members = [], []
    for evlist in clusters.values():
        evlist.sort(key=lambda e: e.key)
        first = evlist[0]
        link_id = _sid("ev-", f"{first.doc}#{first.id}")
        history = [{"document": e.doc, "event": e.id, "published": e.published, "status": e.status, "date": e.date}
                   for e in evlist]
        status = _current_status(history)
        # the link's date: the day the reports of the current status give, else any day, else a month…
        days = [d for d in (_DAY_RE.match(h["date"] or "") for h in history if h["status"] == status) if d]
        days = days or [d for d in (_DAY_RE.match(h["date"] or "") for h in history) if d]
        partial = [d for d in (_PARTIAL_RE.match(h["date"] or "") for h in history) if d]
        link_date = days[-1].group() if days else (partial[-1].group() if partial else None)
        types = Counter(e.type for e in evlist)
        typ = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        pubs = [e.published for e in evlist if e.published]
        first_pub = min(pubs) if pubs else None
        links.append((link_id, typ, first.family, link_date, status, first_pub, max(pubs) if pubs else None,
                      len({e.doc for e in evlist}), json.dumps(history, ensure_ascii=False),
                      *covered_days(link_date, first_pub)))
        members.extend((link_id, e.doc, e.id) for e in evlist)
    conn.executemany(
        "INSERT INTO event_links (id, type, family, date, status, first_published, last_published, n_documents,"
        " status_history, day, day_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)", links)
    conn.executemany("INSERT INTO event_link_members (link_id, doc_id, event_id) VALUES (?,?,?)", members)
    return len(links)


def rebuild(store: Store) -> None:
    """Entities, event links and stories from the stored documents, in one transaction."""
    from marsad.corpus.stories import build_stories

    with store.transaction() as conn:
        mapping = resolve_entities(conn)
        link_events(conn, mapping)
        build_stories(conn)
        store.set_meta("crossdoc_dirty", "0")
        store.set_meta("crossdoc_built", f"{time.time_ns()}-{os.getpid()}")  # readers' caches know it changed
