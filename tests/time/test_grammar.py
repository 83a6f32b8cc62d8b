"""The grammar is data: every rule compiles, word lists fold, candidates respect boundaries."""

from __future__ import annotations

from marsad.text.normalize import normalize
from marsad.time.grammar import grammar, lookup, select


def test_rules_compile_and_name_known_normalizations():
    from marsad.time.normalize import NORMS

    g = grammar()
    assert len(g.rules) > 30
    assert {r.norm for r in g.rules} <= set(NORMS)


def test_lookup_folds_and_prefers_longest():
    assert lookup("months", "تشرين الثاني") == "11"
    assert lookup("months", "تشرين الاول") == "10"  # written without hamza
    assert lookup("months", "كانون الاول") == "12"
    assert lookup("hijri_months", "جمادي الاخره") == "6"
    assert lookup("numbers", "خمسه") == "5"


def test_a_match_never_starts_inside_a_word():
    text = normalize("فتح الباب وبابل ومارسيليا").text
    assert select(grammar().candidates(text)) == []


def test_clitic_is_outside_the_span():
    text = normalize("وفي 5 مارس وبعد غد").text
    spans = [text[c.start:c.end] for c in select(grammar().candidates(text))]
    assert spans == ["5 مارس", "بعد غد"]
