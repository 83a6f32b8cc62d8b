"""CSV export: one event (in one document) a row, with its event link and the link's status."""

from __future__ import annotations

import csv
from typing import TextIO

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, display_name, event_rows

COLUMNS = [
    "id", "date", "type", "mode", "cameo", "source", "source_country", "target", "target_country", "place",
    "status", "link", "link_status", "document", "published", "outlet", "url", "trigger", "sentence",
]


def row(ev: dict) -> dict:
    def names(ents):
        return "; ".join(display_name(e, e.get("id", "")) for e in ents)

    def countries(ents):
        return "; ".join(e.get("country") or "" for e in ents)

    return {
        "id": ev["id"], "date": ev["date"] or "", "type": ev["type"], "mode": ev["mode"] or "",
        "cameo": ev["cameo"] or "", "source": names(ev["source"]), "source_country": countries(ev["source"]),
        "target": names(ev["target"]), "target_country": countries(ev["target"]),
        "place": display_name(ev["location"], "") if ev["location"] else "", "status": ev["status"],
        "link": ev["link"] or "", "link_status": ev["link_status"] or "", "document": ev["document"],
        "published": ev["published"] or "", "outlet": ev["outlet"] or "", "url": ev["url"] or "",
        "trigger": ev["trigger"] or "", "sentence": " ".join((ev["sentence"] or "").split()),
    }


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for ev in event_rows(store, filters):
        w.writerow(row(ev))
