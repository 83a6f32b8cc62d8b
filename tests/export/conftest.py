"""The export tests use the corpus tests' articles (tests/corpus/_corpus.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _load():
    name = "marsad_test_corpus"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "corpus" / "_corpus.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def corpus():
    return _load()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st, _summary = _load().build_store(tmp_path_factory.mktemp("export") / "test.db")
    yield st
    st.close()
