"""Generated Analyses for the web's acceptance tests and benchmark: a corpus of any size, the same for
the same seed, whose text is made here from templates (no real article is copied).

Each document reports one to three events between actors of twenty states (each with its state,
foreign ministry, army, police known only by description, and a minister), the UN, a broadcaster, a
health ministry and unidentified gunmen; every actor carries its country, sector and CAMEO actor
code. Dates spread over two years, with a few far historical dates (year 615, 1428) as real news
has them; some meetings are announced (scheduled) and reported later (occurred), so event links
change status; confidences spread over 0.05..0.99; some events have one actor or none.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("IRQ", "العراق", "Iraq", "العراقية", "العراقي", "Iraqi", "بغداد"),
    ("SYR", "سوريا", "Syria", "السورية", "السوري", "Syrian", "دمشق"),
    ("EGY", "مصر", "Egypt", "المصرية", "المصري", "Egyptian", "القاهرة"),
    ("SAU", "السعودية", "Saudi Arabia", "السعودية", "السعودي", "Saudi", "الرياض"),
    ("IRN", "إيران", "Iran", "الإيرانية", "الإيراني", "Iranian", "طهران"),
    ("TUR", "تركيا", "Turkey", "التركية", "التركي", "Turkish", "أنقرة"),
    ("USA", "الولايات المتحدة", "United States", "الأمريكية", "الأمريكي", "US", "واشنطن"),
    ("RUS", "روسيا", "Russia", "الروسية", "الروسي", "Russian", "موسكو"),
    ("JOR", "الأردن", "Jordan", "الأردنية", "الأردني", "Jordanian", "عمان"),
    ("LBN", "لبنان", "Lebanon", "اللبنانية", "اللبناني", "Lebanese", "بيروت"),
    ("QAT", "قطر", "Qatar", "القطرية", "القطري", "Qatari", "الدوحة"),
    ("ARE", "الإمارات", "United Arab Emirates", "الإماراتية", "الإماراتي", "Emirati", "أبوظبي"),
    ("YEM", "اليمن", "Yemen", "اليمنية", "اليمني", "Yemeni", "صنعاء"),
    ("LBY", "ليبيا", "Libya", "الليبية", "الليبي", "Libyan", "طرابلس"),
    ("SDN", "السودان", "Sudan", "السودانية", "السوداني", "Sudanese", "الخرطوم"),
    ("FRA", "فرنسا", "France", "الفرنسية", "الفرنسي", "French", "باريس"),
    ("GBR", "بريطانيا", "United Kingdom", "البريطانية", "البريطاني", "British", "لندن"),
    ("CHN", "الصين", "China", "الصينية", "الصيني", "Chinese", "بكين"),
    ("DEU", "ألمانيا", "Germany", "الألمانية", "الألماني", "German", "برلين"),
    ("TUN", "تونس", "Tunisia", "التونسية", "التونسي", "Tunisian", "تونس العاصمة"),
]
FIRST = [("أحمد", "Ahmad"), ("محمد", "Mohammed"), ("علي", "Ali"), ("حسن", "Hassan"), ("خالد", "Khaled"),
         ("سامي", "Sami"), ("فيصل", "Faisal"), ("يوسف", "Youssef"), ("عمر", "Omar"), ("طارق", "Tarek"),
         ("نبيل", "Nabil"), ("كريم", "Karim"), ("منير", "Mounir"), ("وليد", "Walid"), ("رامي", "Rami")]
LAST = [("الحسيني", "al-Husseini"), ("العبيدي", "al-Obaidi"), ("الشمري", "al-Shammari"), ("الخطيب", "al-Khatib"),
        ("النجار", "al-Najjar"), ("السعدي", "al-Saadi"), ("الحداد", "al-Haddad"), ("الرفاعي", "al-Rifai"),
        ("العلي", "al-Ali"), ("المنصوري", "al-Mansouri"), ("القاسم", "al-Qasim")]
POLICE = ["الشرطة {adj}", "قوات الأمن {adj}", "قوات الشرطة في {capital}", "عناصر الشرطة {adj}"]
# type -> (verb in the past, verb in the future, CAMEO code, mode)
VERBS = {
    "CONSULT": ("التقى", "يلتقي", "040", "meet"), "AGREE": ("اتفق مع", "يتفق مع", "057", None),
    "SUPPORT": ("أيد", "يؤيد", "051", None), "COOPERATE": ("تعاون مع", "يتعاون مع", "060", None),
    "AID": ("قدم مساعدات إلى", "يقدم مساعدات إلى", "070", None), "CONCEDE": ("تنازل لـ", "يتنازل لـ", "080", None),
    "RETREAT": ("انسحب أمام", "ينسحب أمام", "087", None), "REQUEST": ("طالب", "يطالب", "020", None),
    "ACCUSE": ("اتهم", "يتهم", "112", None), "REJECT": ("رفض مطالب", "يرفض مطالب", "120", None),
    "THREATEN": ("هدد", "يهدد", "130", None), "PROTEST": ("احتج على", "يحتج على", "140", None),
    "SANCTION": ("فرض عقوبات على", "يفرض عقوبات على", "163", None), "MOBILIZE": ("حشد قواته قرب", "يحشد قواته قرب", "150", None),
    "COERCE": ("اعتقل عناصر من", "يعتقل عناصر من", "173", None), "ASSAULT": ("هاجم", "يهاجم", "180", None),
}
TYPE_WEIGHTS = {"CONSULT": 22, "ACCUSE": 10, "ASSAULT": 10, "AGREE": 7, "SUPPORT": 6, "REQUEST": 7, "COOPERATE": 5,
                "REJECT": 5, "THREATEN": 5, "COERCE": 6, "AID": 4, "PROTEST": 4, "SANCTION": 3, "MOBILIZE": 3,
                "CONCEDE": 1, "RETREAT": 2}
STATUSES = [("occurred", 70), ("ongoing", 4), ("negated", 6), ("conditional", 4), ("hypothetical", 4), ("scheduled", 12)]
TOPICS = ["الاقتصاد", "الطاقة", "الحدود", "اللاجئين", "المياه", "الانتخابات", "الاستثمار", "النفط", "الغاز", "التجارة",
          "الأمن", "الإرهاب", "المفاوضات", "الموانئ", "الكهرباء", "الزراعة", "الصحة", "التعليم", "السياحة", "النقل",
          "الديون", "العملة", "الأسعار", "الرواتب", "الجفاف", "الفيضانات", "الأسلحة", "الطائرات", "الصواريخ", "السجون",
          "المعابر", "الإغاثة", "القمح", "الأدوية", "الاتصالات", "الضرائب", "البنوك", "الصادرات", "الواردات", "المصانع"]
HISTORIC = ["0615", "1428-05", "1187", "1917-11-02"]


def actors() -> list[dict]:
    out = []
    rnd = random.Random(11)
    for i, (iso, name, name_en, adj_f, adj_m, adj_en, capital) in enumerate(COUNTRIES):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        out += [
            {"id": f"gen:{iso}", "kind": "GPE", "name_ar": name, "name_en": name_en, "country": iso, "sector": None,
             "cameo_actor": iso, "roles": []},
            {"id": f"gen:{iso}:mfa", "kind": "ORG", "name_ar": f"وزارة الخارجية {adj_f}",
             "name_en": f"{adj_en} Ministry of Foreign Affairs", "country": iso, "sector": "GOV",
             "cameo_actor": f"{iso} GOV", "roles": []},
            {"id": f"gen:{iso}:army", "kind": "ORG", "name_ar": f"الجيش {adj_m}", "name_en": f"{adj_en} army",
             "country": iso, "sector": "MIL", "cameo_actor": f"{iso} MIL", "roles": []},
            {"id": f"A:{iso}:COP", "kind": "ORG", "name_ar": None, "name_en": None, "country": iso, "sector": "COP",
             "cameo_actor": f"{iso} COP", "roles": [],
             "phrases": [p.format(adj=adj_f, capital=capital) for p in POLICE]},
            {"id": f"gen:{iso}:fm", "kind": "PERSON", "name_ar": f"{first[0]} {last[0]}",
             "name_en": f"{first[1]} {last[1]}", "country": iso, "sector": "GOV", "cameo_actor": f"{iso} GOV",
             "roles": ["Minister of Foreign Affairs"]},
        ]
        rnd.random()
    out += [
        {"id": "gen:UN", "kind": "ORG", "name_ar": "الأمم المتحدة", "name_en": "United Nations", "country": "UN",
         "sector": "IGO", "cameo_actor": "UN IGO", "roles": []},
        {"id": "gen:QAT:jazeera", "kind": "ORG", "name_ar": "قناة الجزيرة", "name_en": "Al Jazeera", "country": "QAT",
         "sector": "MED", "cameo_actor": "QAT MED", "roles": []},
        {"id": "gen:IRQ:health", "kind": "ORG", "name_ar": "وزارة الصحة العراقية", "name_en": "Iraqi Ministry of Health",
         "country": "IRQ", "sector": "HLH", "cameo_actor": "IRQ HLH", "roles": []},
        {"id": "A:UAF", "kind": "GROUP", "name_ar": None, "name_en": None, "country": None, "sector": "UAF",
         "cameo_actor": "UAF", "roles": [], "phrases": ["مسلحون مجهولون", "مسلحين مجهولين", "عناصر مسلحة مجهولة"]},
    ]
    return out


class _Text:
    """A text built piece by piece, remembering where each piece went."""

    def __init__(self):
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _weighted(rnd: random.Random, pairs) -> str:
    items = list(pairs.items()) if isinstance(pairs, dict) else pairs
    total = sum(w for _, w in items)
    x = rnd.random() * total
    for k, w in items:
        x -= w
        if x < 0:
            return k
    return items[-1][0]


def _summary(typ, status, src, tgt, value) -> str:
    def who(a):
        return (a.get("name_en") or a.get("cameo_actor")) if a else "unnamed actors"

    s = f"{who(src)} {typ.lower()}" + (f" {who(tgt)}" if tgt else "")
    return s + (f" ({status})" if status != "occurred" else "") + (f" on {value}" if value else "")


def generate(n_docs: int, seed: int = 7, start: date = date(2023, 1, 1), days: int = 730) -> list[dict]:
    """``n_docs`` Analyses (dicts of the contract), in publication order."""
    rnd = random.Random(seed)
    pool = actors()
    by_country: dict[str, list[dict]] = {}
    for a in pool:
        by_country.setdefault(a["country"] or "-", []).append(a)
    states = [c[0] for c in COUNTRIES]
    pending: list[tuple[date, dict, dict, str]] = []  # announced meetings: (day, source, target, announced in)
    out = []
    for i in range(n_docs):
        pub = start + timedelta(days=int(i * days / max(1, n_docs)))
        doc_id = f"gen-{i:05d}"
        home, other = rnd.sample(states[:8] if rnd.random() < 0.6 else states, 2)
        t = _Text()
        plans = []
        due = [p for p in pending if p[0] <= pub]
        for p in due[:1]:
            pending.remove(p)
            plans.append(("CONSULT", p[1], p[2], "occurred", p[0].isoformat()))
        for _ in range(1 + (rnd.random() < 0.5) + (rnd.random() < 0.2) - (1 if plans else 0)):
            typ = _weighted(rnd, TYPE_WEIGHTS)
            status = _weighted(rnd, STATUSES)
            src = rnd.choice(by_country[home] + (by_country["-"] if rnd.random() < 0.1 else []))
            tgt = rnd.choice(by_country[other] + ([pool[-4]] if rnd.random() < 0.05 else []))
            r = rnd.random()
            if r < 0.08:
                src = tgt = None
            elif r < 0.18:
                tgt = None
            if status == "scheduled":
                when = pub + timedelta(days=rnd.randint(3, 20))
                value = when.isoformat()
                if typ == "CONSULT" and src and tgt and rnd.random() < 0.7:
                    pending.append((when, src, tgt, doc_id))
            elif status in ("occurred", "ongoing"):
                value = (pub - timedelta(days=rnd.randint(0, 1))).isoformat()
            else:
                value = None
            if i % 211 == 17 and not plans:
                value = HISTORIC[(i // 211) % len(HISTORIC)]
            plans.append((typ, src, tgt, status, value))
        # the title: the first event's actors
        first = plans[0]
        def label(a):
            return (a.get("name_ar") or a["phrases"][0]) if a else ""

        title = " ".join(x for x in (label(first[1]) or "تقارير", VERBS[first[0]][0], label(first[2])) if x)
        sentences = [{"kind": "title"}]
        sentences[0]["start"], _ = t.add("")
        t.add(title)
        sentences[0]["end"] = t.n
        t.add("\n\n")
        mentions: dict[str, list[dict]] = {}
        names: dict[str, str] = {}
        events = []

        def name_of(a):
            if a.get("phrases"):
                return rnd.choice(a["phrases"])
            return a["name_ar"]

        def mention(a, t=t, names=names, mentions=mentions):
            phrase = name_of(a)
            s, e = t.add(phrase)
            local = a["id"] if not a["id"].startswith("A:") else a["id"] + ("" if rnd.random() < 0.5 else ":2")
            lid = local if a["id"] not in names.values() else next(k for k, v in names.items() if v == a["id"])
            names.setdefault(lid, a["id"])
            mentions.setdefault(lid, []).append({"start": s, "end": e, "text": phrase, "via": "name", "_phrase": phrase})
            return lid

        for n, (typ, src, tgt, status, value) in enumerate(plans):
            historic = value in HISTORIC  # (shown whatever the shipped threshold: the tests clip their dates)
            s0 = t.n
            past, future, cameo, mode = VERBS[typ]
            if status == "scheduled":
                t.add("ومن المقرر أن ")
            elif status == "negated":
                t.add("ونفت مصادر أن ")
            elif status in ("conditional", "hypothetical"):
                t.add("وفي حال فشل المحادثات قد ")
            sid = [mention(src)] if src else []
            if not src:
                t.add("أفادت تقارير بأن الوضع ")
            t.add(" ")
            verb = future if status in ("scheduled", "conditional", "hypothetical") else past
            ts, te = t.add(verb)
            tid = []
            if tgt:
                t.add(" ")
                tid = [mention(tgt)]
            t.add(f" في إطار ملف {rnd.choice(TOPICS)}.")
            sentences.append({"start": s0, "end": t.n, "kind": "body"})
            t.add(" ")
            events.append({
                "id": f"e{n + 1}", "type": typ, "mode": mode if typ == "CONSULT" else None, "context": [],
                "cameo": cameo, "source": sid, "target": tid, "date": value, "dates": [], "location": None,
                "status": status, "sentence": len(sentences) - 1, "trigger": {"start": ts, "end": te, "text": verb},
                "summary_en": _summary(typ, status, src, tgt, value), "confidence": max(round(rnd.uniform(0.05, 0.99), 2), 0.95 if historic else 0.0),
            })
            if events[-1]["mode"] is None:
                del events[-1]["mode"]
            del events[-1]["location"]
        s0 = t.n
        t.add(f"وتأتي هذه التطورات في ظل أزمة {rnd.choice(TOPICS)} و{rnd.choice(TOPICS)} و{rnd.choice(TOPICS)}.")
        sentences.append({"start": s0, "end": t.n, "kind": "body"})
        quotes = []
        speaker = next((a for a in (plans[0][1], plans[0][2]) if a and a["kind"] == "PERSON"), None)
        if speaker and rnd.random() < 0.6:
            t.add("\n")
            q0, _ = t.add("وقال ")
            lid = mention(speaker)
            t.add(": \"")
            words = f"نريد حلاً عادلاً لأزمة {rnd.choice(TOPICS)}"
            qs, qe = t.add(words)
            t.add("\".")
            sentences.append({"start": q0, "end": t.n, "kind": "body"})
            quotes.append({"speaker": lid, "speaker_text": speaker["name_ar"], "cue": "قال", "text": words,
                           "start": qs, "end": qe, "direct": True})
        text = t.text
        entities = []
        for lid, ms in mentions.items():
            a = next(x for x in pool if x["id"] == names[lid])
            entities.append({"id": lid, "kind": a["kind"], "name_en": a["name_en"], "name_ar": a["name_ar"] or ms[0]["_phrase"],
                             "wikidata": None, "country": a["country"], "sector": a["sector"],
                             "cameo_actor": a["cameo_actor"], "roles": a["roles"], "in_kb": not lid.startswith("A:"),
                             "mentions": [{k: v for k, v in m.items() if k != "_phrase"} for m in ms]})
        out.append({
            "schema_version": "1",
            "document": {"id": doc_id, "text": text, "title": title, "url": f"https://example.org/{doc_id}",
                         "source": rnd.choice(["وكالة الأنباء", "صحيفة الخليج", "موقع الشرق"]),
                         "published": pub.isoformat(), "published_source": "given", "language": "ar"},
            "sentences": sorted(sentences, key=lambda s: s["start"]), "entities": entities, "times": [],
            "events": [{**e, "sentence": next(k for k, s in enumerate(sorted(sentences, key=lambda s: s["start"]))
                                              if s["start"] <= e["trigger"]["start"] < s["end"])} for e in events],
            "quotes": quotes,
        })
    return out


def build_store(path: str | Path, n_docs: int, seed: int = 7, batch: int = 500) -> str:
    """A store of ``n_docs`` generated documents, with its cross-document layer."""
    from marsad.corpus.crossdoc import rebuild
    from marsad.corpus.store import DocRecord, Store

    items = []
    for a in generate(n_docs, seed):
        d = a["document"]
        h = hashlib.sha1(d["text"].encode()).hexdigest()
        items.append((DocRecord(id=d["id"], text=d["text"], content_hash=h, title=d["title"], published=d["published"],
                                published_source="given", url=d["url"], source=d["source"]), a))
    with Store.open(path) as store:
        for i in range(0, len(items), batch):
            store.add_batch(items[i:i + batch], marsad_version="generated")
        rebuild(store)
    return str(path)
