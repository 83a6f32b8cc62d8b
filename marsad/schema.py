"""Pydantic models of the output contract (``marsad/data/analysis.schema.json``).

The JSON schema is the contract; these models are its Python face. ``Analysis.to_json()`` is what
``marsad analyze --format json`` prints.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

SentenceKind = Literal["title", "heading", "body", "boilerplate"]
EntityKind = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "EVENT", "MISC"]
MentionVia = Literal["name", "alias", "title", "adjective", "capital", "pronoun", "coreference", "model"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
TimeAnchor = Literal["absolute", "dct", "previous", "none"]
TimeCalendar = Literal["gregorian", "hijri"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EventStatus = Literal["occurred", "ongoing", "scheduled", "conditional", "negated", "hypothetical"]
PublishedSource = Literal["given", "inferred", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Evidence(Span):
    """A clue the document date was inferred from, and how it constrains the date."""

    why: str | None = None


class Document(_Model):
    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_source: PublishedSource = "unknown"
    published_evidence: list[Evidence] = Field(default_factory=list)
    language: str = "ar"


class Sentence(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: SentenceKind = "body"


class Mention(Span):
    via: MentionVia | None = None


class Entity(_Model):
    id: str
    kind: EntityKind
    name_en: str | None = None
    name_ar: str
    name_translit: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    country: str | None = None
    sector: str | None = None  # CAMEO agent code (GOV, MIL, COP, REB, MED, ...)
    cameo_actor: str | None = None  # country (or IGO code) and sector: "IRQ GOV"
    roles: list[str] = Field(default_factory=list)
    in_kb: bool = False
    mentions: list[Mention] = Field(min_length=1)


class Time(Span):
    type: TimeType
    value: str | None
    values: list[str] = Field(default_factory=list)
    anchor: TimeAnchor | None = None
    # Beyond the contract's required fields (its additionalProperties allow them), written only when
    # they say something: the calendar a written date was read in, and ``plausible: false`` for a
    # value that must not date an event (see marsad.time.plausible).
    calendar: TimeCalendar | None = None
    plausible: bool | None = None


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    date: str | None = None
    dates: list[str] = Field(default_factory=list)
    location: str | None = None
    status: EventStatus = "occurred"
    sentence: int = Field(ge=0)
    trigger: Span
    summary_en: str | None = None
    # The probability that the event is right (type and actors), calibrated on annotated data.
    confidence: float = Field(ge=0, le=1)


class Quote(_Model):
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    direct: bool


_OPTIONAL_TIME_FIELDS = ("calendar", "plausible")


class Analysis(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    def to_dict(self) -> dict:
        # summary_en is optional in the contract: drop it when absent rather than print null.
        data = self.model_dump(mode="json")
        for ev in data["events"]:
            if ev.get("summary_en") is None:
                ev.pop("summary_en", None)
        # the optional time fields likewise (the calendar of a written date, plausible: false)
        for t in data["times"]:
            for key in _OPTIONAL_TIME_FIELDS:
                if t.get(key) is None:
                    t.pop(key, None)
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls.model_validate(data)


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """The JSON schema of the contract, as shipped in the package."""
    return json.loads(resources.files("marsad").joinpath("data/analysis.schema.json").read_text("utf-8"))
