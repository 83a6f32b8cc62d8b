"""The document date from the corpus: an undated document takes the date of the same event in a
dated one.

A document whose text pins no day (``published`` empty, or only a month or a year inferred) may
report an event that another document dates: announced there for a day (``سيعقد الاجتماع يوم
الثلاثاء المقبل``), reported here as held ``اليوم``. When one of its events matches a dated event of
another document (the same event family, the same actors, places that agree) and the sentence of
the event ties it to the document day (``اليوم``, ``أمس``, ``أول أمس`` …), the document date is that
day minus the offset. The document is then analysed again with that date, so that its relative
dates are resolved against it and its events dated, and stored with ``published_source:
"inferred"`` and the reason in ``published_evidence`` (the words that tie it, and which document
and event gave the day). :func:`redate` runs after each batch of an ingest (``marsad.corpus.ingest``):
new undated documents against every dated event, older undated ones against the new dated events,
until nothing changes, so that later documents date earlier ones.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.corpus.crossdoc import family
from marsad.corpus.store import Store
from marsad.text.normalize import fold
from marsad.time.tagger import tag

Reanalyse = Callable[[dict], dict | None]  # a Document (as a dict) with its new date -> the Analysis dict
_MAX_ROUNDS = 5  # a document dated from the corpus may date another in turn


@dataclass
class _Event:
    doc: str
    id: str
    family: str
    status: str | None
    date: str | None
    location: str | None
    sentence: int | None
    trigger_start: int | None
    actors: list[tuple[str, str | None]] = field(default_factory=list)  # (key, country)


@dataclass
class Redated:
    """A document dated from the corpus: its new date and the event that gave it."""

    doc: str
    published: str
    event: str
    source_doc: str
    source_event: str
    why: str


_UNDATED = "d.status = 'analysed' AND (d.published IS NULL OR length(d.published) < 10)"
_DATED = "d.status = 'analysed' AND length(d.published) >= 10"


def _events(store: Store, cond: str, params: tuple = ()) -> list[_Event]:
    """The events of the documents ``d`` that satisfy ``cond`` (SQL), with their actors keyed so
    that the same entity in two documents has the same key (a local name joins the
    knowledge-base entity of the same kind and folded name)."""
    conn = store.conn
    join = f" JOIN documents d ON d.id = x.doc_id WHERE {cond}"
    rows = conn.execute("SELECT x.doc_id, x.event_id, x.type, x.status, x.date, x.location, x.sentence,"
                        " x.trigger_start FROM events x" + join, params).fetchall()
    out = {(r[0], r[1]): _Event(r[0], r[1], family(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows}
    if not out:
        return []
    ents = {(doc, lid): (kind, name_ar, country) for doc, lid, kind, name_ar, country in conn.execute(
        "SELECT x.doc_id, x.local_id, x.kind, x.name_ar, x.country FROM doc_entities x" + join, params)}
    kb_names = _kb_names(store)
    for doc, eid, lid in conn.execute("SELECT x.doc_id, x.event_id, x.local_id FROM event_args x" + join, params):
        ev = out.get((doc, eid))
        if ev is None:
            continue
        kind, name_ar, country = ents.get((doc, lid), (None, None, None))
        key = _key(lid, kind, name_ar, kb_names)
        if all(key != k for k, _ in ev.actors):
            ev.actors.append((key, country))
    for ev in out.values():
        if ev.location:
            kind, name_ar, _c = ents.get((ev.doc, ev.location), (None, None, None))
            ev.location = _key(ev.location, kind, name_ar, kb_names)
    return list(out.values())


def _kb_names(store: Store) -> dict[tuple[str, str], set[str]]:
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lid, kind, name_ar in store.conn.execute(
            "SELECT DISTINCT local_id, kind, name_ar FROM doc_entities WHERE local_id NOT LIKE 'L:%'"):
        if name_ar:
            names[(kind, fold(name_ar))].add(lid)
    return names


def _key(lid: str, kind: str | None, name_ar: str | None, kb_names: dict) -> str:
    if not lid.startswith("L:"):
        return lid
    folded = fold(name_ar or lid.split(":", 2)[-1])
    kb = kb_names.get((kind, folded), set())
    return next(iter(kb)) if len(kb) == 1 else f"L:{kind}:{folded}"


def same_event(a: _Event, b: _Event) -> bool:
    """The same family, places that agree, and the same actors: each named entity of a one-actor
    event among the other's actors, else two of each side matching as entity or state."""
    if a.family != b.family or not a.actors or not b.actors:
        return False
    if a.location and b.location and a.location != b.location:
        return False

    def matched(x: _Event, y: _Event) -> int:
        return sum(1 for k, c in x.actors if any(k == k2 or (c and c == c2) for k2, c2 in y.actors))

    if len(a.actors) == 1 or len(b.actors) == 1:
        return bool({k for k, _ in a.actors} & {k for k, _ in b.actors})
    return matched(a, b) >= 2 and matched(b, a) >= 2


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10 or not value[:4].isdigit():
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _tie(analysis: dict, ev: _Event, reference: date) -> tuple[int, dict] | None:
    """The offset in days from the document day that the event's sentence gives it (اليوم 0,
    أمس -1, غدا 1 …) and the time that says so; None when the sentence has no such word."""
    text = analysis["document"]["text"]
    sentences = analysis.get("sentences") or []
    if ev.sentence is None or not (0 <= ev.sentence < len(sentences)):
        return None
    s = sentences[ev.sentence]
    best = None
    for t in tag(text, reference):
        if not (s["start"] <= t.start < s["end"]) or t.anchor != "dct" or t.type != "DATE":
            continue
        d = _day(t.value)
        if d is None or len(t.value) != 10:
            continue
        dist = abs(t.start - (ev.trigger_start if ev.trigger_start is not None else t.start))
        if best is None or dist < best[0]:
            best = (dist, (d - reference).days, {"text": t.text, "start": t.start, "end": t.end})
    return (best[1], best[2]) if best else None


def _index(events: list[_Event]) -> dict[tuple, list[_Event]]:
    """Dated events by (family, actor key) and, for events with two actors or more, by (family,
    country): the only ones a match can come from."""
    idx: dict[tuple, list[_Event]] = defaultdict(list)
    for ev in events:
        if _day(ev.date) is None:
            continue
        for k, c in ev.actors:
            idx[(ev.family, "e", k)].append(ev)
            if c and len(ev.actors) >= 2:
                idx[(ev.family, "c", c)].append(ev)
    return idx


def _matches(ev: _Event, idx: dict[tuple, list[_Event]]) -> list[_Event]:
    seen: dict[tuple[str, str], _Event] = {}
    for k, c in ev.actors:
        for other in idx.get((ev.family, "e", k), []) + (idx.get((ev.family, "c", c), []) if c else []):
            if other.doc != ev.doc and (other.doc, other.id) not in seen and same_event(ev, other):
                seen[(other.doc, other.id)] = other
    return list(seen.values())


def _candidates(store: Store, doc: str, events: list[_Event], idx: dict) -> list[tuple[date, _Event, _Event, dict]]:
    """(document day, this document's event, the dated event, the time that ties it) for each
    match of one of ``doc``'s events with a dated event of ``idx``."""
    out = []
    analysis = None
    for ev in events:
        for other in _matches(ev, idx):
            d = _day(other.date)
            if analysis is None:
                analysis = store.analysis(doc)
                if analysis is None:
                    return []
            tie = _tie(analysis, ev, d)
            if tie is None:
                continue
            offset, span = tie
            out.append((d - timedelta(days=offset), ev, other, span))
    return out


def _published_of(store: Store, doc: str) -> str | None:
    row = store.conn.execute("SELECT published FROM documents WHERE id = ?", (doc,)).fetchone()
    return row[0] if row else None


def redate(store: Store, reanalyse: Reanalyse, new_ids: Iterable[str] | None = None,
           marsad_version: str = "") -> list[Redated]:
    """Date the undated documents of ``store`` from the events of its dated ones (see the module
    docstring). ``new_ids``: the documents just added (the rest was checked before: only its
    matches with them are new); None to check everything. ``reanalyse`` runs the pipeline on a
    Document dict and returns the Analysis dict (None on failure). Returns what was dated."""
    done: list[Redated] = []
    fresh = set(new_ids) if new_ids is not None else None
    for _ in range(_MAX_ROUNDS):
        undated: dict[str, list[_Event]] = defaultdict(list)
        for ev in _events(store, _UNDATED):
            undated[ev.doc].append(ev)
        if not undated:
            break
        every_idx: dict | None = None
        fresh_idx: dict | None = None
        changed: set[str] = set()
        for doc, events in undated.items():
            if fresh is None or doc in fresh:
                if every_idx is None:
                    every_idx = _index(_events(store, _DATED))
                idx = every_idx
            else:  # checked before against everything else: only the new dated documents are news
                if fresh_idx is None:
                    ids = sorted(fresh)
                    fresh_idx = _index(_events(store, f"{_DATED} AND d.id IN ({','.join('?' * len(ids))})",
                                               tuple(ids))) if ids else {}
                idx = fresh_idx
            if not idx:
                continue
            found = _candidates(store, doc, events, idx)
            if not found:
                continue
            votes = Counter(d for d, *_ in found)
            (day, n), *rest = votes.most_common()
            if rest and rest[0][1] == n:
                continue  # the corpus disagrees with itself
            current = _published_of(store, doc)
            if current and not day.isoformat().startswith(current):
                continue  # the text's own month or year says otherwise
            _d, ev, other, span = next(x for x in found if x[0] == day)
            why = (f"the same event as {other.id} of document {other.doc}, dated {other.date[:10]} there, is told "
                   f"here as on the document day ({span['text']}): the document date is {day.isoformat()}")
            analysis = store.analysis(doc)
            document = dict(analysis["document"], published=day.isoformat(), published_source="inferred",
                            published_evidence=[{**span, "why": why}])
            new = reanalyse(document)
            if new is None:
                continue
            store.replace_analysis(doc, new, marsad_version)
            done.append(Redated(doc, day.isoformat(), ev.id, other.doc, other.id, why))
            changed.add(doc)
        if not changed:
            break
        fresh = changed  # a document dated now may date others in turn
    return done


def dating_of(store: Store, doc_id: str) -> list[dict]:
    """Why a stored document has its date, when it was inferred (its ``published_evidence``)."""
    row = store.conn.execute("SELECT json FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
    return json.loads(row[0])["document"].get("published_evidence") or [] if row else []
