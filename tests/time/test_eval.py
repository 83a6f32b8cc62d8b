"""The gold cases shipped with the package, `marsad eval time`, and Wojood span recall."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.cli import main
from marsad.time.evaluate import load_jsonl, score_marsad, wojood_recall

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
WOJOOD = SHARED / "data" / "wojood_sample" / "test.txt"

COVERAGE = {
    "greg_egypt", "greg_levant", "greg_maghreb", "paired", "digits_indic", "hijri", "weekday_past",
    "weekday_future", "dayrel", "relative_unit", "modifier", "ago", "within", "sameref", "list_range",
    "year", "decade", "season", "duration", "set", "numwords", "clock", "refs", "unknown_dct", "clitics",
}


def test_gold_cases_cover_every_line_of_the_issue():
    cases = load_jsonl(None, "eval_cases.jsonl")
    assert len(cases) >= 200
    assert COVERAGE <= {c["tag"] for c in cases}
    for c in cases:
        for t in c["times"]:
            assert t["text"] in c["text"], c["id"]


def test_marsad_value_accuracy_at_least_95_percent():
    sc = score_marsad(load_jsonl(None, "eval_cases.jsonl"))
    assert sc.value_acc >= 0.95, sc.errors[:20]
    assert sc.span_acc >= 0.95


def test_cli_eval_time(capsys):
    assert main(["eval", "time", "--no-dateparser"]) == 0
    out = capsys.readouterr().out
    assert "exact value accuracy" in out and "span accuracy" in out
    assert "document-date inference" in out


def test_cli_eval_time_by_group(capsys):
    assert main(["eval", "time", "--no-dateparser", "--by-tag"]) == 0
    out = capsys.readouterr().out
    assert "greg_levant" in out and "hijri" in out


def test_cli_eval_time_bad_path(capsys):
    assert main(["eval", "time", "--data", "/nonexistent/cases.jsonl"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cli_eval_time_with_dateparser_side_by_side(tmp_path, capsys):
    pytest.importorskip("dateparser")
    cases = tmp_path / "few.jsonl"
    lines = load_jsonl(None, "eval_cases.jsonl")[:5]
    import json

    cases.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in lines), encoding="utf-8")
    assert main(["eval", "time", "--data", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "dateparser" in out.splitlines()[1]


@pytest.mark.skipif(not WOJOOD.is_file(), reason="../shared (Wojood sample) is not beside this checkout")
def test_wojood_date_time_span_recall():
    r = wojood_recall(WOJOOD)
    assert r["gold"] > 100
    assert r["recall"] >= 0.85, r["missed"][:20]
