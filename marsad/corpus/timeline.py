"""Queries over the stored events: filtered event rows (one per event in a document) and the
timeline (one entry per event link, in date order, with its status and sources)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from marsad.corpus.crossdoc import config
from marsad.corpus.store import Store
from marsad.errors import InputError
from marsad.pipeline import check_date
from marsad.schema import EventType
from marsad.text.normalize import fold

EVENT_TYPES = tuple(EventType.__args__)


@dataclass
class Filters:
    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    story: str | None = None

    def checked(self) -> Filters:
        types = None
        if self.type:
            types = set()
            fams = config()["families"]
            for t in self.type.replace(" ", "").split(","):
                if t.upper() in EVENT_TYPES:
                    types.add(t.upper())
                elif t.lower() in fams:
                    types.update(fams[t.lower()])
                elif t:
                    raise InputError(f"unknown event type {t!r} (one of {', '.join(EVENT_TYPES)}, or a family: "
                                     f"{', '.join(fams)})")
        return Filters(
            actor=self.actor.strip() if self.actor and self.actor.strip() else None,
            type=",".join(sorted(types)) if types else None,
            since=check_date(self.since, "--since"),
            until=check_date(self.until, "--until"),
            story=self.story.strip() if self.story else None,
        )


_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _date_part(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value (2024-03-05, 2024-03, 2024), or None (PRESENT_REF, P1D…)."""
    m = _DATE_RE.match(value or "")
    return m.group() if m else None


def match_actor(store: Store, actor: str) -> set[str]:
    """Corpus-wide entity ids matching ``actor``: the id itself, or the English or Arabic name
    (folded); failing that, names containing it."""
    q = fold(actor)
    ql = q.lower()
    rows = store.conn.execute("SELECT id, folded_ar, folded_en FROM entities").fetchall()
    exact = {r[0] for r in rows if r[0] == actor.strip() or r[0].lower() == ql or r[1] == q or (r[2] and r[2] == ql)}
    if exact:
        return exact
    return {r[0] for r in rows if (r[1] and q in r[1]) or (r[2] and ql in r[2])}


def _entity_info(store: Store) -> dict[str, dict]:
    return {r[0]: {"id": r[0], "kind": r[1], "name_en": r[2], "name_ar": r[3], "country": r[4]}
            for r in store.conn.execute("SELECT id, kind, name_en, name_ar, country FROM entities")}


def display_name(ent: dict | None, fallback: str = "") -> str:
    if not ent:
        return fallback
    return ent.get("name_en") or ent.get("name_ar") or ent["id"]


def event_rows(store: Store, filters: Filters | None = None) -> list[dict]:
    """Every stored event (one per document event) that passes ``filters``, in date order."""
    f = (filters or Filters()).checked()
    conn = store.conn
    ents = _entity_info(store)
    local = {(d, lid): gid for d, lid, gid in conn.execute("SELECT doc_id, local_id, entity_id FROM doc_entities")}
    args: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for doc, eid, role, lid in conn.execute("SELECT doc_id, event_id, role, local_id FROM event_args ORDER BY rowid"):
        gid = local.get((doc, lid)) or lid
        if gid not in args[(doc, eid)][role]:
            args[(doc, eid)][role].append(gid)
    stories = dict(conn.execute("SELECT doc_id, story_id FROM story_documents").fetchall())
    actor_ids = match_actor(store, f.actor) if f.actor else None
    types = set(f.type.split(",")) if f.type else None
    rows = []
    for r in conn.execute(
        "SELECT e.doc_id, e.event_id, e.type, e.mode, e.cameo, e.date, e.status, e.location, e.sentence_text,"
        " e.trigger_text, e.confidence, e.summary_en, d.published, d.url, d.source, d.title,"
        " m.link_id, l.status, l.date, l.status_history, l.n_documents"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN event_link_members m ON m.doc_id = e.doc_id AND m.event_id = e.event_id"
        " LEFT JOIN event_links l ON l.id = m.link_id ORDER BY d.seq, e.rowid"
    ):
        (doc, eid, typ, mode, cameo, dt, status, loc, sentence, trigger, conf, summary, pub, url, outlet, title,
         link, lstatus, ldate, lhistory, ln) = r
        a = args.get((doc, eid), {"source": [], "target": []})
        if types and typ not in types:
            continue
        if actor_ids is not None and not (actor_ids & set(a["source"] + a["target"])):
            continue
        story = stories.get(doc)
        if f.story and story != f.story:
            continue
        when = _date_part(dt) or ldate or pub
        if f.since and (not when or when[:10] < f.since):
            continue
        if f.until and (not when or when[:len(f.until)] > f.until):
            continue
        gl = local.get((doc, loc)) or loc if loc else None
        rows.append({
            "id": f"{doc}#{eid}", "document": doc, "event": eid, "date": dt, "when": when, "type": typ, "mode": mode,
            "cameo": cameo, "status": status, "link": link, "link_status": lstatus, "link_documents": ln or 1,
            "status_history": json.loads(lhistory) if lhistory else [],
            "source": [ents.get(g, {"id": g}) for g in a["source"]],
            "target": [ents.get(g, {"id": g}) for g in a["target"]],
            "location": ents.get(gl, {"id": gl}) if gl else None,
            "sentence": sentence, "trigger": trigger, "confidence": conf, "summary_en": summary,
            "published": pub, "url": url, "outlet": outlet, "title": title, "story": story,
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


def format_timeline(entries: list[dict]) -> list[str]:
    lines = []
    for e in entries:
        src = ", ".join(display_name(a) for a in e["source"]) or "?"
        tgt = ", ".join(display_name(a) for a in e["target"])
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
