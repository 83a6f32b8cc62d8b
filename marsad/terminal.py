"""Text bound for a terminal, made harmless: control characters (C0 but tab, DEL, C1 — ESC and CSI
among them) are shown as ``\\xHH`` escapes, so a title, id, source or text cannot move the cursor,
recolour or clear the screen, set the window title or hide a line (``\\r``, ``\\n``) when Marsad
prints it. Arabic and its direction marks are left as they are."""

from __future__ import annotations

import re

_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` as one line fit for a terminal (every control character but tab escaped)."""
    s = text if isinstance(text, str) else str(text)
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def lines(text: str) -> str:
    """A block of lines fit for a terminal: each line made :func:`printable`, the breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
