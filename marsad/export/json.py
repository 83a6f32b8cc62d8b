"""JSON export: {"documents": [Analysis…], "duplicates": […], "entities": […], "event_links": […], "stories": […]}."""

from __future__ import annotations

import json
from typing import TextIO

from marsad.corpus.store import Store


def event_links(store: Store) -> list[dict]:
    out = []
    conn = store.conn
    members: dict[str, list[dict]] = {}
    for link, doc, ev in conn.execute("SELECT link_id, doc_id, event_id FROM event_link_members ORDER BY rowid"):
        members.setdefault(link, []).append({"document": doc, "event": ev})
    for lid, typ, fam, dt, status, first, last, n, hist in conn.execute(
        "SELECT id, type, family, date, status, first_published, last_published, n_documents, status_history"
        " FROM event_links ORDER BY COALESCE(date, first_published, '9999'), id"
    ):
        out.append({"id": lid, "type": typ, "family": fam, "date": dt, "events": members.get(lid, []),
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
    return [{"id": r[0], "kind": r[1], "name_en": r[2], "name_ar": r[3], "country": r[4], "wikidata": r[5],
             "in_kb": bool(r[6]), "documents": r[7], "mentions": r[8]}
            for r in store.conn.execute(
                "SELECT id, kind, name_en, name_ar, country, wikidata, in_kb, n_documents, n_mentions FROM entities"
                " ORDER BY n_documents DESC, id")]


def duplicates(store: Store) -> list[dict]:
    return [{"document": r[0], "duplicate_of": r[1], "kind": r[2], "similarity": r[3], "title": r[4],
             "source": r[5], "url": r[6], "published": r[7]}
            for r in store.conn.execute(
                "SELECT id, duplicate_of, duplicate_kind, similarity, title, source, url, published FROM documents"
                " WHERE duplicate_of IS NOT NULL ORDER BY seq")]


def write(store: Store, out: TextIO) -> None:
    out.write("{\n")
    out.write('"documents": [')
    for i, analysis in enumerate(store.iter_analyses()):
        out.write(("\n" if i == 0 else ",\n") + json.dumps(analysis, ensure_ascii=False))
    out.write("\n],\n")
    for key, value in (("duplicates", duplicates(store)), ("entities", entities(store)),
                       ("event_links", event_links(store)), ("stories", stories(store))):
        out.write(f'"{key}": ' + json.dumps(value, ensure_ascii=False))
        out.write(",\n" if key != "stories" else "\n")
    out.write("}\n")
