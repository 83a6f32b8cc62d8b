"""Build marsad/kb/data/people.jsonl from the UniversalPetrarch Arabic actor dictionary
(../shared/data/universalpetrarch_ar/actor_dict_ar_v4.txt, MIT, Open Event Data Alliance) and the
hand-curated data/manual/people_manual.jsonl.

The dictionary writes lemmatised tokens joined by ``_`` followed by CAMEO codes with dated roles
(``[IRQGOV 20101221-20140908]``). Conversion: keep entries that look like a person (no institution
word, at least two name tokens once leading titles and country adjectives are removed), restore
the written form where the lemmatiser is predictable (``عبد_اللٰه`` → عبد الله, ``ال_خليفة`` →
آل خليفة, ``نور_دين`` → نور الدين), turn each CAMEO code into a sector role with ISO dates, and merge
entries that name the same person. Manual records win: a dictionary entry whose folded name equals
a manual name or alias adds its roles to the manual record (as ``source_roles``), never its name.

When ../shared is absent the dictionary part of the previous people.jsonl is kept.
"""

from __future__ import annotations

import json
import re
import sys

try:
    from scripts.kb.common import DATA, MANUAL, ROOT, SHARED, read_jsonl, record, uniq, write_jsonl
except ImportError:
    from common import DATA, MANUAL, ROOT, SHARED, read_jsonl, record, uniq, write_jsonl

sys.path.insert(0, str(ROOT))
from marsad.text.normalize import fold  # noqa: E402

DICT = SHARED / "universalpetrarch_ar" / "actor_dict_ar_v4.txt"

SECTORS = {  # CAMEO sector → (role key, English title)
    "GOV": ("government_official", "Government official"), "ELI": ("elite", "Elite / former official"),
    "MIL": ("military_officer", "Military"), "PTY": ("party_official", "Party official"),
    "REB": ("rebel_leader", "Rebel / armed group figure"), "OPP": ("opposition_figure", "Opposition figure"),
    "LEG": ("legislator", "Member of Parliament"), "JUD": ("judge", "Judiciary"),
    "BUS": ("business", "Business"), "MED": ("journalist", "Media"), "CVL": ("civilian", "Civilian"),
    "COP": ("police_officer", "Police"), "SPY": ("intelligence_officer", "Intelligence"),
    "REL": ("religious_leader", "Religious figure"), "EDU": ("academic", "Education"),
    "NGO": ("ngo_official", "NGO official"), "HLH": ("health_official", "Health"), "LAB": ("labour", "Labour"),
    "IGO": ("igo_official", "International organization official"), "REF": ("refugee", "Refugee"),
    "IMG": ("militant", "Militant"), "INT": ("international", "International"), "AGR": ("agriculture", "Agriculture"),
    "ENV": ("environment", "Environment"), "CRM": ("criminal", "Criminal"), "UAF": ("armed_fighter", "Armed fighter"),
    "SEP": ("separatist", "Separatist"), "MOD": ("moderate", "Moderate"), "RAD": ("radical", "Radical"),
}
TITLE_TOKENS = {
    "رئيس", "وزير", "خارجية", "دفاع", "داخلية", "مالية", "ملك", "أمير", "امير", "شيخ", "سفير", "جنرال", "خادم",
    "حرمان", "شريف", "عاهل", "مستشار", "نائب", "أمين", "عام", "سيد", "سيدة", "دكتور", "د.", "لواء", "ركن", "أول",
    "فريق", "عميد", "عقيد", "طيار", "بحري", "مشير", "قائد", "زعيم", "مبعوث", "ممثل", "خاص", "مندوب", "مرشد",
    "أعلى", "ولي", "عهد", "حاكم", "سلطان", "رئيسة", "وزيرة", "طبيب", "سماحة", "آية", "اية", "الله", "حجة",
    "إسلام", "مفتي", "بابا", "إمام", "حاخام", "جلالة", "سمو", "فخامة", "معالي", "نائبة", "متحدث", "ناطق",
    "وكيل", "مساعد", "مدير", "حكومة", "دولة", "جمهورية", "برلمان", "مجلس", "نواب", "شورى", "وزراء", "أركان",
    "سابق", "داخلي", "ملا", "الملا", "مقدم", "جندي", "الجندي", "ميجر", "لميجر", "نقيب", "رائد", "عريف", "رقيب", "سيناتور", "الرئيس",
    "الملك", "الأمير", "الشيخ", "السفير", "الوزير", "العقيد", "اللواء", "العميد", "المشير", "الجنرال",
}
TITLE_TOKENS = {fold(w) for w in TITLE_TOKENS}
ORG_WORDS = {
    "مجلس", "حزب", "حركة", "جبهة", "تنظيم", "جيش", "قوة", "قوات", "وزارة", "حكومة", "اتحاد", "منظمة", "محكمة",
    "مؤتمر", "تحالف", "عاصمة", "مسؤول", "شرطة", "جماعة", "كتائب", "كتيبة", "هيئة", "لجنة", "سفارة", "ديوان",
    "جامعة", "شركة", "بنك", "صندوق", "مكتب", "إدارة", "قيادة", "ولاية", "مدينة", "نظام", "كتلة", "قائمة",
    "ائتلاف", "جمعية", "مركز", "معهد", "وكالة", "برنامج", "مجموعة", "نقابة", "غرفة", "مصرف", "قناة", "صحيفة",
    "ميليشيا", "سرايا", "أنصار", "مفوضية", "بعثة", "رابطة", "دولة", "سلطة", "مؤسسة", "أمة", "شعب",
    "قبيلة", "عشيرة", "طائفة", "مخابرات", "استخبارات", "جهاز", "دائرة", "أجهزة", "قاعدة", "ميناء", "مطار",
    "اللجنة", "الحزب", "الحركة", "الجبهة", "مسلح", "متمرد", "معارضة", "لاجئ", "طالب", "موظف", "عضو", "مواطن",
    "رجل", "امرأة", "نساء", "أطفال", "ناشط", "قاض", "مراسل", "صحفي", "ب", "ل", "في", "و", "من", "على", "إلى",
    "تجمع", "تيار", "فصيل", "فيلق", "ميليشيات", "حرس", "أمن", "مفوض", "نادي", "ثورة", "إقليم", "محافظة", "مجلة",
    "حي", "مخيم", "منشأة", "مؤشر", "أكاديمية", "تربية", "سياسي", "إرهابي", "سجن", "معبر", "مستشفى", "مسجد",
    "كنيسة", "قصر", "شارع", "ساحة", "منطقة", "قرية", "بلدة", "إيه", "بي", "سي", "إف", "آي", "تي", "دي", "إن",
    "خارجية", "داخلية", "دفاع", "عدل", "شؤون", "اقليم", "لاقليم", "جنائي", "دولي", "عالمي",
    "هيومن", "فرقة", "سيارة", "ربط", "زيادة", "عسكر", "موند", "هو", "هوو", "متعدد", "جنسي", "لينكولن", "اسرائيلي", "أمريكي", "جامعية", "دراسة", "نهر", "جواز", "حاملي", "عربي", "إسلامي", "اسلامي", "وطني", "ديمقراطي", "شعبي", "عسكري", "مدني", "شيعي", "سني",
}
ORG_WORDS = {fold(w) for w in ORG_WORDS}
DIVINE = {"عزيز", "رحيم", "رحمن", "كريم", "مجيد", "حميد", "لطيف", "قادر", "رزاق", "سلام", "هادي", "غني",
          "باري", "وهاب", "جبار", "حكيم", "حليم", "ستار", "غفار", "واحد", "منعم", "رؤوف", "فتاح", "قدوس",
          "مهدي", "جليل", "ودود", "معطي", "باسط", "حفيظ", "عليم", "حي", "قيوم", "إله", "اله", "مطلب", "ناصر"}
DIN = {"سعد", "سراج", "نور", "ناصر", "صلاح", "عز", "علاء", "سيف", "بهاء", "شمس", "زين", "خير", "محيي", "جمال", "نصر", "تاج",
       "عماد", "شهاب", "بدر", "فخر", "كمال", "حسام", "نجم", "ضياء", "محي", "صدر", "قطب", "شرف", "نظام", "ركن"}
ARAB_STATES = {"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE",
               "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}

POLITICAL = {"GOV", "MIL", "REB", "PTY", "OPP", "LEG", "JUD", "COP", "SPY", "IGO", "REL", "IMG", "UAF", "SEP"}
JUNK_RE = re.compile(r"أل[إأآ]|.لأ|لا[ق]ليم")
ROLE_RE = re.compile(r"\[\s*([A-Za-z0-9?,]*)\s*(?:(\d{8})\s*-\s*(\d{8})|([<>])\s*(\d{8}))?\s*\]")
_TR = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة", "abtthjhkhdthrzsshsdtzaghfqklmnhwy'aa'''yah", strict=False))


def translit_slug(ar: str) -> str:
    s = "".join(_TR.get(c, "-" if c.isspace() else "") for c in fold(ar))
    return re.sub(r"-+", "-", s).strip("-") or "x"


def iso_date(d: str | None) -> str | None:
    if not d or d in ("18000101", "19700101", "00000000"):
        return None
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def country_tokens() -> tuple[set[str], set[str]]:
    """Folded country names and adjective forms (to strip ``رئيس_تركي_`` style prefixes), ISO3 codes."""
    toks, codes = set(), set()
    for line in (DATA / "countries.jsonl").open(encoding="utf-8"):
        c = json.loads(line)
        codes.add(c["iso3"])
        for n in [c["name_ar"], *c["aliases_ar"], *[a for v in c["adjectives_ar"].values() for a in v]]:
            for w in (n or "").split():
                w = fold(w)
                toks.add(w)
                if w.startswith("ال"):
                    toks.add(w[2:])
    toks.discard("عبد")
    return toks, codes


def restore(tokens: list[str]) -> str:
    """Undo the predictable parts of the lemmatisation."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i].replace("اللٰه", "الله").replace("ٰ", "")
        if t == "ال" and i + 1 < len(tokens):  # ال_خليفة → آل خليفة
            out.append("آل " + tokens[i + 1])
            i += 2
            continue
        prev = out[-1] if out else ""
        if prev in ("عبد", "أبو", "ابو") and t in DIVINE and not t.startswith("ال"):
            t = "ال" + t
        elif t == "دين" and prev in DIN:
            t = "الدين"
        elif t == "لله" and prev == "عبد":
            t = "الله"
        out.append(t)
        i += 1
    return " ".join(out)


def parse_dict(text: str) -> list[tuple[str, list[tuple]]]:
    entries: list[tuple[str, list[tuple]]] = []
    for raw in text.splitlines():
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        roles = [m.groups() for m in ROLE_RE.finditer(s)]
        if s.startswith("["):
            if entries:
                entries[-1][1].extend(roles)
            continue
        name = ROLE_RE.sub("", s).strip()
        entries.append((name, roles))
    return entries


def convert(entries, ctoks: set[str], codes: set[str]) -> dict[str, dict]:
    people: dict[str, dict] = {}
    for name, roles in entries:
        toks = [t for t in name.replace(" ", "_").split("_") if t]
        if not toks or any(fold(t) in ORG_WORDS for t in toks):
            continue
        while toks and (fold(toks[0]) in TITLE_TOKENS or fold(toks[0]) in ctoks):
            toks = toks[1:]
        while toks and fold(toks[-1]) in TITLE_TOKENS:
            toks = toks[:-1]
        if len(toks) < 2 or toks[0] in ("بن", "ابن") or any(len(t) < 2 or JUNK_RE.search(t) for t in toks):
            continue
        if len(toks) < 2 or any(fold(t) in ctoks and not t.startswith("ال") for t in toks):
            continue
        if any(not re.fullmatch(r"[\u0621-\u064a\u0670]+", t) for t in toks):
            continue
        written = restore(toks)
        conv_roles = []
        for code, a, b, op, d in roles:
            code = (code or "").split(",")[-1].upper().replace("?", "")
            if not code:
                continue
            cc = code[:3] if code[:3] in codes else None
            rest = code[3:] if cc else code
            sector = next((rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] in SECTORS), None)
            if sector is None:
                continue  # a bare country code marks a place or a people, not a person
            start, end = (iso_date(a), iso_date(b)) if a else ((iso_date(d), None) if op == ">" else (None, iso_date(d)))
            if start and end and end < start:
                end = None
            key, title = SECTORS[sector]
            conv_roles.append({"role": key, "title_en": title, "country": cc, "org": "IGO" if "IGO" in code else None,
                               "start": start, "end": end, "cameo": code})
        if not conv_roles or toks[-1] in ("عبد", "أبو", "ابو", "بن"):
            continue
        if not any(r["start"] or r["end"] for r in conv_roles) and not any(
                r["cameo"][3:][:3] in POLITICAL or r["cameo"][:3] in POLITICAL for r in conv_roles):
            continue  # undated and outside politics (business, media, celebrities): not an event actor
        ends = [r["end"] for r in conv_roles]
        if all(e and e < "1995" for e in ends):
            continue  # political actors of 2000–2026 only
        key = loose_key(written)
        p = people.setdefault(key, {"name_ar": written, "roles": []})
        for r in conv_roles:
            if r not in p["roles"]:
                p["roles"].append(r)
    return people


def loose_key(name: str) -> str:
    """Folded name without articles or spaces: the dictionary's lemmatiser drops ``ال`` (سعد دين
    عثماني for سعد الدين العثماني), so entries are matched on this key."""
    toks = [t[2:] if t.startswith("ال") and len(t) > 4 else t for t in fold(name).split()]
    return "".join(toks)


def title_table() -> dict[str, dict]:
    return {t["role"]: t for t in read_jsonl(DATA / "titles.jsonl")}


ALIAS_TITLE_PREFIXES = ("ولي العهد الأمير ", "ولي العهد ", "خادم الحرمين الشريفين ", "العاهل المغربي ", "الملكة ", "الملك ",
                        "الأميرة ", "الأمير ", "الشيخة ", "الشيخ ", "السلطان ", "السيد ", "المشير ", "الفريق أول ",
                        "الفريق ", "العماد ", "اللواء ", "العميد ", "العقيد ", "الدكتور ", "شيخ الأزهر ", "المرجع ",
                        "آية الله ", "الإمام ", "الملا ", "الرئيس ")


def strip_title(alias: str) -> str:
    """An alias without the title or honorific in front of it (titles are recognised separately)."""
    changed = True
    while changed:
        changed = False
        for p in ALIAS_TITLE_PREFIXES:
            if alias.startswith(p):
                alias, changed = alias[len(p):], True
    return alias


def foreign_variants(name: str) -> list[str]:
    """Spelling variants of a foreign name: a foreign g written غ, ج or ق."""
    out = []
    if "غ" in name:
        out += [name.replace("غ", "ج"), name.replace("غ", "ق")]
    return out


def build() -> list[dict]:
    titles = title_table()
    manual = read_jsonl(MANUAL / "people_manual.jsonl")
    out: dict[str, dict] = {}
    index: dict[str, str] = {}
    for m in manual:
        roles = []
        for r in m.get("roles", ()):
            t = titles.get(r["role"], {})
            title_en = r.get("title_en") or (t.get("title_en_by_country") or {}).get(r.get("country") or "") or t.get("title_en") or r["role"]
            roles.append({"role": r["role"], "title_en": title_en, "country": r.get("country"), "org": r.get("org"),
                          "start": r.get("start"), "end": r.get("end")})
        country = m.get("country")
        aliases = [a for a in (strip_title(x) for x in m.get("aliases_ar", ())) if len(a.split()) >= 2]
        if country not in ARAB_STATES:
            aliases += foreign_variants(m["name_ar"]) + [v for a in m.get("aliases_ar", ()) for v in foreign_variants(a)]
        extra = {k: v for k, v in m.items() if k not in {"id", "kind", "name_en", "name_ar", "aliases_ar", "aliases_en",
                                                          "wikidata", "country", "roles"}}
        rec = record(m["id"], "PERSON", m.get("name_en"), m["name_ar"], aliases_ar=aliases,
                     aliases_en=m.get("aliases_en", ()), wikidata=m.get("wikidata"), country=country,
                     roles=roles, **extra)
        rec["source"] = "manual"
        sur = m.get("surname_ar")
        if sur and rec["name_ar"].endswith(sur):
            given = rec["name_ar"][: -len(sur)].strip()
            variants = [a[len(given):].strip() for a in rec["aliases_ar"] if given and a.startswith(given + " ")]
            if country not in ARAB_STATES:
                variants += foreign_variants(sur)
            rec["surname_variants_ar"] = [v for v in uniq(variants)
                                          if v and v != sur and len(v.split()) == len(sur.split())]
        out[rec["id"]] = rec
        for n in [rec["name_ar"], *rec["aliases_ar"]]:
            index.setdefault(loose_key(n), rec["id"])
    if DICT.exists():
        ctoks, codes = country_tokens()
        people = convert(parse_dict(DICT.read_text("utf-8")), ctoks, codes)
        dict_recs = []
        for key, p in people.items():
            if key in index:
                target = out[index[key]]
                target.setdefault("source_roles", [])
                target["source_roles"] += [r for r in p["roles"] if r not in target["source_roles"]]
                continue
            countries = [r["country"] for r in p["roles"] if r["country"]]
            rid = f"person:{translit_slug(p['name_ar'])}"
            while rid in out:
                rid += "-2"
            rec = record(rid, "PERSON", None, p["name_ar"], country=min(sorted(set(countries)), key=lambda c: -countries.count(c)) if countries else None,
                         roles=p["roles"], source="upetrarch")
            out[rid] = rec
            dict_recs.append(rec)
    else:
        print("shared dictionary absent: keeping the dictionary part of the current people.jsonl")
        for r in read_jsonl(DATA / "people.jsonl"):
            if r.get("source") == "upetrarch" and r["id"] not in out:
                out[r["id"]] = r
    return list(out.values())


def main() -> None:
    recs = build()
    write_jsonl(DATA / "people.jsonl", recs)
    print("from dictionary:", sum(r.get("source") == "upetrarch" for r in recs), "manual:", sum(r.get("source") == "manual" for r in recs))


if __name__ == "__main__":
    main()
