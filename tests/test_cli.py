"""The `marsad` command end to end: formats, several inputs, and every bad-input case."""

import json
import subprocess
import sys

import pytest

from marsad.cli import main

ARTICLE = "وزير الخارجية التركي يزور القاهرة\n\nالقاهرة - وصل وزير الخارجية التركي هاكان فيدان إلى القاهرة في زيارة رسمية.\n"


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "visit.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_for_one_document(article, capsys):
    assert main(["analyze", str(article), "--format", "json", "--published", "2023-06-14", "--id", "v1"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["document"]["id"] == "v1" and data["document"]["published"] == "2023-06-14"
    assert data["document"]["published_source"] == "given"
    assert data["sentences"][0]["kind"] == "title"


def test_json_lines_for_several_documents_and_a_bad_line(tmp_path, capsys):
    p = tmp_path / "batch.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": "نص أول."}, ensure_ascii=False) + "\n{oops\n"
        + json.dumps({"id": "b", "text": "نص ثان."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(p), "--format", "json"]) == 1
    captured = capsys.readouterr()
    ids = [json.loads(line)["document"]["id"] for line in captured.out.splitlines()]
    assert ids == ["a", "b"]
    assert f"{p}:2: malformed JSON" in captured.err and "Traceback" not in captured.err


def test_text_report_reads_well(article, capsys):
    assert main(["analyze", str(article)]) == 0
    out = capsys.readouterr().out
    assert "Title      وزير الخارجية التركي يزور القاهرة" in out
    assert "  0 T وزير الخارجية التركي يزور القاهرة" in out


def test_visual_bidi_reorders_arabic(article, capsys):
    assert main(["analyze", str(article), "--bidi", "visual"]) == 0
    assert "Title" in capsys.readouterr().out


def test_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert main(["analyze", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["id"] == "stdin"


@pytest.mark.parametrize(
    "make,needle",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "e.txt").write_bytes(b"") and d / "e.txt" or d / "e.txt", "empty file"),
        (lambda d: (d / "b.bin").write_bytes(b"\x00\x01\x02\xff" * 50) and d / "b.bin" or d / "b.bin", "binary"),
        (lambda d: (d / "u.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d \xfd\xfe") and d / "u.txt" or d / "u.txt", "undecodable"),
        (lambda d: (d / "en.txt").write_text("Only English here.") and d / "en.txt" or d / "en.txt", "no Arabic"),
        (lambda d: (d / "big.txt").write_text("كلمة " * 600_000) and d / "big.txt" or d / "big.txt", "over the 5 MB limit"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, make, needle):
    path = make(tmp_path)
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(path)], capture_output=True, text=True)
    assert r.returncode != 0
    assert needle in r.stderr and str(path) in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_max_size_flag(tmp_path, capsys):
    p = tmp_path / "big.txt"
    p.write_text("كلمة " * 600_000, encoding="utf-8")
    assert main(["analyze", str(p), "--max-size", "10", "--format", "json"]) == 0


def test_bad_date_flag(article, capsys):
    assert main(["analyze", str(article), "--published", "2023-02-31"]) == 1
    assert "is not YYYY-MM-DD" in capsys.readouterr().err
