"""EventStage: PLOVER events (type, mode, CAMEO, source, target, status, date, place) from triggers."""

from __future__ import annotations

from marsad.doc import Doc


class EventStage:
    name = "events"

    def __init__(self) -> None:
        from marsad.events.lexicon import lexicon

        lexicon()  # load and index the lexicons once, at pipeline build time

    def __call__(self, doc: Doc) -> None:
        from marsad.events.extract import extract

        doc.events = extract(doc)
