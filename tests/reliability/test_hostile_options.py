"""Numeric options (issue 19, defect 11): a bad value is one clear line on stderr and a non-zero exit,
never a traceback, and nothing starts (no store written, no worker process)."""

from __future__ import annotations

import pytest

from marsad.cli import main
from marsad.corpus.store import Store

ARTICLE = "قال وزير الخارجية إن المحادثات بناءة وستستأنف الأسبوع المقبل في عمان."


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def one_line_error(capsys, argv, needle: str) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0, err
    assert needle in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e300"])
def test_max_size_must_be_a_finite_positive_size(tmp_path, article, capsys, value):
    one_line_error(capsys, ["analyze", str(article), f"--max-size={value}"], "--max-size")
    db = tmp_path / "s.db"
    one_line_error(capsys, ["ingest", str(article), "--db", str(db), f"--max-size={value}"], "--max-size")
    assert not db.exists()  # refused before the store is created
    one_line_error(capsys, ["serve", "--db", str(db), f"--max-size={value}"], "--max-size")


@pytest.mark.parametrize("value", ["300", "100000", "0", "-2"])
def test_workers_has_bounds(tmp_path, capsys, value):
    db = tmp_path / "s.db"
    one_line_error(capsys, ["ingest", str(tmp_path / "none.txt"), "--db", str(db), f"--workers={value}"], "--workers")
    assert not db.exists()


@pytest.mark.parametrize("spec", ["local:300", "local:100000"])
def test_dask_local_workers_have_bounds(spec):
    from marsad.errors import MarsadError
    from marsad.scale.runner import parse_spec

    with pytest.raises(MarsadError, match="local:N"):
        parse_spec(spec)  # (checked before any cluster starts: `marsad ingest --dask local:300`)


@pytest.mark.parametrize("value", [str(2**63), str(10**30), "0", "-5"])
def test_search_limit_has_bounds(tmp_path, capsys, value):
    db = tmp_path / "s.db"
    Store.open(db).close()
    one_line_error(capsys, ["search", "المحادثات", "--db", str(db), f"--limit={value}"], "--limit")


def test_indent_has_bounds(article, capsys):
    one_line_error(capsys, ["analyze", str(article), "--format", "json", "--indent", str(10**9)], "--indent")
