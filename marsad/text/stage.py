"""Text stage: normalization and sentences."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.text.normalize import normalize
from marsad.text.segment import segment


class TextStage:
    name = "text"

    def __call__(self, doc: Doc) -> None:
        doc.norm = normalize(doc.text)
        title = doc.document.title
        span = None
        if title:
            stripped = doc.text.lstrip()
            if stripped.startswith(title.strip()):
                s = len(doc.text) - len(stripped)
                span = (s, s + len(title.strip()))
        doc.sentences = segment(doc.norm, span)
