"""Throughput of the entity stage on one core: tokens per second, with and without the NER model.

Text: the SaudiNewsNet politics subset when ``../shared/data/saudinewsnet`` (or ``$MARSAD_SHARED``)
exists (read only, never copied into the repository); otherwise generated Arabic news text.
The text stage (normalization) runs before timing; only the entity stage is timed. Wall time and
process CPU time are both printed: on a busy machine the CPU figure is the one-core throughput.

    python benchmarks/entities_speed.py [--docs N] [--no-model]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.doc import Doc  # noqa: E402
from marsad.entities.stage import EntityStage  # noqa: E402
from marsad.schema import Document  # noqa: E402
from marsad.text.stage import TextStage  # noqa: E402
from marsad.text.tokens import WORD_RE  # noqa: E402

_SENTENCES = [
    "التقى وزير الخارجية الفرنسي جان إيف لودريان نظيره التركي مولود جاويش أوغلو في أنقرة.",
    "وقال المتحدث باسم الخارجية الإيرانية ناصر كنعاني إن طهران ترفض الاتهامات الأميركية.",
    "وأكد الأمين العام للأمم المتحدة أنطونيو غوتيريش أن المنظمة ستواصل دعم الحوار.",
    "وأعلنت موسكو أن الجانب الروسي مستعد للتفاوض مع واشنطن بشأن الملف النووي.",
    "وبحث جيك سوليفان مستشار الأمن القومي الأميركي مع المسؤولين في الرياض الأوضاع في اليمن.",
    "وقال حلف شمال الأطلسي إن الحلف سيعزز وجوده في شرق أوروبا بعد التطورات الأخيرة.",
    "وذكرت وكالة الأنباء أن الرئيس المصري استقبل في القاهرة وفدا من الاتحاد الأوروبي.",
    "وارتفعت أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك خفض الإنتاج.",
]


def _docs(n: int) -> list[tuple[str, str | None]]:
    shared = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    path = shared / "data" / "saudinewsnet" / "saudinewsnet_politics_subset.jsonl"
    if not path.is_file():
        path = Path("/work/shared/data/saudinewsnet/saudinewsnet_politics_subset.jsonl")
    if path.is_file():
        out = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                text = (d.get("title") or "") + "\n" + (d.get("content") or "")
                out.append((text, (d.get("date_extracted") or "")[:10] or None))
                if len(out) >= n:
                    break
        return out
    rnd = random.Random(7)
    return [(" ".join(rnd.choice(_SENTENCES) for _ in range(30)), "2023-06-14") for _ in range(min(n, 200))]


def run(docs, use_model: bool) -> tuple[int, float]:
    text_stage = TextStage()
    stage = EntityStage(use_model=use_model)
    stage(_prepared(text_stage, "تمهيد: وزير الخارجية الفرنسي", None))  # build automaton / load model
    prepared = [_prepared(text_stage, t, d) for t, d in docs]
    tokens = sum(len(WORD_RE.findall(d.text)) for d in prepared)
    t0, c0 = time.perf_counter(), time.process_time()
    for d in prepared:
        stage(d)
    return tokens, time.perf_counter() - t0, time.process_time() - c0


def _prepared(text_stage, text: str, published: str | None) -> Doc:
    doc = Doc(document=Document(id="bench", text=text, published=published, published_source="given"))
    text_stage(doc)
    return doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--no-model", action="store_true", help="only the run without the statistical NER")
    args = ap.parse_args()
    docs = _docs(args.docs)
    modes = [False] if args.no_model else [False, True]
    for use_model in modes:
        tokens, secs, cpu = run(docs, use_model)
        label = "with NER model" if use_model else "without NER model"
        stage = EntityStage(use_model=use_model)
        if use_model and stage.model is None:
            label += " (model not available: same as without)"
        print(f"entities {label}: {len(docs)} docs, {tokens} tokens in {secs:.2f}s = {tokens / secs:,.0f} tokens/s"
              f" (CPU time {cpu:.2f}s = {tokens / cpu:,.0f} tokens/s on one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
