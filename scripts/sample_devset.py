"""Draw the real-news dev set's articles from SaudiNewsNet (deterministic).

Three quarters from the politics subset, a quarter from the all-topics day file (articles not in the
politics subset, so that everyday news is there). Lines an earlier session read while tuning rules
(politics lines 95-145, 195-240, 295-335, 495-535, 595-645) are left out, and so are very short and
very long articles. usage: python scripts/sample_devset.py [../shared/data/saudinewsnet] > articles.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

TUNED = [(95, 145), (195, 240), (295, 335), (495, 535), (595, 645)]
N_POLITICS, N_GENERAL = 63, 21


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main(folder: str = "../shared/data/saudinewsnet") -> None:
    root = Path(folder)
    politics = load(root / "saudinewsnet_politics_subset.jsonl")
    general = load(root / "saudinewsnet_00.jsonl")
    seen = {d["url"] for d in politics}

    def fits(d: dict) -> bool:
        return 300 <= len(d["content"]) <= 3000

    pool_p = [(i, d) for i, d in enumerate(politics)
              if fits(d) and not any(a <= i <= b for a, b in TUNED)]
    pool_g = [(i, d) for i, d in enumerate(general) if fits(d) and d["url"] not in seen]
    rng = random.Random(13)
    picks = [("pol", i, d) for i, d in rng.sample(pool_p, N_POLITICS)]
    picks += [("gen", i, d) for i, d in rng.sample(pool_g, N_GENERAL)]
    for tag, i, d in picks:
        rec = {"id": f"snn-{tag}-{i:03d}", "published": d["date_extracted"][:10],
               "text": d["title"].strip() + "\n\n" + d["content"].strip(),
               "source": d["source"], "url": d["url"]}
        print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
