"""Fuzzing (hypothesis, bounded): Arabic-heavy text through the whole pipeline (every Analysis is
validated against the schema and the offset invariants by tests/conftest.py), the time tagger
against any document date of years 1-9999, and the readers against arbitrary bytes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import marsad
from marsad.corpus.readers import ReadProblem, read_bytes
from marsad.schema import Document
from marsad.time.tagger import tag

KB = Path(marsad.__file__).parent / "kb" / "data"


def _names(file: str, n: int) -> list[str]:
    out = []
    with open(KB / file, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out += [rec["name_ar"], *rec.get("aliases_ar", [])[:1]] if rec.get("name_ar") else []
            if len(out) >= n:
                break
    return out


def _titles() -> list[str]:
    out = []
    with open(KB / "titles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            out += json.loads(line).get("titles_ar", [])[:2]
    return out[:40]


NAMES = _names("people.jsonl", 40) + _names("countries.jsonl", 20) + _names("organizations.jsonl", 20)
TITLES = _titles()
WORDS = [
    "قال", "أكد", "إن", "أن", "وزير", "الخارجية", "التقى", "اجتمع", "مع", "في", "أمس", "اليوم", "غدا", "الاثنين",
    "من المقرر", "سيعقد", "لم", "نفى", "إذا", "قصف", "هاجم", "وقع", "اتفاق", "مباحثات", "الأسبوع المقبل",
    "مارس", "آذار", "فبراير", "شباط", "كانون الثاني", "رمضان", "1445", "هـ", "عام", "2023", "٢٠٢٣", "31", "٣١",
    "99999", "0", "12345678901234567890", "10:30", "صباحا", "الساعة", "منذ", "ثلاثة", "أيام",
    "«", "»", '"', "“", "”", "'", ":", "،", ".", "؟", "!", "(", ")", "-", "—", "\n", "\n\n", " ",
    "\u064e", "\u0651", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u202c",
    "\u202e", "\u2067", "\u2069", "\ufeff", "\x00", "x", "Paris", "UN",
]
TOKENS = WORDS + NAMES + TITLES


def _joined(parts: list[str], glue: list[str]) -> str:
    return "".join(p + g for p, g in zip(parts, glue + [""] * len(parts), strict=False))


VERBS = ["قال", "أكد", "التقى", "استقبل", "بحث مع", "اتهم", "هاجم", "قصف", "وقع مع", "دعا", "سيزور", "لم يلتق",
         "نفى أن", "من المقرر أن يجتمع مع"]
WHEN = ["", "أمس", "يوم الاثنين", "في 31 فبراير", "في 5 مارس 99999", "الأسبوع المقبل", "في ١٥ آذار ٢٠٢٣",
        "منذ 12345678901234567890 يوما", "في رمضان 1445 هـ"]
sentence = st.builds(
    lambda title, who, verb, whom, when, quote, end: f"{title} {who} {verb} {whom} {when}{quote}{end}",
    st.sampled_from(TITLES + [""]), st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(NAMES + TITLES),
    st.sampled_from(WHEN), st.sampled_from(["", ' وقال: "إن المحادثات بناءة"', " مضيفا «سنواصل الضغط»", ' "' * 30]),
    st.sampled_from([".", "،", "\n", "", "؟", ". ", "\u200f."]),
)
arabic_text = st.one_of(
    st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    st.builds(_joined, st.lists(st.sampled_from(TOKENS), max_size=40),
              st.lists(st.sampled_from(["", " ", "\u200b", "ـ", "\u064e", "،", "\n"]), max_size=40)),
    st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=60),
    st.text(max_size=60),
)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=arabic_text, published=dates)
def test_pipeline_never_fails_and_every_span_holds(text, published):
    a = marsad.analyze(text, published=published)  # validated by tests/conftest.py as it is built
    assert a.document.text == text
    for e in a.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
    for ev in a.events:
        assert all(x in {e.id for e in a.entities} for x in [*ev.source, *ev.target])
    starts = [s.start for s in a.sentences]
    assert starts == sorted(starts)
    for s, nxt in zip(a.sentences, a.sentences[1:], strict=False):
        assert s.end <= nxt.start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arabic_text, dct=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_time_tagger_with_any_document_date(text, dct):
    for t in tag(text, dct):
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from([b"{", b"}", b'"text"', b":", b'"\xd9\x82\xd8\xa7\xd9\x84"', b",", b"\n", b"\xff",
                              b"<html>", b"<body>", b"<p>", b"\xd9", b"[", b"null", b"\x00", b'"date"',
                              b'"99999-01-01"', b"1e999", b"<?xml ", b"<rss>", b"<item>"]), max_size=40).map(b"".join),
), suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html", ".rss", ".xml", ""]))
def test_read_bytes_yields_documents_or_problems(data, suffix):
    for item in read_bytes(data, f"fuzz{suffix}", "fuzz", max_bytes=10_000):
        assert isinstance(item, (Document, ReadProblem))
        if isinstance(item, ReadProblem):
            assert item.reason and "\n" not in item.reason
