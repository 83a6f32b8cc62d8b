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

        doc.quotes = extract(doc)
