"""CSV export: one event (in one document) a row, with its event link and the link's status, and
for its source and target actors their names, CAMEO actor codes (``IRQ COP``), countries and
sectors (several actors in one role are joined by ``; ``, in the same order in each column).

Cells are neutralised against formula injection (CSV injection): a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return — which a spreadsheet would run as a formula — gets
a leading apostrophe (``'=HYPERLINK(…)``), as OWASP recommends; every other cell is written as it is,
except that a carriage return inside a cell is written as a line break (so the cell is quoted and the
row stays one row for every reader).
"""

from __future__ import annotations

import csv
from typing import TextIO

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, actor_code, display_name, event_rows

COLUMNS = [
    "id", "date", "type", "mode", "cameo", "source", "source_actor", "source_country", "source_sector", "target",
    "target_actor", "target_country", "target_sector", "place", "status", "confidence", "link", "link_status",
    "document", "published", "outlet", "url", "trigger", "sentence",
]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell a spreadsheet will show, not run: ``'`` before a leading = + - @ tab or CR."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def row(ev: dict) -> dict:
    return {k: cell(v) for k, v in _row(ev).items()}


def _row(ev: dict) -> dict:
    def join(ents, get):
        return "; ".join(get(e) or "" for e in ents)

    out = {
        "id": ev["id"], "date": ev["date"] or "", "type": ev["type"], "mode": ev["mode"] or "",
        "cameo": ev["cameo"] or "",
        "place": display_name(ev["location"], "") if ev["location"] else "", "status": ev["status"],
        "confidence": "" if ev.get("confidence") is None else f"{ev['confidence']:.3f}",
        "link": ev["link"] or "", "link_status": ev["link_status"] or "", "document": ev["document"],
        "published": ev["published"] or "", "outlet": ev["outlet"] or "", "url": ev["url"] or "",
        "trigger": ev["trigger"] or "", "sentence": " ".join((ev["sentence"] or "").split()),
    }
    for role in ("source", "target"):
        ents = ev[role]
        out[role] = join(ents, lambda e: display_name(e, e.get("id", "")))
        out[f"{role}_actor"] = join(ents, actor_code)
        out[f"{role}_country"] = join(ents, lambda e: e.get("country"))
        out[f"{role}_sector"] = join(ents, lambda e: e.get("sector"))
    return {k: out[k] for k in COLUMNS}


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for ev in event_rows(store, filters):
        w.writerow(row(ev))
