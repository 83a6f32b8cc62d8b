"""The pipeline: stages run in order on one Doc; each adds its layer and never edits another's."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, datetime

from marsad.doc import Doc
from marsad.errors import InputError
from marsad.schema import Analysis, Document

Stage = Callable[[Doc], None]


def default_stages() -> list[Stage]:
    from marsad.entities.stage import EntityStage
    from marsad.events.stage import EventStage
    from marsad.quotes.stage import QuoteStage
    from marsad.text.stage import TextStage
    from marsad.time.stage import TimeStage

    return [TextStage(), EntityStage(), TimeStage(), EventStage(), QuoteStage()]


def document_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def check_date(value: str | date | None, what: str = "published") -> str | None:
    """An ISO date string (YYYY-MM-DD) or None; anything else is the caller's error."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # (a datetime is a date too: its day, not "2023-03-05T10:00:00")
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(f"{what} date must be a str (YYYY-MM-DD) or a date, not {type(value).__name__}")
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"{what} date {value!r} is not YYYY-MM-DD") from None


class Pipeline:
    def __init__(self, stages: Iterable[Stage] | None = None):
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages()

    def run(self, document: Document) -> Analysis:
        doc = Doc(document=document)
        for stage in self.stages:
            stage(doc)
        return doc.to_analysis()

    def __call__(
        self,
        text: str,
        published: str | date | None = None,
        title: str | None = None,
        doc_id: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> Analysis:
        if not isinstance(text, str):
            raise InputError(f"text must be a str, not {type(text).__name__}")
        for name, value in (("title", title), ("doc_id", doc_id), ("url", url), ("source", source)):
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} must be a str or None, not {type(value).__name__}")
        pub = check_date(published)
        try:
            document = Document(
                id=doc_id or document_id(text),
                text=text,
                title=title.strip() if title and title.strip() else None,
                url=url,
                source=source,
                published=pub,
                published_source="given" if pub else "unknown",
                language="ar",
            )
        except ValueError as exc:  # (pydantic's ValidationError is a ValueError)
            raise InputError(f"not a valid document: {exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc}") from None
        return self.run(document)


_DEFAULT: Pipeline | None = None


def load() -> Pipeline:
    """The default pipeline, built once per process (lexicons and models load here)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
