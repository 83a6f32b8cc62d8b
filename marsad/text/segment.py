"""Sentences, and the class of each: title, heading, body or boilerplate.

Segmentation runs on the normalized text (ASCII punctuation, no diacritics) and maps every span back
to the original. Lines are hard boundaries; inside a line a sentence ends at ``. ! ? …`` followed by
space, except after an abbreviation (``د.``), inside a number (``5.0`` never has the space) and
inside a quotation that closes later on the same line. Patterns live in ``data/segment.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.schema import Sentence
from marsad.text.normalize import NormText, fold

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")
_END_RE = re.compile(r"[.!?\u2026]+[\"'\u00bb\u201d\u2019)\]]*(?=\s|$)")
_OPEN_Q = "\u00ab\u201c"
_CLOSE_Q = "\u00bb\u201d"
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
_FINAL_PUNCT = ".!?,;\u2026"


@dataclass(frozen=True)
class _Rules:
    abbreviations: frozenset[str]
    boilerplate: tuple[re.Pattern, ...]
    agency_credit: tuple[re.Pattern, ...]
    agency_credit_lines: int
    heading_max_words: int
    heading_max_chars: int
    title_max_words: int
    title_max_chars: int
    max_sentence_chars: int


@lru_cache(maxsize=1)
def rules() -> _Rules:
    d = json.loads(resources.files("marsad.text").joinpath("data/segment.json").read_text("utf-8"))
    return _Rules(
        abbreviations=frozenset(fold(a).lower() for a in d["abbreviations"]),
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in d["boilerplate"]),
        agency_credit=tuple(re.compile(p, re.IGNORECASE) for p in d["agency_credit"]),
        agency_credit_lines=d["agency_credit_lines"],
        heading_max_words=d["heading_max_words"],
        heading_max_chars=d["heading_max_chars"],
        title_max_words=d["title_max_words"],
        title_max_chars=d["title_max_chars"],
        max_sentence_chars=d["max_sentence_chars"],
    )


class _QuoteState:
    """Quotation depth along one line, advanced once from left to right (linear in the line)."""

    def __init__(self, line: str):
        self.line = line
        self.pos = 0
        self.depth = 0
        self.straight_open = False
        self.last_close = max(line.rfind(c) for c in _CLOSE_Q)
        self.last_straight = line.rfind('"')

    def inside_closing_later(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation whose closing mark comes later on this line?"""
        for ch in self.line[self.pos:pos]:
            if ch in _OPEN_Q:
                self.depth += 1
            elif ch in _CLOSE_Q and self.depth:
                self.depth -= 1
            elif ch == '"':
                self.straight_open = not self.straight_open
        self.pos = max(self.pos, pos)
        if self.depth:
            return self.last_close >= pos
        if self.straight_open:
            return self.last_straight >= pos
        return False


def _split_line(line: str, base: int, r: _Rules) -> list[tuple[int, int]]:
    """Sentence spans (normalized offsets) inside one line starting at ``base``."""
    spans: list[tuple[int, int]] = []
    start = 0
    quotes = _QuoteState(line) if any(c in line for c in '"\u00ab\u201c') else None
    for m in _END_RE.finditer(line):
        if m.group()[0] == ".":
            j = m.start()
            while j > 0 and not line[j - 1].isspace() and m.start() - j < 40:
                j -= 1
            word = line[j:m.start()].lstrip("(\"'\u00ab\u201c").lower()
            if word in r.abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        if quotes is not None and quotes.inside_closing_later(m.end()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if s < e and _has_content(line[s:e]):
            out.extend(_cap_length(line, s, e, r.max_sentence_chars))
    return [(base + s, base + e) for s, e in out]


def _has_content(s: str) -> bool:
    return any(c.isalnum() for c in s)


def _cap_length(line: str, s: int, e: int, cap: int) -> list[tuple[int, int]]:
    """Split a runaway sentence (no punctuation for pages) at spaces so later stages stay bounded."""
    out = []
    while e - s > cap:
        cut = line.rfind(" ", s + cap // 2, s + cap)
        if cut <= s:
            cut = s + cap
        out.append((s, cut))
        s = cut
        while s < e and line[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out


def detect_title(text: str) -> tuple[int, int] | None:
    """Span of the first line when it reads as a headline: short, no final full stop, more follows."""
    r = rules()
    lines = [m for m in _LINE_RE.finditer(text) if m.group().strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    s, e = first.start(), first.end()
    while text[s].isspace():
        s += 1
    while text[e - 1].isspace():
        e -= 1
    line = text[s:e]
    if len(line) > r.title_max_chars or len(line.split()) > r.title_max_words:
        return None
    if line[-1] in ".\u060c,;\u061b" or not _LETTER_RE.search(line):
        return None
    return s, e


def _line_kind(line: str, index: int, n_lines: int, r: _Rules) -> str | None:
    stripped = line.strip()
    for p in r.boilerplate:
        if p.search(stripped):
            return "boilerplate"
    if index >= n_lines - r.agency_credit_lines and len(stripped) < 100:
        for p in r.agency_credit:
            if p.search(stripped):
                return "boilerplate"
    return None


def _is_heading(line: str, index: int, n_lines: int, n_sentences: int, r: _Rules) -> bool:
    stripped = line.strip()
    if index == n_lines - 1 or n_sentences != 1:
        return False
    if len(stripped) > r.heading_max_chars or len(stripped.split()) > r.heading_max_words:
        return False
    if stripped[-1] in _FINAL_PUNCT or stripped[-1] in "\"\u00bb\u201d":
        return False
    return len(_LETTER_RE.findall(stripped)) >= 2


def segment(norm: NormText, title_span: tuple[int, int] | None = None) -> list[Sentence]:
    """Sentences of the document with their kind; spans are offsets into ``norm.original``."""
    r = rules()
    text = norm.text
    lines = [m for m in _LINE_RE.finditer(text) if _has_content(m.group())]
    n_lines = len(lines)
    out: list[Sentence] = []
    # Boilerplate at the foot may run over several lines (credit, copyright, follow-us): find the
    # body's last line so that headings are only looked for above it.
    kinds = [_line_kind(m.group(), i, n_lines, r) for i, m in enumerate(lines)]
    last_body = max((i for i, k in enumerate(kinds) if k is None), default=-1)
    for i, m in enumerate(lines):
        spans = _split_line(m.group(), m.start(), r)
        kind = kinds[i]
        if kind is None:
            kind = "heading" if i < last_body and _is_heading(m.group(), i, n_lines, len(spans), r) else "body"
        for s, e in spans:
            os_, oe = norm.to_original(s, e)
            k = kind
            if title_span is not None and os_ < title_span[1] and oe > title_span[0]:
                k = "title"
            out.append(Sentence(start=os_, end=oe, kind=k))
    return out
