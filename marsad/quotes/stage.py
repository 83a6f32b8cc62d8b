"""QuoteStage: placeholder until its issue lands; adds nothing to the document."""

from __future__ import annotations

from marsad.doc import Doc


class QuoteStage:
    name = "quotes"

    def __call__(self, doc: Doc) -> None:
        return None
