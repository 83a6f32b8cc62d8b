"""Every query the web layer runs against a corpus store (:mod:`marsad.corpus.store`).

All SQL here is parameterised: user input only ever reaches SQLite as a bound value (``?``); the
few pieces of SQL text chosen by the user (sort column, order) come from fixed whitelists. The
connection is opened read-only for the store (``PRAGMA query_only``) by :func:`open_store`.

Dates: an event's ``date`` is a TIMEX3 value (``2024-03-05``, ``2024-03``, ``2024-W10``, ``2024``,
``PRESENT_REF``); filters and the date sort compare the days it covers, falling back to the
document's publication date when an event has no date (:func:`marsad.corpus.crossdoc.covered_days`).
The store keeps those days as indexed columns (``events.day``/``day_end``, ``event_links.day``/
``day_end``, since store version 3). A store of an older version opened here is not migrated (the
connection is read-only): for it the same days are computed per row by the SQL functions
``marsad_day`` and ``marsad_day_end`` — the same results, only slower, until the store is next
opened for writing (any ``marsad`` corpus command on a writable store: ``ingest``, ``events``,
``timeline`` …), which migrates it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from marsad.corpus.crossdoc import covered_days
from marsad.corpus.store import Store, match_window, stem
from marsad.schema import EventStatus, EventType
from marsad.text.normalize import fold

EVENT_TYPES: tuple[str, ...] = tuple(EventType.__args__)
EVENT_STATUSES: tuple[str, ...] = tuple(EventStatus.__args__)
ENTITY_KINDS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "EVENT", "MISC")
MAX_LIMIT = 500
MAX_ACTORS = 500  # an actor filter matching more names than this uses the best-known ones
MEMBERS_SHOWN = 10  # a timeline entry lists at most this many first and latest reports
_WORD_RE = re.compile(r"[^\W_]+")


class QueryError(ValueError):
    """A filter value the API cannot use (unknown type, bad date ...): a 400 for the caller."""


# ---- dates --------------------------------------------------------------------------------------

STORED_DAYS_VERSION = 3  # the store version from which events and event links keep their days


def _day(value, published):
    return covered_days(value, published)[0]


def _day_end(value, published):
    return covered_days(value, published)[1]


@dataclass(frozen=True)
class _Days:
    """SQL for the first and last day of an event (``e``, its document ``d``) and of an event link (``l``)."""

    event: str
    event_end: str
    link: str
    link_end: str


_STORED = _Days("e.day", "e.day_end", "l.day", "l.day_end")
_COMPUTED = _Days("marsad_day(e.date, d.published)", "marsad_day_end(e.date, d.published)",
                  "marsad_day(l.date, l.first_published)", "marsad_day_end(l.date, l.first_published)")


def check_date(value: str | None, what: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise QueryError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _check_list(value: str | None, allowed: tuple[str, ...], what: str) -> list[str]:
    if not value or not value.strip():
        return []
    out = []
    for part in value.split(","):
        p = part.strip().upper() if what != "status" else part.strip().lower()
        if not p:
            continue
        if p not in allowed:
            raise QueryError(f"unknown {what} {part.strip()!r} (one of {', '.join(allowed)})")
        out.append(p)
    return out


# ---- opening ------------------------------------------------------------------------------------

def open_store(path: str) -> Store:
    """The store at ``path`` for reading: no migration, no write possible on this connection."""
    store = Store.open(path, create=False, readonly=True)
    conn = store.conn
    conn.execute("PRAGMA query_only = 1")
    return store


def page(items: list, total: int, limit: int, offset: int, **extra) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items, **extra}


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cur = conn.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _kind_and_days(f: EventFilters, alias: str, day: str, day_end: str, where: list[str], params: list) -> None:
    """The type, status and date-range clauses that events and event links share (``alias`` is the
    table's; ``day``/``day_end`` the SQL of the first and last day it covers)."""
    for column, value in (("type", f.type), ("status", f.status)):
        if value:
            values = value.split(",")
            where.append(f"{alias}.{column} IN ({_placeholders(len(values))})")
            params += values
    if f.since:
        where.append(f"{day_end} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{day} <= ?")
        params.append(f.until)


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


@dataclass
class EventFilters:
    actor: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    story: str | None = None
    link: str | None = None
    doc: str | None = None

    def checked(self) -> EventFilters:
        since = check_date(self.since, "since")
        until = check_date(self.until, "until")
        if since and until and since > until:
            raise QueryError(f"since ({since}) is after until ({until})")
        return EventFilters(
            actor=(self.actor or "").strip() or None,
            type=",".join(_check_list(self.type, EVENT_TYPES, "event type")) or None,
            status=",".join(_check_list(self.status, EVENT_STATUSES, "status")) or None,
            since=since, until=until,
            story=(self.story or "").strip() or None,
            link=(self.link or "").strip() or None,
            doc=(self.doc or "").strip() or None,
        )


EVENT_SORTS = {
    "date": "(day IS NULL), day",
    "published": "(d.published IS NULL), d.published",
    "type": "e.type",
    "status": "e.status",
    "confidence": "e.confidence",
    "document": "d.seq",
}
ENTITY_SORTS = {
    "documents": "n_documents",
    "mentions": "n_mentions",
    "name": "COALESCE(name_en, name_ar)",
    "kind": "kind",
}


class Queries:
    """Read queries over one open store connection."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn
        if store.version >= STORED_DAYS_VERSION:
            self.days = _STORED
        else:  # an older store, not migrated (read-only): the days computed per row
            self.conn.create_function("marsad_day", 2, _day, deterministic=True)
            self.conn.create_function("marsad_day_end", 2, _day_end, deterministic=True)
            self.days = _COMPUTED

    # ---- overview ---------------------------------------------------------------------------

    def stats(self) -> dict:
        c = self.conn
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "analysed": one("SELECT count(*) FROM documents WHERE status = 'analysed'"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "entities": one("SELECT count(*) FROM entities"),
            "events": one("SELECT count(*) FROM events"),
            "event_links": one("SELECT count(*) FROM event_links"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "stories": one("SELECT count(*) FROM stories"),
            "crossdoc_stale": self.store.get_meta("crossdoc_dirty") == "1",
        }

    # ---- documents --------------------------------------------------------------------------

    def documents(self, limit: int = 50, offset: int = 0, story: str | None = None, source: str | None = None,
                  since: str | None = None, until: str | None = None, status: str | None = None) -> dict:
        since, until = check_date(since, "since"), check_date(until, "until")
        where, params = [], []
        if story:
            where.append("d.id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)")
            params.append(story)
        if source:
            where.append("d.source = ?")
            params.append(source)
        if since:
            where.append("substr(d.published, 1, 10) >= ?")
            params.append(since)
        if until:
            where.append("substr(d.published, 1, 10) <= ?")
            params.append(until)
        if status:
            if status not in ("analysed", "duplicate", "failed"):
                raise QueryError(f"unknown document status {status!r} (one of analysed, duplicate, failed)")
            where.append("d.status = ?")
            params.append(status)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM documents d{w}", params).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT d.id, d.title, d.published, d.published_source, d.source, d.url, d.language, d.status,"
            " d.duplicate_of, d.duplicate_kind, d.similarity, d.problem,"
            " (SELECT count(*) FROM doc_entities x WHERE x.doc_id = d.id) AS n_entities,"
            " (SELECT count(*) FROM events x WHERE x.doc_id = d.id) AS n_events,"
            " (SELECT count(*) FROM quotes x WHERE x.doc_id = d.id) AS n_quotes,"
            " (SELECT story_id FROM story_documents x WHERE x.doc_id = d.id) AS story"
            f" FROM documents d{w} ORDER BY (d.published IS NULL), d.published DESC, d.seq DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return page(items, total, limit, offset)

    def document_row(self, doc_id: str) -> dict | None:
        rows = _rows(
            self.conn,
            "SELECT d.id, d.title, d.published, d.published_source, d.source, d.url, d.language, d.status,"
            " d.duplicate_of, d.duplicate_kind, d.similarity, d.problem, d.text,"
            " (SELECT story_id FROM story_documents x WHERE x.doc_id = d.id) AS story"
            " FROM documents d WHERE d.id = ?",
            (doc_id,),
        )
        return rows[0] if rows else None

    def analysis(self, doc_id: str) -> dict | None:
        """The stored Analysis of a document; for a duplicate or a failed document (stored without
        one), an Analysis with empty layers."""
        found = self.store.analysis(doc_id)
        if found is not None:
            return found
        row = self.document_row(doc_id)
        if row is None:
            return None
        return {
            "schema_version": "1",
            "document": {k: row[k] for k in ("id", "text", "title", "url", "source", "published",
                                             "published_source", "language")},
            "sentences": [], "entities": [], "times": [], "events": [], "quotes": [],
        }

    def doc_entity_ids(self, doc_id: str) -> dict[str, str]:
        """Document-local entity id -> corpus-wide entity id."""
        return {lid: gid for lid, gid in self.conn.execute(
            "SELECT local_id, COALESCE(entity_id, local_id) FROM doc_entities WHERE doc_id = ?", (doc_id,))}

    def doc_event_links(self, doc_id: str) -> dict[str, dict]:
        """Event id -> its event link (id, current status, number of documents)."""
        return {r["event_id"]: r for r in _rows(
            self.conn,
            "SELECT m.event_id, l.id, l.status, l.date, l.n_documents FROM event_link_members m"
            " JOIN event_links l ON l.id = m.link_id WHERE m.doc_id = ?", (doc_id,))}

    # ---- entities ---------------------------------------------------------------------------

    def entities(self, limit: int = 50, offset: int = 0, q: str | None = None, kind: str | None = None,
                 country: str | None = None, sort: str = "documents", order: str = "desc") -> dict:
        where, params = [], []
        if q and q.strip():
            f = fold(q)
            where.append("(instr(folded_ar, ?) > 0 OR instr(folded_en, ?) > 0 OR id = ?)")
            params += [f, f.lower(), q.strip()]
        if kind:
            kinds = _check_list(kind, ENTITY_KINDS, "entity kind")
            where.append(f"kind IN ({_placeholders(len(kinds))})")
            params += kinds
        if country:
            where.append("country = ?")
            params.append(country.strip().upper())
        if sort not in ENTITY_SORTS:
            raise QueryError(f"unknown sort {sort!r} (one of {', '.join(ENTITY_SORTS)})")
        direction = _order(order)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM entities{w}", params).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT id, kind, name_en, name_ar, country, wikidata, in_kb, n_documents, n_mentions"
            f" FROM entities{w} ORDER BY {ENTITY_SORTS[sort]} {direction}, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        for it in items:
            it["in_kb"] = bool(it["in_kb"])
        return page(items, total, limit, offset)

    def entity(self, entity_id: str) -> dict | None:
        rows = _rows(
            self.conn,
            "SELECT id, kind, name_en, name_ar, country, wikidata, in_kb, n_documents, n_mentions"
            " FROM entities WHERE id = ?", (entity_id,))
        if rows:
            ent = rows[0]
        else:  # cross-document layer not rebuilt yet: the per-document rows
            rows = _rows(
                self.conn,
                "SELECT COALESCE(entity_id, local_id) AS id, kind, name_en, name_ar, country, wikidata, in_kb,"
                " count(DISTINCT doc_id) AS n_documents, sum(n_mentions) AS n_mentions"
                " FROM doc_entities WHERE COALESCE(entity_id, local_id) = ? GROUP BY 1", (entity_id,))
            if not rows:
                return None
            ent = rows[0]
        ent["in_kb"] = bool(ent["in_kb"])
        roles: dict[str, int] = {}
        names_ar: dict[str, int] = {}
        for roles_json, name_ar in self.conn.execute(
            "SELECT roles, name_ar FROM doc_entities WHERE COALESCE(entity_id, local_id) = ?", (entity_id,)
        ):
            try:
                for r in json.loads(roles_json or "[]"):
                    if isinstance(r, str):
                        roles[r] = roles.get(r, 0) + 1
            except ValueError:
                pass
            if name_ar:
                names_ar[name_ar] = names_ar.get(name_ar, 0) + 1
        ent["roles"] = sorted(roles, key=lambda r: (-roles[r], r))
        ent["names_ar"] = sorted(names_ar, key=lambda n: (-names_ar[n], n))
        return ent

    def entity_documents(self, entity_id: str, limit: int = 50, offset: int = 0) -> dict:
        w = " FROM doc_entities x JOIN documents d ON d.id = x.doc_id WHERE COALESCE(x.entity_id, x.local_id) = ?"
        total = self.conn.execute("SELECT count(DISTINCT d.id)" + w, (entity_id,)).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT d.id, d.title, d.published, d.source, sum(x.n_mentions) AS n_mentions" + w +
            " GROUP BY d.id ORDER BY (d.published IS NULL), d.published DESC, d.seq DESC LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return page(items, total, limit, offset)

    def entity_quotes(self, entity_id: str, limit: int = 50, offset: int = 0) -> dict:
        w = (" FROM quotes q JOIN doc_entities x ON x.doc_id = q.doc_id AND x.local_id = q.speaker"
             " JOIN documents d ON d.id = q.doc_id WHERE COALESCE(x.entity_id, x.local_id) = ?")
        total = self.conn.execute("SELECT count(*)" + w, (entity_id,)).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT q.doc_id, q.n, q.text, q.cue, q.direct, q.speaker_text, q.start, q.\"end\", d.title, d.published" + w +
            " ORDER BY (d.published IS NULL), d.published DESC, d.seq DESC, q.n LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        for it in items:
            it["direct"] = bool(it["direct"])
        return page(items, total, limit, offset)

    def match_actor(self, actor: str) -> list[str]:
        """Entity ids for an actor filter: the id itself, else entities whose folded Arabic or
        English name equals it, else whose name contains it."""
        a = actor.strip()
        if self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (a,)).fetchone() or self.conn.execute(
            "SELECT 1 FROM doc_entities WHERE COALESCE(entity_id, local_id) = ? LIMIT 1", (a,)
        ).fetchone():
            return [a]
        f = fold(a)
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM entities WHERE folded_ar = ? OR folded_en = ? LIMIT ?", (f, f.lower(), MAX_ACTORS))]
        if not ids and f:
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM entities WHERE instr(folded_ar, ?) > 0 OR instr(folded_en, ?) > 0"
                " ORDER BY n_documents DESC, id LIMIT ?", (f, f.lower(), MAX_ACTORS))]
        return ids

    # ---- events -----------------------------------------------------------------------------

    def _event_where(self, f: EventFilters) -> tuple[list[str], list]:
        where, params = [], []
        if f.actor:
            ids = self.match_actor(f.actor)
            if not ids:
                where.append("0")
            else:
                where.append(
                    "EXISTS (SELECT 1 FROM event_args a LEFT JOIN doc_entities x ON x.doc_id = a.doc_id"
                    " AND x.local_id = a.local_id WHERE a.doc_id = e.doc_id AND a.event_id = e.event_id"
                    f" AND COALESCE(x.entity_id, a.local_id) IN ({_placeholders(len(ids))}))")
                params += ids
        _kind_and_days(f, "e", self.days.event, self.days.event_end, where, params)
        if f.story:
            where.append("e.doc_id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)")
            params.append(f.story)
        if f.link:
            where.append("m.link_id = ?")
            params.append(f.link)
        if f.doc:
            where.append("e.doc_id = ?")
            params.append(f.doc)
        return where, params

    def events(self, filters: EventFilters | None = None, sort: str = "date", order: str = "asc",
               limit: int = 50, offset: int = 0) -> dict:
        f = (filters or EventFilters()).checked()
        if sort not in EVENT_SORTS:
            raise QueryError(f"unknown sort {sort!r} (one of {', '.join(EVENT_SORTS)})")
        direction = _order(order)
        where, params = self._event_where(f)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        base = " FROM events e JOIN documents d ON d.id = e.doc_id"
        link_join = " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
        # an event is in one link at most (the members' key), so the count needs the link only to filter by it
        total = self.conn.execute("SELECT count(*)" + base + (link_join if f.link else "") + w, params).fetchone()[0]
        base += link_join
        sort_sql = ", ".join(f"{part} {direction}" for part in EVENT_SORTS[sort].split(", "))
        items = _rows(
            self.conn,
            "SELECT e.doc_id, e.event_id, e.type, e.mode, e.cameo, e.date, e.status, e.location, e.sentence,"
            " e.sentence_text, e.trigger_text, e.trigger_start, e.trigger_end, e.confidence, e.summary_en,"
            f" e.context, d.title, d.published, m.link_id, {self.days.event} AS day"
            + base + w + f" ORDER BY {sort_sql}, d.seq, e.event_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        self._add_args(items)
        return page(items, total, limit, offset)

    def _add_args(self, items: list[dict]) -> None:
        """Give each event row its source, target and location entities."""
        docs = sorted({it["doc_id"] for it in items})
        args: dict[tuple[str, str], list] = {}
        names: dict[tuple[str, str], dict] = {}
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            for r in _rows(
                self.conn,
                "SELECT x.doc_id, x.local_id, COALESCE(x.entity_id, x.local_id) AS id,"
                " COALESCE(g.name_en, x.name_en) AS name_en, COALESCE(g.name_ar, x.name_ar) AS name_ar,"
                " COALESCE(g.kind, x.kind) AS kind, COALESCE(g.country, x.country) AS country"
                " FROM doc_entities x LEFT JOIN entities g ON g.id = x.entity_id"
                f" WHERE x.doc_id IN ({_placeholders(len(chunk))})", chunk,
            ):
                names[(r.pop("doc_id"), r.pop("local_id"))] = r
            for doc, ev, role, lid in self.conn.execute(
                f"SELECT doc_id, event_id, role, local_id FROM event_args WHERE doc_id IN ({_placeholders(len(chunk))})",
                chunk,
            ):
                args.setdefault((doc, ev), []).append((role, lid))
        for it in items:
            it["source"], it["target"] = [], []
            for role, lid in args.get((it["doc_id"], it["event_id"]), []):
                ent = names.get((it["doc_id"], lid)) or {"id": lid, "name_en": None, "name_ar": lid,
                                                         "kind": None, "country": None}
                if role in ("source", "target"):
                    it[role].append(ent)
            loc = it.get("location")
            it["location"] = (names.get((it["doc_id"], loc)) or {"id": loc, "name_en": None, "name_ar": loc}) if loc else None
            try:
                it["context"] = json.loads(it.get("context") or "[]")
            except ValueError:
                it["context"] = []

    # ---- timeline ---------------------------------------------------------------------------

    def timeline(self, filters: EventFilters | None = None, limit: int = 50, offset: int = 0) -> dict:
        """Event links (one real-world event each) in date order, with each report's status."""
        f = (filters or EventFilters()).checked()
        where, params = [], []
        _kind_and_days(f, "l", self.days.link, self.days.link_end, where, params)
        if f.link:
            where.append("l.id = ?")
            params.append(f.link)
        member_filters = EventFilters(actor=f.actor, story=f.story, doc=f.doc)
        mw, mparams = self._event_where(member_filters)
        if mw:
            where.append(
                "EXISTS (SELECT 1 FROM event_link_members m JOIN events e ON e.doc_id = m.doc_id"
                " AND e.event_id = m.event_id JOIN documents d ON d.id = e.doc_id WHERE m.link_id = l.id AND "
                + " AND ".join(mw) + ")")
            params += mparams
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute("SELECT count(*) FROM event_links l" + w, params).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT l.id, l.type, l.family, l.date, l.status, l.first_published, l.last_published, l.n_documents,"
            f" l.status_history, {self.days.link} AS day, {self.days.link_end} AS day_end FROM event_links l" + w +
            " ORDER BY (day IS NULL), day, l.first_published, l.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if items:
            ids = [it["id"] for it in items]
            by_link: dict[str, list[dict]] = {}
            counts = dict(self.conn.execute(
                f"SELECT link_id, count(*) FROM event_link_members WHERE link_id IN ({_placeholders(len(ids))})"
                " GROUP BY link_id", ids).fetchall())
            rows = _rows(
                self.conn,
                "SELECT m.link_id, e.doc_id, e.event_id, e.type, e.status, e.date, e.summary_en, e.trigger_text,"
                " e.sentence_text, d.title, d.published FROM event_link_members m JOIN events e ON e.doc_id = m.doc_id"
                " AND e.event_id = m.event_id JOIN documents d ON d.id = e.doc_id"
                f" WHERE m.link_id IN ({_placeholders(len(ids))}) ORDER BY d.published, d.seq, e.event_id", ids)
            for r in rows:
                by_link.setdefault(r["link_id"], []).append(r)
            # a link reported by very many documents: its first and latest reports stand for it
            for link_id, mem in by_link.items():
                if len(mem) > 2 * MEMBERS_SHOWN:
                    by_link[link_id] = mem[:MEMBERS_SHOWN] + mem[-MEMBERS_SHOWN:]
            self._add_args([r for mem in by_link.values() for r in mem])
            for it in items:
                try:
                    it["history"] = json.loads(it.pop("status_history") or "[]")
                except ValueError:
                    it["history"] = []
                mem = by_link.get(it["id"], [])
                it["n_members"] = counts.get(it["id"], 0)
                it["members"] = [{k: r[k] for k in ("doc_id", "event_id", "type", "status", "date", "summary_en",
                                                      "trigger_text", "title", "published")} for r in mem]
                seen: set[str] = set()
                for role in ("source", "target"):
                    it[role] = []
                    for r in mem:
                        for ent in r[role]:
                            if (role, ent["id"]) not in seen:
                                seen.add((role, ent["id"]))
                                it[role].append(ent)
                it["summary_en"] = next((r["summary_en"] for r in reversed(mem) if r["summary_en"]), None)
                it["trigger_text"] = next((r["trigger_text"] for r in reversed(mem) if r["trigger_text"]), None)
        return page(items, total, limit, offset)

    # ---- network ----------------------------------------------------------------------------

    def network(self, filters: EventFilters | None = None, max_nodes: int = 80) -> dict:
        """Actors as nodes, events as edges (source -> target, counted by type)."""
        f = (filters or EventFilters()).checked()
        where, params = self._event_where(f)
        w = (" AND " + " AND ".join(where)) if where else ""
        rows = self.conn.execute(
            "SELECT e.doc_id, e.event_id, e.type, e.status, a.role,"
            " COALESCE(x.entity_id, a.local_id) FROM events e JOIN documents d ON d.id = e.doc_id"
            " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
            " JOIN event_args a ON a.doc_id = e.doc_id AND a.event_id = e.event_id"
            " LEFT JOIN doc_entities x ON x.doc_id = a.doc_id AND x.local_id = a.local_id"
            " WHERE a.role IN ('source', 'target')" + w, params,
        ).fetchall()
        evs: dict[tuple[str, str], dict] = {}
        for doc, ev, typ, status, role, gid in rows:
            e = evs.setdefault((doc, ev), {"type": typ, "status": status, "source": set(), "target": set()})
            e[role].add(gid)
        edges: dict[tuple[str, str], dict] = {}
        degree: dict[str, int] = {}
        for e in evs.values():
            for s in e["source"]:
                for t in e["target"]:
                    if s == t:
                        continue
                    ed = edges.setdefault((s, t), {"source": s, "target": t, "count": 0, "types": {}, "statuses": {}})
                    ed["count"] += 1
                    ed["types"][e["type"]] = ed["types"].get(e["type"], 0) + 1
                    ed["statuses"][e["status"]] = ed["statuses"].get(e["status"], 0) + 1
                    degree[s] = degree.get(s, 0) + 1
                    degree[t] = degree.get(t, 0) + 1
        keep = sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes]
        keep_set = set(keep)
        nodes = []
        if keep:
            info = {r["id"]: r for r in _rows(
                self.conn, f"SELECT id, kind, name_en, name_ar, country FROM entities WHERE id IN ({_placeholders(len(keep))})",
                keep)}
            missing = [k for k in keep if k not in info]
            if missing:
                for r in _rows(
                    self.conn,
                    "SELECT COALESCE(entity_id, local_id) AS id, kind, name_en, name_ar, country FROM doc_entities"
                    f" WHERE COALESCE(entity_id, local_id) IN ({_placeholders(len(missing))})", missing,
                ):
                    info.setdefault(r["id"], r)
            for k in keep:
                n = dict(info.get(k) or {"id": k, "kind": None, "name_en": None, "name_ar": k, "country": None})
                n["degree"] = degree[k]
                nodes.append(n)
        out_edges = [e for (s, t), e in sorted(edges.items()) if s in keep_set and t in keep_set]
        return {"nodes": nodes, "edges": out_edges, "total_nodes": len(degree), "total_edges": len(edges)}

    # ---- stories ----------------------------------------------------------------------------

    def stories(self, limit: int = 50, offset: int = 0) -> dict:
        total = self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT id, label, first_date, last_date, n_documents FROM stories"
            " ORDER BY (last_date IS NULL), last_date DESC, id LIMIT ? OFFSET ?", (limit, offset))
        return page(items, total, limit, offset)

    def story(self, story_id: str) -> dict | None:
        rows = _rows(self.conn, "SELECT id, label, first_date, last_date, n_documents FROM stories WHERE id = ?",
                     (story_id,))
        return rows[0] if rows else None

    # ---- search -----------------------------------------------------------------------------

    def search(self, q: str, limit: int = 20, offset: int = 0) -> dict:
        """Documents matching every word of ``q`` (folded, proclitics stripped), best first, and
        the entities whose names contain it."""
        folded_words = _WORD_RE.findall(fold(q or ""))
        words = [stem(w) for w in folded_words]
        if not words:
            raise QueryError("the search query has no words")
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        match = "stems: " + (match if len(words) == 1 else "(" + match + ")")
        try:
            total = self.conn.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (match,)).fetchone()[0]
            rows = self.conn.execute(
                "SELECT f.doc_id, d.title, d.published, d.source, d.text, d.duplicate_of FROM documents_fts f"
                " JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ?"
                " ORDER BY bm25(documents_fts), d.seq LIMIT ? OFFSET ?", (match, limit, offset)).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {q!r} ({exc})") from None
        items = []
        for doc_id, title, published, source, text, dup in rows:
            before, hit, after = snippet(text, folded_words + words)
            items.append({"id": doc_id, "title": title, "published": published, "source": source,
                          "duplicate_of": dup, "snippet": {"before": before, "match": hit, "after": after}})
        ents = self.entities(limit=10, offset=0, q=q)["items"] if q.strip() else []
        return page(items, total, limit, offset, query=q, entities=ents)


def snippet(text: str, words: list[str], width: int = 70) -> tuple[str, str, str]:
    """(text before, the first match, text after): a window of the original text around the first
    occurrence of any of ``words`` (folded)."""
    window = match_window(text, words, width)
    if window is None:
        return " ".join(text[: 2 * width].split()), "", ""
    lo, s, e, hi = window
    before = ("…" if lo > 0 else "") + " ".join(text[lo:s].split()) + (" " if text[lo:s][-1:].isspace() else "")
    after = (" " if text[e:hi][:1].isspace() else "") + " ".join(text[e:hi].split()) + ("…" if hi < len(text) else "")
    return before, text[s:e], after


def _order(order: str) -> str:
    o = (order or "asc").lower()
    if o not in ("asc", "desc"):
        raise QueryError(f"unknown order {order!r} (asc or desc)")
    return o.upper()
