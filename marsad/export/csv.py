"""CSV export: one event (in one document) a row, with its event link and the link's status.

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
from marsad.corpus.timeline import Filters, display_name, event_rows

COLUMNS = [
    "id", "date", "type", "mode", "cameo", "source", "source_country", "target", "target_country", "place",
    "status", "link", "link_status", "document", "published", "outlet", "url", "trigger", "sentence",
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
