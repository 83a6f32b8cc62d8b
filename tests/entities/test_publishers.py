"""المملكة takes the publication's state when the text gives no context of its own; البلاد never
does, and a dateline still wins. Sentences written for the project."""

from __future__ import annotations

from marsad.entities.publishers import publisher_country
from marsad.pipeline import load
from marsad.schema import Document

TEXT = "وأكد الوزير أن المملكة ماضية في دعم المشاريع التنموية، وأن البلاد تشهد نموا في قطاع السياحة."


def _countries_of(text, **meta):
    an = load()(text, published="2015-08-02", **meta)
    return {m.text: e.country for e in an.entities for m in e.mentions}


def test_the_publication_by_domain_host_or_source_name():
    assert publisher_country(Document(id="a", text="x", url="http://www.okaz.com.sa/article/1")) == "SAU"
    assert publisher_country(Document(id="a", text="x", url="https://www.alriyadh.com/1066518")) == "SAU"
    assert publisher_country(Document(id="a", text="x", source="alghad")) == "JOR"
    assert publisher_country(Document(id="a", text="x", url="http://example.com/a")) is None
    assert publisher_country(Document(id="a", text="x", url="http://[bad")) is None


def test_the_kingdom_of_a_saudi_newspaper():
    got = _countries_of(TEXT, url="http://www.alriyadh.com/1")
    assert got.get("المملكة") == "SAU"
    assert "البلاد" not in got  # (any state: the publication says nothing about which)


def test_a_kingdom_of_another_kind_or_no_publication_gives_nothing():
    assert "المملكة" not in _countries_of(TEXT, source="ahram")  # (Egypt is no kingdom)
    assert "المملكة" not in _countries_of(TEXT)


def test_the_dateline_wins_over_the_publication():
    got = _countries_of("وزير السياحة يفتتح المهرجان\n\nالرياض - واس - " + TEXT, source="alghad")
    assert got.get("المملكة") == "SAU"  # (a Saudi dateline in a Jordanian paper)


def test_the_publication_named_in_quotation_marks_is_the_outlet():
    text = 'وقال الخبراء خلال حديثهم لـ"الرياض" إن الأسواق مستقرة. وزار الوفد الرياض أمس.'
    an = load()(text, published="2015-08-02", url="http://www.alriyadh.com/1069981")
    by_text = {(m.start, m.text): e for e in an.entities for m in e.mentions}
    quoted = text.index('"الرياض"') + 1
    outlet = by_text[(quoted, "الرياض")]
    assert outlet.kind == "ORG" and outlet.sector == "MED" and outlet.country == "SAU"
    # the city, unquoted, stays the city (or the state it stands for); another paper's quoted name
    # is no outlet of this one
    assert all(e.kind != "ORG" for (s, _t), e in by_text.items() if s == text.rindex("الرياض"))
    other = load()(text, published="2015-08-02", url="http://www.okaz.com.sa/a/1")
    assert not any(e.sector == "MED" and e.name_ar == "الرياض" for e in other.entities)


def test_a_state_body_the_article_gives_no_state_for_is_the_publications():
    # a Saudi paper's local news: وزارة العدل, قوات الأمن, the spokesman are the kingdom's own
    text = "أعلنت وزارة العدل إطلاق خدمة جديدة، فيما قال متحدث أمني إن قوات الأمن أوقفت المتهمين."
    got = {e.name_ar: e.country for e in load()(text, published="2015-08-02", url="http://www.alriyadh.com/1").entities}
    assert got.get("وزارة العدل") == "SAU" and got.get("قوات الأمن") == "SAU"
    # no publication, or a company (no state body): no state
    assert {e.name_ar: e.country for e in load()(text, published="2015-08-02").entities}.get("وزارة العدل") is None
    firm = load()("وأعلنت الشركة الوطنية للنقل أرباحها.", published="2015-08-02", url="http://www.alriyadh.com/1")
    assert all(e.country is None for e in firm.entities if e.sector == "BUS")


def test_the_articles_own_setting_wins_over_the_publication_for_a_state_body():
    text = "القاهرة - أ ف ب: أعلنت وزارة العدل المصرية إطلاق خدمة جديدة. وقالت الوزارة إن قوات الأمن أوقفت المتهمين."
    got = {e.name_ar: e.country for e in load()(text, published="2015-08-02", url="http://www.alriyadh.com/1").entities}
    assert got.get("قوات الأمن") == "EGY"


def test_a_report_about_another_state_gives_its_bodies_no_publication_state():
    # a Saudi paper's report on Turkey and Iraq: the security forces are not the kingdom's
    text = ("قتل جنديان في هجوم قرب الحدود التركية مع العراق، وقالت قوات الأمن إن المهاجمين فروا "
            "إلى شمال العراق بعد اشتباك قرب مدينة ديار بكر التركية.")
    got = {e.name_ar: e.country for e in load()(text, published="2015-08-02", url="http://www.alriyadh.com/1").entities}
    assert got.get("قوات الأمن") != "SAU"
