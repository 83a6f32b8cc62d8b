"""JSON Lines of bundled or user-given data files (gold sets, evaluation cases)."""

from __future__ import annotations

import json

from marsad.errors import InputError


def parse_records(text: str, name: str) -> list[dict]:
    """The objects of a JSON Lines text, blank lines skipped; a bad line is an
    :class:`InputError` naming ``name`` and the line number."""
    out = []
    for ln, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{name}:{ln}: not JSON ({exc.msg})") from None
    return out
