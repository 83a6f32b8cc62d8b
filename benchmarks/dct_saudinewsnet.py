"""Document-date inference on real news: SaudiNewsNet articles with their crawl date stripped.

Reads ../shared/data/saudinewsnet/*.jsonl at run time (internal benchmark only: no article text is
copied into the repository). Each article is analysed without its date (title, text, outlet and
address only) by the text and time stages (``--entities``: the entity stage too, whose datelines
help find Saudi articles) and the inferred date is compared with the crawl date (``date_extracted``):
a day is right when it is the crawl day or the day before; a month or a year when it is the month
or year of one of them. Prints how many articles were dated to the day, month and year, how right
each is, and how many were left undated; ``--errors`` lists the wrong ones with their evidence.

Usage: python benchmarks/dct_saudinewsnet.py [--limit N] [--entities] [--errors] [--min-day-accuracy 0.9]
Exit status 1 when the day accuracy is under ``--min-day-accuracy`` (on at least 60 articles).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from marsad.doc import Doc
from marsad.schema import Document
from marsad.text.stage import TextStage
from marsad.time.stage import TimeStage

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "saudinewsnet"


def articles(limit: int | None) -> list[dict]:
    out = []
    for p in sorted(DATA.glob("*.jsonl")):
        for line in p.read_text("utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    seen, unique = set(), []
    for a in out:  # the two files share some articles
        key = a.get("url") or a.get("content")
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique[:limit] if limit else unique


def judge(value: str, crawl: date) -> bool:
    ok = {crawl, crawl - timedelta(days=1)}
    if len(value) == 10:
        return date.fromisoformat(value) in ok
    if len(value) == 7:
        return value in {d.isoformat()[:7] for d in ok}
    return value in {str(d.year) for d in ok}


def run(limit: int | None = None, entities: bool = False) -> dict:
    stages = [TextStage()]
    if entities:
        from marsad.entities.stage import EntityStage

        stages.append(EntityStage())
    stages.append(TimeStage())
    rows = []
    for i, a in enumerate(articles(limit)):
        text = ((a.get("title") or "").strip() + "\n\n" + (a.get("content") or "")).strip()
        doc = Doc(document=Document(id=f"snn-{i}", text=text, source=a.get("source"), url=a.get("url")))
        for st in stages:
            st(doc)
        crawl = date.fromisoformat(a["date_extracted"][:10])
        value = doc.document.published
        rows.append({"i": i, "url": a.get("url"), "crawl": crawl, "value": value,
                     "ok": judge(value, crawl) if value else None,
                     "evidence": [(e.text, e.why) for e in doc.document.published_evidence]})
    return summarize(rows)


def summarize(rows: list[dict]) -> dict:
    def part(pred) -> tuple[int, int]:
        sel = [r for r in rows if r["value"] and pred(r["value"])]
        return len(sel), sum(1 for r in sel if r["ok"])

    days = part(lambda v: len(v) == 10)
    months = part(lambda v: len(v) == 7)
    years = part(lambda v: len(v) == 4)
    # month accuracy over everything dated to a month or finer; year accuracy over everything dated
    month_or_day = [r for r in rows if r["value"] and len(r["value"]) >= 7]
    dated = [r for r in rows if r["value"]]

    def month_right(r):
        c = r["crawl"]
        return r["value"][:7] in {c.isoformat()[:7], (c - timedelta(days=1)).isoformat()[:7]}

    def year_right(r):
        c = r["crawl"]
        return r["value"][:4] in {str(c.year), str((c - timedelta(days=1)).year)}

    return {
        "articles": len(rows), "declined": len(rows) - len(dated),
        "day": days, "month_only": months, "year_only": years,
        "month_accuracy": (sum(month_right(r) for r in month_or_day), len(month_or_day)),
        "year_accuracy": (sum(year_right(r) for r in dated), len(dated)),
        "wrong": [r for r in rows if r["value"] and not r["ok"]],
    }


def _pct(a: int, n: int) -> str:
    return f"{a}/{n} ({100 * a / n:.1f}%)" if n else "0/0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="the first N articles only")
    ap.add_argument("--entities", action="store_true", help="run the entity stage too (slower)")
    ap.add_argument("--errors", action="store_true", help="list the wrong dates with their evidence")
    ap.add_argument("--min-day-accuracy", type=float, default=0.9)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"marsad: no SaudiNewsNet data at {DATA} (the ../shared folder beside this checkout)", file=sys.stderr)
        return 2
    r = run(args.limit, args.entities)
    n = r["articles"]
    print(f"document-date inference on {n} SaudiNewsNet articles, crawl date stripped "
          f"(right = the crawl day or the day before)")
    print(f"  dated to the day:    {r['day'][0]:5}  right {_pct(r['day'][1], r['day'][0])}")
    print(f"  dated to the month:  {r['month_only'][0]:5}  right {_pct(r['month_only'][1], r['month_only'][0])}")
    print(f"  dated to the year:   {r['year_only'][0]:5}  right {_pct(r['year_only'][1], r['year_only'][0])}")
    print(f"  declined (unknown):  {r['declined']:5}")
    print(f"  day accuracy {_pct(r['day'][1], r['day'][0])}; month accuracy (day or month given) "
          f"{_pct(*r['month_accuracy'])}; year accuracy (any date given) {_pct(*r['year_accuracy'])}")
    if args.errors:
        for w in r["wrong"]:
            print(f"  {w['value']} != {w['crawl']}  {w['url']}")
            for text, why in w["evidence"][:6]:
                print(f"      {text} | {why}")
    days, right = r["day"]
    if n >= 60 and days and right / days < args.min_day_accuracy:
        print(f"day accuracy under {args.min_day_accuracy:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
