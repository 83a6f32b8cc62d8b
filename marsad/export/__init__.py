"""Exports of a corpus store, one module a format: json, jsonl, csv, cameo, graphml, ics.

Each module has ``write(store, out)`` writing text to the stream ``out``.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from marsad.errors import InputError

FORMATS = {
    "json": "documents, event links and stories in one JSON object",
    "jsonl": "one Analysis a line",
    "csv": "one event a row",
    "cameo": "tab-separated Phoenix/PETRARCH-style event data with CAMEO codes",
    "graphml": "the actor network (entities as nodes, events as dated, typed, weighted edges)",
    "ics": "scheduled events as an iCalendar diplomatic calendar",
}
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "cameo": ".tsv", "graphml": ".graphml", "ics": ".ics"}


def export(store, fmt: str, out: TextIO) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"marsad.export.{fmt}")
    module.write(store, out)
