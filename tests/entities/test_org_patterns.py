"""Organizations the knowledge base lacks, named by a head noun and what follows it (حزب + name,
نقابة + noun, الاتحاد العام … للـ), and the United Nations named by its adjective (البعثة الأممية)."""

from __future__ import annotations

from .conftest import by_id, find


def test_party_and_syndicate_named_by_a_definite_noun(ents):
    a = ents("أعلن حزب الاستقلال انسحابه من الحكومة، وقررت نقابة المحامين التونسيين مقاطعة الجلسات.")
    party = find(a, "حزب الاستقلال")
    assert party is not None and party.kind == "ORG" and party.id == "L:ORG:حزب الاستقلال"
    union = find(a, "نقابة المحامين التونسيين")
    assert union is not None and union.kind == "ORG" and union.country == "TUN"
    assert find(a, "التونسيين") is None  # the adjective is inside the name, not a mention of Tunisia


def test_definite_head_needs_an_adjective_and_a_complement(ents):
    a = ents("رفض الاتحاد الوطني للطلبة قرار الوزارة، وقال الاتحاد العام التونسي للشغل إنه سيرد.")
    students = find(a, "الاتحاد الوطني للطلبة")
    assert students is not None and students.kind == "ORG"
    ugtt = find(a, "الاتحاد العام التونسي للشغل")
    assert ugtt is not None and ugtt.country == "TUN"
    # a definite head with a complement but no adjective names nothing new (المنظمة للحفل)
    b = ents("وجهت الهيئة للمتطوعين الشكر.")
    assert not any(e.id.startswith("L:ORG:") for e in b.entities)


def test_org_head_after_lil_keeps_its_article(ents):
    a = ents("وجه الرئيس دعوة للاتحاد العام الإفريقي للنقل إلى الحوار.")
    e = by_id(a, "L:ORG:الاتحاد العام الإفريقي للنقل")
    assert e is not None and e.name_ar == "الاتحاد العام الإفريقي للنقل"


def test_words_that_end_or_refuse_an_org_name(ents):
    # a day, a masdar after an indefinite head, a pronoun, the party named before: no new organization
    a = ents("اجتمعت هيئة التدريس الأحد، ورحبت جمعية الأحد بالقرار.")
    assert not any(e.id.startswith("L:ORG:") for e in a.entities)
    b = ents("وقال رئيس كتلة الحزب في البرلمان إن حزبه لن يشارك.")
    assert by_id(b, "L:ORG:كتلة الحزب") is None
    c = ents("تعرضت مقرات لحزب الأمة القومي للاقتحام.")
    party = find(c, "حزب الأمة القومي")
    assert party is not None  # the لـ masdar after an indefinite head is not part of the name


def test_un_adjective_after_an_actor_noun(ents):
    a = ents("أدانت الحكومة الهجوم على مقر البعثة الأممية في بنغازي.")
    un = find(a, "الأممية")
    assert un is not None and un.id == "Q1065"
    # after a noun of things the adjective is no actor
    b = ents("ارتفعت الأسعار في الأسواق الأممية.")
    assert find(b, "الأممية") is None


def test_a_named_body_inside_a_title_is_an_entity_of_its_own(ents):
    a = ents("وأعرب الدكتور حمد الخضيري وكيل وزارة العدل لشؤون التنفيذ عن شكره للوزير.")
    assert find(a, "وزارة العدل") is not None and find(a, "وزارة العدل").kind == "ORG"
    b = ents("وبعث ولي العهد نائب رئيس مجلس الوزراء برقية تهنئة إلى الرئيس.")
    assert find(b, "مجلس الوزراء") is not None
    # a one-word office stays part of the title (وزير الخارجية), and a title that goes on to name
    # its holder is the person's phrase (رئيس مفوضية الاتحاد الأفريقي موسى فكي محمد)
    c = ents("وقال وزير الخارجية عادل الجبير إن المحادثات كانت مثمرة.")
    assert find(c, "الخارجية") is None
    d = ents("ودعا رئيس مفوضية الاتحاد الأفريقي موسى فكي محمد الطرفين إلى وقف القتال.")
    assert not any("موسى" in e.name_ar and e.kind == "ORG" for e in d.entities)
    assert any(e.kind == "PERSON" and "موسى" in e.name_ar for e in d.entities)


def test_a_ministry_named_by_an_everyday_word(ents):
    # (العمل, التجارة make تنظيم or حركة an everyday noun, never a ministry)
    a = ents("وأصدرت وزارة العمل ووزارة التجارة قرارا مشتركا بتنظيم الأسواق.")
    assert find(a, "وزارة العمل") is not None and find(a, "وزارة التجارة") is not None
    b = ents("وأكد أن حركة المرور في الشوارع عادت إلى طبيعتها.")
    assert find(b, "حركة المرور") is None


def test_the_holder_of_a_title_is_not_part_of_the_body_it_heads(ents):
    a = ents("وأوضح مدير عام العلاقات العامة بأمانة المنطقة الشرقية محمد بن عبدالعزيز الصفيان أن التسجيل بدأ.")
    body = find(a, "أمانة المنطقة الشرقية")
    assert body is not None and body.kind == "ORG" and "الصفيان" not in body.name_ar
    person = find(a, "محمد بن عبدالعزيز الصفيان")
    assert person is not None and person.kind == "PERSON"
    # a body named after people keeps them (right after its head or a royal title, or coordinated)
    b = ents("زار الوفد مركز الملك فهد الوطني لسرطان الأطفال في الرياض.")
    assert find(b, "مركز الملك فهد الوطني") is not None
    c = ents("وصل الوفد إلى مطار الملك عبدالعزيز الدولي، ثم زار متنزه الملك عبدالله البيئي.")
    for name in ("مطار الملك عبدالعزيز الدولي", "متنزه الملك عبدالله البيئي"):
        place = find(c, name)
        assert place is not None and place.kind == "LOC", name


def test_a_body_named_after_a_king_keeps_its_name_after_a_title(ents):
    # مدير جامعة الملك سعود: the king is the university's namesake, not the holder of the title
    a = ents("وقع مدير جامعة الملك سعود الدكتور بدران العمر اتفاقية مع شركة أرامكو أمس.")
    uni = find(a, "جامعة الملك سعود")
    assert uni is not None and uni.kind == "ORG"
    assert find(a, "سعود") is None
    # the next title's holder ends the name: one namesake
    assert not any("الدكتور" in m.text for e in a.entities for m in e.mentions)
    # the head of a body's name is never the first word of a name after a title
    b = ents("افتتح الأمير مستشفى الأمير محمد بن عبدالعزيز في جدة.")
    assert find(b, "مستشفى") is None
    assert not any(e.kind == "PERSON" and e.name_ar.startswith("مستشفى") for e in b.entities)


def test_a_body_after_a_preposition_in_a_description_is_its_own_entity(ents):
    a = ents("وعين الملك خمسة وعشرين قاضيا بديوان المظالم، ونقل قاض بوزارة العدل إلى منصب جديد.")
    for name in ("ديوان المظالم", "وزارة العدل"):
        body = find(a, name)
        assert body is not None and body.kind == "ORG" and body.id == f"L:ORG:{name}", name
    # the described judge stays an actor of its own, with the body's sector
    judge = find(a, "قاض بوزارة العدل")
    assert judge is not None and judge.sector == "GOV"


def test_a_part_of_a_named_place_is_a_place(ents):
    a = ents("تجددت الاشتباكات في جنوب شرق تركيا، وزار الوفد معابد صعيد مصر، ووقع الحادث على طريق مكة.")
    for name, country in (("جنوب شرق تركيا", "TUR"), ("صعيد مصر", "EGY"), ("طريق مكة", "SAU")):
        place = find(a, name)
        assert place is not None and place.kind == "LOC" and place.country == country, name
    # with no named place after them the same words name nothing
    b = ents("انتشرت القوات في شمال البلاد، ووصلت المساعدات عن طريق المعابر، وتحسنت على صعيد العلاقات.")
    assert not any(e.kind == "LOC" for e in b.entities), [e.name_ar for e in b.entities]


def test_a_definite_body_and_the_nisba_of_its_state(ents):
    a = ents("وأكدت السفارة السعودية في صنعاء أن التأشيرات متاحة، وأعلنت القنصلية الأمريكية إغلاق أبوابها.")
    for name, country in (("السفارة السعودية", "SAU"), ("القنصلية الأمريكية", "USA")):
        body = find(a, name)
        assert body is not None and body.kind == "ORG" and body.country == country, name
    # a masculine head before the state's name: no body of that state is named (the delegation
    # visited it)
    b = ents("وزار الوفد السعودية أمس.")
    assert not any(e.id.startswith("L:ORG:") for e in b.entities)
