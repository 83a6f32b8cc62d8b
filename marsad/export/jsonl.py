"""JSON Lines export: one Analysis (the contract) a line, in the order documents were added."""

from __future__ import annotations

import json
from typing import TextIO

from marsad.corpus.store import Store


def write(store: Store, out: TextIO) -> None:
    for analysis in store.iter_analyses():
        out.write(json.dumps(analysis, ensure_ascii=False) + "\n")
