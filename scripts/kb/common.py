"""Shared helpers of the knowledge-base build scripts (build time only)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "marsad" / "kb" / "data"
MANUAL = DATA / "manual"
SHARED = ROOT.parent / "shared" / "data"

ARABIC_ONLY_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-'()]+$")


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict]) -> None:
    ids = [r["id"] for r in records]
    dup = {i for i in ids if ids.count(i) > 1} if len(ids) != len(set(ids)) else set()
    if dup:
        raise SystemExit(f"duplicate ids in {path.name}: {sorted(dup)[:10]}")
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(records)} records")


def uniq(items) -> list:
    out, seen = [], set()
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


def is_arabic(s: str) -> bool:
    """Arabic-script name written with Arabic (not Persian/Urdu) letters only."""
    return bool(ARABIC_ONLY_RE.match(s))


def record(id_: str, kind: str, name_en: str | None, name_ar: str | None, *, aliases_ar=(), aliases_en=(),
           wikidata: str | None = None, country: str | None = None, **extra) -> dict:
    rec = {
        "id": id_, "kind": kind, "name_en": name_en, "name_ar": name_ar,
        "aliases_ar": [a for a in uniq(aliases_ar) if a != name_ar],
        "aliases_en": [a for a in uniq(aliases_en) if a != name_en],
        "wikidata": wikidata, "country": country,
    }
    rec.update(extra)
    return rec
