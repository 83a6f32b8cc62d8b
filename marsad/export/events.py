"""Events export: the filtered events as one JSON array, each with its source and target actors
(corpus-wide id, names, CAMEO actor code, country, sector), its event link and the link's status
history — what ``marsad events --format json`` prints and the web's JSON download gives."""

from __future__ import annotations

import json
from typing import TextIO

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, event_rows


def dumps(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    out.write(dumps(event_rows(store, filters)))
