"""Word sets of the event rules (loaded once from ``data/grammar.json``) and the kind and type sets
they are read with."""

from __future__ import annotations

import json
from importlib import resources

from marsad.events.lexicon import _key
from marsad.text.normalize import fold

_G = json.loads(resources.files("marsad.events").joinpath("data/grammar.json").read_text("utf-8"))


def _words(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _G[key])


LOC_KINDS = frozenset({"GPE", "LOC", "FAC"})
ARMED_KINDS = ("ORG", "GROUP")
MAX_EVENTS = 5000
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "RETREAT"})
REACTIONS = frozenset({"REJECT", "SUPPORT", "ACCUSE", "AGREE"})
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # either order (shared/ANNOTATION.md §3)
TOPIC_WORDS = _words("topic_words")
TIME_WORDS = _words("time_words")
VENUES = _words("venues")
SITE_WORDS = _words("site_words")
MEMBER_WORDS = _words("member_words")
NUMBER_WORDS = _words("number_words")
DUAL_SUBJECTS = _words("dual_subjects")
COMP_PRONOUN = {fold(k): v for k, v in _G["comp_pronoun"].items()}
COMP_PLAIN = _words("comp_plain")
COPULAS = _words("copulas")
BRIDGE = _words("bridge") | COPULAS


def _in_words(tok: str, words: frozenset[str]) -> bool:
    """Is the word (or the word without its clitics: المواقع, ومواقع) in ``words``? (بلدات is a word
    of the list as written: its ب is no preposition.)"""
    return tok in words or _key(tok) in words
