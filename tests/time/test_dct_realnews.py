"""Document-date inference on real news (SaudiNewsNet in ../shared, crawl date stripped): the
benchmark runs and a day it gives is right at least nine times in ten. Skipped without ../shared."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared (SaudiNewsNet) is not beside this checkout")
def test_dates_of_real_articles():
    spec = importlib.util.spec_from_file_location("dct_saudinewsnet", ROOT / "benchmarks" / "dct_saudinewsnet.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    r = bench.run(limit=80)
    assert r["articles"] == 80
    days, right = r["day"]
    assert not days or right / days >= 0.9, r["wrong"][:5]
    assert r["declined"] + days + r["month_only"][0] + r["year_only"][0] == 80
