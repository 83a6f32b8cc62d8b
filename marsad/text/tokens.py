"""Words and clitic-aware boundaries over normalized text.

Every matcher (gazetteer, time grammar, trigger lexicon) finds candidates in the normalized string
and asks these functions whether the match stands on word boundaries, allowing the proclitics and
enclitics of ``data/clitics.json`` (``وبالرئيس`` holds ``الرئيس``; ``نظيره`` holds ``نظير``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Maximal runs of letters and digits in ``text[start:end]`` (offsets into ``text``)."""
    return [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=1)
def clitics() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(resources.files("marsad.text").joinpath("data/clitics.json").read_text("utf-8"))
    return frozenset(data["proclitics"]), frozenset(data["enclitics"])


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def word_start(text: str, pos: int) -> int:
    """Start of the word that contains ``pos`` (or ``pos`` when it starts a word)."""
    while pos > 0 and _is_word_char(text[pos - 1]):
        pos -= 1
    return pos


def word_end(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and _is_word_char(text[pos]):
        pos += 1
    return pos


def left_ok(text: str, start: int, allow_clitics: bool = True) -> bool:
    """True when a match at ``start`` begins a word, or follows only proclitics inside its word."""
    if start == 0 or not _is_word_char(text[start - 1]):
        return True
    if not allow_clitics:
        return False
    prefix = text[word_start(text, start):start]
    return prefix in clitics()[0]


def right_ok(text: str, end: int, allow_clitics: bool = False) -> bool:
    """True when a match ending at ``end`` ends a word, or is followed only by an enclitic."""
    if end >= len(text) or not _is_word_char(text[end]):
        return True
    if not allow_clitics:
        return False
    return text[end:word_end(text, end)] in clitics()[1]
