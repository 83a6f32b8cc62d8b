"""The README's recipe for several machines, run on one: a ``dask scheduler`` and two ``dask worker``
processes started from the shell as a user starts them on other hosts, the corpus read through an
fsspec URL, ``marsad ingest --dask ADDRESS --shards URL`` writing Parquet shards, one worker killed
(its whole process group, as when a machine goes away) in the middle of the run, then
``marsad load``: every document is stored exactly once. And the run resumes: when the scheduler
itself goes away, the ingest stops with one clear line, and the same command against a new cluster
completes the store with nothing lost and nothing twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from marsad.scale.shards import have_pyarrow  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ARTICLES = sorted(REPO.glob("examples/*.txt")) + sorted(REPO.glob("tests/corpus_articles/*.txt"))
N_DOCS = 200
ENV = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False", "PYTHONUNBUFFERED": "1"}


def paragraphs() -> list[str]:
    seen, out = set(), []
    for path in ARTICLES:
        for line in path.read_text("utf-8").splitlines():
            line = line.strip()
            if len(line) > 80 and line not in seen:
                seen.add(line)
                out.append(line)
    return out


def write_corpus(folder: Path, n: int = N_DOCS) -> list[str]:
    """``n`` documents made of four of the project's own paragraphs each (no two alike), in three
    JSON Lines files; their ids."""
    paras = paragraphs()
    rng = random.Random(18)
    folder.mkdir()
    ids, combos = [], set()
    files = [open(folder / f"part-{i}.jsonl", "w", encoding="utf-8") for i in range(3)]  # noqa: SIM115
    try:
        while len(ids) < n:
            combo = tuple(sorted(rng.sample(range(len(paras)), 4)))
            if combo in combos:
                continue
            combos.add(combo)
            k = len(ids)
            doc_id = f"c{k:04d}"
            rec = {"id": doc_id, "title": f"تقرير رقم {k}", "text": "\n".join(paras[i] for i in combo),
                   "published": f"2023-06-{1 + k % 28:02d}"}
            files[k % 3].write(json.dumps(rec, ensure_ascii=False) + "\n")
            ids.append(doc_id)
    finally:
        for f in files:
            f.close()
    return ids


class Cluster:
    """A scheduler and workers as separate process groups (killed by group at the end)."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: dict[str, subprocess.Popen] = {}
        self.address = ""
        self.started = 0

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        p = subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=log, stderr=subprocess.STDOUT,
                             env=ENV, start_new_session=True, cwd=self.tmp)
        self.procs[name] = p
        return p

    def scheduler(self) -> str:
        self.started += 1
        sched_file = self.tmp / f"scheduler-{self.started}.json"
        self.start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                   "--scheduler-file", str(sched_file))
        deadline = time.monotonic() + 60
        while not sched_file.exists():
            assert time.monotonic() < deadline, (self.tmp / "scheduler.log").read_text()
            time.sleep(0.1)
        time.sleep(0.2)
        self.address = json.loads(sched_file.read_text())["address"]
        return self.address

    def workers(self, *names: str) -> None:
        for name in names:
            self.start(name, "worker", self.address, "--nthreads", "1", "--name", name, "--no-dashboard")
        with distributed.Client(self.address, timeout=60) as c:
            c.wait_for_workers(len(names), timeout=90)

    def kill(self, name: str) -> None:
        p = self.procs.pop(name)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait(timeout=30)

    def stop(self) -> None:
        for name in list(self.procs):
            self.kill(name)


@pytest.fixture
def tmp(tmp_path_factory):
    """A folder of this test's own (pytest's numbered folders may be pruned by a concurrent pytest
    run on the same machine while these long tests run)."""
    with tempfile.TemporaryDirectory(prefix="marsad-cluster-") as d:
        yield Path(d)


@pytest.fixture
def cluster(tmp):
    c = Cluster(tmp)
    yield c
    c.stop()


def marsad(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV, **kw)


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def stored(db: Path) -> tuple[list[str], int, int]:
    """(ids, analysed, failed) of the store at ``db``."""
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY seq")]
        analysed = conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
        failed = conn.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0]
    finally:
        conn.close()
    return ids, analysed, failed


def test_recipe_scheduler_two_workers_one_killed_shards_then_load(tmp, cluster):
    if not have_pyarrow():
        pytest.skip("pyarrow is not installed")
    corpus = tmp / "corpus"
    ids = write_corpus(corpus)
    address = cluster.scheduler()
    cluster.workers("w1", "w2")
    shards = tmp / "shards"
    run = marsad("ingest", corpus.as_uri() + "/", "--dask", address, "--shards", shards.as_uri(),
                 "--db", str(tmp / "read-only.db"), "--quiet")
    wait_for(lambda: any(shards.glob("*.parquet")) or run.poll() is not None, 120, "no shard was written")
    at_kill = len(list(shards.glob("*.parquet")))
    cluster.kill("w1")  # mid-run: the other worker finishes, the lost tasks are run again
    out, err = run.communicate(timeout=240)
    assert run.returncode == 0, err
    assert "Traceback" not in err
    files = sorted(shards.glob("*.parquet"))
    assert len(files) > at_kill, "the run had finished before the worker was killed"
    assert "marsad load" in out

    load = marsad("load", shards.as_uri(), "--db", str(tmp / "news.db"), "--quiet")
    out, err = load.communicate(timeout=240)
    assert load.returncode == 0, err
    assert f"added {N_DOCS} documents" in out, out
    got, analysed, failed = stored(tmp / "news.db")
    assert len(got) == len(set(got)) == N_DOCS and set(got) == set(ids) and failed == 0
    assert analysed == N_DOCS - sum(1 for _ in sqlite3.connect(tmp / "news.db").execute(
        "SELECT 1 FROM documents WHERE duplicate_of IS NOT NULL"))
    # loading again adds nothing
    again = marsad("load", shards.as_uri(), "--db", str(tmp / "news.db"), "--quiet")
    out, _err = again.communicate(timeout=240)
    assert again.returncode == 0 and "added 0 documents" in out


def test_scheduler_lost_mid_run_then_the_same_command_finishes(tmp, cluster):
    corpus = tmp / "corpus"
    write_corpus(corpus, n=120)
    db = tmp / "news.db"
    cluster.scheduler()
    cluster.workers("w1")
    cmd = ("ingest", str(corpus), "--dask", cluster.address, "--db", str(db), "--quiet")
    run = marsad(*cmd)

    def some_stored() -> bool:
        if run.poll() is not None or not db.exists():
            return run.poll() is not None
        try:
            return bool(stored(db)[0])
        except sqlite3.Error:
            return False

    wait_for(some_stored, 120, "nothing was stored")
    cluster.stop()  # the scheduler and its worker go away
    out, err = run.communicate(timeout=240)
    assert run.returncode == 1, (out, err)
    lines = [ln for ln in err.splitlines() if ln.startswith("marsad: error:")]
    assert len(lines) == 1 and "run the same command again" in lines[0], err
    assert "Traceback" not in err
    before, _analysed, failed = stored(db)
    assert 0 < len(before) < 120 and failed == 0

    cluster.scheduler()
    cluster.workers("w2")
    cmd = ("ingest", str(corpus), "--dask", cluster.address, "--db", str(db), "--quiet")
    rerun = marsad(*cmd)
    out, err = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, err
    assert f"already stored {len(before)}" in out, out
    after, _analysed, failed = stored(db)
    assert len(after) == len(set(after)) == 120 and failed == 0
    assert after[:len(before)] == before
