"""A small rule-based Arabic → Latin transliteration for names the knowledge base lacks.

Unvocalized Arabic does not write short vowels, so the result is a readable consonant skeleton with
the long vowels the script does write: ``ا`` → a, ``و`` → w at the start of a word or before a vowel
letter and u elsewhere, ``ي`` → y at the start or next to a vowel letter and i elsewhere; ``ال`` →
``al-``; ``ة`` → a; ``ع`` and hamza → an apostrophe (at the start of a word: ``ع`` → a, hamza dropped). Each word is
capitalized: ``جان إيف لودريان`` → ``Jan If Ludryan``, ``ناصر كنعاني`` → ``Nasr Kn'ani``.
It is deterministic, so the same spelling always gives the same Latin form.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MAP = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "ء": "'", "ؤ": "'", "ئ": "'", "ى": "a", "پ": "p", "چ": "ch", "ڤ": "v", "ڨ": "g",
    "گ": "g", "ک": "k", "ی": "i",
}
_VOWEL_LETTERS = set("اأإآىةوي")
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}


def _word(w: str) -> str:
    out: list[str] = []
    prefix = ""
    if w.startswith("ال") and len(w) > 3:
        prefix, w = "al-", w[2:]
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < n else ""
        if ch == "و":
            if i == 0 or nxt in _VOWEL_LETTERS or prev in "اآ":
                out.append("w")
            else:
                out.append("u")
        elif ch == "ي":
            if prev == "إ":
                continue  # إي: one long i
            if i == 0 or nxt in _VOWEL_LETTERS or prev in "اآ":
                out.append("y")
            else:
                out.append("i")
        elif ch in ("ع", "ء", "أ", "ؤ", "ئ") and i == 0:
            out.append("a" if ch in "أع" else "")
        elif ch in _MAP:
            out.append(_MAP[ch])
        elif ch in _DIGITS:
            out.append(_DIGITS[ch])
        else:
            out.append(ch)
    word = "".join(out)
    word = word[:1].upper() + word[1:] if word else word
    return prefix + word


@lru_cache(maxsize=16384)
def transliterate(text: str) -> str:
    """Latin letters for an Arabic name (diacritics ignored)."""
    text = _DROP.sub("", text or "")
    return " ".join(_word(w) for w in text.split())
