"""Linking: capitals and adjectives as actors, title patterns for people the KB lacks."""

from .conftest import by_id, find, mention


def test_capital_as_actor_links_to_state(ents):
    a = ents("وقالت واشنطن إنها تدرس الرد، بينما حذرت موسكو من التصعيد.")
    usa, rus = by_id(a, "Q30"), by_id(a, "Q159")
    assert mention(usa, "واشنطن").via == "capital"
    assert mention(rus, "موسكو").via == "capital"
    assert usa.kind == "GPE" and usa.country == "USA"


def test_capital_after_preposition_is_the_city(ents):
    a = ents("وصل الوزير إلى موسكو صباح اليوم.")
    e = find(a, "موسكو")
    assert e is not None and e.kind == "GPE" and e.country == "RUS"
    assert e.id != "Q159"  # the city, not the state


def test_adjective_as_actor(ents):
    a = ents("وأكد الجانب التركي استعداده للحوار، فيما رحب الروس بالمبادرة.")
    tur = by_id(a, "Q43")
    assert tur is not None and mention(tur, "التركي").via == "adjective"


def test_adjective_of_a_thing_is_not_an_actor():
    import marsad

    a = marsad.analyze("تراجعت الليرة التركية أمام الدولار، وتحدث باللغة الفرنسية. "
                       "وقصفت الطائرات الأراضي اليمنية أمس.", published="2015-08-02")
    # the state is named (the guideline lists every surface form) but stands as no actor
    assert by_id(a, "Q43") is not None and by_id(a, "Q805") is not None
    assert by_id(a, "Q142") is None  # the French language is not France
    assert a.events and all(x not in ("Q43", "Q805") for ev in a.events for x in ev.source + ev.target)


def test_adjective_in_title_phrase_gives_country_not_a_mention(ents):
    a = ents("وقال وزير الخارجية البرازيلي ماورو فيرنانديز إن بلاده تدعم الحوار.")
    p = find(a, "ماورو فيرنانديز")
    assert p is not None and p.kind == "PERSON" and p.country == "BRA"
    assert "Minister of Foreign Affairs" in p.roles
    # Brazil is not mentioned as an actor here
    assert by_id(a, "Q155") is None and find(a, "البرازيلي") is None


def test_unknown_person_after_title(ents):
    a = ents("وقال المتحدث باسم الخارجية الإيرانية كريم فاضلي إن طهران ترفض الاتهامات.")
    p = find(a, "كريم فاضلي")
    assert p is not None
    assert p.id == "L:PERSON:كريم فاضلي" and not p.in_kb
    assert p.roles == ["Foreign Ministry Spokesperson"] and p.country == "IRN"
    assert p.name_translit == "Krim Fadli" and p.name_en is None
    assert mention(p, "كريم فاضلي").via == "title"


def test_unknown_person_before_title(ents):
    a = ents("وأكد جيك هالبرن مستشار الأمن القومي الأميركي أن واشنطن قلقة.")
    p = find(a, "جيك هالبرن")
    assert p is not None and p.kind == "PERSON"
    assert p.roles == ["National Security Adviser"] and p.country == "USA"


def test_title_with_genitive_organization(ents):
    a = ents("وقال الأمين العام لجامعة الدول العربية سامي أبو الحسن إن الجامعة تدعم الحل.")
    p = find(a, "سامي أبو الحسن")
    assert p is not None and "Secretary-General" in p.roles


def test_ministry_as_actor(ents):
    a = ents("وأعلنت الخارجية التركية رفضها للقرار.")
    e = find(a, "الخارجية التركية")
    assert e is not None and e.country == "TUR"


def test_former_title_does_not_pick_the_holder(ents):
    a = ents("وقال وزير الخارجية الفرنسي السابق برنار كوشنير إن الوضع خطير.", published="2023-06-14")
    p = find(a, "برنار كوشنير")
    assert p is not None and p.country == "FRA"


def test_first_name_that_is_also_a_title(ents):
    a = ents("وقال وزير الخارجية الإيراني أمير رضائي إن طهران ترفض.", published="2010-01-01")
    p = find(a, "أمير رضائي")
    assert p is not None and p.country == "IRN"


def test_institution_named_after_a_king_is_not_a_name(ents):
    a = ents("نقل المصاب إلى مستشفى الملك فهد الجامعي بالخبر.")
    assert find(a, "فهد الجامعي") is None
