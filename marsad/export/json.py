"""JSON export: {"documents": [Analysis…], "duplicates": […], "entities": […], "event_links": […], "stories": […]}.

Entities carry their country, sector and CAMEO actor code; each event link lists its source and
target actors with theirs. Events under the confidence threshold (the pipeline's unless
``filters.min_confidence`` says otherwise; 0 keeps them all) are left out of the Analyses and of the
event links (a link none of whose events passes is left out)."""

from __future__ import annotations

import json
from typing import TextIO

from marsad.corpus.store import Store


def event_links(store: Store, min_confidence: float = 0.0) -> list[dict]:
    from marsad.corpus.filters import EventSQL

    out = []
    conn = store.conn
    sql = EventSQL(conn, store.version)
    members: dict[str, list[dict]] = {}
    for link, doc, ev in conn.execute(
        "SELECT m.link_id, m.doc_id, m.event_id FROM event_link_members m JOIN events e ON e.doc_id = m.doc_id"
        " AND e.event_id = m.event_id WHERE COALESCE(e.confidence, 1.0) >= ? ORDER BY m.rowid", (min_confidence,)
    ):
        members.setdefault(link, []).append({"document": doc, "event": ev})
    actors: dict[str, dict[str, dict]] = {}
    for link, role, gid, name_en, name_ar, country, sector, code in conn.execute(
        "SELECT m.link_id, a.role, COALESCE(x.entity_id, a.local_id), COALESCE(g.name_en, x.name_en),"
        " COALESCE(g.name_ar, x.name_ar), COALESCE(g.country, x.country),"
        f" COALESCE({sql.code('g', 'sector')}, {sql.code('x', 'sector')}),"
        f" COALESCE({sql.code('g', 'cameo_actor')}, {sql.code('x', 'cameo_actor')})"
        " FROM event_link_members m JOIN event_args a ON a.doc_id = m.doc_id AND a.event_id = m.event_id"
        " LEFT JOIN doc_entities x ON x.doc_id = a.doc_id AND x.local_id = a.local_id"
        " LEFT JOIN entities g ON g.id = x.entity_id WHERE a.role IN ('source', 'target') ORDER BY m.rowid, a.rowid"
    ):
        by_role = actors.setdefault(link, {"source": {}, "target": {}})
        by_role[role].setdefault(gid, {"id": gid, "name_en": name_en, "name_ar": name_ar, "cameo_actor": code,
                                       "country": country, "sector": sector})
    for lid, typ, fam, dt, status, first, last, n, hist in conn.execute(
        "SELECT id, type, family, date, status, first_published, last_published, n_documents, status_history"
        " FROM event_links ORDER BY COALESCE(date, first_published, '9999'), id"
    ):
        if lid not in members:
            continue
        who = actors.get(lid, {"source": {}, "target": {}})
        out.append({"id": lid, "type": typ, "family": fam, "date": dt, "events": members[lid],
                    "source": list(who["source"].values()), "target": list(who["target"].values()),
                    "status": status, "status_history": json.loads(hist or "[]"), "n_documents": n,
                    "first_published": first, "last_published": last})
    return out


def stories(store: Store) -> list[dict]:
    docs: dict[str, list[str]] = {}
    for sid, doc in store.conn.execute(
        "SELECT s.story_id, s.doc_id FROM story_documents s JOIN documents d ON d.id = s.doc_id ORDER BY d.seq"
    ):
        docs.setdefault(sid, []).append(doc)
    return [{"id": sid, "label": label, "first_date": first, "last_date": last, "documents": docs.get(sid, [])}
            for sid, label, first, last in store.conn.execute(
                "SELECT id, label, first_date, last_date FROM stories ORDER BY COALESCE(first_date, '9999'), id")]


def entities(store: Store) -> list[dict]:
    from marsad.corpus.filters import EventSQL

    sql = EventSQL(store.conn, store.version)
    return [{"id": r[0], "kind": r[1], "name_en": r[2], "name_ar": r[3], "country": r[4], "sector": r[9],
             "cameo_actor": r[10], "wikidata": r[5], "in_kb": bool(r[6]), "documents": r[7], "mentions": r[8]}
            for r in store.conn.execute(
                "SELECT id, kind, name_en, name_ar, country, wikidata, in_kb, n_documents, n_mentions,"
                f" {sql.code('entities', 'sector')}, {sql.code('entities', 'cameo_actor')} FROM entities"
                " ORDER BY n_documents DESC, id")]


def duplicates(store: Store) -> list[dict]:
    return [{"document": r[0], "duplicate_of": r[1], "kind": r[2], "similarity": r[3], "title": r[4],
             "source": r[5], "url": r[6], "published": r[7]}
            for r in store.conn.execute(
                "SELECT id, duplicate_of, duplicate_kind, similarity, title, source, url, published FROM documents"
                " WHERE duplicate_of IS NOT NULL ORDER BY seq")]


def write(store: Store, out: TextIO, filters=None) -> None:
    from marsad.corpus.filters import EventFilters
    from marsad.export.jsonl import analyses

    f = (filters or EventFilters()).checked("--")
    out.write("{\n")
    out.write('"documents": [')
    for i, analysis in enumerate(analyses(store, f)):
        out.write(("\n" if i == 0 else ",\n") + json.dumps(analysis, ensure_ascii=False))
    out.write("\n],\n")
    for key, value in (("duplicates", duplicates(store)), ("entities", entities(store)),
                       ("event_links", event_links(store, f.min_confidence)), ("stories", stories(store))):
        out.write(f'"{key}": ' + json.dumps(value, ensure_ascii=False))
        out.write(",\n" if key != "stories" else "\n")
    out.write("}\n")
