"""Articles written for the corpus tests, and a pipeline that gives each its hand-built analysis.

The pipeline runs the real text stage (sentences) and then adds the entities and events listed
here, so the cross-document logic is tested apart from the extractors. Loaded by the conftest of
tests/corpus and tests/export (``load_corpus_module``).
"""

from __future__ import annotations

from marsad.doc import Doc
from marsad.schema import Document, Entity, Event, Mention, Span
from marsad.text.stage import TextStage

# id, kind, name_en, name_ar, country
KB = {
    "Q1001": ("PERSON", "Faisal bin Farhan", "فيصل بن فرحان", "SAU"),
    "Q1002": ("PERSON", "Antony Blinken", "أنتوني بلينكن", "USA"),
    "Q3692": ("GPE", "Riyadh", "الرياض", "SAU"),
    "Q851": ("GPE", "Saudi Arabia", "السعودية", "SAU"),
    "Q30": ("GPE", "United States", "الولايات المتحدة", "USA"),
    "Q79": ("GPE", "Egypt", "مصر", "EGY"),
    "Q810": ("GPE", "Jordan", "الأردن", "JOR"),
    "Q85": ("GPE", "Cairo", "القاهرة", "EGY"),
}

AGENCY = (
    "أعلنت وزارة الطاقة السعودية اليوم عن إطلاق برنامج وطني جديد لكفاءة استهلاك الكهرباء في المباني "
    "الحكومية والتجارية، يهدف إلى خفض الاستهلاك بنسبة عشرين في المائة خلال خمس سنوات. وأوضحت الوزارة "
    "في بيان أن البرنامج يشمل تركيب عدادات ذكية ومراجعة معايير العزل الحراري وتدريب آلاف المهندسين "
    "السعوديين على تدقيق استهلاك الطاقة، مشيرة إلى أن المرحلة الأولى ستبدأ في مدن الرياض وجدة والدمام. "
    "وأكدت الوزارة أن القطاع الخاص سيشارك في تمويل جزء من المشروعات عبر عقود أداء طويلة الأجل."
)

ARTICLES = [
    {
        "id": "announce", "source": "spa", "published": "2024-03-01", "url": "https://example.org/spa/1",
        "title": "وزيرا خارجية السعودية والولايات المتحدة يجتمعان الثلاثاء في الرياض",
        "body": "من المرتقب أن يعقد وزير الخارجية الأمير فيصل بن فرحان اجتماعا مع وزير الخارجية الأمريكي "
                "أنتوني بلينكن في الرياض يوم الثلاثاء المقبل لبحث العلاقات الثنائية والأوضاع في المنطقة.",
        "entities": [("Q1001", "فيصل بن فرحان"), ("Q1002", "أنتوني بلينكن"), ("Q3692", "الرياض")],
        "events": [{"type": "CONSULT", "trigger": "اجتماعا", "source": ["Q1001"], "target": ["Q1002"],
                    "date": "2024-03-05", "status": "scheduled", "location": "Q3692", "cameo": "040"}],
    },
    {
        "id": "report", "source": "alriyadh", "published": "2024-03-05", "url": "https://example.org/riyadh/2",
        "title": "فيصل بن فرحان يبحث مع بلينكن العلاقات الثنائية",
        "body": "عقد وزير الخارجية الأمير فيصل بن فرحان اليوم في الرياض اجتماعا مع نظيره الأمريكي بلينكن، "
                "جرى خلاله بحث العلاقات الثنائية وسبل تعزيزها والأوضاع في المنطقة.",
        # Blinken is not linked to the knowledge base here: a document-local id that resolution must merge.
        "entities": [("Q1001", "فيصل بن فرحان"), ("L:PERSON:بلينكن", "بلينكن"), ("Q3692", "الرياض")],
        "local": {"L:PERSON:بلينكن": ("PERSON", None, "أنتوني بلينكن", "USA")},
        "events": [{"type": "CONSULT", "trigger": "اجتماعا", "source": ["Q1001"], "target": ["L:PERSON:بلينكن"],
                    "date": "2024-03-05", "status": "occurred", "location": "Q3692", "cameo": "040", "mode": "visit"}],
    },
    {
        "id": "followup", "source": "okaz", "published": "2024-03-06", "url": "https://example.org/okaz/3",
        "title": "محادثات سعودية أمريكية في الرياض",
        "body": "أجرت السعودية والولايات المتحدة أمس محادثات في الرياض تناولت الأوضاع في المنطقة "
                "والعلاقات الثنائية بين البلدين.",
        "entities": [("Q851", "السعودية"), ("Q30", "الولايات المتحدة"), ("Q3692", "الرياض")],
        "events": [{"type": "CONSULT", "trigger": "محادثات", "source": ["Q851"], "target": ["Q30"],
                    "date": "2024-03-05", "status": "occurred", "location": "Q3692", "cameo": "040"}],
    },
    {
        "id": "egypt-jordan", "source": "ahram", "published": "2024-03-05", "url": "https://example.org/ahram/4",
        "title": "مباحثات مصرية أردنية في القاهرة",
        "body": "بحثت مصر والأردن اليوم في القاهرة تطورات الأوضاع الإقليمية وسبل دعم التعاون الاقتصادي "
                "بين البلدين الشقيقين.",
        "entities": [("Q79", "مصر"), ("Q810", "الأردن"), ("Q85", "القاهرة")],
        "events": [{"type": "CONSULT", "trigger": "بحثت", "source": ["Q79"], "target": ["Q810"],
                    "date": "2024-03-05", "status": "occurred", "location": "Q85", "cameo": "040"}],
    },
    {
        "id": "agency-okaz", "source": "okaz", "published": "2024-03-02", "url": "https://example.org/okaz/5",
        "title": "برنامج وطني لكفاءة استهلاك الكهرباء",
        "body": AGENCY, "entities": [("Q851", "السعودية")], "events": [],
    },
    {
        "id": "agency-watan", "source": "alwatan", "published": "2024-03-02", "url": "https://example.org/watan/6",
        "title": "برنامج وطني لكفاءة استهلاك الكهرباء",
        "body": AGENCY, "entities": [("Q851", "السعودية")], "events": [],
    },
    {
        "id": "agency-yaum", "source": "alyaum", "published": "2024-03-03", "url": "https://example.org/yaum/7",
        "title": "برنامج وطني لكفاءة استهلاك الكهرباء",
        "body": "الرياض - واس: " + AGENCY.replace("وأكدت الوزارة", "وبينت الوزارة")
                + " ويأتي البرنامج ضمن مستهدفات رؤية المملكة.",
        "entities": [("Q851", "السعودية")], "events": [],
    },
    {
        "id": "oil", "source": "aleqtisadiah", "published": "2024-03-04", "url": "https://example.org/eq/8",
        "title": "أسعار النفط ترتفع مع تراجع المخزونات",
        "body": "ارتفعت أسعار النفط في التعاملات الآسيوية مدعومة بتراجع المخزونات الأمريكية وتوقعات "
                "بزيادة الطلب على الوقود خلال فصل الصيف.",
        "entities": [], "events": [],
    },
    {
        "id": "football", "source": "riyadiyah", "published": "2024-03-04", "url": "https://example.org/sport/9",
        "title": "الهلال يفوز على النصر في الدوري",
        "body": "فاز فريق الهلال على ضيفه النصر بهدفين مقابل هدف في المباراة التي جمعتهما مساء أمس "
                "ضمن منافسات الجولة العشرين من دوري روشن للمحترفين.",
        "entities": [], "events": [],
    },
]

BY_ID = {a["id"]: a for a in ARTICLES}


def text_of(article: dict) -> str:
    return f"{article['title']}\n\n{article['body']}"


def document(article: dict) -> Document:
    return Document(id=article["id"], text=text_of(article), title=article["title"], url=article["url"],
                    source=article["source"], published=article["published"], published_source="given")


def documents(ids: list[str] | None = None) -> list[Document]:
    return [document(BY_ID[i]) for i in (ids or [a["id"] for a in ARTICLES])]


def jsonl_record(article: dict) -> dict:
    return {"id": article["id"], "title": article["title"], "text": article["body"], "date": article["published"],
            "source": article["source"], "url": article["url"]}


class FixturePipeline:
    """Real sentences; entities and events as listed in ARTICLES (found by document id, or by text)."""

    def __init__(self):
        self.text = TextStage()
        self.by_text = {text_of(a): a for a in ARTICLES}

    def run(self, document: Document):
        doc = Doc(document=document)
        self.text(doc)
        spec = BY_ID.get(document.id) or self.by_text.get(document.text)
        if spec is not None:
            self._add(doc, spec)
        return doc.to_analysis()

    def _add(self, doc: Doc, spec: dict) -> None:
        text = doc.text
        for eid, surface in spec["entities"]:
            kind, en, ar, country = (spec.get("local") or {}).get(eid) or KB[eid]
            start = text.find(surface)
            assert start >= 0, (spec["id"], surface)
            doc.entities.append(Entity(
                id=eid, kind=kind, name_en=en, name_ar=ar, country=country, in_kb=not eid.startswith("L:"),
                wikidata=eid if eid.startswith("Q") else None,
                mentions=[Mention(start=start, end=start + len(surface), text=surface, via="name")],
            ))
        for n, ev in enumerate(spec["events"], 1):
            start = text.find(ev["trigger"], len(spec["title"]))
            sentence = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
            doc.events.append(Event(
                id=f"e{n}", type=ev["type"], mode=ev.get("mode"), cameo=ev.get("cameo"), source=ev["source"],
                target=ev["target"], date=ev.get("date"), location=ev.get("location"), status=ev["status"],
                sentence=sentence, trigger=Span(start=start, end=start + len(ev["trigger"]), text=ev["trigger"]),
                confidence=0.9,
            ))


def fixture_pipeline() -> FixturePipeline:
    return FixturePipeline()


def build_store(path, ids: list[str] | None = None, workers: int = 1):
    """A store with the fixture articles ingested through the fixture pipeline."""
    from marsad.corpus.ingest import ingest
    from marsad.corpus.store import Store

    store = Store.open(path)
    summary = ingest(store, documents(ids), workers=workers, pipeline_factory=fixture_pipeline)
    return store, summary
