"""Helpers for the event and quote tests: a pipeline whose entity and time layers come from small
hand-written tables, so the expectations do not depend on the entity and time stages."""

from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.events.stage import EventStage
from marsad.events.surface import Name, SurfaceEntities
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuoteStage
from marsad.schema import Time
from marsad.text.normalize import fold
from marsad.text.stage import TextStage

NAMES = [
    Name("هاكان فيدان", "Q_FIDAN", "PERSON", "Hakan Fidan", "TUR"),
    Name("فيدان", "Q_FIDAN", "PERSON", "Hakan Fidan", "TUR"),
    Name("أنطونيو غوتيريش", "Q_GUTERRES", "PERSON", "Antonio Guterres", "UN"),
    Name("غوتيريش", "Q_GUTERRES", "PERSON", "Antonio Guterres", "UN"),
    Name("الأمم المتحدة", "Q_UN", "ORG", "United Nations"),
    Name("التركي", "TUR", "GPE", "Turkey", via="adjective"),
    Name("التركية", "TUR", "GPE", "Turkey", via="adjective"),
    Name("تركيا", "TUR", "GPE", "Turkey"),
    Name("أنقرة", "TUR", "GPE", "Turkey", via="capital"),
    Name("الدوحة", "DOHA", "GPE", "Doha"),
    Name("القطرية", "QAT", "GPE", "Qatar", via="adjective"),
    Name("قطر", "QAT", "GPE", "Qatar"),
    Name("إسرائيل", "ISR", "GPE", "Israel"),
    Name("الإسرائيلي", "ISR", "GPE", "Israel", via="adjective"),
    Name("الإسرائيلية", "ISR", "GPE", "Israel", via="adjective"),
    Name("غزة", "GAZA", "GPE", "Gaza"),
    Name("الولايات المتحدة", "USA", "GPE", "United States"),
    Name("واشنطن", "USA", "GPE", "United States", via="capital"),
    Name("الأمريكية", "USA", "GPE", "United States", via="adjective"),
    Name("الأمريكي", "USA", "GPE", "United States", via="adjective"),
    Name("إيران", "IRN", "GPE", "Iran"),
    Name("طهران", "IRN", "GPE", "Iran", via="capital"),
    Name("الإيرانية", "IRN", "GPE", "Iran", via="adjective"),
    Name("العراق", "IRQ", "GPE", "Iraq"),
    Name("الكويت", "KWT", "GPE", "Kuwait"),
    Name("روسيا", "RUS", "GPE", "Russia"),
    Name("الروسي", "RUS", "GPE", "Russia", via="adjective"),
    Name("أوكرانيا", "UKR", "GPE", "Ukraine"),
    Name("فلاديمير بوتين", "Q_PUTIN", "PERSON", "Vladimir Putin", "RUS"),
    Name("شي جين بينغ", "Q_XI", "PERSON", "Xi Jinping", "CHN"),
    Name("الصيني", "CHN", "GPE", "China", via="adjective"),
    Name("موسكو", "MOSCOW", "GPE", "Moscow"),
    Name("ناصر كنعاني", "Q_KANAANI", "PERSON", "Nasser Kanaani", "IRN"),
    Name("كنعاني", "Q_KANAANI", "PERSON", "Nasser Kanaani", "IRN"),
    Name("الخارجية الإيرانية", "IRN_MFA", "ORG", "Iranian foreign ministry", "IRN"),
    Name("وزارة الخارجية", "MFA", "ORG", "Foreign ministry"),
    Name("رويترز", "REUTERS", "ORG", "Reuters"),
    Name("أنتوني بلينكن", "Q_BLINKEN", "PERSON", "Antony Blinken", "USA"),
    Name("بلينكن", "Q_BLINKEN", "PERSON", "Antony Blinken", "USA"),
    Name("عبد الفتاح السيسي", "Q_SISI", "PERSON", "Abdel Fattah el-Sisi", "EGY"),
    Name("القاهرة", "CAIRO", "GPE", "Cairo"),
    Name("حركة حماس", "HAMAS", "ORG", "Hamas"),
    Name("حماس", "HAMAS", "ORG", "Hamas"),
    Name("الجيش الإسرائيلي", "IDF", "ORG", "Israel Defense Forces", "ISR"),
    Name("جو بايدن", "Q_BIDEN", "PERSON", "Joe Biden", "USA"),
    Name("تميم بن حمد", "Q_TAMIM", "PERSON", "Tamim bin Hamad", "QAT"),
    Name("محمود عباس", "Q_ABBAS", "PERSON", "Mahmoud Abbas", "PSE"),
    Name("عباس", "Q_ABBAS", "PERSON", "Mahmoud Abbas", "PSE"),
    Name("الاتحاد الأوروبي", "EU", "ORG", "European Union"),
    Name("تونس", "TUN", "GPE", "Tunisia"),
    Name("باريس", "PARIS", "GPE", "Paris"),
    Name("مصر", "EGY", "GPE", "Egypt"),
    Name("السودان", "SDN", "GPE", "Sudan"),
    Name("سوريا", "SYR", "GPE", "Syria"),
]

TIMES = {"أمس": "2023-06-14", "الأسبوع المقبل": "2023-W25", "عام 1990": "1990", "اليوم": "2023-06-15",
         "في 14 يونيو 2023": "2023-06-14", "غدا": "2023-06-16"}


class FakeTimes:
    """Tag the few time expressions of TIMES (longest first)."""

    name = "time"

    def __call__(self, doc: Doc) -> None:
        norm = doc.norm
        for surface, value in sorted(TIMES.items(), key=lambda kv: -len(kv[0])):
            key = fold(surface)
            pos = norm.text.find(key)
            while pos >= 0:
                s, e = norm.to_original(pos, pos + len(key))
                if not any(t.start < e and s < t.end for t in doc.times):
                    doc.times.append(Time(start=s, end=e, text=doc.text[s:e], type="DATE", value=value, anchor="dct"))
                pos = norm.text.find(key, pos + 1)
        doc.times.sort(key=lambda t: t.start)


@pytest.fixture(scope="session")
def pipe():
    return Pipeline([TextStage(), SurfaceEntities(NAMES), FakeTimes(), EventStage(use_model=False), QuoteStage()])


@pytest.fixture(scope="session")
def run(pipe):
    def _run(text: str, published: str | None = "2023-06-15"):
        return pipe(text, published=published)

    return _run


@pytest.fixture(scope="session")
def events(run):
    def _events(text: str, published: str | None = "2023-06-15"):
        return run(text, published).events

    return _events
