"""The README's "How good is it" table, from `marsad eval gold` on the real-news dev set, the
wire-style synthetic dev set (and the synthetic dev split when ../shared is beside the checkout).

usage: python scripts/quality_table.py            # print the markdown
       python scripts/quality_table.py --write    # replace the block between the markers in README.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.scoring.evaluate import default_threshold, evaluate, report
from marsad.scoring.gold import load_gold, select

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- quality:start -->", "<!-- quality:end -->"
SETS = [("real news (SaudiNewsNet dev, 84 articles)", [str(ROOT / "devsets/saudinewsnet/gold.jsonl")], None),
        ("synthetic dev split (30 articles)", [str(ROOT.parent / "shared/data/events_gold")],
         str(ROOT / "devsets/synthetic/dev_ids.txt")),
        ("wire-style synthetic dev (80 articles)", [str(ROOT / "devsets/wire/gold.jsonl")], None)]


def table() -> str:
    t = default_threshold()
    rows = ["| measure | " + " | ".join(name for name, paths, _ in SETS if Path(paths[0]).exists()) + " |"]
    rows.append("|---|" + "---|" * (rows[0].count("|") - 2))
    docs = [evaluate(select(load_gold(paths), ids)) for _, paths, ids in SETS if Path(paths[0]).exists()]
    reps = [report(d, t) for d in docs]
    alls = [report(d, 0.0) for d in docs]

    def cell(d: dict) -> str:
        return f"P {d['precision']:.2f} · R {d['recall']:.2f} · F1 {d['f1']:.2f}"

    for label, get in (("event detection (type on the sentence)", lambda r: r["overall"]["detection"]),
                       ("events with actors, country level", lambda r: r["overall"]["country"]),
                       ("events with actors, name level", lambda r: r["overall"]["name"]),
                       ("strict (actors, status, date)", lambda r: r["overall"]["strict"]),
                       ("quotes (words and speaker)", lambda r: r["quotes"]["speaker_name"]),
                       ("entities", lambda r: r["entities"])):
        rows.append(f"| {label} | " + " | ".join(cell(get(r)) for r in reps) + " |")
    rows.append("| events with actors, country level, all events (no threshold) | "
                + " | ".join(cell(r["overall"]["country"]) for r in alls) + " |")
    rows.append("| sources right where the event is found (country level) | "
                + " | ".join(f"{r['sources']['share']:.2f}" for r in alls) + " |")
    return "\n".join(rows) + f"\n\nEvents under confidence {t:.2f} left out, as `marsad analyze` does by default" \
        " (but the last two rows)."


def main(argv: list[str]) -> None:
    md = table()
    if "--write" not in argv:
        print(md)
        return
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    readme.write_text(text[:a] + "\n" + md + "\n" + text[b:], "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
