"""Helpers for the entity-stage tests: a text+entity pipeline without the statistical model, so that
the expectations do not move when the NER model is retrained."""

from __future__ import annotations

import pytest

from marsad.entities.stage import EntityStage
from marsad.pipeline import Pipeline
from marsad.text.stage import TextStage


@pytest.fixture(scope="session")
def ents():
    pipe = Pipeline([TextStage(), EntityStage(use_model=False)])

    def run(text: str, published: str | None = "2023-06-14"):
        return pipe(text, published=published)

    return run


def by_id(analysis, eid: str):
    for e in analysis.entities:
        if e.id == eid:
            return e
    return None


def find(analysis, text: str):
    """The entity with a mention whose text is ``text``."""
    for e in analysis.entities:
        if any(m.text == text for m in e.mentions):
            return e
    return None


def mention(entity, text: str):
    for m in entity.mentions:
        if m.text == text:
            return m
    return None
