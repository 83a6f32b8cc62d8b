"""The event and quote stages never crash and keep the offset invariant on odd input."""

from __future__ import annotations

import random

import pytest

ODD = [
    "",
    "«",
    "»»«« \" \" “",
    "قال",
    "قال إن",
    "وقال: «لم يكتمل الاقتباس",
    '"' * 50,
    "هاجم " * 200,
    "فرضت عقوبات على على على على",
    "«" + "قال الوزير إن المحادثات مستمرة. " * 30 + "»",
    "ناقش\u200f فيدان\u0640\u0640 مع غوتيريش ﻻ",
    "١٢٣ ٤٥٦ قصف ٧٨٩",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_input(run, text):
    an = run(text)
    for e in an.events:
        assert an.document.text[e.trigger.start:e.trigger.end] == e.trigger.text
    for q in an.quotes:
        assert an.document.text[q.start:q.end] == q.text


def test_random_word_salad(run):
    words = ("قال أكد إن أن بحث مع على في الرئيس فيدان غوتيريش إيران إسرائيل هجوم غارات عقوبات لم لن سوف "
             "إذا « » \" ، . : و ب ل زيارة مفاوضات احتجاجات بين قد كان التي الذي").split()
    rnd = random.Random(7)
    for _ in range(60):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40)))
        an = run(text)
        for e in an.events:
            assert an.document.text[e.trigger.start:e.trigger.end] == e.trigger.text
