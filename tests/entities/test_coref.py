"""Coreference inside a document: surname, title alone, counterpart, organization nouns, title + state."""

from .conftest import by_id, find, mention


def test_surname_after_full_name(ents):
    a = ents("وقال وزير الخارجية البرازيلي ماورو فيرنانديز إن بلاده تدعم الحوار. وأضاف فيرنانديز أن الحل سياسي.")
    p = find(a, "ماورو فيرنانديز")
    assert [m.text for m in p.mentions] == ["ماورو فيرنانديز", "فيرنانديز"]
    assert mention(p, "فيرنانديز").via == "coreference"


def test_surname_with_proclitic(ents):
    a = ents("التقى المتحدث باسم الحكومة الأردنية مهند الزعبي الصحفيين. وللزعبي رأي آخر.")
    p = find(a, "مهند الزعبي")
    assert p is not None and [m.text for m in p.mentions] == ["مهند الزعبي", "زعبي"]


def test_surname_before_first_mention_is_not_linked(ents):
    a = ents("فيرنانديز لاعب كرة. وقال وزير الخارجية البرازيلي ماورو فيرنانديز إن الحل سياسي.")
    p = find(a, "ماورو فيرنانديز")
    assert len(p.mentions) == 1


def test_title_alone_refers_to_last_person_with_role(ents):
    a = ents(
        "وقال وزير الخارجية البرازيلي ماورو فيرنانديز إن بلاده تدعم الحوار. "
        "وأوضح الوزير أن الاجتماع المقبل سيعقد في برازيليا."
    )
    p = find(a, "ماورو فيرنانديز")
    assert mention(p, "الوزير").via == "coreference"


def test_title_alone_without_antecedent_is_dropped(ents):
    a = ents("وقال الوزير إن الاجتماع سيعقد غدا.")
    assert find(a, "الوزير") is None


def test_secretary_general_alone(ents):
    a = ents("وقال الأمين العام لجامعة الدول العربية سامي أبو الحسن إن الجامعة تدعم الحل. وأكد الأمين العام ضرورة الحوار.")
    p = find(a, "سامي أبو الحسن")
    assert mention(p, "الأمين العام").via == "coreference"


def test_organization_nouns(ents):
    a = ents(
        "أعلنت منظمة الصحة العالمية حالة الطوارئ. وقالت المنظمة إن الوضع خطير. "
        "وقال حلف شمال الأطلسي إن الحلف مستعد للرد."
    )
    who = find(a, "منظمة الصحة العالمية")
    assert who is not None and mention(who, "المنظمة").via == "coreference"
    nato = by_id(a, "Q7184")
    assert mention(nato, "الحلف").via == "coreference"


def test_organization_noun_without_antecedent_is_dropped(ents):
    a = ents("وقالت المنظمة إن الوضع خطير.")
    assert find(a, "المنظمة") is None


def test_counterpart_not_in_kb_becomes_local_person(ents):
    a = ents("التقى وزير الخارجية البرازيلي ماورو فيرنانديز نظيره الأرجنتيني في بوينس آيرس.", published="2023-06-14")
    c = find(a, "نظيره الأرجنتيني")
    assert c is not None and c.kind == "PERSON"
    assert c.country == "ARG" and "Minister of Foreign Affairs" in c.roles
    assert mention(c, "نظيره الأرجنتيني").via == "coreference"


def test_counterpart_feminine(ents):
    a = ents("واستقبل وزير الخارجية البرازيلي ماورو فيرنانديز نظيرته الألمانية أمس.")
    c = find(a, "نظيرته الألمانية")
    assert c is not None and c.country == "DEU" and "Minister of Foreign Affairs" in c.roles


def test_title_and_state_refers_to_earlier_person(ents):
    a = ents(
        "وقال رئيس الوزراء الماليزي أنور إبراهيم إن بلاده تدعم الحوار. "
        "وأضاف رئيس الوزراء الماليزي أن الحل سياسي."
    )
    p = find(a, "أنور إبراهيم")
    assert p is not None
    assert [m.via for m in p.mentions] == ["title", "coreference"] or len(p.mentions) == 2


def test_organization_noun_with_adjective(ents):
    a = ents("دعا الأمين العام للأمم المتحدة إلى التهدئة، وأكد أن المنظمة الدولية مطالبة بالتحرك.")
    un = by_id(a, "Q1065")
    assert mention(un, "المنظمة الدولية").via == "coreference"
    # "المجلس الوطني الانتقالي" is a new name, not a reference to an earlier council
    b = ents("اجتمع مجلس الأمن أمس. وأعلن المجلس الوطني الانتقالي موقفه.")
    council = find(b, "المجلس الوطني الانتقالي")
    assert council is not None and council.id.startswith("L:ORG:") and find(b, "المجلس") is None


def test_generic_title_with_state_refers_to_the_earlier_minister(ents):
    a = ents(
        "وقال وزير الخارجية البرازيلي ماورو فيرنانديز إن بلاده تدعم الحوار. "
        "وأضاف الوزير البرازيلي أن الاجتماع المقبل سيعقد في برازيليا."
    )
    p = find(a, "ماورو فيرنانديز")
    assert mention(p, "الوزير البرازيلي").via == "coreference"
    assert not [e for e in a.entities if "الوزير" in e.id]  # no second, document-local "Brazilian minister"
    assert p.roles == ["Minister of Foreign Affairs"]  # the generic title adds no role


def test_counterpart_keeps_its_own_role_name(ents):
    a = ents(
        "واستقبل وزير الخارجية الأمريكي أنتوني بلينكن نظيره التركي هاكان فيدان في واشنطن. "
        "وبحث بلينكن مع نظيره التركي الحرب في غزة."
    )
    fidan = find(a, "هاكان فيدان")
    assert "Secretary of State" not in fidan.roles


def test_the_company_the_article_is_about_over_one_named_in_passing(ents):
    a = ents("كشفت شركة هواوي عن هاتفها الجديد. وقالت هواوي إن الهاتف سيطرح في ديسمبر. "
             "وتنافس هواوي شركة أبل في السوق الصينية. وأعلنت الشركة تعرض أنظمتها لهجوم إلكتروني.")
    huawei = by_id(a, "org:huawei")
    assert huawei is not None and huawei.sector == "BUS"
    assert any(m.text == "الشركة" for m in huawei.mentions)
    # named as often, the last one named is the antecedent
    b = ents("التقت وزارة الصحة بوزارة التعليم. وقالت الوزارة إن الاجتماع مثمر.")
    assert any(m.text == "الوزارة" for e in b.entities if "التعليم" in e.name_ar for m in e.mentions)


def test_a_body_with_no_antecedent_is_that_body_of_the_context_state(ents):
    # الحكومة, المحكمة, النيابة named by the article alone: described actors of the dateline's state
    a = ents("القاهرة - أ ف ب: اتهمت المعارضة المصرية الحكومة بتزوير الانتخابات، "
             "وقضت المحكمة بسجن ثلاثة ناشطين، وطالبت النيابة بإعدامهم.")
    for word, sector in (("الحكومة", "GOV"), ("المحكمة", "JUD"), ("النيابة", "JUD")):
        body = find(a, word)
        assert body is not None and body.id.startswith("A:EGY:") and body.sector == sector, word
        assert body.country == "EGY"
    # with a body of that head named before, the bare noun is still that body
    b = ents("بغداد - رويترز: أعلنت وزارة الدفاع العراقية مقتل عشرة مسلحين. وقالت الوزارة إن العملية مستمرة.")
    ministry = find(b, "الوزارة")
    assert ministry is not None and "الدفاع" in ministry.name_ar


def test_a_delegation_is_of_the_body_it_comes_from(ents):
    a = ents("الرياض - واس: وصل وفد من وزارة الخارجية العراقية إلى الرياض. والتقى الوفد وزير الداخلية.")
    delegation = find(a, "وفد من وزارة الخارجية العراقية")
    assert delegation is not None and delegation.country == "IRQ" and delegation.sector == "GOV"
    assert mention(delegation, "الوفد") is not None  # the bare noun after it refers back to it


def test_plural_counterparts_are_officials_by_description(ents):
    # نظراءه: his counterparts, a group of officials (the state or body after them says whose)
    a = ents("وقال كيري إنه سيلتقي نظراءه من دول مجلس التعاون الخليجي في الدوحة.")
    c = find(a, "نظراءه")
    assert c is not None and c.sector == "GOV" and c.kind == "GROUP"
