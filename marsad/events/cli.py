"""Subcommands of this package for the `marsad` command (see marsad/cli.py): none of its own; the
event scores are `marsad eval gold` / `marsad eval events` (marsad/scoring/cli.py)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands; each sets ``func`` (args -> exit code)."""
    return None
