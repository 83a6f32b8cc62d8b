"""EventStage: PLOVER events (type, mode, CAMEO, source, target, status, date, place) from triggers."""

from __future__ import annotations

from marsad.doc import Doc


class EventStage:
    name = "events"

    def __init__(self, use_model: bool = True) -> None:
        from marsad.events.lexicon import lexicon
        from marsad.events.model import load_model

        lexicon()  # load and index the lexicons once, at pipeline build time
        self.use_model = use_model and load_model() is not None

    def __call__(self, doc: Doc) -> None:
        """``use_model=False``: the rules' proposals as they are (what the rule tests check)."""
        from marsad.events.extract import extract

        if not self.use_model:
            doc.extra["_no_model"] = True
        doc.events = extract(doc)
