"""Marsad: Arabic news to structured event data (who did what to whom, when and where)."""

from __future__ import annotations

from datetime import date

from marsad.errors import InputError, MarsadError
from marsad.schema import Analysis

__version__ = "0.1.0"
__all__ = ["analyze", "load", "Analysis", "MarsadError", "InputError", "__version__"]


def load():
    """The default pipeline (loaded once per process)."""
    from marsad.pipeline import load as _load

    return _load()


def analyze(
    text: str, published: str | date | None = None, title: str | None = None, doc_id: str | None = None
) -> Analysis:
    """Analyze one Arabic document and return its :class:`Analysis`.

    ``published`` is the document date (YYYY-MM-DD); ``title``, when the text starts with it, marks
    the first sentence as the title. Without a title, a short first line followed by more text is
    taken as the title.
    """
    from marsad.text.segment import detect_title

    if title is not None and not isinstance(title, str):
        raise InputError(f"title must be a str or None, not {type(title).__name__}")
    if title is None and isinstance(text, str):
        span = detect_title(text)
        if span:
            title = text[span[0]:span[1]]
    return load()(text, published=published, title=title, doc_id=doc_id)
