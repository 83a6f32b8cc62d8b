"""Analysis workers die with their ingest (issue 19, defect 6): after kill -9 of the main process,
its worker processes are gone within seconds instead of running on. Generated documents, the real
command line with a light, slowed pipeline (``_driver.py``)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("_driver.py")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # (a zombie has finished; only its parent's wait is missing)


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(signal, "SIGKILL"), reason="needs /proc, SIGKILL")
@pytest.mark.timeout(90)
def test_workers_die_when_the_ingest_is_killed(tmp_path, children):
    src = tmp_path / "docs.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"d{i}", "text": f"قال وزير الخارجية إن المحادثات بناءة رقم {i}."},
                                ensure_ascii=False) + "\n")
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(REPO), T_DELAY="0.05")
    proc = subprocess.Popen([sys.executable, str(DRIVER), "ingest", str(src), "--db", str(db), "--workers", "2",
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    kids: list[int] = []
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and proc.poll() is None:
            kids = children(proc.pid)
            if len(kids) >= 2 and _stored(db) >= 1:  # mid-run: workers busy, a batch stored
                break
            time.sleep(0.05)
        assert len(kids) >= 2 and proc.poll() is None, "the ingest did not get going"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(k) for k in kids):
            time.sleep(0.1)
        assert not any(_running(k) for k in kids), "workers outlived the killed ingest"
    finally:
        for k in kids:  # (only the workers of the ingest this test started)
            if _running(k):
                os.kill(k, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
