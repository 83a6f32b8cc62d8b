"""A person the knowledge base does not know takes the state of the ruling family their name carries
(data/families.json). Sentences written for the project."""

from __future__ import annotations

from .conftest import find


def test_a_royal_patronymic_or_dynasty_gives_the_state(ents):
    a = ents("واستقبل الأمير بندر بن فيصل بن عبدالعزيز في مكتبه أمس الشيخ راشد بن حمدان آل مكتوم.")
    saudi = find(a, "بندر بن فيصل بن عبدالعزيز")
    assert saudi is not None and saudi.country == "SAU"
    emirati = find(a, "راشد بن حمدان آل مكتوم")
    assert emirati is not None and emirati.country == "ARE"


def test_a_common_surname_gives_no_state(ents):
    a = ents("وقال سالم بن محمد الحارثي إن العمل مستمر.")
    p = find(a, "سالم بن محمد الحارثي")
    assert p is not None and p.country is None


def test_a_known_name_after_bin_is_the_fathers_not_a_mention(ents):
    # محمد بن سلمان بن عبدالعزيز: سلمان بن عبدالعزيز (the king) is the crown prince's father here
    a = ents("استقبل صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز آل سعود ولي العهد الوفد أمس.")
    assert any(e.id == "person:mohammed-bin-salman" for e in a.entities)
    assert all(e.id != "person:salman-bin-abdulaziz" for e in a.entities)
