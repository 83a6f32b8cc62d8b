"""Hostile inputs: each gives a clear message or a correct (possibly empty) result, never a traceback
or a hang. Runs the whole pipeline, so every stage meets them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import marsad

HOSTILE_TEXTS = {
    "empty": "",
    "whitespace": " \n\t \u00a0\n",
    "single_word": "مرحبا",
    "punctuation": "،؛؟!.,;:«»\"'()[]{}—–-…" * 20,
    "latin_only": "The minister met his counterpart in Paris on Monday.",
    "bidi_controls": "\u202bقال\u202c الوزير \u2067لودريان\u2069 \u200fإن\u200e Paris \u202eتلاشى\u202c.",
    "zero_width_in_names": "قال الوزير لو\u200bدر\u200cيان إن فيـ\u200dـدان سيزور أنقرة.",
    "nul_bytes": "قال\x00 الوزير\x00\x00 إن المحادثات\x00 انتهت.",
    "huge_numbers": "بلغت الخسائر 99999999999999999999999999999999999 دولار في 12345678901234567890 مارس.",
    "impossible_date": "عقد الاجتماع في 31 فبراير 2023 وفي 30 شباط الماضي.",
    "year_99999": "من المقرر أن يعقد الاجتماع في 5 مارس 99999 وفي عام 99999.",
    "quotation_marks": '"' * 10_000,
    "mixed_quotes": "«" * 3000 + "قال" + "»" * 10 + "“" * 2000,
    "diacritics_only": "\u064e\u064f\u0650\u0651\u0652" * 500,
    "tatweel_only": "\u0640" * 5000,
    "surrogate_free_emoji": "قال الوزير 🙂🇸🇦 إن الاجتماع ناجح 👍.",
    "lone_letters": " ".join("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" * 40),
    "repeated_trigger": "قصف " * 3000,
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_api_survives(name):
    text = HOSTILE_TEXTS[name]
    a = marsad.analyze(text, published="2023-03-05")
    assert a.document.text == text
    if not text.strip():
        assert a.sentences == [] and a.events == []


@pytest.mark.timeout(300)
def test_five_megabytes_in_one_line():
    text = ("قال وزير الخارجية إن المفاوضات مستمرة " * 130_000)[:5_000_000]
    a = marsad.analyze(text, published="2023-03-05")
    assert a.sentences and max(s.end - s.start for s in a.sentences) <= 2000


HOSTILE_FILES = {
    "invalid_utf8.txt": (b"\xd9\x82\xd8\xa7\xd9\x84 \xc3\x28 \xa0\xa1", "undecodable"),
    "truncated_utf16.txt": ("قال الوزير".encode("utf-16")[:-1], "truncated UTF-16"),
    "nul.txt": (b"abc\x00\x00\x00\x01\x02\x03" * 20, "binary"),
    "script_only.html": (b"<html><head><script>alert('x')</script><style>p{}</style></head></html>", "no article text"),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_gives_one_clear_line(tmp_path, name):
    data, needle = HOSTILE_FILES[name]
    p = tmp_path / name
    p.write_bytes(data)
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(p)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and needle in r.stderr and "Traceback" not in r.stderr


@pytest.mark.timeout(120)
def test_cp1256_file_is_read(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes("عنوان قديم\n\nقال الوزير إن المفاوضات مستمرة.".encode("cp1256"))
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(p), "--format", "json"], capture_output=True, text=True)
    assert r.returncode == 0 and json.loads(r.stdout)["document"]["title"] == "عنوان قديم"


@pytest.mark.timeout(120)
def test_deeply_nested_html(tmp_path):
    body = "<div>" * 5000 + "<p>" + "قال الوزير إن المفاوضات مستمرة في جنيف. " * 20 + "</p>" + "</div>" * 5000
    p = tmp_path / "nested.html"
    p.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(p), "--format", "json"], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in r.stderr
    # too deep for trafilatura: the streaming fallback still reads the paragraph
    assert r.returncode == 0, r.stderr
    assert "المفاوضات مستمرة في جنيف" in json.loads(r.stdout)["document"]["text"]


@pytest.mark.timeout(120)
def test_jsonl_with_broken_lines_keeps_the_good_ones(tmp_path):
    p = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "ok", "text": "قال الوزير إن المحادثات بناءة."}, ensure_ascii=False)
    p.write_bytes(b"\n".join([good.encode(), b"{\"text\": \"\xd9", b"[1, 2", b"null", b"42", good.replace('"ok"', '"ok2"').encode()]))
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(p), "--format", "json"], capture_output=True, text=True, timeout=120)
    ids = [json.loads(x)["document"]["id"] for x in r.stdout.splitlines()]
    assert ids == ["ok", "ok2"] and r.returncode == 1 and "Traceback" not in r.stderr
