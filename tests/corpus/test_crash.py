"""An ingest killed midway (SIGKILL) leaves a consistent store and a rerun completes it; two
ingests into one store at once both finish."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = r"""
import sys, time
sys.path.insert(0, REPO)
from marsad.corpus.ingest import ingest
from marsad.corpus.readers import iter_documents
from marsad.corpus.store import Store
from marsad.pipeline import Pipeline
from marsad.text.stage import TextStage

class Slow:
    def __init__(self):
        self.p = Pipeline([TextStage()])
    def run(self, d):
        time.sleep(DELAY)
        return self.p.run(d)

def factory():
    return Slow()

st = Store.open(sys.argv[1])
s = ingest(st, iter_documents([sys.argv[2]]), workers=int(sys.argv[3]), pipeline_factory=factory, chunk_size=8)
print(s.added, s.already_stored, s.duplicates_total)
"""

WORDS = ("وزير خارجية اجتماع الرياض القاهرة عمان بغداد دمشق مباحثات اتفاق تعاون اقتصاد نفط طاقة مشروع "
         "مدينة مجلس حكومة برلمان رئيس وفد زيارة قمة أمن حدود تجارة استثمار مصرف ميناء مطار جامعة "
         "مستشفى مدرسة طريق سوق شركة مصنع محطة قطار").split()


def _jsonl(path: Path, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(rnd.choice(WORDS) for _ in range(60)) + f" رقم {seed}-{i}."
            fh.write(json.dumps({"id": f"s{seed}-{i}", "text": text, "date": "2024-03-01"}, ensure_ascii=False) + "\n")


def _run(db, src, workers, delay, **kw):
    code = DRIVER.replace("REPO", repr(str(REPO))).replace("DELAY", str(delay))
    return subprocess.Popen([sys.executable, "-c", code, str(db), str(src), str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _state(db):
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    out = {
        "documents": q("SELECT count(*) FROM documents"),
        "distinct": q("SELECT count(DISTINCT content_hash) FROM documents"),
        "analyses": q("SELECT count(*) FROM analyses"),
        "fts": q("SELECT count(*) FROM documents_fts"),
        "orphans": q("SELECT count(*) FROM analyses WHERE doc_id NOT IN (SELECT id FROM documents)"),
        "stories": q("SELECT count(*) FROM story_documents"),
        "dirty": conn.execute("SELECT value FROM meta WHERE key = 'crossdoc_dirty'").fetchone(),
    }
    conn.close()
    return out


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_ingest_then_rerun(tmp_path):
    n = 240
    src = tmp_path / "docs.jsonl"
    _jsonl(src, n, 1)
    db = tmp_path / "crash.db"
    proc = _run(db, src, 2, 0.02, start_new_session=True)
    deadline = time.monotonic() + 20
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = _state(db)["documents"]
        except sqlite3.Error:
            continue
        if stored >= 40:
            break
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    mid = _state(db)
    assert 0 < mid["documents"] < n
    assert mid["documents"] == mid["analyses"] == mid["fts"] and mid["orphans"] == 0
    rerun = _run(db, src, 1, 0.0)
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    added, already, dups = map(int, out.split())
    assert already == mid["documents"] and added == n - mid["documents"] and dups == 0
    end = _state(db)
    assert end["documents"] == end["distinct"] == end["analyses"] == end["fts"] == end["stories"] == n
    assert end["dirty"] == ("0",)


def test_two_ingests_at_once(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _jsonl(a, 30, 2)
    _jsonl(b, 30, 3)
    db = tmp_path / "both.db"
    p1, p2 = _run(db, a, 1, 0.005), _run(db, b, 1, 0.005)
    for p in (p1, p2):
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    end = _state(db)
    assert end["documents"] == end["analyses"] == 60 and end["dirty"] == ("0",)
