"""Exports of a corpus store, one module a format: json, jsonl, csv, events, plover, cameo, graphml, ics.

Each module has ``write(store, out, filters=None)`` writing text to the stream ``out``. The event
formats (csv, events, plover, cameo, graphml, ics) take every filter of
:class:`marsad.corpus.filters.EventFilters`; the document formats (json, jsonl) take the confidence
threshold only (events under it are left out of each Analysis). The pipeline's threshold applies
unless ``filters.min_confidence`` says otherwise (0 keeps everything).
"""

from __future__ import annotations

import importlib
from typing import TextIO

from marsad.errors import InputError

FORMATS = {
    "json": "documents, entities, event links (with their actors' codes) and stories in one JSON object",
    "jsonl": "one Analysis a line",
    "csv": "one event a row, with its actors' CAMEO codes, countries and sectors",
    "events": "the events as a JSON array (what `marsad events --format json` prints)",
    "plover": "PLOVER JSON Lines: one event a line, actors with PLOVER country and sector codes",
    "cameo": "tab-separated Phoenix/PETRARCH-style event data with CAMEO codes",
    "graphml": "the actor network (entities as nodes, events as dated, typed, weighted edges)",
    "ics": "scheduled events as an iCalendar diplomatic calendar",
}
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "events": ".json", "plover": ".jsonl", "cameo": ".tsv",
          "graphml": ".graphml", "ics": ".ics"}
DOCUMENT_FORMATS = ("json", "jsonl")


def export(store, fmt: str, out: TextIO, filters=None) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    from marsad.corpus.filters import EventFilters

    f = (filters or EventFilters()).checked("--")
    if fmt in DOCUMENT_FORMATS:
        extra = [k for k, v in f.params().items() if k != "min_confidence"]
        if extra:
            opts = ", ".join("--" + k.replace("_", "-") for k in extra)
            raise InputError(f"{opts}: the {fmt} export holds whole documents; it takes --min-confidence only "
                             "(filter events with csv, events, plover, cameo, graphml or ics)")
    module = importlib.import_module(f"marsad.export.{fmt}")
    module.write(store, out, f)
