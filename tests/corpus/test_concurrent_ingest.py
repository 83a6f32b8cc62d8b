"""Two ingests at once mark copies as one ingest after the other would (issue 19, defect 12: the
near-duplicate marking differed when two ingests ran at once). The second ingest is run, to its end,
while the first is between reading a document and storing it — the moment a second process can
store a copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.corpus.ingest import Ingester
from marsad.corpus.store import Store
from marsad.pipeline import Pipeline
from marsad.schema import Document
from marsad.text.stage import TextStage

ARTICLES = Path(__file__).resolve().parents[1] / "corpus_articles"
OTHER = "قال وزير الخارجية إن المحادثات مع نظيره الأردني في عمان كانت بناءة وإن الجولة المقبلة ستعقد قريبا."


def light():
    return Pipeline([TextStage()])


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, published="2023-02-28", published_source="given")


def rows(store: Store) -> dict:
    return {r[0]: (r[1], r[2], r[3] is not None) for r in store.conn.execute(
        "SELECT d.id, d.duplicate_of, d.duplicate_kind, a.doc_id FROM documents d"
        " LEFT JOIN analyses a ON a.doc_id = d.id")}


@pytest.mark.parametrize("kind", ["near", "exact"])
def test_a_copy_stored_meanwhile_by_another_ingest_is_recognised(tmp_path, kind):
    text = (ARTICLES / "agency_copy_1.txt").read_text(encoding="utf-8")
    copy = (ARTICLES / "agency_copy_2.txt").read_text(encoding="utf-8") if kind == "near" else text
    db = tmp_path / "s.db"
    first = Store.open(db)
    second = Store.open(db)

    def items():
        yield doc("mine", text)
        # "mine" is read, classified and analysed, not yet stored: the other ingest runs now, to its end
        s = Ingester(second, workers=1, pipeline_factory=light, chunk_size=1).run([doc("theirs", copy)])
        assert s.added == 1  # (it stored its copy first: for it, nothing else was there)
        yield doc("other-mine", OTHER)

    summary = Ingester(first, workers=1, pipeline_factory=light, chunk_size=1).run(items())
    got = rows(first)
    # as if "theirs" had been ingested first, then "mine": "mine" is a copy of it, stored without analysis
    assert got["theirs"] == (None, None, True)
    assert got["mine"] == ("theirs", kind, False)
    assert got["other-mine"] == (None, None, True)
    assert summary.added == 1 and summary.duplicates_total == 1
    first.close()
    second.close()
