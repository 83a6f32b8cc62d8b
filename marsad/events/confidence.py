"""The confidence under which events are not reported by default (they are still stored and can be
shown on request: ``--min-confidence 0``). It is chosen with the model, for precision, on the
synthetic dev split and the wire-style dev set together (the highest threshold whose F1 for events
with actors is within 0.01 of the best; see ``scripts/train_event_model.py``), and shipped in
``model/events.json``."""

from __future__ import annotations

import json
from importlib import resources


def _shipped() -> float:
    path = resources.files("marsad.events").joinpath("model/events.json")
    if not path.is_file():
        return 0.0
    return float(json.loads(path.read_text("utf-8")).get("min_confidence", 0.0))


DEFAULT_MIN_CONFIDENCE = _shipped()
