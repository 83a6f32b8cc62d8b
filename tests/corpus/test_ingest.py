"""Ingest: deduplication, idempotence, parallel workers, bad input; end to end through the CLI
with the real readers and pipeline on small Arabic texts."""

import io
import json
import sys

from marsad.cli import main
from marsad.corpus.ingest import Ingester, IngestSummary, Progress, ingest
from marsad.corpus.readers import ReadProblem
from marsad.corpus.store import Store


def _count(st, where="1"):
    return st.conn.execute(f"SELECT count(*) FROM documents WHERE {where}").fetchone()[0]


def test_duplicates_linked_not_analysed(store):
    dup = dict(store.conn.execute("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"))
    assert dup == {"agency-watan": "agency-okaz", "agency-yaum": "agency-okaz"}
    kinds = dict(store.conn.execute("SELECT id, duplicate_kind FROM documents WHERE duplicate_of IS NOT NULL"))
    assert kinds == {"agency-watan": "exact", "agency-yaum": "near"}
    analysed = {r[0] for r in store.conn.execute("SELECT doc_id FROM analyses")}
    assert "agency-watan" not in analysed and "agency-yaum" not in analysed and "agency-okaz" in analysed


def test_reingest_adds_nothing(tmp_path, corpus):
    st, first = corpus.build_store(tmp_path / "r.db")
    assert (first.added, first.exact_duplicates, first.near_duplicates) == (7, 1, 1)
    links = st.conn.execute("SELECT id, status FROM event_links ORDER BY id").fetchall()
    again = ingest(st, corpus.documents(), pipeline_factory=corpus.fixture_pipeline)
    assert (again.added, again.duplicates_total, again.already_stored) == (0, 0, 9)
    assert _count(st) == 9
    assert st.conn.execute("SELECT id, status FROM event_links ORDER BY id").fetchall() == links
    st.close()


def test_two_workers_same_result(tmp_path, corpus):
    st, summary = corpus.build_store(tmp_path / "w.db", workers=2)
    assert summary.added == 7 and _count(st) == 9
    assert st.conn.execute("SELECT count(*) FROM event_links WHERE n_documents = 3").fetchone()[0] == 1
    st.close()


def test_same_id_different_text_kept_apart(tmp_path, corpus):
    st = Store.open(tmp_path / "i.db")
    a, b = corpus.documents(["oil", "football"])
    b = b.model_copy(update={"id": "oil"})
    s = ingest(st, [a, b], pipeline_factory=corpus.fixture_pipeline)
    assert s.added == 2 and _count(st) == 2
    s = ingest(st, [a, b], pipeline_factory=corpus.fixture_pipeline)
    assert s.added == 0 and s.already_stored == 2
    st.close()


class _Boom:
    def run(self, doc):
        if "الهلال" in doc.text:
            raise RuntimeError("extractor crashed")
        from marsad.pipeline import Pipeline
        from marsad.text.stage import TextStage

        return Pipeline([TextStage()]).run(doc)


def _boom():
    return _Boom()


def test_failures_and_read_problems_are_reported_not_raised(tmp_path, corpus):
    st = Store.open(tmp_path / "f.db")
    items = corpus.documents(["oil", "football"]) + [ReadProblem("x.jsonl", 3, "malformed JSON")]
    s = ingest(st, items, pipeline_factory=_boom)
    assert s.added == 1 and s.failed == 1 and s.skipped["malformed JSON"] == 1
    text = "\n".join(s.lines())
    assert "analysis failed" in text and "x.jsonl:3" in text
    assert st.conn.execute("SELECT status FROM documents WHERE id = 'football'").fetchone()[0] == "failed"
    st.close()


def test_progress_line_on_non_tty():
    buf = io.StringIO()
    p = Progress(stream=buf, every=0.0)
    s = IngestSummary(seen=10, added=8)
    p(s)
    assert "10 documents" in buf.getvalue() and "documents/s" in buf.getvalue()
    quiet = io.StringIO()
    Progress(stream=quiet, enabled=False)(s)
    assert quiet.getvalue() == ""


def _write_inputs(tmp_path, corpus):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    arts = corpus.BY_ID
    (folder / "announce.txt").write_text(corpus.text_of(arts["announce"]), encoding="utf-8")
    (folder / "sub" / "report.txt").write_text(corpus.text_of(arts["report"]), encoding="utf-8")
    with open(folder / "agency.jsonl", "w", encoding="utf-8") as fh:
        for i in ("agency-okaz", "agency-watan", "agency-yaum", "oil"):
            fh.write(json.dumps(corpus.jsonl_record(arts[i]), ensure_ascii=False) + "\n")
        fh.write("{broken json\n")
    items = "".join(
        f"<item><title>{arts[i]['title']}</title><link>{arts[i]['url']}</link>"
        f"<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><description>{arts[i]['body']}</description></item>"
        for i in ("football", "egypt-jordan"))
    (folder / "feed.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>'
                                     f"{items}</channel></rss>", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "english.txt").write_text("No Arabic here.", encoding="utf-8")
    return folder


def test_cli_ingest_end_to_end(tmp_path, corpus, capsys, monkeypatch):
    folder = _write_inputs(tmp_path, corpus)
    db = str(tmp_path / "e2e.db")
    # three bad inputs: reported, exit 1, and the six good ones stored all the same
    assert main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"]) == 1
    cap = capsys.readouterr()
    out = cap.out
    assert "3 input(s) skipped" in cap.err and "everything else is stored" in cap.err
    assert "added 6" in out and "exact 1" in out and "near 1" in out
    assert "malformed JSON" in out and "empty" in out and "no Arabic" in out
    st = Store.open(db)
    assert _count(st) == 8 and _count(st, "duplicate_of IS NOT NULL") == 2
    assert st.get_meta("crossdoc_dirty") == "0"
    st.close()
    # again, with two workers: nothing new
    assert main(["ingest", str(folder), "--db", db, "--workers", "2", "--quiet"]) == 1
    assert "added 0" in capsys.readouterr().out
    # search through the CLI over the real analyses
    assert main(["search", "--db", db, "الاجتماع", "بلينكن"]) in (0, 1)
    assert main(["search", "--db", db, "بلينكن"]) == 0
    assert "announce" in capsys.readouterr().out
    # stdin, with a --published date for a text that has none; MARSAD_DB as the default store
    monkeypatch.setenv("MARSAD_DB", db)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        "اختتمت في جدة أعمال المؤتمر الدولي للطاقة المتجددة بمشاركة خبراء من عشرين دولة.".encode())))
    assert main(["ingest", "-", "--published", "2024-03-07", "--quiet"]) == 0
    assert "added 1" in capsys.readouterr().out
    st = Store.open(db)
    assert st.conn.execute("SELECT published FROM documents WHERE id = 'stdin'").fetchone()[0] == "2024-03-07"
    st.close()


def test_cli_ingest_bad_arguments(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", db, "--quiet"]) == 1
    cap = capsys.readouterr()
    assert "no such file" in cap.out and "1 input(s) skipped" in cap.err
    assert main(["ingest", "x", "--db", db, "--published", "2024-13-40"]) == 1
    assert "published" in capsys.readouterr().err
    assert main(["ingest", "x", "--db", str(tmp_path), "--quiet"]) == 1
    assert "directory" in capsys.readouterr().err
    bad = tmp_path / "notadb.db"
    bad.write_bytes(b"garbage" * 1000)
    assert main(["ingest", "x", "--db", str(bad), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "not a Marsad store" in err and "Traceback" not in err
    assert bad.read_bytes() == b"garbage" * 1000
    assert main(["timeline", "--db", str(tmp_path / "none.db")]) == 1
    assert "no such store" in capsys.readouterr().err


def test_ingester_chunks_write_in_input_order(tmp_path, corpus):
    st = Store.open(tmp_path / "c.db")
    ing = Ingester(st, chunk_size=2, pipeline_factory=corpus.fixture_pipeline)
    ing.run(corpus.documents())
    order = [r[0] for r in st.conn.execute("SELECT id FROM documents ORDER BY seq")]
    assert order == [a["id"] for a in corpus.ARTICLES]
    st.close()


def test_real_pipeline_links_announcement_and_report(tmp_path, corpus):
    """End to end with the real extractors: the announced meeting and the reports of it are one
    event, scheduled then occurred; the agency copies are linked, not analysed."""
    from marsad.corpus.timeline import document_statuses, timeline

    st = Store.open(tmp_path / "real.db")
    s = ingest(st, corpus.documents())
    assert (s.added, s.exact_duplicates, s.near_duplicates, s.failed) == (7, 1, 1, 0)
    meeting = [e for e in timeline(st) if {"announce", "report"} <= set(document_statuses(e["status_history"]))]
    assert meeting, "the announcement and the report of the meeting are not linked"
    statuses = document_statuses(meeting[0]["status_history"])
    assert statuses["announce"] == "scheduled" and statuses["report"] == "occurred"
    assert meeting[0]["status"] == "occurred" and meeting[0]["date"] == "2024-03-05"
    assert not any("egypt-jordan" in document_statuses(e["status_history"]) for e in meeting)
    st.close()


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    buf = Tty()
    p = Progress(stream=buf)
    s = IngestSummary(seen=3, added=3)
    p(s)
    p(s, final=True)
    assert buf.getvalue().startswith("\r\x1b[K") and buf.getvalue().endswith("\n")
    assert "documents/s" in buf.getvalue()


class _Dies:
    def run(self, doc):
        import os

        if "الهلال" in doc.text:
            os._exit(1)  # a worker killed (e.g. out of memory)
        from marsad.pipeline import Pipeline
        from marsad.text.stage import TextStage

        return Pipeline([TextStage()]).run(doc)


def _dies():
    return _Dies()


def test_dead_worker_stops_cleanly_and_rerun_finishes(tmp_path, corpus):
    import pytest

    from marsad.errors import MarsadError

    st = Store.open(tmp_path / "d.db")
    docs = corpus.documents(["oil", "egypt-jordan", "football", "announce"])
    with pytest.raises(MarsadError, match="worker died"):
        ingest(st, docs, workers=2, pipeline_factory=_dies, chunk_size=2)
    n = _count(st)
    assert n == st.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    s = ingest(st, docs, pipeline_factory=corpus.fixture_pipeline)
    assert s.already_stored == n and _count(st) == 4
    st.close()
