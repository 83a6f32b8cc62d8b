"""JSON Lines export: one Analysis (the contract) a line, in the order documents were added. Events
under the confidence threshold are left out of each Analysis (the pipeline's unless
``filters.min_confidence`` says otherwise; 0 keeps them all). Actors carry their country, sector and
CAMEO actor code in the Analysis's entities, as the pipeline gave them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from marsad.corpus.store import Store


def analyses(store: Store, filters=None) -> Iterator[dict]:
    """Every stored Analysis, without the events under the threshold of ``filters``."""
    from marsad.corpus.filters import EventFilters

    threshold = (filters or EventFilters()).checked("--").min_confidence
    for analysis in store.iter_analyses():
        if threshold:
            analysis["events"] = [e for e in analysis.get("events") or []
                                  if e.get("confidence") is None or e["confidence"] >= threshold]
        yield analysis


def write(store: Store, out: TextIO, filters=None) -> None:
    for analysis in analyses(store, filters):
        out.write(json.dumps(analysis, ensure_ascii=False) + "\n")
