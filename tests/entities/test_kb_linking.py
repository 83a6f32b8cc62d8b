"""Linking to knowledge-base people: dated roles, spelling variants, titles before and after names,
and the coreference cases that need the KB (counterpart, title + state, surname alone)."""

import marsad

from .conftest import by_id, find, mention

LE_DRIAN = "person:jean-yves-le-drian"
COLONNA = "person:catherine-colonna"
FIDAN = "person:hakan-fidan"
CAVUSOGLU = "person:mevlut-cavusoglu"
GUTERRES = "Q311440"
LAVROV = "Q80137"
BLINKEN = "person:antony-blinken"
MACRON = "Q3052772"


def _id(entity):
    return entity.id if entity is not None else None


def test_title_before_known_name(ents):
    a = ents("التقى وزير الخارجية الفرنسي جان إيف لودريان الوفد في باريس.", published="2019-06-14")
    p = by_id(a, LE_DRIAN) or find(a, "جان إيف لودريان")
    assert p is not None and p.in_kb and p.name_en == "Jean-Yves Le Drian"
    assert p.country == "FRA" and "Minister of Foreign Affairs" in p.roles
    assert mention(p, "جان إيف لودريان").via == "name"
    # the adjective inside the title phrase is not a mention of France
    assert by_id(a, "Q142") is None or all(m.text != "الفرنسي" for m in by_id(a, "Q142").mentions)


def test_title_after_known_name(ents):
    a = ents("وقال أنتوني بلينكن وزير الخارجية الأمريكي إن واشنطن تدعم الحل.")
    p = find(a, "أنتوني بلينكن")
    assert _id(p) == BLINKEN or p.id.startswith("Q")
    assert p.country == "USA"
    assert len(p.mentions) == 1  # the apposition is not a second mention


def test_dated_role_linking(ents):
    text = "التقى وزير الخارجية الفرنسي رئيس الوزراء في بيروت."
    a19 = ents(text, published="2019-06-14")
    a23 = ents(text, published="2023-06-14")
    p19, p23 = find(a19, "وزير الخارجية الفرنسي"), find(a23, "وزير الخارجية الفرنسي")
    assert p19.name_en == "Jean-Yves Le Drian"
    assert p23.name_en == "Catherine Colonna"
    assert mention(p23, "وزير الخارجية الفرنسي").via == "title"


def test_no_document_date_takes_latest_holder(ents):
    a = ents("التقى وزير الخارجية التركي الوفد.", published=None)
    p = find(a, "وزير الخارجية التركي")
    assert p is not None and p.in_kb and p.country == "TUR"


def test_counterpart_links_to_holder_at_document_date(ents):
    text = "التقى وزير الخارجية الفرنسي جان إيف لودريان نظيره التركي في أنقرة."
    a19 = ents(text, published="2019-06-14")
    c19 = find(a19, "نظيره التركي")
    assert c19.name_en == "Mevlüt Çavuşoğlu" and mention(c19, "نظيره التركي").via == "coreference"
    a23 = ents("التقى وزير الخارجية الفرنسي نظيره التركي في أنقرة.", published="2023-06-14")
    c23 = find(a23, "نظيره التركي")
    assert c23.name_en == "Hakan Fidan"
    assert "Minister of Foreign Affairs" in c23.roles


def test_spelling_variants_of_guterres(ents):
    a = ents("أكد الأمين العام للأمم المتحدة أنطونيو جوتيريس أن المنظمة ستواصل عملها.")
    g = find(a, "أنطونيو جوتيريس")
    assert _id(g) == GUTERRES and "Secretary-General" in g.roles
    b = ents("وقال غوتيريش إن الوضع خطير.")
    assert _id(find(b, "غوتيريش")) == GUTERRES
    c = ents("وقال جوتيريس إن الوضع خطير. وأضاف غوتيريش أن الحل سياسي.")
    assert _id(find(c, "جوتيريس")) in (GUTERRES, None)


def test_secretary_general_without_name_is_the_holder(ents):
    a = ents("دعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار.", published="2023-06-14")
    g = find(a, "الأمين العام")
    assert _id(g) == GUTERRES
    un = by_id(a, "Q1065")
    assert un is not None  # the UN named inside the title phrase stays a mention


def test_minister_alone_refers_to_last_minister(ents):
    a = ents(
        "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأمريكي أنتوني بلينكن الأزمة. "
        "وقال لافروف إن موسكو مستعدة للحوار. وأكد الوزير أن الحل ممكن."
    )
    lav = find(a, "سيرغي لافروف")
    assert _id(lav) == LAVROV
    assert [m.via for m in lav.mentions] == ["name", "coreference", "coreference"]
    assert mention(lav, "الوزير") is not None
    assert _id(find(a, "أنتوني بلينكن")) == BLINKEN


def test_president_of_state_before_and_after_the_name(ents):
    a = ents(
        "وقال الرئيس الفرنسي إن بلاده ستدعم أوكرانيا. وكان الرئيس الفرنسي إيمانويل ماكرون قد زار كييف. "
        "وقال ماكرون إن الحرب ستطول.",
        published="2023-06-14",
    )
    p = find(a, "إيمانويل ماكرون")
    assert _id(p) == MACRON
    assert [m.text for m in p.mentions] == ["الرئيس الفرنسي", "إيمانويل ماكرون", "ماكرون"]
    assert p.mentions[2].via == "coreference"


def test_through_public_api():
    a = marsad.analyze(
        "وقال وزير الخارجية التركي هاكان فيدان إن أنقرة تدعم الحل، وأكد فيدان أن تركيا شريك.",
        published="2023-06-14",
    )
    p = find(a, "هاكان فيدان")
    assert _id(p) == FIDAN and mention(p, "فيدان").via == "coreference"
    tur = by_id(a, "Q43")
    assert {m.via for m in tur.mentions} == {"capital", "name"}
    for e in a.entities:
        for m in e.mentions:
            assert a.document.text[m.start:m.end] == m.text


def test_title_and_variant_spelling_links_to_holder(ents):
    # "حقان" is not a KB spelling of Hakan: the title's holder on the date and the surname decide
    a = ents("وقال وزير الخارجية التركي حقان فيدان إن أنقرة تدعم الحل. وأضاف فيدان أن الحوار ضروري.")
    p = find(a, "حقان فيدان")
    assert _id(p) == FIDAN and mention(p, "حقان فيدان").via == "alias"
    assert mention(p, "فيدان").via == "coreference"
