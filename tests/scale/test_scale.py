"""The scale layer: an ingest on a 2-process Dask LocalCluster gives the same store as the
single-process ingest of the same input (documents, Analysis JSON per document, entities, events,
event links, stories); shards written by the workers' run and loaded later give it too; batches are
never stored twice; failing tasks are retried and a worker killed by one document costs only that
document."""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import os
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402
import dask  # noqa: E402

from marsad.corpus.ingest import ingest  # noqa: E402
from marsad.corpus.readers import iter_documents  # noqa: E402
from marsad.corpus.store import Store  # noqa: E402
from marsad.errors import InputError  # noqa: E402
from marsad.scale import ledger  # noqa: E402
from marsad.scale.cli import check_ingest_arguments, make_ingester  # noqa: E402
from marsad.scale.runner import ClusterError, DaskIngester, parse_spec  # noqa: E402
from marsad.scale.shards import have_pyarrow, load_shards, read_shard  # noqa: E402

# The factories below run on the Dask workers, which cannot import this test module by name.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

REPO = Path(__file__).resolve().parents[2]
INPUT = sorted(REPO.glob("examples/*.txt")) + sorted(REPO.glob("tests/corpus_articles/*.txt"))

TABLES = {
    "documents": "SELECT id, content_hash, title, published, published_source, url, source, status, duplicate_of,"
                 " duplicate_kind, similarity, problem, n_shingles, minhash, terms, text FROM documents ORDER BY seq",
    "doc_entities": "SELECT * FROM doc_entities ORDER BY doc_id, local_id",
    "mentions": 'SELECT * FROM mentions ORDER BY doc_id, local_id, start, "end"',
    "events": "SELECT * FROM events ORDER BY doc_id, event_id",
    "event_args": "SELECT * FROM event_args ORDER BY doc_id, event_id, role, local_id",
    "quotes": "SELECT * FROM quotes ORDER BY doc_id, n",
    "entities": "SELECT * FROM entities ORDER BY id",
    "event_links": "SELECT * FROM event_links ORDER BY id",
    "event_link_members": "SELECT * FROM event_link_members ORDER BY doc_id, event_id",
    "stories": "SELECT * FROM stories ORDER BY id",
    "story_documents": "SELECT * FROM story_documents ORDER BY doc_id",
    "fts": "SELECT doc_id, body, stems FROM documents_fts ORDER BY doc_id",
}


def snapshot(store: Store) -> dict:
    out = {name: store.conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    out["analyses"] = {doc_id: json.loads(js) for doc_id, js in store.conn.execute("SELECT doc_id, json FROM analyses")}
    return out


def assert_same_store(got: Store, want: Store) -> None:
    a, b = snapshot(got), snapshot(want)
    assert sorted(a["analyses"]) == sorted(b["analyses"])
    for doc_id, analysis in b["analyses"].items():
        assert a["analyses"][doc_id] == analysis, doc_id
    for name in TABLES:
        assert a[name] == b[name], name


def documents():
    return iter_documents([str(p) for p in INPUT])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The single-process ingest (the real pipeline, loaded in this process)."""
    st = Store.open(tmp_path_factory.mktemp("ref") / "ref.db")
    summary = ingest(st, documents(), workers=1)
    assert summary.added >= 8 and summary.failed == 0
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(reference):
    """A LocalCluster of 2 worker processes (forked after the reference run, so each starts with the
    pipeline loaded; allowed-failures 0 so a killed worker is reported at once)."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with dask.config.set({"distributed.worker.multiprocessing-method": method,
                          "distributed.scheduler.allowed-failures": 0}):  # also for workers restarted later
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        c = distributed.Client(cluster)
        yield c
        c.close()
        cluster.close()


def test_dask_ingest_equals_single_process(tmp_path, reference, client):
    st = Store.open(tmp_path / "dask.db")
    ing = DaskIngester(st, dask=client, chunk_size=4)  # several batches, several tasks each
    summary = ing.run(documents())
    assert summary.failed == 0 and summary.batches >= 3
    assert "dask (2 workers" in "\n".join(summary.lines())
    assert_same_store(st, reference)
    assert len(ledger.recorded(st)) == summary.batches
    # Again: everything is recognised as stored; nothing is written twice.
    again = DaskIngester(st, dask=client).run(documents())
    assert again.added == 0 and again.already_stored == len(INPUT)
    assert_same_store(st, reference)
    st.close()


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_shards_then_load_equals_single_process(tmp_path, reference, client, fmt):
    if fmt == "parquet" and not have_pyarrow():
        pytest.skip("pyarrow is not installed")
    source = Store.open(tmp_path / "source.db")  # read only: what is already stored
    out = tmp_path / "shards"
    summary = DaskIngester(source, dask=client, chunk_size=5, shards=out, shard_format=fmt).run(documents())
    assert source.count_documents() == 0
    files = sorted(out.iterdir())
    assert len(files) == summary.batches >= 2 and all(f.suffix == "." + fmt for f in files)
    assert "marsad load" in "\n".join(summary.lines())
    rows = read_shard(files[0])
    assert rows and rows[0]["analysis"] and rows[0]["batch"].startswith("b")

    st = Store.open(tmp_path / "loaded.db")
    loaded = load_shards(st, [out])
    assert loaded.batches == len(files) and loaded.added == len(INPUT)
    assert_same_store(st, reference)
    # Loading the same shards again (a folder and a file named twice) adds nothing.
    again = load_shards(st, [out, files[0]])
    assert again.added == 0 and again.batches_already_loaded == len(files)
    assert_same_store(st, reference)
    st.close()
    source.close()


def test_shards_on_an_fsspec_url(tmp_path, reference, client):
    """Shards written to and loaded from object storage (fsspec's in-memory filesystem here)."""
    fsspec = pytest.importorskip("fsspec")
    url = "memory://marsad-test/run-1"
    try:
        summary = DaskIngester(Store.open(tmp_path / "empty.db"), dask=client, chunk_size=5,
                               shards=url, shard_format="parquet" if have_pyarrow() else "jsonl").run(documents())
        assert summary.shards and all(p.startswith("memory://") and "/marsad-test/run-1/" in p for p in summary.shards)
        st = Store.open(tmp_path / "loaded.db")
        assert load_shards(st, [url]).added == len(INPUT)
        assert_same_store(st, reference)
        st.close()
    finally:
        fsspec.filesystem("memory").rm("/marsad-test", recursive=True)


def test_load_guards_by_content_hash(tmp_path, reference, client):
    """Shards of the same texts under other ids (e.g. a second run's) become copies, not new originals."""
    out = tmp_path / "shards"
    DaskIngester(Store.open(tmp_path / "empty.db"), dask=client, shards=out, shard_format="jsonl").run(documents())
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for f in out.iterdir():
        lines = [json.loads(x) for x in f.read_text("utf-8").splitlines()]
        for row in lines:
            row["id"] = "other-" + row["id"]
            row["batch"] = "x" + row["batch"]
            if row["duplicate_of"]:
                row["duplicate_of"] = "other-" + row["duplicate_of"]
        (renamed / f.name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    st = Store.open(tmp_path / "g.db")
    load_shards(st, [out])
    before = snapshot(st)
    s = load_shards(st, [renamed])
    originals = sum(1 for r in before["documents"] if r[8] is None)
    assert s.added == len(INPUT) and s.copies_of_stored == originals
    assert st.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == len(before["analyses"])
    assert st.conn.execute("SELECT count(*) FROM documents WHERE id LIKE 'other-%' AND duplicate_of IS NULL"
                           ).fetchone()[0] == 0
    st.close()


# ---- interrupted runs resume ---------------------------------------------------------------------


class _StopAfter:
    """A progress callback that interrupts the run (as Ctrl-C does) once ``n`` batches are written."""

    def __init__(self, n: int):
        self.n = n

    def __call__(self, summary, final=False):
        if summary.batches >= self.n and not final:
            raise KeyboardInterrupt


def test_an_interrupted_dask_ingest_resumes(tmp_path, reference, client):
    st = Store.open(tmp_path / "resume.db")
    with pytest.raises(KeyboardInterrupt):
        DaskIngester(st, dask=client, chunk_size=3, progress=_StopAfter(1)).run(documents())
    first = [r[0] for r in st.conn.execute("SELECT id FROM documents ORDER BY seq")]
    assert 0 < len(first) < len(INPUT)
    assert st.conn.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0] == 0
    again = DaskIngester(st, dask=client, chunk_size=3).run(documents())
    assert again.already_stored == len(first) and again.added + again.duplicates_total == len(INPUT) - len(first)
    assert_same_store(st, reference)
    st.close()


def test_an_interrupted_shard_run_resumes_after_its_shards(tmp_path, reference, client):
    source = Store.open(tmp_path / "source.db")
    out = tmp_path / "shards"
    with pytest.raises(KeyboardInterrupt):
        DaskIngester(source, dask=client, chunk_size=3, shards=out, progress=_StopAfter(1)).run(documents())
    first = sorted(out.iterdir())
    done = sum(len(read_shard(f)) for f in first)
    assert first and 0 < done < len(INPUT)
    s = DaskIngester(source, dask=client, chunk_size=3, shards=out).run(documents())
    assert s.resumed_shards == len(first) and s.already_stored == done
    files = sorted(out.iterdir())
    assert files[:len(first)] == first and sum(len(read_shard(f)) for f in files) == len(INPUT)
    st = Store.open(tmp_path / "loaded.db")
    load_shards(st, [out])
    assert_same_store(st, reference)
    st.close()
    source.close()


# ---- failures on the workers -------------------------------------------------------------------


class _Flaky:
    """A factory that fails the first two times it is called on a worker process (marker file: the
    preload when the worker joins, then the first task), then gives the text-only pipeline: the task
    fails once and succeeds when Dask retries it."""

    def __init__(self, marker: str):
        self.marker = marker
        self.__qualname__ = f"_Flaky-{os.path.basename(marker)}"

    def __call__(self):
        marker = Path(f"{self.marker}.{os.getpid()}")
        calls = len(marker.read_text()) if marker.exists() else 0
        if calls < 2:
            marker.write_text("x" * (calls + 1))
            raise RuntimeError("worker not ready (simulated)")
        from marsad.pipeline import Pipeline
        from marsad.text.stage import TextStage

        return Pipeline([TextStage()])


class _Poison:
    """Kills its worker process on a document that mentions Wydad (the football report)."""

    def run(self, doc):
        if "الوداد" in doc.text:
            os._exit(17)
        from marsad.pipeline import Pipeline
        from marsad.text.stage import TextStage

        return Pipeline([TextStage()]).run(doc)


def _poison_factory():
    return _Poison()


def test_failed_tasks_are_retried(tmp_path, client):
    st = Store.open(tmp_path / "flaky.db")
    s = DaskIngester(st, dask=client, pipeline_factory=_Flaky(str(tmp_path / "m")), retries=3).run(documents())
    assert s.failed == 0 and s.added >= 8
    assert st.conn.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0] == 0
    st.close()


def test_a_killed_worker_costs_one_document(tmp_path, client):
    st = Store.open(tmp_path / "poison.db")
    s = DaskIngester(st, dask=client, pipeline_factory=_poison_factory, retries=0, part_size=3).run(documents())
    failed = [r[0] for r in st.conn.execute("SELECT id FROM documents WHERE status = 'failed'")]
    assert len(failed) == 1 and "unrelated" in failed[0], failed
    assert s.failed == 1 and s.isolated >= 1, (s.lines(), vars(s))
    assert st.count_documents() == len(INPUT)
    client.wait_for_workers(2, timeout=60)
    st.close()


# ---- command line ------------------------------------------------------------------------------


def test_spec_and_options():
    assert parse_spec("local:3") == ("local", 3)
    assert parse_spec("10.0.0.5:8786") == ("address", "tcp://10.0.0.5:8786")
    assert parse_spec("tls://h:1") == ("address", "tls://h:1")
    assert parse_spec("local")[0] == "local"
    for bad in ("", "local:0", "local:x"):
        with pytest.raises(ClusterError):
            parse_spec(bad)
    ns = argparse.Namespace(dask=None, shards="d", retries=None, shard_format=None, workers=None)
    with pytest.raises(InputError):
        make_ingester(ns, None, workers=1)
    ns = argparse.Namespace(dask="local:2", shards=None, retries=None, shard_format=None, workers=3)
    with pytest.raises(InputError):
        check_ingest_arguments(ns)
    ns = argparse.Namespace(dask="local", shards=None, retries=1, shard_format="jsonl", workers=3)
    assert check_ingest_arguments(ns) == "local:3"
    with pytest.raises(ClusterError):
        check_ingest_arguments(argparse.Namespace(dask="local:0", workers=None))
    ns = argparse.Namespace(dask="h:1", shards="d", retries=None, shard_format=None, workers=None)
    ing = make_ingester(ns, object(), workers=1)
    assert ing.spec == "tcp://h:1" or ing.spec == "h:1"
    assert ing.shard_dir == "d" and ing.retries == 2


def test_unreachable_scheduler_is_one_clear_error(tmp_path):
    st = Store.open(tmp_path / "x.db")
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        DaskIngester(st, dask="tcp://127.0.0.1:9", connect_timeout=2).run(documents())
    st.close()


def _main(argv):
    from marsad.cli import main

    return main(argv)


def test_load_command(tmp_path, client, capsys):
    out = tmp_path / "shards"
    DaskIngester(Store.open(tmp_path / "e.db"), dask=client, shards=out, shard_format="jsonl").run(documents())
    db = tmp_path / "cli.db"
    assert _main(["load", str(out), "--db", str(db), "--quiet"]) == 0
    out_text = capsys.readouterr().out
    assert f"added {len(INPUT)} documents (8 analysed)" in out_text, out_text
    assert _main(["load", str(out), "--db", str(db), "--quiet"]) == 0
    assert "added 0 documents" in capsys.readouterr().out
    assert _main(["load", str(tmp_path / "missing"), "--db", str(db)]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_ingest_command_with_dask(tmp_path, reference, client, capsys):
    from marsad.cli import build_parser, main

    ingest_parser = build_parser()._subparsers._group_actions[0].choices["ingest"]
    if not any("--dask" in a.option_strings for a in ingest_parser._actions):
        pytest.skip("marsad ingest has no --dask yet (hook in marsad/corpus/cli.py not applied)")
    db = tmp_path / "cli.db"
    address = client.scheduler.address
    assert main(["ingest", *map(str, INPUT), "--db", str(db), "--dask", address, "--quiet"]) == 0
    assert "dask (2 workers" in capsys.readouterr().out
    st = Store.open(db)
    assert_same_store(st, reference)
    st.close()


def test_shards_fall_back_to_jsonl_without_pyarrow(tmp_path, monkeypatch):
    from marsad.corpus.store import DocRecord
    from marsad.scale import shards

    monkeypatch.setattr(shards, "have_pyarrow", lambda: False)
    assert shards.default_format() == "jsonl"
    ing = DaskIngester(Store.open(tmp_path / "s.db"), dask="local:1", shards=tmp_path / "out")
    assert ing.shard_format == "jsonl"
    rec = DocRecord(id="d1", text="نص عربي", content_hash="h1", minhash=b"\x00\x01\xff", n_shingles=3)
    path = shards.write_shard(tmp_path / "out", 0, "b1", [(rec, {"document": {"text": "نص عربي"}})])
    assert path.name == "000000-b1.jsonl" and not list((tmp_path / "out").glob("*.part"))
    (row,) = shards.read_shard(path)
    assert row["minhash"] == b"\x00\x01\xff" and row["batch"] == "b1" and json.loads(row["analysis"])
    (path.parent / "000001-b2.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match="needs pyarrow"):
        shards.read_shard(path.parent / "000001-b2.parquet")
