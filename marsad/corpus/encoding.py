"""Bytes to text: UTF-8 (with or without BOM), UTF-16 and Windows-1256 detected, never guessed blindly.

Order: a BOM decides; then the byte pattern of UTF-16 without BOM (every other byte 0x00 or 0x06 for
Arabic); then strict UTF-8; then Windows-1256 / ISO-8859-6 only when charset-normalizer agrees and the
result reads as Arabic. Anything else is an InputError naming the file, never mojibake.
"""

from __future__ import annotations

import codecs
import re

from marsad.errors import InputError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_order(data: bytes) -> str | None:
    """'le' or 'be' when the bytes look like UTF-16 text without a BOM."""
    if len(data) < 4:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]

    def high_share(half: bytes) -> float:
        return sum(1 for b in half if b in (0x00, 0x06)) / max(1, len(half))

    if high_share(odd) > 0.8 and high_share(even) < 0.3:
        return "le"
    if high_share(even) > 0.8 and high_share(odd) < 0.3:
        return "be"
    return None


def _decode_utf16(data: bytes, order: str, path: str) -> str:
    if len(data) % 2:
        raise InputError("truncated UTF-16 text (odd number of bytes)", path)
    try:
        return data.decode(f"utf-16-{order}")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-16 text at byte {exc.start}", path) from None


def decode_bytes(data: bytes, path: str = "<input>") -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name). Raises InputError for binary or unknown bytes."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text", path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-8 after the BOM at byte {exc.start + 3}", path) from None
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise InputError("invalid UTF-32 text", path) from None
    if data.startswith(codecs.BOM_UTF16_LE):
        return _decode_utf16(data[2:], "le", path), "utf-16"
    if data.startswith(codecs.BOM_UTF16_BE):
        return _decode_utf16(data[2:], "be", path), "utf-16"
    order = _utf16_order(data)
    if order:
        return _decode_utf16(data, order, path), f"utf-16-{order}"
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _legacy_arabic(data)
        if text is None:
            raise InputError(
                f"undecodable bytes: not UTF-8 (bad byte at offset {exc.start}), UTF-16 or Windows-1256", path
            ) from None
        return text, "cp1256"
    if len(_CONTROL_RE.findall(text[:10000])) > max(3, len(text[:10000]) // 100):
        raise InputError("binary file (control characters), not text", path)
    return text, "utf-8"


_UTF8_ARABIC_PAIR = re.compile(rb"[\xd8-\xdb][\x80-\xbf]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _looks_like_utf8_arabic(data: bytes) -> bool:
    """UTF-8 Arabic with a few damaged bytes: its lead/continuation pairs would read as ط‚ظ„ in cp1256."""
    high = len(_HIGH_BYTE.findall(data[:20000]))
    return high > 0 and 2 * len(_UTF8_ARABIC_PAIR.findall(data[:20000])) > 0.5 * high


def _legacy_arabic(data: bytes) -> str | None:
    """Windows-1256 text, when a detector agrees and the decoded text is mostly Arabic letters."""
    if _looks_like_utf8_arabic(data):
        return None
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text[:20000] if c.isalpha())
    arabic = len(_ARABIC_RE.findall(text[:20000]))
    if letters == 0 or arabic / letters < 0.5 or _CONTROL_RE.search(text):
        return None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:20000], cp_isolation=["cp1256", "iso8859_6", "cp1252", "latin_1", "mac_arabic"]).best()
    except Exception:  # the detector is a second opinion; the Arabic-share test above already holds
        return text
    if best is not None and best.encoding not in ("cp1256", "iso8859_6", "mac_arabic"):
        return None
    return text
