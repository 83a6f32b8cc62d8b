"""Every query the web layer runs against a corpus store (:mod:`marsad.corpus.store`).

All SQL here is parameterised: user input only ever reaches SQLite as a bound value (``?``); the
few pieces of SQL text chosen by the user (sort column, order) come from fixed whitelists. The
connection is opened read-only for the store (``PRAGMA query_only``) by :func:`open_store`.

Events are selected with the filters every reader of the store shares
(:mod:`marsad.corpus.filters`): the events table, its CSV/JSON download and ``marsad export`` with
the same options hold the same events, and the pipeline's confidence threshold applies unless a
``min_confidence`` says otherwise (0 shows everything).

Dates: an event's ``date`` is a TIMEX3 value (``2024-03-05``, ``2024-03``, ``2024-W10``, ``2024``,
``PRESENT_REF``); filters and the date sort compare the days it covers, falling back to the
document's publication date when an event has no date (:func:`marsad.corpus.crossdoc.covered_days`).
The store keeps those days as indexed columns (``events.day``/``day_end``, ``event_links.day``/
``day_end``, since store version 3). A store of an older version opened here is not migrated (the
connection is read-only): for it the same days are computed per row by the SQL functions
``marsad_day`` and ``marsad_day_end`` — the same results, only slower — and actors have no sector
or CAMEO actor code (store version 4), until the store is next opened for writing (any ``marsad``
corpus command on a writable store: ``ingest``, ``events``, ``timeline`` …), which migrates it.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading

from marsad.corpus.crossdoc import group
from marsad.corpus.filters import (  # noqa: F401  (check_date, MAX_ACTORS: part of this module's API)
    EVENT_STATUSES,
    EVENT_TYPES,
    MAX_ACTORS,
    STORED_DAYS_VERSION,
    EventFilters,
    EventSQL,
    FilterError,
    check_choices,
    check_date,
)
from marsad.corpus.store import Store, match_window, stem
from marsad.text.normalize import fold
from marsad.web.chart import Link

ENTITY_KINDS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "EVENT", "MISC")
MAX_LIMIT = 500
MEMBERS_SHOWN = 10  # a timeline entry lists at most this many first and latest reports
NETWORK_NODES = 50  # the network shows this many actors (most events first) unless asked for more
NETWORK_EDGES = 150  # and of the links between them, this many (most events first; each node's strongest too)
_WORD_RE = re.compile(r"[^\W_]+")

QueryError = FilterError  # a filter value the API cannot use: a 400 for the caller


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


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _first_actor(role: str) -> str:
    """SQL: the display name of an event's first actor in ``role`` (for sorting the events table)."""
    return ("(SELECT lower(COALESCE(g.name_en, x.name_en, g.name_ar, x.name_ar, a.local_id)) FROM event_args a"
            " LEFT JOIN doc_entities x ON x.doc_id = a.doc_id AND x.local_id = a.local_id"
            " LEFT JOIN entities g ON g.id = x.entity_id"
            f" WHERE a.doc_id = e.doc_id AND a.event_id = e.event_id AND a.role = '{role}' ORDER BY a.rowid LIMIT 1)")


# sort key -> SQL (``{day}``: the event's first day); rows without a value come last either way
EVENT_SORTS = {
    "date": "{day}",
    "published": "d.published",
    "type": "e.type",
    "status": "e.status",
    "confidence": "e.confidence",
    "document": "d.seq",
    "title": "d.title",
    "source": _first_actor("source"),
    "target": _first_actor("target"),
    "trigger": "e.trigger_text",
    "summary": "e.summary_en",
}
ENTITY_SORTS = {
    "documents": "n_documents",
    "mentions": "n_mentions",
    "name": "COALESCE(name_en, name_ar)",
    "kind": "kind",
}


class StoreIndex:
    """What the timeline and the network need of every event and event link whatever the filters
    (each event's actors by role, each link's actors and reports), read once for each state of the
    store and kept in memory; a write to the store (a document added, the cross-document layer
    rebuilt) makes a new one."""

    _cache: dict[str, tuple[tuple, StoreIndex]] = {}
    _lock = threading.Lock()
    KEEP = 4  # stores whose index is kept

    def __init__(self, q: Queries):
        conn = q.conn
        self.event_actors: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        acc: dict[tuple[str, str], tuple[list, list]] = {}
        for doc, ev, role, gid in conn.execute(
            "SELECT a.doc_id, a.event_id, a.role, COALESCE(x.entity_id, a.local_id) FROM event_args a"
            " LEFT JOIN doc_entities x ON x.doc_id = a.doc_id AND x.local_id = a.local_id"
            " WHERE a.role IN ('source', 'target') ORDER BY a.rowid"
        ):
            pair = acc.get((doc, ev))
            if pair is None:
                pair = acc[(doc, ev)] = ([], [])
            side = pair[0] if role == "source" else pair[1]
            if gid not in side:
                side.append(gid)
        self.event_actors = {k: (tuple(a), tuple(b)) for k, (a, b) in acc.items()}
        links: dict[str, tuple[list, list]] = {}
        for link, doc, ev in conn.execute("SELECT link_id, doc_id, event_id FROM event_link_members"):
            got = self.event_actors.get((doc, ev))
            if not got:
                continue
            pair = links.get(link)
            if pair is None:
                pair = links[link] = ([], [])
            for side, ids in zip(pair, got, strict=True):
                for gid in ids:
                    if gid not in side:
                        side.append(gid)
        link_actors = {k: (tuple(a), tuple(b)) for k, (a, b) in links.items()}
        self.links: dict[str, Link] = {}
        none: tuple = ((), ())
        days = q.days
        for lid, typ, status, hist, day, day_end, n in conn.execute(
            f"SELECT l.id, l.type, l.status, l.status_history, {days.link}, {days.link_end}, l.n_documents"
            " FROM event_links l"
        ):
            try:
                history = tuple((h.get("published"), h.get("status")) for h in json.loads(hist or "[]"))
            except (ValueError, AttributeError):
                history = ()
            src, tgt = link_actors.get(lid, none)
            self.links[lid] = Link.of(lid, typ, status, day, day_end, n, history, src, tgt)
        self.ordered = sorted(self.links.values(), key=lambda ln: (ln.first is None, ln.first or 0, ln.id))

    @staticmethod
    def _stamp(q: Queries) -> tuple:
        """What changes whenever the rows the index is read from change: a document is added (its
        seq), the cross-document layer is rebuilt (``meta.crossdoc_built``, a fresh value each
        time) or marked stale."""
        return q.conn.execute(
            "SELECT (SELECT max(seq) FROM documents), (SELECT count(*) FROM documents),"
            " (SELECT value FROM meta WHERE key = 'crossdoc_built'), (SELECT value FROM meta WHERE key = 'crossdoc_dirty'),"
            " (SELECT count(*) FROM event_links)").fetchone()

    @classmethod
    def of(cls, q: Queries) -> StoreIndex:
        path = os.path.abspath(q.store.path)
        stamp = cls._stamp(q)
        with cls._lock:
            hit = cls._cache.get(path)
            if hit is not None and hit[0] == stamp:
                return hit[1]
        built = cls(q)
        with cls._lock:
            cls._cache[path] = (stamp, built)
            while len(cls._cache) > cls.KEEP:
                cls._cache.pop(next(iter(cls._cache)))
        return built


class Queries:
    """Read queries over one open store connection."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn
        self.sql = EventSQL(self.conn, store.version)
        self.days = self.sql.days
        self.has_codes = self.sql.has_codes

    def _code(self, alias: str, column: str) -> str:
        return self.sql.code(alias, column) + f" AS {column}"

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
                 country: str | None = None, sort: str = "documents", order: str = "desc",
                 sector: str | None = None) -> dict:
        where, params = [], []
        if q and q.strip():
            f = fold(q)
            where.append("(instr(folded_ar, ?) > 0 OR instr(folded_en, ?) > 0 OR id = ?)")
            params += [f, f.lower(), q.strip()]
        if kind:
            kinds = check_choices(kind, ENTITY_KINDS, "entity kind", str.upper)
            where.append(f"kind IN ({_placeholders(len(kinds))})")
            params += kinds
        if country:
            where.append("country = ?")
            params.append(country.strip().upper())
        if sector:
            where.append(f"{self.sql.code('entities', 'sector')} = ?")
            params.append(sector.strip().upper())
        if sort not in ENTITY_SORTS:
            raise QueryError(f"unknown sort {sort!r} (one of {', '.join(ENTITY_SORTS)})")
        direction = _order(order)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM entities{w}", params).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT id, kind, name_en, name_ar, country, " + self._code("entities", "sector") + ", "
            + self._code("entities", "cameo_actor") + ", wikidata, in_kb, n_documents, n_mentions"
            f" FROM entities{w} ORDER BY {ENTITY_SORTS[sort]} {direction}, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        for it in items:
            it["in_kb"] = bool(it["in_kb"])
        return page(items, total, limit, offset)

    def entity(self, entity_id: str) -> dict | None:
        rows = _rows(
            self.conn,
            "SELECT id, kind, name_en, name_ar, country, " + self._code("entities", "sector") + ", "
            + self._code("entities", "cameo_actor") + ", wikidata, in_kb, n_documents, n_mentions"
            " FROM entities WHERE id = ?", (entity_id,))
        if rows:
            ent = rows[0]
        else:  # cross-document layer not rebuilt yet: the per-document rows
            rows = _rows(
                self.conn,
                "SELECT COALESCE(entity_id, local_id) AS id, kind, name_en, name_ar, country, "
                + self._code("doc_entities", "sector") + ", " + self._code("doc_entities", "cameo_actor") + ","
                " wikidata, in_kb, count(DISTINCT doc_id) AS n_documents, sum(n_mentions) AS n_mentions"
                " FROM doc_entities WHERE COALESCE(entity_id, local_id) = ? GROUP BY 1", (entity_id,))
            if not rows:
                return None
            ent = rows[0]
        ent["in_kb"] = bool(ent["in_kb"])
        roles: dict[str, int] = {}
        names_ar: dict[str, int] = {}
        names_en: dict[str, int] = {}
        for roles_json, name_ar, name_en in self.conn.execute(
            "SELECT roles, name_ar, name_en FROM doc_entities WHERE COALESCE(entity_id, local_id) = ?", (entity_id,)
        ):
            try:
                for r in json.loads(roles_json or "[]"):
                    if isinstance(r, str):
                        roles[r] = roles.get(r, 0) + 1
            except ValueError:
                pass
            if name_ar:
                names_ar[name_ar] = names_ar.get(name_ar, 0) + 1
            if name_en:
                names_en[name_en] = names_en.get(name_en, 0) + 1
        ent["roles"] = sorted(roles, key=lambda r: (-roles[r], r))
        ent["names_ar"] = sorted(names_ar, key=lambda n: (-names_ar[n], n))
        ent["names_en"] = sorted(names_en, key=lambda n: (-names_en[n], n))
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

    def counterparts(self, entity_id: str, filters: EventFilters | None = None, limit: int = 20) -> list[dict]:
        """The actors ``entity_id`` has events with (on the other side: its targets when it is the
        source, its sources when it is the target), most events first, with the counts each way."""
        f = (filters or EventFilters()).checked()
        where, params = self.sql.event_where(f.but(actor=None))
        w = (" AND " + " AND ".join(where)) if where else ""
        rows = self.conn.execute(
            "SELECT COALESCE(x2.entity_id, a2.local_id) AS other, a1.role, count(DISTINCT e.doc_id || '#' || e.event_id)"
            " FROM doc_entities x1 JOIN event_args a1 ON a1.doc_id = x1.doc_id AND a1.local_id = x1.local_id"
            " JOIN events e ON e.doc_id = a1.doc_id AND e.event_id = a1.event_id"
            " JOIN documents d ON d.id = e.doc_id"
            " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
            " JOIN event_args a2 ON a2.doc_id = a1.doc_id AND a2.event_id = a1.event_id"
            " AND a2.role IN ('source', 'target') AND a2.role != a1.role"
            " LEFT JOIN doc_entities x2 ON x2.doc_id = a2.doc_id AND x2.local_id = a2.local_id"
            " WHERE (x1.entity_id = ? OR (x1.entity_id IS NULL AND x1.local_id = ?)) AND a1.role IN ('source', 'target')"
            + w + " GROUP BY 1, 2", [entity_id, entity_id, *params]).fetchall()
        counts: dict[str, dict] = {}
        for other, role, n in rows:
            if other == entity_id:
                continue
            c = counts.setdefault(other, {"id": other, "events": 0, "as_target": 0, "as_source": 0})
            c["events"] += n
            c["as_target" if role == "source" else "as_source"] += n  # the other's role
        top = sorted(counts.values(), key=lambda c: (-c["events"], c["id"]))[:limit]
        info = self.entity_info([c["id"] for c in top])
        for c in top:
            c.update({k: v for k, v in info.get(c["id"], {}).items() if k != "id"})
        return top

    def entity_info(self, ids: list[str]) -> dict[str, dict]:
        """id -> {id, kind, name_en, name_ar, country, sector, cameo_actor} for corpus-wide ids (the
        per-document rows for ids the cross-document layer does not have yet)."""
        info: dict[str, dict] = {}
        cols = ("id, kind, name_en, name_ar, country, " + self._code("entities", "sector") + ", "
                + self._code("entities", "cameo_actor"))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in _rows(self.conn, f"SELECT {cols} FROM entities WHERE id IN ({_placeholders(len(chunk))})", chunk):
                info[r["id"]] = r
        missing = [k for k in ids if k not in info]
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            for r in _rows(
                self.conn,
                "SELECT COALESCE(entity_id, local_id) AS id, kind, name_en, name_ar, country, "
                + self._code("doc_entities", "sector") + ", " + self._code("doc_entities", "cameo_actor")
                + f" FROM doc_entities WHERE COALESCE(entity_id, local_id) IN ({_placeholders(len(chunk))})", chunk,
            ):
                info.setdefault(r["id"], r)
        for k in ids:
            info.setdefault(k, {"id": k, "kind": None, "name_en": None, "name_ar": k, "country": None,
                                "sector": None, "cameo_actor": None})
        return info

    def match_actor(self, actor: str) -> list[str]:
        """Entity ids for an actor filter (:meth:`marsad.corpus.filters.EventSQL.match_actor`)."""
        return self.sql.match_actor(actor)

    # ---- events -----------------------------------------------------------------------------

    def events(self, filters: EventFilters | None = None, sort: str = "date", order: str = "asc",
               limit: int = 50, offset: int = 0) -> dict:
        f = (filters or EventFilters()).checked()
        if sort not in EVENT_SORTS:
            raise QueryError(f"unknown sort {sort!r} (one of {', '.join(EVENT_SORTS)})")
        direction = _order(order)
        where, params = self.sql.event_where(f)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        base = " FROM events e JOIN documents d ON d.id = e.doc_id"
        link_join = " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
        # an event is in one link at most (the members' key), so the count needs the link only to filter by it
        total = self.conn.execute("SELECT count(*)" + base + (link_join if f.link else "") + w, params).fetchone()[0]
        base += link_join
        key = EVENT_SORTS[sort].format(day="day")
        sort_sql = f"({key} IS NULL), {key} {direction}, d.seq {direction}, e.event_id {direction}"
        items = _rows(
            self.conn,
            "SELECT e.doc_id, e.event_id, e.type, e.mode, e.cameo, e.date, e.status, e.location, e.sentence,"
            " e.sentence_text, e.trigger_text, e.trigger_start, e.trigger_end, e.confidence, e.summary_en,"
            f" e.context, d.title, d.published, m.link_id, {self.days.event} AS day"
            + base + w + f" ORDER BY {sort_sql} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        self._add_args(items)
        return page(items, total, limit, offset, min_confidence=f.min_confidence)

    def _add_args(self, items: list[dict]) -> None:
        """Give each event row its source, target and location entities (with their codes)."""
        docs = sorted({it["doc_id"] for it in items})
        args: dict[tuple[str, str], list] = {}
        names: dict[tuple[str, str], dict] = {}
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            for r in _rows(
                self.conn,
                "SELECT x.doc_id, x.local_id, COALESCE(x.entity_id, x.local_id) AS id,"
                " COALESCE(g.name_en, x.name_en) AS name_en, COALESCE(g.name_ar, x.name_ar) AS name_ar,"
                " COALESCE(g.kind, x.kind) AS kind, COALESCE(g.country, x.country) AS country,"
                f" COALESCE({self.sql.code('g', 'sector')}, {self.sql.code('x', 'sector')}) AS sector,"
                f" COALESCE({self.sql.code('g', 'cameo_actor')}, {self.sql.code('x', 'cameo_actor')}) AS cameo_actor"
                " FROM doc_entities x LEFT JOIN entities g ON g.id = x.entity_id"
                f" WHERE x.doc_id IN ({_placeholders(len(chunk))})", chunk,
            ):
                names[(r.pop("doc_id"), r.pop("local_id"))] = r
            for doc, ev, role, lid in self.conn.execute(
                f"SELECT doc_id, event_id, role, local_id FROM event_args WHERE doc_id IN ({_placeholders(len(chunk))})"
                " ORDER BY rowid", chunk,
            ):
                args.setdefault((doc, ev), []).append((role, lid))
        for it in items:
            it["source"], it["target"] = [], []
            for role, lid in args.get((it["doc_id"], it["event_id"]), []):
                ent = names.get((it["doc_id"], lid)) or {"id": lid, "name_en": None, "name_ar": lid,
                                                         "kind": None, "country": None, "sector": None,
                                                         "cameo_actor": None}
                if role in ("source", "target"):
                    it[role].append(ent)
            loc = it.get("location")
            it["location"] = (names.get((it["doc_id"], loc)) or {"id": loc, "name_en": None, "name_ar": loc}) if loc else None
            if "context" in it:
                try:
                    it["context"] = json.loads(it.get("context") or "[]")
                except ValueError:
                    it["context"] = []

    # ---- timeline ---------------------------------------------------------------------------

    def timeline(self, filters: EventFilters | None = None, limit: int = 50, offset: int = 0,
                 order: str = "asc") -> dict:
        """Event links (one real-world event each) in date order, with each report's status."""
        f = (filters or EventFilters()).checked()
        direction = _order(order)
        where, params = self.sql.link_where(f)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute("SELECT count(*) FROM event_links l" + w, params).fetchone()[0]
        items = _rows(
            self.conn,
            "SELECT l.id, l.type, l.family, l.date, l.status, l.first_published, l.last_published, l.n_documents,"
            f" l.status_history, {self.days.link} AS day, {self.days.link_end} AS day_end FROM event_links l" + w +
            f" ORDER BY (day IS NULL), day {direction}, l.first_published {direction}, l.id {direction}"
            " LIMIT ? OFFSET ?",
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
                " e.sentence_text, e.confidence, d.title, d.published FROM event_link_members m JOIN events e"
                " ON e.doc_id = m.doc_id AND e.event_id = m.event_id JOIN documents d ON d.id = e.doc_id"
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
                                                      "trigger_text", "title", "published", "confidence")}
                                 for r in mem]
                seen: set[tuple[str, str]] = set()
                for role in ("source", "target"):
                    it[role] = []
                    for r in mem:
                        for ent in r[role]:
                            if (role, ent["id"]) not in seen:
                                seen.add((role, ent["id"]))
                                it[role].append(ent)
                it["summary_en"] = next((r["summary_en"] for r in reversed(mem) if r["summary_en"]), None)
                it["trigger_text"] = next((r["trigger_text"] for r in reversed(mem) if r["trigger_text"]), None)
                it["status_changed"] = len({h.get("status") for h in it["history"]}) > 1
        return page(items, total, limit, offset, min_confidence=f.min_confidence)

    def timeline_marks(self, filters: EventFilters | None = None) -> dict:
        """What the timeline chart draws (:class:`marsad.web.chart.Link`), for every event link
        passing ``filters``: its days, type, status, reports (publication day and status) and
        actors; and ``all_days``: the first day (ordinal, sorted) of every link passing the filters
        but the date range (the overview strip and the scale's bulk)."""
        f = (filters or EventFilters()).checked()
        index = self.index()

        def selected(flt: EventFilters) -> list[Link]:
            where, params = self.sql.link_where(flt)
            if not where:
                return index.ordered
            got = index.links
            return [got[lid] for (lid,) in self.conn.execute(
                f"SELECT l.id FROM event_links l WHERE {' AND '.join(where)} ORDER BY {self.days.link}, l.id", params)
                if lid in got]

        links = selected(f)
        wide = selected(f.but(since=None, until=None)) if f.since or f.until else links
        return {"links": links, "all_days": sorted(ln.first for ln in wide if ln.first is not None), "filters": f}

    def index(self) -> StoreIndex:
        return StoreIndex.of(self)

    # ---- network ----------------------------------------------------------------------------

    def network(self, filters: EventFilters | None = None, max_nodes: int = NETWORK_NODES,
                max_edges: int = NETWORK_EDGES) -> dict:
        """Actors as nodes (the ``max_nodes`` with most events), events as edges (source -> target,
        counted by type and by group: cooperation, verbal or material conflict); of the edges
        between them, the ``max_edges`` with most events (and each node's strongest)."""
        f = (filters or EventFilters()).checked()
        index = self.index()
        where, params = self.sql.event_where(f)
        w = (" WHERE " + " AND ".join(where)) if where else ""
        join = " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id" if f.link else ""
        edges: dict[tuple[str, str], dict] = {}
        n_events: dict[str, int] = {}
        none: tuple = ((), ())
        for doc, ev, typ, status in self.conn.execute(
            "SELECT e.doc_id, e.event_id, e.type, e.status FROM events e JOIN documents d ON d.id = e.doc_id" + join + w,
            params,
        ):
            sources, targets = index.event_actors.get((doc, ev), none)
            if not sources and not targets:
                continue
            for actor in set(sources) | set(targets):
                n_events[actor] = n_events.get(actor, 0) + 1
            for s in sources:
                for t in targets:
                    if s == t:
                        continue
                    ed = edges.get((s, t))
                    if ed is None:
                        ed = edges[(s, t)] = {"source": s, "target": t, "count": 0, "types": {}, "statuses": {},
                                              "groups": {}}
                    ed["count"] += 1
                    ed["types"][typ] = ed["types"].get(typ, 0) + 1
                    ed["statuses"][status] = ed["statuses"].get(status, 0) + 1
                    g = group(typ)
                    ed["groups"][g] = ed["groups"].get(g, 0) + 1
        keep = sorted(n_events, key=lambda k: (-n_events[k], k))[:max_nodes]
        keep_set = set(keep)
        among = sorted((e for (s, t), e in edges.items() if s in keep_set and t in keep_set),
                       key=lambda e: (-e["count"], e["source"], e["target"]))
        chosen = among[:max_edges]
        have = {e["source"] for e in chosen} | {e["target"] for e in chosen}
        for e in among[max_edges:]:  # every node keeps its strongest link
            if e["source"] not in have or e["target"] not in have:
                chosen.append(e)
                have |= {e["source"], e["target"]}
        chosen.sort(key=lambda e: (e["source"], e["target"]))
        degree: dict[str, int] = {}
        for e in chosen:
            e["group"] = sorted(e["groups"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            degree[e["source"]] = degree.get(e["source"], 0) + 1
            degree[e["target"]] = degree.get(e["target"], 0) + 1
        info = self.entity_info(keep)
        nodes = [{**info[k], "n_events": n_events[k], "degree": degree.get(k, 0)} for k in keep]
        return {"nodes": nodes, "edges": chosen, "total_nodes": len(n_events), "total_edges": len(edges),
                "edges_among_nodes": len(among), "max_nodes": max_nodes, "max_edges": max_edges,
                "min_confidence": f.min_confidence}

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
