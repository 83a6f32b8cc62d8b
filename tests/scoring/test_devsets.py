"""The evaluation sets kept in the repository: well-formed, licensed, and the synthetic split sound."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.scoring.gold import load_gold

DEVSETS = Path(__file__).resolve().parents[2] / "devsets"


def test_real_news_dev_set_is_well_formed_and_licensed():
    recs = load_gold([str(DEVSETS / "saudinewsnet/gold.jsonl")])
    articles = [json.loads(x) for x in (DEVSETS / "saudinewsnet/articles.jsonl").read_text("utf-8").splitlines()]
    assert len(recs) >= 80 and [r["id"] for r in recs] == [a["id"] for a in articles]
    assert all(r["text"] == a["text"] for r, a in zip(recs, articles, strict=True))
    general = [r for r in recs if r["id"].startswith("snn-gen")]
    assert len(general) * 4 >= len(recs) - 4  # about a quarter of everyday news
    assert "CC BY-NC-SA 4.0" in (DEVSETS / "saudinewsnet/LICENSE.md").read_text("utf-8")
    second = load_gold([str(DEVSETS / "saudinewsnet/gold_second.jsonl")])
    assert len(second) == 10 and {r["id"] for r in second} <= {r["id"] for r in recs}


def test_dev_set_is_not_in_the_installed_package():
    import marsad

    assert not (Path(marsad.__file__).parent / "devsets").exists()


def test_synthetic_split_is_by_article_and_covers_the_set(shared):
    def ids(name):
        return {ln for ln in (DEVSETS / "synthetic" / name).read_text("utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")}
    train, dev = ids("train_ids.txt"), ids("dev_ids.txt")
    every = {r["id"] for r in load_gold([str(shared / "data/events_gold")])}
    assert not train & dev and train | dev == every and len(dev) == 30
