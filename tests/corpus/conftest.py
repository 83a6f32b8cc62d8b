"""Fixtures of the corpus tests: the articles of _corpus.py and a store built from them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def load_corpus_module():
    name = "marsad_test_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("_corpus.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def corpus():
    return load_corpus_module()


@pytest.fixture
def store(tmp_path, corpus):
    st, _summary = corpus.build_store(tmp_path / "test.db")
    yield st
    st.close()
