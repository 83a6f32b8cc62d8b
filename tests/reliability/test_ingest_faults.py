"""`marsad ingest` under faults, run as a subprocess: a full disk, a read-only store or folder, an
analysis worker killed, a second writer. Each gives one clear line (no traceback) and a non-zero
exit, loses and duplicates nothing already stored, and a rerun completes.

The command runs through ``_driver.py`` (the real ``marsad.cli.main``) with a light pipeline so that
the faults, not the analysis, take the time."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("_driver.py")
WORDS = ("وزير خارجية اجتماع الرياض القاهرة عمان بغداد دمشق مباحثات اتفاق تعاون اقتصاد نفط طاقة مشروع "
         "مدينة مجلس حكومة برلمان رئيس وفد زيارة قمة أمن حدود تجارة استثمار مصرف ميناء مطار جامعة").split()


def _jsonl(path: Path, n: int, seed: int) -> Path:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = "قال وزير الخارجية إن " + " ".join(rnd.choice(WORDS) for _ in range(80)) + f" رقم {seed}-{i}."
            fh.write(json.dumps({"id": f"s{seed}-{i}", "text": text, "date": "2024-03-01"}, ensure_ascii=False) + "\n")
    return path


def _cmd(*args: str) -> list[str]:
    return [sys.executable, str(DRIVER), "ingest", *map(str, args), "--quiet"]


def _env(**extra: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(extra)
    return env


def _run(*args: str, preexec=None, timeout=60, **env) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(*args), capture_output=True, text=True, timeout=timeout, env=_env(**env),
                          preexec_fn=preexec, cwd=str(REPO))


def _state(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    out = {
        "ids": {r[0] for r in conn.execute("SELECT id FROM documents")},
        "documents": q("SELECT count(*) FROM documents"),
        "distinct": q("SELECT count(DISTINCT content_hash) FROM documents"),
        "analyses": q("SELECT count(*) FROM analyses"),
        "fts": q("SELECT count(*) FROM documents_fts"),
        "integrity": q("PRAGMA integrity_check"),
    }
    conn.close()
    return out


def _consistent(st: dict) -> None:
    assert st["integrity"] == "ok"
    assert st["documents"] == st["distinct"] == st["analyses"] == st["fts"] == len(st["ids"])


def _one_clear_line(r: subprocess.CompletedProcess, needle: str) -> None:
    assert r.returncode != 0, r.stdout
    assert "Traceback" not in r.stderr, r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("marsad: error:") and needle in lines[0], r.stderr


# ---- (a) the disk is full ----------------------------------------------------------------------

def test_disk_full_keeps_what_was_stored_and_a_rerun_completes(tmp_path):
    first, more = _jsonl(tmp_path / "first.jsonl", 20, 1), _jsonl(tmp_path / "more.jsonl", 150, 2)
    db = tmp_path / "full.db"
    assert _run(first, "--db", db, "--workers", "1").returncode == 0
    before = _state(db)
    limit = db.stat().st_size + 150_000  # room for a few batches, not for all

    def small_disk():  # every file the child writes (store, -wal) stops growing at `limit`: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = _run(more, "--db", db, "--workers", "1", preexec=small_disk)
    _one_clear_line(r, "disk is full")
    mid = _state(db)
    _consistent(mid)
    assert before["ids"] <= mid["ids"] and mid["documents"] < 170
    r = _run(more, "--db", db, "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert f"already stored {mid['documents'] - 20}" in r.stdout
    end = _state(db)
    _consistent(end)
    assert end["documents"] == 170


# ---- (b) read-only store file, read-only folder -------------------------------------------------

def _no_permission_override():
    """As root, run the child without the capabilities that let root ignore file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that modes mean for it what they mean for a user."""
    if os.geteuid() != 0:
        return None

    def drop():
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone after exec
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def _bytes_of(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_store_is_refused_and_left_untouched(tmp_path, what):
    src, more = _jsonl(tmp_path / "docs.jsonl", 10, 3), _jsonl(tmp_path / "more.jsonl", 10, 4)
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    db = store_dir / "ro.db"
    assert _run(src, "--db", db, "--workers", "1").returncode == 0
    if what == "file":
        db.chmod(0o444)
    else:
        store_dir.chmod(0o555)  # the store cannot create ro.db-wal beside itself
    try:
        _check_refused(db, more, what)
    finally:
        store_dir.chmod(0o755)


def _check_refused(db: Path, more: Path, what: str) -> None:
    store_dir = db.parent
    before = _bytes_of(store_dir)
    r = _run(more, "--db", db, "--workers", "1", preexec=_no_permission_override())
    _one_clear_line(r, "nothing was changed")
    assert ("read-only" if what == "file" else "not writable") in r.stderr
    assert _bytes_of(store_dir) == before  # no new -wal / -shm either
    # a new store in a read-only folder: the same, and no file is created
    if what == "folder":
        r = _run(more, "--db", store_dir / "new.db", "--workers", "1", preexec=_no_permission_override())
        _one_clear_line(r, "not writable")
        assert _bytes_of(store_dir) == before
    # reading commands still read it
    r = subprocess.run([sys.executable, "-m", "marsad.cli", "search", "وزير", "--db", str(db), "--limit", "1"],
                       capture_output=True, text=True, timeout=60, env=_env(), cwd=str(REPO),
                       preexec_fn=_no_permission_override())
    assert "Traceback" not in r.stderr
    if what == "file":
        assert r.returncode == 0, r.stderr


# ---- (c) an analysis worker killed -----------------------------------------------------------------

def _stored(db: Path) -> int:
    try:
        return _state(db)["documents"]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("when", ["starting", "mid-run"])
def test_killed_worker_is_reported_and_a_rerun_completes(tmp_path, when, children):
    n = 200
    src = _jsonl(tmp_path / "docs.jsonl", n, 5)
    db = tmp_path / "kill.db"
    proc = subprocess.Popen(_cmd(src, "--db", db, "--workers", "2"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(T_DELAY="0.02"), cwd=str(REPO))
    deadline = time.monotonic() + 30
    victim = None
    while time.monotonic() < deadline and proc.poll() is None and victim is None:
        kids = children(proc.pid)
        if kids and (when == "starting" or _stored(db) >= 24):
            victim = kids[0]
        else:
            time.sleep(0.01)
    assert victim is not None, "no worker to kill"
    os.kill(victim, signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    r = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    _one_clear_line(r, "an analysis worker died")
    assert "run the same command again" in err
    mid = _state(db)
    _consistent(mid)
    assert mid["documents"] < n
    r = _run(src, "--db", db, "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert f"added {n - mid['documents']}," in r.stdout and f"already stored {mid['documents']}," in r.stdout
    end = _state(db)
    _consistent(end)
    assert end["documents"] == n


# ---- (d) a second writer ---------------------------------------------------------------------------

@pytest.mark.parametrize("release", [True, False])
def test_second_writer_waits_with_a_message(tmp_path, release):
    src, more = _jsonl(tmp_path / "a.jsonl", 10, 6), _jsonl(tmp_path / "b.jsonl", 10, 7)
    db = tmp_path / "busy.db"
    assert _run(src, "--db", db, "--workers", "1").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the store
    proc = subprocess.Popen(_cmd(more, "--db", db, "--workers", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env(T_BUSY="1.5" if not release else "30"), cwd=str(REPO))
    try:
        first = proc.stderr.readline()
        assert "is busy: another marsad process is writing to it; waiting up to" in first
        if release:
            holder.execute("ROLLBACK")
        out, err = proc.communicate(timeout=60)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert "Traceback" not in err
    if release:
        assert proc.returncode == 0, err
        assert "added 10," in out and _state(db)["documents"] == 20
    else:
        assert proc.returncode == 1 and "try again when it has finished" in err.splitlines()[-1]
        st = _state(db)
        _consistent(st)
        assert st["documents"] == 10
