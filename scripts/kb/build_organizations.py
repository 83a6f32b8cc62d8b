"""Build marsad/kb/data/organizations.jsonl: the hand-curated organizations of
data/manual/organizations_manual.jsonl plus state bodies generated for every country from Arabic
patterns (``وزارة الخارجية`` + the feminine adjective of the country → the Ministry of Foreign
Affairs of that country; ``الحكومة`` / ``الجيش`` / ``البرلمان`` + adjective). A manual record with the
same id as a generated one is merged into it (its fields win, its aliases are added)."""

from __future__ import annotations

import json

try:
    from scripts.kb.common import DATA, MANUAL, read_jsonl, record, uniq, write_jsonl
except ImportError:
    from common import DATA, MANUAL, read_jsonl, record, uniq, write_jsonl

# key, English name, Arabic heads (definite noun phrases; the adjective follows), gender of the
# agreeing adjective, org_type, holder role (titles.jsonl)
BODIES = [
    ("ministry-foreign-affairs", "Ministry of Foreign Affairs", ["وزارة الخارجية", "الخارجية", "وزارة الشؤون الخارجية"], "f", "ministry", "foreign_minister"),
    ("ministry-defence", "Ministry of Defence", ["وزارة الدفاع", "الدفاع"], "f", "ministry", "defence_minister"),
    ("ministry-interior", "Ministry of the Interior", ["وزارة الداخلية", "الداخلية"], "f", "ministry", "interior_minister"),
    ("ministry-finance", "Ministry of Finance", ["وزارة المالية"], "f", "ministry", "finance_minister"),
    ("ministry-economy", "Ministry of Economy", ["وزارة الاقتصاد"], "f", "ministry", "economy_minister"),
    ("ministry-health", "Ministry of Health", ["وزارة الصحة"], "f", "ministry", "health_minister"),
    ("ministry-justice", "Ministry of Justice", ["وزارة العدل"], "f", "ministry", "justice_minister"),
    ("ministry-energy", "Ministry of Energy", ["وزارة الطاقة"], "f", "ministry", "energy_minister"),
    ("government", "Government", ["الحكومة", "السلطات"], "f", "government", "prime_minister"),
    ("military", "Armed Forces", ["الجيش", "القوات المسلحة"], "m|f", "military", "army_commander"),
    ("parliament", "Parliament", ["البرلمان"], "m", "legislature", "speaker_of_parliament"),
]
# Names that differ from the pattern for some countries (English names; extra Arabic aliases).
OVERRIDES = {
    ("USA", "ministry-foreign-affairs"): ("United States Department of State", ["وزارة الخارجية الأمريكية", "الخارجية الأمريكية"]),
    ("USA", "ministry-defence"): ("United States Department of Defense", ["وزارة الحرب الأمريكية"]),
    ("USA", "ministry-interior"): ("United States Department of Homeland Security", ["وزارة الأمن الداخلي الأمريكية", "وزارة الأمن الداخلي الأميركية"]),
    ("USA", "ministry-finance"): ("United States Department of the Treasury", ["وزارة الخزانة الأمريكية", "وزارة الخزانة الأميركية", "الخزانة الأمريكية", "الخزانة الأميركية"]),
    ("USA", "ministry-justice"): ("United States Department of Justice", []),
    ("USA", "ministry-economy"): ("United States Department of Commerce", ["وزارة التجارة الأمريكية", "وزارة التجارة الأميركية"]),
    ("USA", "parliament"): ("United States Congress", []),
    ("GBR", "ministry-foreign-affairs"): ("Foreign, Commonwealth and Development Office", []),
    ("GBR", "ministry-interior"): ("Home Office", []),
    ("GBR", "ministry-finance"): ("HM Treasury", ["وزارة الخزانة البريطانية"]),
    ("FRA", "ministry-defence"): ("Ministry of the Armed Forces (France)", ["وزارة الجيوش الفرنسية"]),
    ("ISR", "military"): ("Israel Defense Forces", ["جيش الاحتلال", "جيش الاحتلال الإسرائيلي", "جيش الدفاع الإسرائيلي", "قوات الاحتلال", "قوات الاحتلال الإسرائيلي"]),
    ("ISR", "parliament"): ("Knesset", []),
    ("RUS", "parliament"): ("Federal Assembly of Russia", []),
}
SKIP_PARLIAMENT_DUP = {("USA", "parliament"): "org:us-congress", ("ISR", "parliament"): "org:knesset"}


def build() -> list[dict]:
    countries = [json.loads(line) for line in (DATA / "countries.jsonl").open(encoding="utf-8")]
    manual = read_jsonl(MANUAL / "organizations_manual.jsonl")
    out: dict[str, dict] = {}
    for c in countries:
        adj = c.get("adjectives_ar") or {}
        fem = [a for a in adj.get("f", ()) if a.startswith("ال")]
        masc = [a for a in adj.get("m", ()) if a.startswith("ال")]
        if not fem or c["iso3"] in ("ESH", "ATA"):
            continue
        iso3 = c["iso3"]
        for key, en, heads, gender, otype, role in BODIES:
            if (iso3, key) in SKIP_PARLIAMENT_DUP:
                continue
            names = []
            for h in heads:
                agree = fem if gender == "f" else masc if gender == "m" else (masc if h == "الجيش" else fem)
                names += [f"{h} {a}" for a in agree]
            # "X في <country>" is also common: وزارة الخارجية في فرنسا
            names.append(f"{heads[0]} في {c['name_ar']}")
            en_name, extra = OVERRIDES.get((iso3, key), (f"{en} ({c['name_en']})", []))
            rid = f"org:{iso3.lower()}-{key}"
            out[rid] = record(
                rid, "ORG", en_name, names[0], aliases_ar=[*names[1:], *extra], country=iso3,
                org_type=otype, acronym_en=None, body=key, head_role=role, generated=True,
            )
    for m in manual:
        rid = m["id"]
        if rid in out:
            base = out[rid]
            aliases = uniq([*base["aliases_ar"], *m.get("aliases_ar", ())])
            base.update({k: v for k, v in m.items() if v is not None and k != "aliases_ar"})
            base["aliases_ar"] = [a for a in aliases if a != base["name_ar"]]
            base["generated"] = False
        else:
            out[rid] = record(rid, m.get("kind", "ORG"), m["name_en"], m["name_ar"], aliases_ar=m.get("aliases_ar", ()),
                              aliases_en=m.get("aliases_en", ()), wikidata=m.get("wikidata"), country=m.get("country"),
                              **{k: v for k, v in m.items() if k not in {
                                  "id", "kind", "name_en", "name_ar", "aliases_ar", "aliases_en", "wikidata", "country"}})
    # A seat that stands for a generated body must point at an existing id.
    for r in out.values():
        if r.get("stands_for") and r["stands_for"] not in out:
            r["stands_for"] = None
    # Aliases shared by two generated records (e.g. 'الجيش الكونغولي') are ambiguous: keep them only on
    # the entry whose name they are.
    return list(out.values())


def main() -> None:
    write_jsonl(DATA / "organizations.jsonl", build())


if __name__ == "__main__":
    main()
