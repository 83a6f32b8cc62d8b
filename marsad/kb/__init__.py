"""Knowledge base: countries, places, organizations, people and titles (see :mod:`marsad.kb.base`)."""

from marsad.kb.base import KB, KBEntry, Role, load_kb, load_titles

__all__ = ["KB", "KBEntry", "Role", "load_kb", "load_titles"]
