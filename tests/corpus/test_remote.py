"""Corpus paths given as URLs (fsspec): the same documents, with the same ids, as the local paths."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fsspec")

from marsad.corpus.readers import ReadProblem, iter_documents  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _docs(paths):
    return [(d.id, d.title, d.text) if not isinstance(d, ReadProblem) else str(d) for d in iter_documents(paths)]


def test_a_folder_url_reads_as_the_folder():
    folder = REPO / "examples"
    assert _docs([folder.as_uri()]) == _docs([str(folder)])
    assert _docs([folder.as_uri() + "/"]) == _docs([str(folder)])


def test_file_and_glob_urls():
    one = REPO / "examples" / "diplomacy.txt"
    assert _docs([one.as_uri()]) == _docs([str(one)])
    pattern = (REPO / "tests" / "corpus_articles").as_uri() + "/agency_*.txt"
    assert [d[0] for d in _docs([pattern])] == ["agency_copy_1", "agency_copy_2"]


def test_bad_urls_are_one_line_each(tmp_path):
    got = _docs([(tmp_path / "missing").as_uri(), "nosuchprotocol://x/y", "file://" + str(tmp_path) + "/none-*.txt"])
    assert got[0].endswith("no such file or directory")
    assert "cannot open this URL" in got[1]
    assert got[2].endswith("no files match this pattern")


def test_memory_url(tmp_path):
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/marsad-test/corpus/a.txt", (REPO / "examples" / "economy.txt").read_bytes())
    (doc,) = iter_documents(["memory://marsad-test/corpus"])
    assert doc.id == "a" and doc.text == (REPO / "examples" / "economy.txt").read_text("utf-8")
    fs.rm("/marsad-test", recursive=True)
