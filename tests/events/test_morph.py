"""Inflection of trigger verbs and nouns (marsad/events/morph.py) and lookup with clitics."""

from marsad.events import morph
from marsad.events.lexicon import lexicon


def test_verb_forms_past_present_passive():
    forms = morph.verb_forms("ناقش/يناقش")
    for f in ("ناقش", "ناقشت", "ناقشوا", "ناقشا", "يناقش", "تناقش", "يناقشون", "نناقش"):
        assert f in forms, f
    assert forms["ناقشت"] == "past"
    assert forms["يناقشون"] == "present"
    assert forms["نوقش"] == "passive"


def test_defective_verbs():
    forms = morph.verb_forms("دعا/يدعو")
    assert {"دعت", "دعوا", "يدعو", "تدعو", "يدعون"} <= set(forms)
    forms = morph.verb_forms("التقى/يلتقي")
    assert {"التقي", "التقت", "التقوا", "يلتقي", "يلتقون", "تلتقي"} <= set(forms)


def test_noun_forms():
    forms = morph.noun_forms("زيارة/زيارات")
    assert "زياره" in forms and "زيارات" in forms and "زيارتين" in forms
    assert forms["زيارت"] is True  # only before a pronoun: زيارته
    assert "هجوما" in morph.noun_forms("هجوم/هجمات")


def test_lookup_with_clitics():
    lex = lexicon()

    def kind(tok):
        hits = lex.lookup(tok)
        return (lex.groups[hits[0].group].type, hits[0].kind, hits[0].tense, hits[0].proclitic) if hits else None

    assert kind("وناقش") == ("CONSULT", "verb", "past", "و")
    assert kind("سيناقش") == ("CONSULT", "verb", "present", "س")
    assert kind("وسيلتقي")[:3] == ("CONSULT", "verb", "present")
    assert kind("نوقش")[2] == "passive"
    assert kind("والمحادثات")[:2] == ("CONSULT", "noun")
    assert kind("زيارته")[:2] == ("CONSULT", "noun")
    assert kind("واستقبلته")[:2] == ("CONSULT", "verb")
    assert kind("بالعقوبات")[0] == "SANCTION"
    assert kind("هجوما")[0] == "ASSAULT"
    assert kind("الاحتجاجات")[0] == "PROTEST"
    assert kind("وزير") is None  # و + a passive-looking stem must not fire
    assert kind("الكتاب") is None


def test_lexicon_data_is_consistent():
    lex = lexicon()
    codes = lex.cameo["codes"]
    types = set(codes)
    assert len(types) == 16
    for g in lex.groups:
        assert g.type in types
        assert g.cameo is None or g.cameo.isdigit()
        if g.mode:
            assert g.mode in codes[g.type], (g.type, g.mode)
    for t in types:
        assert t in lex.cameo["verbs"]


def test_a_noun_in_hamza_takes_its_ya_seat_before_a_pronoun():
    from marsad.events.morph import noun_forms

    forms = noun_forms("ثناء")
    assert forms["ثناء"] is False and forms["ثناي"] is True  # ثنائه (folded ثنايه) needs the pronoun
