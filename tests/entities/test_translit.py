from marsad.entities.translit import transliterate


def test_simple_names():
    assert transliterate("ناصر كنعاني") == "Nasr Kn'ani"
    assert transliterate("جيك سوليفان") == "Jik Sulifan"
    assert transliterate("لودريان") == "Ludryan"


def test_article_and_diacritics():
    assert transliterate("السِّيسي") == "al-Sisi"
    assert transliterate("وليد") == "Wlid"


def test_empty():
    assert transliterate("") == ""


def test_initial_ain():
    assert transliterate("عبد الفتاح السيسي") == "Abd al-Ftah al-Sisi"
