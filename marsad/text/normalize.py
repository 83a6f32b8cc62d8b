"""Offset-preserving Arabic normalization.

``normalize(text)`` returns a :class:`NormText`: the normalized string and, for every normalized
character, the index of the original character it came from. Every later stage matches on the
normalized string and reports spans in the original through :meth:`NormText.to_original`, so the
original text is never altered.

What is folded (one table, used by every lexicon through :func:`fold`):
- diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel: removed;
- alef forms أ إ آ ٱ → ا, hamza seats ؤ → و and ئ → ي, alef maqsura ى → ي, ta marbuta ة → ه;
- Persian/Urdu letters used in Arabic text: ک گ → ك, ی → ي;
- Arabic-Indic and Persian digits → ASCII digits; Arabic comma, semicolon, question mark, percent,
  decimal and thousands separators → their ASCII forms;
- Latin letters → lower case; a stray Latin letter inside an Arabic word (``المفاوcضات``): removed;
- zero-width and bidi control characters: removed; presentation forms: NFKC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06fc"
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u00ad"

_ATTACHED_RE = re.compile(f"[{DIACRITICS}{TATWEEL}{INVISIBLE}]")
# One or two Latin letters wedged between Arabic letters (possibly with diacritics around them).
_STRAY_LATIN_RE = re.compile(
    f"(?<=[{ARABIC_LETTERS}{DIACRITICS}{TATWEEL}])[A-Za-z]{{1,2}}(?=[{DIACRITICS}{TATWEEL}]*[{ARABIC_LETTERS}])"
)

_SUBST = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ی": "ي", "ې": "ي",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "٭": "*",
}
for _i in range(10):
    _SUBST[chr(0x0660 + _i)] = str(_i)
    _SUBST[chr(0x06F0 + _i)] = str(_i)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _SUBST.items()}
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp).lower()
    # Presentation forms (ligatures like ﻻ become two letters) go through NFKC, then the table.
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf != ch:
            table[cp] = "".join(_SUBST.get(c, c) for c in nf if not _ATTACHED_RE.match(c) and not c.isspace()) or ""
    for m in re.finditer(f"[{DIACRITICS}{TATWEEL}{INVISIBLE}]", "".join(chr(c) for c in range(0x0600, 0x0700))):
        table[ord(m.group())] = ""
    for rng in ("\u200b\u200c\u200d\u200e\u200f", "\u202a\u202b\u202c\u202d\u202e",
                "\u2060\u2061\u2062\u2063\u2064", "\u2066\u2067\u2068\u2069", "\ufeff\u061c\u00ad"):
        for c in rng:
            table[ord(c)] = ""
    table[0] = " "  # NUL would poison later stages and the store; keep the offset, show a space
    return table


_TABLE = _build_table()


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalized string and the map back to the original text."""

    original: str
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; offsets[i] is the original index of text[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to the original span that produced it.

        The original span starts at the first source character and runs to the last one, taking
        along the diacritics and tatweel that follow it, so a highlighted word keeps its marks.
        """
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        ostart = self.offsets[start]
        oend = self.offsets[end - 1] + 1
        orig = self.original
        n = len(orig)
        while oend < n and _ATTACHED_RE.match(orig, oend):
            oend += 1
        return ostart, oend

    def to_normalized(self, pos: int) -> int:
        """The first normalized index whose source is at or after original index ``pos``."""
        from bisect import bisect_left

        return bisect_left(self.offsets, pos, 0, len(self.text))


def normalize(original: str) -> NormText:
    """Normalize ``original`` and keep the map back to it."""
    stray = {m.start() + k for m in _STRAY_LATIN_RE.finditer(original) for k in range(m.end() - m.start())}
    table = _TABLE
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(original):
        rep = table.get(ord(ch))
        if rep is None:
            if i not in stray:
                out.append(ch)
                offsets.append(i)
        elif i in stray:
            continue
        elif len(rep) == 1:
            out.append(rep)
            offsets.append(i)
        else:
            for c in rep:  # empty: deleted; longer: an expansion mapping to one source character
                out.append(c)
                offsets.append(i)
    offsets.append(len(original))
    return NormText(original, "".join(out), tuple(offsets))


_CODEPOINTS = None  # _TABLE as a list indexed by code point (str.translate's fastest table)


def normalized_text(original: str) -> str:
    """``normalize(original).text`` without the map back: the same string, five times faster (what
    deduplication and the store's full-text index need)."""
    global _CODEPOINTS
    if _CODEPOINTS is None:
        table = [chr(i) for i in range(max(_TABLE) + 1)]
        for k, v in _TABLE.items():
            table[k] = v
        _CODEPOINTS = table
    if _STRAY_LATIN_RE.search(original):
        original = _STRAY_LATIN_RE.sub("", original)
    return original.translate(_CODEPOINTS)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Normalize a lexicon entry or a query the same way as document text (no map kept)."""
    return normalize(s).text.strip()
