"""The one object that flows through the pipeline: a document and the layers stages add to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.schema import Analysis, Document, Entity, Event, Quote, Sentence, Time
from marsad.text.normalize import NormText


@dataclass
class Doc:
    document: Document
    norm: NormText | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # Working state shared between stages that is not part of the contract (e.g. per-sentence
    # tense, entity mention index). Each stage writes only its own keys.
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def dct(self) -> date | None:
        """The document creation time, once given or inferred to the day (a document dated to a month
        or a year only, ``2015-07`` or ``2015``, has no day to resolve relative expressions against)."""
        p = self.document.published
        return date.fromisoformat(p[:10]) if p and len(p) >= 10 else None

    def to_analysis(self) -> Analysis:
        return Analysis(
            document=self.document,
            sentences=self.sentences,
            entities=self.entities,
            times=self.times,
            events=self.events,
            quotes=self.quotes,
        )
