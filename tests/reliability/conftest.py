"""Fixtures of the reliability tests: the processes a process started (read from /proc)."""

from __future__ import annotations

from pathlib import Path

import pytest


def _children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid``."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


@pytest.fixture
def children():
    return _children
