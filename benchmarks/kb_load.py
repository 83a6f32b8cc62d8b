"""Knowledge-base load time and alias-index size.

    /work/venv/bin/python benchmarks/kb_load.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    t0 = time.perf_counter()
    from marsad.kb import load_kb

    t1 = time.perf_counter()
    kb = load_kb()
    t2 = time.perf_counter()
    aliases = kb.aliases()
    t3 = time.perf_counter()
    kb.holders("foreign_minister", "FRA", "2019-06-01")
    t4 = time.perf_counter()
    print(f"import            {t1 - t0:.3f} s")
    print(f"load_kb           {t2 - t1:.3f} s  ({len(kb.entries)} entries)")
    print(f"aliases()         {t3 - t2:.3f} s  ({len(aliases)} folded aliases)")
    print(f"holders()         {(t4 - t3) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
