"""CAMEO export: tab-separated event data in the Phoenix/PETRARCH layout, one row per
source-target dyad of each event that has a CAMEO code.

Columns: EventID, Date (YYYYMMDD), Year, Month, Day, SourceActorFull, SourceActorEntity,
SourceActorRole, SourceActorAttribute, TargetActorFull, TargetActorEntity, TargetActorRole,
TargetActorAttribute, EventCode, EventRootCode, QuadClass, GoldsteinScore, Issues, Lat, Lon,
LocationName, StateName, CountryCode, SentenceID, URLs, NewsSources, Status, EventLink.
Actor codes are the actor's CAMEO actor code as the pipeline gave it (``IRQ COP``: SourceActorFull
``IRQCOP``, SourceActorEntity ``IRQ``, SourceActorRole ``COP``); an actor without one has its ISO
3166-1 alpha-3 state (or IGO code) with its sector, or GOV for people and organisations of a state
when the sector is unknown; ``---`` when nothing is known. The date is the event's day, else the
report's.
"""

from __future__ import annotations

from typing import TextIO

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, display_name, event_rows

COLUMNS = [
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
    "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
    "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources", "Status", "EventLink",
]
# Goldstein scale averages of the CAMEO root codes.
GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
             "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0,
             "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0}


def quad_class(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def actor_code(ent: dict | None) -> tuple[str, str, str]:
    """(full code, entity code, role) of an actor."""
    if not ent:
        return "---", "---", ""
    parts = (ent.get("cameo_actor") or "").split()
    sector = ent.get("sector")
    if parts:
        if len(parts) == 1 and sector and parts[0] == sector:  # a sector of no known state: UAF
            return sector, "---", sector
        return "".join(parts), parts[0], "".join(parts[1:])
    if not ent.get("country"):
        return (sector, "---", sector) if sector else ("---", "---", "")
    country = ent["country"]
    role = sector or ("GOV" if ent.get("kind") in ("PERSON", "ORG") else "")
    return country + role, country, role


def _clean(s: str | None) -> str:
    return " ".join((s or "").replace("\t", " ").split())


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    out.write("\t".join(COLUMNS) + "\n")
    for ev in event_rows(store, filters):
        code = (ev["cameo"] or "").strip()
        if not code or not code[:2].isdigit():
            continue
        day = ev["when"] if len(ev["when"] or "") == 10 else (ev["published"] or "")[:10]
        if len(day) != 10:
            continue
        root = code[:2]
        sources = ev["source"] or [None]
        targets = ev["target"] or [None]
        loc = ev["location"]
        n = 0
        for s in sources:
            for t in targets:
                n += 1
                sf, se, sr = actor_code(s)
                tf, te, tr = actor_code(t)
                out.write("\t".join([
                    f"{ev['id']}-{n}", day.replace("-", ""), day[:4], day[5:7], day[8:10],
                    sf, se, sr, "", tf, te, tr, "",
                    code, root, str(quad_class(root)), str(GOLDSTEIN.get(root, "")), "", "", "",
                    _clean(display_name(loc, "") if loc else ""), "", (loc or {}).get("country") or "",
                    f"{ev['document']}-{ev['event']}", _clean(ev["url"]), _clean(ev["outlet"]),
                    ev["status"] or "", ev["link"] or "",
                ]) + "\n")
