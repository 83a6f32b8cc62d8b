"""PLOVER export: one event a line (JSON Lines, as the PLOVER specification suggests), with the
specification's field names: ``id``, ``date`` (and ``enddate`` for an event over several days),
``event``, ``mode``, ``context``, ``source`` and ``recipient`` (lists of actor objects), ``event_loc``,
``event_text``, ``quad_code``, ``link`` (the event link: the same event in several reports) and
``cite_info``; Marsad adds ``status``, ``confidence`` and ``cameo``.

An actor object has ``code`` (ISO 3166 alpha-3 of the actor's state, or ``IGO``), ``sector`` (a
PLOVER sector code), ``actor_text`` (its Arabic name), ``identifier_id`` (its Wikidata id) and
``identifier_text`` (its English name). PLOVER's codes differ from CAMEO's in places (its ``JRN`` is
CAMEO's ``MED``, its ``MED`` CAMEO's ``HLH``, an IGO goes in the code field): the mapping is the data
file ``data/plover.json`` beside this module. The text of the article is not exported (PLOVER's
``text`` field is for texts one may redistribute); ``event_text`` is the trigger.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TextIO

from marsad import __version__
from marsad.corpus.crossdoc import covered_days
from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, event_rows


@lru_cache(maxsize=1)
def mapping() -> dict:
    return json.loads(resources.files("marsad.export").joinpath("data/plover.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def states() -> frozenset[str]:
    """ISO 3166 alpha-3 codes of the knowledge base's states (anything else in a country field is an IGO's code)."""
    text = resources.files("marsad.kb").joinpath("data/countries.jsonl").read_text("utf-8")
    return frozenset(json.loads(ln)["iso3"] for ln in text.splitlines() if ln.strip() and '"iso3"' in ln)


def actor(ent: dict) -> dict:
    """The PLOVER actor object of one of Marsad's actors (``ent``: id, names, country, sector, code)."""
    m = mapping()
    parts = (ent.get("cameo_actor") or "").split()
    country = ent.get("country")
    sector = ent.get("sector")
    if not sector and len(parts) > 1:
        sector = parts[-1]
    if not country and parts and parts[0] != sector:
        country = parts[0]
    code, out_sector = country, sector
    rule = m["code_sectors"].get(sector or "")
    if rule == "always" or (country and country not in states() and sector in (None, "IGO")):
        code, out_sector = "IGO", None
    elif rule == "without_country" and not country:
        code, out_sector = sector, None
    elif sector:
        out_sector = m["sectors"].get(sector, sector)
    obj = {"code": code, "sector": out_sector, "actor_text": ent.get("name_ar"),
           "identifier_id": ent["id"] if str(ent.get("id", "")).startswith("Q") else None,
           "identifier_text": ent.get("name_en")}
    return {k: v for k, v in obj.items() if v is not None}


def record(ev: dict) -> dict | None:
    day, day_end = covered_days(ev["date"], ev["published"])
    if not day:
        return None
    loc = ev["location"]
    cite = {"url": ev["url"], "title": ev["title"], "language": "ar", "publication": ev["outlet"],
            "citation": ev["document"]}
    rec = {
        "id": ev["id"], "date": day, "enddate": day_end if day_end and day_end != day else None,
        "event": [ev["type"]], "mode": [ev["mode"]] if ev["mode"] else None, "context": ev.get("context") or None,
        "source": [actor(a) for a in ev["source"]], "recipient": [actor(a) for a in ev["target"]],
        "event_loc": {k: v for k, v in {"name": loc.get("name_en") or loc.get("name_ar"),
                                        "cc3": loc.get("country")}.items() if v} if loc else None,
        "event_text": [ev["trigger"]] if ev["trigger"] else None,
        "quad_code": mapping()["quad"].get(ev["type"]), "link": ev["link"],
        "cite_info": {k: v for k, v in cite.items() if v}, "coder": f"Marsad {__version__}",
        "status": ev["status"], "confidence": ev["confidence"], "cameo": ev["cameo"],
    }
    return {k: v for k, v in rec.items() if v not in (None, [], {})}


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    for ev in event_rows(store, filters):
        rec = record(ev)
        if rec is not None:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
