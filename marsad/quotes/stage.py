"""QuoteStage: direct and reported quotes with their speaker, cue and original offsets."""

from __future__ import annotations

from marsad.doc import Doc


class QuoteStage:
    name = "quotes"

    def __init__(self) -> None:
        from marsad.quotes.attribute import cues

        cues()

    def __call__(self, doc: Doc) -> None:
        from marsad.quotes.attribute import extract

        done = doc.extra.pop("_quotes", None)  # the event stage may have found them already
        doc.quotes = list(done) if done is not None else extract(doc)
