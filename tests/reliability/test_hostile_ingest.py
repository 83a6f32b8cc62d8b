"""The hostile inputs of tests/test_hostile.py (which runs them through `analyze`), this time through
`marsad ingest` with the real pipeline: the summary names each skipped file and why, the rest is
stored with valid analyses, and nothing prints a traceback."""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("_marsad_suite_conftest", REPO / "tests" / "conftest.py")
_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conftest)
check_analysis = _conftest.check_analysis

GOOD = "قال وزير الخارجية إن المحادثات بناءة."

# name -> (bytes, reason expected in the summary, or None when the document is stored)
FILES = {
    "empty.txt": (b"", "empty file"),
    "whitespace.txt": (" \n\t \u00a0\n".encode(), "empty"),
    "punctuation.txt": (("،؛؟!.,;:«»\"'()[]{}—–-…" * 20).encode(), "no Arabic"),
    "latin.txt": (b"The minister met his counterpart in Paris on Monday.", "no Arabic"),
    "nul_binary.txt": (b"abc\x00\x00\x00\x01\x02\x03" * 20, "binary"),
    "invalid_utf8.txt": (b"\xd9\x82\xd8\xa7\xd9\x84 \xc3\x28 \xa0\xa1", "undecodable"),
    "truncated_utf16.txt": ("قال الوزير".encode("utf-16")[:-1], "truncated UTF-16"),
    "script_only.html": (b"<html><head><script>alert('x')</script><style>p{}</style></head></html>",
                         "no article text"),
    "five_mb_one_line.txt": ((("قال وزير الخارجية إن المفاوضات مستمرة " * 80_000)[:2_800_000]).encode(), "over the 5 MB limit"),
    # stored
    "single_word.txt": ("مرحبا".encode(), None),
    "bidi.txt": ("\u202bقال\u202c الوزير \u2067لودريان\u2069 \u200fإن\u200e Paris \u202eتلاشى\u202c.".encode(), None),
    "zero_width.txt": ("قال الوزير لو\u200bدر\u200cيان إن فيـ\u200dـدان سيزور أنقرة.".encode(), None),
    "nul_in_text.txt": ("قال\x00 الوزير إن المحادثات انتهت.".encode(), "binary"),  # a file with NULs is not text
    "huge_numbers.txt": ("بلغت الخسائر 99999999999999999999999999999999999 دولار في 12345678901234567890 مارس.".encode(), None),
    "february_31.txt": ("عقد الاجتماع في 31 فبراير 2023 وفي 30 شباط الماضي.".encode(), None),
    "year_99999.txt": ("من المقرر أن يعقد الاجتماع في 5 مارس 99999 وفي عام 99999.".encode(), None),
    "quotes.txt": (("قال الوزير " + '"' * 10_000).encode(), None),
    "cp1256.txt": ("عنوان قديم\n\nقال الوزير إن المفاوضات مستمرة.".encode("cp1256"), None),
    # too deep for trafilatura (as in tests/test_hostile.py): read by the streaming fallback
    "nested.html": (("<html><body>" + "<div>" * 3000 + "<p>" + "قال الوزير إن المفاوضات مستمرة في جنيف. " * 20
                     + "</p>" + "</div>" * 3000 + "</body></html>").encode(), None),
    "shallow.html": (("<html><head><title>عنوان</title><script>x()</script><style>p{}</style></head><body>"
                      + "<div>" * 40 + "<p>" + "قال الوزير إن المفاوضات مستمرة في جنيف. " * 20 + "</p>"
                      + "</div>" * 40 + "</body></html>").encode(), None),
}
BROKEN_JSONL = b"\n".join([
    json.dumps({"id": "ok1", "text": GOOD}, ensure_ascii=False).encode(),
    b"{\"text\": \"\xd9",  # invalid UTF-8 inside a line
    b"[1, 2",
    b"null",
    b"42",
    json.dumps({"id": "nothing", "title": "عنوان"}, ensure_ascii=False).encode(),
    json.dumps({"id": "ok2", "text": GOOD + " وأضاف أن الاجتماع المقبل في 31 فبراير."}, ensure_ascii=False).encode(),
])


@pytest.mark.timeout(120)
def test_hostile_files_through_ingest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in FILES.items():
        (folder / name).write_bytes(data)
    (folder / "dump.jsonl").write_bytes(BROKEN_JSONL)
    db = tmp_path / "hostile.db"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(folder), "--db", str(db), "--workers", "1", "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=str(REPO))
    assert "Traceback" not in r.stderr, r.stderr
    # skipped inputs are reported and make the exit code 1; everything readable is stored
    assert r.returncode == 1, r.stderr
    assert "skipped or not analysed" in r.stderr and "everything else is stored" in r.stderr
    out = r.stdout
    skipped = [n for n, (_, why) in FILES.items() if why]
    stored = [n for n, (_, why) in FILES.items() if not why]
    n_skipped = len(skipped) + 5  # + five bad JSONL lines
    assert f"added {len(stored) + 2}," in out and f"skipped {n_skipped} " in out, out
    for name in skipped:
        why = FILES[name][1]
        line = next((x for x in out.splitlines() if x.startswith("  skipped") and why in x), None)
        assert line is not None, (name, why, out)
    assert "malformed JSON" in out and "invalid UTF-8" in out and "no text field" in out
    conn = sqlite3.connect(db)
    ids = {row[0] for row in conn.execute("SELECT id FROM documents")}
    assert ids == {Path(n).stem for n in stored} | {"ok1", "ok2"}
    assert conn.execute("SELECT count(*) FROM documents WHERE status != 'analysed'").fetchone()[0] == 0
    for (js,) in conn.execute("SELECT json FROM analyses"):
        check_analysis(json.loads(js))
    conn.close()
    # a rerun is a no-op, with the same skipped list
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=str(REPO))
    assert r.returncode == 1 and "added 0," in r.stdout and f"skipped {n_skipped} " in r.stdout
