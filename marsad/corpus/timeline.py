"""Queries over the stored events: filtered event rows (one per event in a document) and the
timeline (one entry per event link, in date order, with its status and sources)."""

from __future__ import annotations

import json
import re

from marsad.corpus.filters import EventFilters, EventSQL
from marsad.corpus.store import Store

# The command line's filters are the ones every reader of the store shares.
Filters = EventFilters

_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _date_part(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value (2024-03-05, 2024-03, 2024), or None (PRESENT_REF, P1D…)."""
    m = _DATE_RE.match(value or "")
    return m.group() if m else None


def match_actor(store: Store, actor: str) -> set[str]:
    """Corpus-wide entity ids matching ``actor``: the id itself, its CAMEO actor code, or the English
    or Arabic name (folded); failing that, names containing it."""
    return set(EventSQL(store.conn, store.version).match_actor(actor))


def display_name(ent: dict | None, fallback: str = "") -> str:
    if not ent:
        return fallback
    return ent.get("name_en") or ent.get("name_ar") or ent["id"]


def actor_code(ent: dict | None) -> str:
    """The CAMEO actor code of an actor (``IRQ COP``), else its country and sector as known, else ''."""
    if not ent:
        return ""
    return ent.get("cameo_actor") or " ".join(x for x in (ent.get("country"), ent.get("sector")) if x)


def _actors(store: Store, sql: EventSQL, docs: list[str]) -> tuple[dict, dict]:
    """(document, local id) -> actor (corpus-wide id, names, kind, country, sector, CAMEO actor code),
    and (document, event) -> {role: [(document, local id)]}, for the documents ``docs``."""
    conn = store.conn
    names: dict[tuple[str, str], dict] = {}
    args: dict[tuple[str, str], dict[str, list]] = {}
    for i in range(0, len(docs), 500):
        chunk = docs[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT x.doc_id, x.local_id, COALESCE(x.entity_id, x.local_id), g.id IS NOT NULL,"
            " COALESCE(g.kind, x.kind), COALESCE(g.name_en, x.name_en), COALESCE(g.name_ar, x.name_ar),"
            " COALESCE(g.country, x.country),"
            f" COALESCE({sql.code('g', 'sector')}, {sql.code('x', 'sector')}),"
            f" COALESCE({sql.code('g', 'cameo_actor')}, {sql.code('x', 'cameo_actor')})"
            f" FROM doc_entities x LEFT JOIN entities g ON g.id = x.entity_id WHERE x.doc_id IN ({marks})", chunk,
        ):
            doc, lid, gid, _known, kind, name_en, name_ar, country, sector, code = row
            names[(doc, lid)] = {"id": gid, "kind": kind, "name_en": name_en, "name_ar": name_ar, "country": country,
                                 "sector": sector, "cameo_actor": code}
        for doc, eid, role, lid in conn.execute(
            f"SELECT doc_id, event_id, role, local_id FROM event_args WHERE doc_id IN ({marks}) ORDER BY rowid", chunk
        ):
            args.setdefault((doc, eid), {"source": [], "target": []}).setdefault(role, []).append(lid)
    return names, args


def _json_list(value: str | None) -> list:
    try:
        out = json.loads(value or "[]")
    except ValueError:
        return []
    return out if isinstance(out, list) else []


def event_rows(store: Store, filters: EventFilters | None = None) -> list[dict]:
    """Every stored event (one per document event) that passes ``filters``
    (:mod:`marsad.corpus.filters`; the pipeline's confidence threshold unless they say otherwise), in
    date order. Each source and target carries its corpus-wide id, names, country, sector and CAMEO
    actor code."""
    f = (filters or EventFilters()).checked("--")
    conn = store.conn
    sql = EventSQL(conn, store.version)
    where, params = sql.event_where(f)
    w = (" WHERE " + " AND ".join(where)) if where else ""
    selected = conn.execute(
        "SELECT e.doc_id, e.event_id, e.type, e.mode, e.cameo, e.date, e.status, e.location, e.sentence_text,"
        " e.trigger_text, e.confidence, e.summary_en, e.context, d.published, d.url, d.source, d.title,"
        " m.link_id, l.status, l.date, l.status_history, l.n_documents, sd.story_id"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
        " LEFT JOIN event_links l ON l.id = m.link_id"
        " LEFT JOIN story_documents sd ON sd.doc_id = e.doc_id" + w + " ORDER BY d.seq, e.rowid", params,
    ).fetchall()
    names, args = _actors(store, sql, sorted({r[0] for r in selected}))
    rows = []
    for r in selected:
        (doc, eid, typ, mode, cameo, dt, status, loc, sentence, trigger, conf, summary, context, pub, url, outlet,
         title, link, lstatus, ldate, lhistory, ln, story) = r
        a = args.get((doc, eid), {})

        def ents(role, doc=doc, a=a):
            out, seen = [], set()
            for lid in a.get(role, []):
                ent = names.get((doc, lid)) or {"id": lid}
                if ent["id"] not in seen:
                    seen.add(ent["id"])
                    out.append(ent)
            return out

        when = _date_part(dt) or ldate or pub
        rows.append({
            "id": f"{doc}#{eid}", "document": doc, "event": eid, "date": dt, "when": when, "type": typ, "mode": mode,
            "cameo": cameo, "status": status, "link": link, "link_status": lstatus, "link_documents": ln or 1,
            "status_history": json.loads(lhistory) if lhistory else [],
            "source": ents("source"), "target": ents("target"),
            "location": (names.get((doc, loc)) or {"id": loc}) if loc else None,
            "sentence": sentence, "trigger": trigger, "confidence": conf, "summary_en": summary,
            "context": _json_list(context), "published": pub, "url": url, "outlet": outlet, "title": title, "story": story,
        })
    rows.sort(key=lambda x: (x["when"] or "9999", x["published"] or "9999", x["document"], x["event"]))
    return rows


def timeline(store: Store, filters: Filters | None = None) -> list[dict]:
    """One entry per event link with at least one event passing ``filters``, in date order."""
    by_link: dict[str, list[dict]] = {}
    for row in event_rows(store, filters):
        by_link.setdefault(row["link"] or row["id"], []).append(row)
    out = []
    for link, rows in by_link.items():
        rows.sort(key=lambda x: (x["published"] or "9999", x["document"], x["event"]))
        history = rows[0]["status_history"] or [
            {"document": x["document"], "event": x["event"], "published": x["published"], "status": x["status"],
             "date": x["date"]} for x in rows]
        status = rows[0]["link_status"] or rows[-1]["status"]
        ref = next((x for x in rows if x["status"] == status), rows[-1])
        when = ref["when"]
        dated = [x for x in rows if len(_date_part(x["date"]) or "") == 10 and x["status"] == status]
        if dated:
            when = _date_part(dated[-1]["date"])
        sources = {}
        for x in rows:
            for e in x["source"]:
                sources.setdefault(e["id"], e)
        targets = {}
        for x in rows:
            for e in x["target"]:
                targets.setdefault(e["id"], e)
        out.append({
            "link": link, "date": when, "type": ref["type"], "mode": ref["mode"], "cameo": ref["cameo"],
            "status": status, "status_history": history,
            "source": list(sources.values()), "target": list(targets.values()),
            "location": next((x["location"] for x in rows if x["location"]), None),
            "documents": [{"document": h["document"], "published": h["published"], "status": h["status"],
                           "outlet": next((x["outlet"] for x in rows if x["document"] == h["document"]), None)}
                          for h in history],
            "sentence": ref["sentence"], "summary_en": ref["summary_en"], "story": ref["story"],
        })
    out.sort(key=lambda x: (x["date"] or "9999", x["documents"][0]["published"] or "9999", x["link"]))
    return out


_STRENGTH = ["occurred", "ongoing", "negated", "scheduled", "conditional", "hypothetical"]


def document_statuses(history: list[dict]) -> dict[str, str]:
    """What each document (in history order) said of the event: its most definite status."""
    out: dict[str, str] = {}
    for h in history:
        cur = out.get(h["document"])
        st = h["status"]
        if cur is None or _STRENGTH.index(st) < _STRENGTH.index(cur):
            out[h["document"]] = st
    return out


def _named(ent: dict) -> str:
    code = actor_code(ent)
    return display_name(ent, ent.get("id", "")) + (f" [{code}]" if code else "")


def format_timeline(entries: list[dict]) -> list[str]:
    lines = []
    for e in entries:
        src = ", ".join(_named(a) for a in e["source"]) or "?"
        tgt = ", ".join(_named(a) for a in e["target"])
        who = f"{src} → {tgt}" if tgt else src
        steps = []
        for st in document_statuses(e["status_history"]).values():
            if not steps or steps[-1] != st:
                steps.append(st)
        status = e["status"] + (f" ({' → '.join(steps)})" if len(steps) > 1 else "")
        place = f" @ {display_name(e['location'])}" if e["location"] else ""
        lines.append(f"{e['date'] or '????-??-??'}  {e['type']:<9} {status:<10} {who}{place}")
        by_doc = document_statuses(e["status_history"])
        for d in e["documents"]:
            if d["document"] not in by_doc:
                continue
            outlet = f" [{d['outlet']}]" if d.get("outlet") else ""
            lines.append(f"    {d['published'] or '?':<10}  {by_doc.pop(d['document']):<10} {d['document']}{outlet}")
    return lines
