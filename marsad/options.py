"""Checks of the numeric command-line options, shared by the subcommands: each bad value is one
clear line (an :class:`~marsad.errors.InputError`), never a traceback or a run that cannot end well
(``--max-size nan``, a ``--limit`` past SQLite's integers, hundreds of ``--workers``)."""

from __future__ import annotations

import math
import os

from marsad.errors import InputError

MAX_SIZE_MB = 1000.0  # the largest --max-size: one document of a gigabyte is already no news article
MAX_LIMIT = 100_000  # the most results --limit asks for at once
MAX_INDENT = 16


def max_workers() -> int:
    """The most analysis processes a run may start: four a core, at most 64."""
    return min(64, max(4, 4 * (os.cpu_count() or 1)))


def megabytes(value: float, flag: str = "--max-size") -> int:
    """``value`` MB as a number of bytes (at least 1), when it is a finite positive size."""
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InputError(f"{flag} must be a positive number of MB (got {value!r})")
    if value > MAX_SIZE_MB:
        raise InputError(f"{flag} must be at most {MAX_SIZE_MB:g} MB (got {value:g})")
    return max(1, int(value * 1_000_000))


def bounded(value: int, flag: str, lo: int, hi: int) -> int:
    """``value`` when ``lo <= value <= hi``."""
    if not lo <= value <= hi:
        raise InputError(f"{flag} must be between {lo} and {hi} (got {value})")
    return value


def workers(value: int, flag: str = "--workers") -> int:
    return bounded(value, flag, 1, max_workers())
