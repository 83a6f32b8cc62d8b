"""Suite-wide guard: every Analysis any test produces is validated against the shipped JSON schema
and the offset invariant (text[start:end] == span text) the moment it is built."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from marsad.doc import Doc
from marsad.schema import json_schema

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_VALIDATOR = jsonschema.Draft202012Validator(json_schema())
PRODUCED: list[int] = []


def check_analysis(data: dict) -> None:
    """Schema validity plus the offset invariants of the contract."""
    _VALIDATOR.validate(data)
    text = data["document"]["text"]
    for s in data["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text), s
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"], m
    for t in data["times"]:
        assert text[t["start"]:t["end"]] == t["text"], t
    for ev in data["events"]:
        tr = ev["trigger"]
        assert text[tr["start"]:tr["end"]] == tr["text"], tr
        assert 0 <= ev["sentence"] < len(data["sentences"]), ev
    for q in data["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"], q


@pytest.fixture(autouse=True, scope="session")
def _validate_every_analysis():
    original = Doc.to_analysis

    def to_analysis(self):
        analysis = original(self)
        check_analysis(analysis.to_dict())
        PRODUCED.append(1)
        return analysis

    Doc.to_analysis = to_analysis
    yield
    Doc.to_analysis = original


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (public data sets) is not beside this checkout")
    return SHARED
