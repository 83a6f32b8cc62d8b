"""Output that cannot attack its reader (issue 19, defects 7 and 9): escape sequences in a title, id,
source, name or text are shown escaped on the terminal by analyze (text), search, events, timeline
and stories; CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.cli import main

ESC = "\x1b[2J\x1b]0;owned\x07\x9b31m\r"  # clear screen, window title, C1 CSI, carriage return


@pytest.fixture
def hostile_store(store):
    """The corpus fixture store, its names, titles, sources, labels and text laced with escapes."""
    conn = store.conn
    conn.execute("UPDATE entities SET name_en = ? || name_en WHERE name_en IS NOT NULL", (ESC,))
    conn.execute("UPDATE entities SET name_ar = ? || name_ar", (ESC,))
    conn.execute("UPDATE documents SET title = ? || coalesce(title, ''), source = ?, text = replace(text, 'الرياض', ?)",
                 (ESC, ESC + "spa", "الرياض" + ESC))
    conn.execute("UPDATE stories SET label = ? || coalesce(label, '')", (ESC,))
    conn.execute("UPDATE events SET trigger_text = '=HYPERLINK(\"https://example.org\")', sentence_text = '+1+cmd|x'")
    return store


def _raw_controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f}


@pytest.mark.parametrize("argv", [
    ["search", "الرياض"],
    ["events"],
    ["timeline"],
    ["stories"],
])
def test_corpus_commands_escape_control_characters(hostile_store, capsys, argv):
    code = main([*argv, "--db", hostile_store.path])
    out = capsys.readouterr().out
    assert code == 0 and out.strip()
    assert _raw_controls(out) == set(), repr(out[:300])
    assert "\\x1b[2J" in out


def test_analyze_text_report_escapes_control_characters(tmp_path, capsys):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({
        "id": "x" + ESC, "source": ESC, "url": "https://example.org/" + ESC,
        "title": "عنوان" + ESC, "text": "قال وزير الخارجية" + ESC + " إن المحادثات في الرياض بناءة."}) + "\n",
        encoding="utf-8")
    assert main(["analyze", str(p)]) == 0
    out = capsys.readouterr().out
    assert _raw_controls(out) == set(), repr(out[:300])
    assert "\\x1b]0;owned\\x07" in out and "\\x9b31m" in out
    # and a file name with escapes in an error line
    bad = tmp_path / ("bad" + "\x1b[2J" + ".txt")
    bad.write_bytes(b"")
    assert main(["analyze", str(bad)]) == 1
    err = capsys.readouterr().err
    assert _raw_controls(err) == set() and "\\x1b[2J" in err


def test_csv_cells_are_neutralised(hostile_store, tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["export", "--format", "csv", "--output", str(out), "--db", hostile_store.path]) == 0
    capsys.readouterr()
    assert main(["events", "--format", "csv", "--db", hostile_store.path]) == 0
    printed = capsys.readouterr().out
    with open(out, encoding="utf-8", newline="") as fh:
        written = fh.read()
    for text in (written, printed):
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert rows
        for r in rows:
            assert r["trigger"] == "'=HYPERLINK(\"https://example.org\")" and r["sentence"] == "'+1+cmd|x"
            for value in r.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\nx"), ("a\r\nb", "a\nb"),
    ("2024-03-05", "2024-03-05"), ("قال", "قال"), ("", ""), (None, None), (0.5, 0.5),
])
def test_cell(value, expected):
    from marsad.export.csv import cell

    assert cell(value) == expected
