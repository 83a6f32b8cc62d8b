"""Inputs bounded where they enter (issue 19, defects 1, 2 for feeds, 3, 4, 5, 8 and 11 for folders):
special files are refused before anything is read, the bytes actually read are counted, JSON Lines,
JSON arrays and feeds are streamed item by item (memory flat in the file's size), every item is held
to --max-size, JSON nesting is bounded, and every skip is reported. All inputs are generated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from marsad.corpus.readers import ReadProblem, iter_documents
from marsad.schema import Document

REPO = Path(__file__).resolve().parents[2]
GOOD = "قال وزير الخارجية إن المحادثات بناءة وستستأنف الأسبوع المقبل في عمان."
DRIVER = REPO / "tests" / "reliability" / "_driver.py"  # the real CLI with a light pipeline


def line(i: int, **extra) -> str:
    return json.dumps({"id": f"d{i}", "text": f"{GOOD} رقم {i}", **extra}, ensure_ascii=False)


def read(paths, **kw) -> list:
    return list(iter_documents([str(p) for p in paths], **kw))


def problems(items) -> list[ReadProblem]:
    return [x for x in items if isinstance(x, ReadProblem)]


def docs(items) -> list[Document]:
    return [x for x in items if isinstance(x, Document)]


def run_cli(args, tmp_path, input_bytes=None, timeout=60):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, str(DRIVER), *args], input=input_bytes, capture_output=True,
                          timeout=timeout, env=env, cwd=str(tmp_path))


def in_thread(fn, seconds: float = 10.0):
    """fn() in a thread: its result, or a failure when it hangs (a FIFO read would wait forever)."""
    out: dict = {}
    t = threading.Thread(target=lambda: out.setdefault("r", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "the read hangs"
    return out["r"]


# ---- 1. devices, read without bound before ------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_directly_and_through_a_link_in_a_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.jsonl").symlink_to("/dev/urandom")
    got = in_thread(lambda: read(["/dev/zero", folder]))
    why = {Path(p.path).name: p.reason for p in problems(got)}
    assert set(why) == {"zero", "zero.txt", "random.jsonl"}
    assert all("character device" in r and "not a regular file" in r for r in why.values())
    assert [d.id for d in docs(got)] == ["a"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_cli_refuses_a_device_in_one_line(tmp_path):
    r = run_cli(["analyze", "/dev/zero", "--format", "json"], tmp_path, timeout=30)
    err = r.stderr.decode()
    assert r.returncode == 1 and "character device" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_the_bytes_read_are_counted_not_the_reported_size(tmp_path, monkeypatch):
    # a file whose size the system reports as small (as /proc files and devices do) is still read
    # only up to the limit
    p = tmp_path / "grows.txt"
    p.write_text("كلمة " * 30_000, encoding="utf-8")  # 270 KB
    real_stat = os.stat

    class Small:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(os, "stat", lambda path, *a, **k: Small(real_stat(path, *a, **k)))
    [problem] = read([p], max_bytes=100_000)
    assert isinstance(problem, ReadProblem) and "over the 0.1 MB limit" in problem.reason


# ---- 4. FIFOs, which hung forever -----------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_directly_and_in_a_folder(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "feed.jsonl")
    (folder / "link.txt").symlink_to(tmp_path / "pipe.txt")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    got = in_thread(lambda: read([tmp_path / "pipe.txt", folder]))
    assert [d.id for d in docs(got)] == ["b"]
    assert len(problems(got)) == 3 and all("FIFO" in p.reason for p in problems(got))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_ingest_of_a_folder_with_a_fifo_finishes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli(["ingest", str(folder), "--db", str(tmp_path / "s.db"), "--workers", "1", "--quiet"], tmp_path)
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1 and "added 1," in out and "FIFO" in out and "Traceback" not in err


# ---- 3. JSON nested 1,000 levels deep -------------------------------------------------------------

def test_a_deeply_nested_jsonl_line_is_skipped_alone(tmp_path):
    p = tmp_path / "dump.jsonl"
    deep = '{"text": "قال", "x": ' + "[" * 1000 + "]" * 1000 + "}"
    p.write_text("\n".join([line(1), deep, line(2), "[" * 100_000]) + "\n", encoding="utf-8")
    got = read([p])
    assert [d.id for d in docs(got)] == ["d1", "d2"]
    assert [(x.line, "levels deep" in x.reason) for x in problems(got)] == [(2, True), (4, True)]


def test_a_deeply_nested_item_of_a_json_array_is_skipped_alone(tmp_path):
    p = tmp_path / "dump.json"
    deep = '{"text": "x", "x": ' + "[" * 1000 + "]" * 1000 + "}"
    p.write_text("[" + ", ".join([line(1), deep, line(2)]) + "]", encoding="utf-8")
    got = read([p])
    assert [d.id for d in docs(got)] == ["d1", "d2"]
    [bad] = problems(got)
    assert "item 2" in bad.reason and "levels deep" in bad.reason
    # one deep object alone
    q = tmp_path / "one.json"
    q.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    [bad] = read([q])
    assert "levels deep" in bad.reason


def test_ingest_keeps_the_rest_of_the_file_and_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    deep = '{"text": "قال", "x": ' + "[" * 1000 + "]" * 1000 + "}"
    (folder / "a.jsonl").write_text("\n".join([line(1), deep, line(2)]) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(GOOD + " وأضاف.", encoding="utf-8")
    cmd = ["ingest", str(folder), "--db", str(tmp_path / "s.db"), "--workers", "1", "--quiet"]
    for _ in range(2):  # a rerun does not crash at the same point either
        r = run_cli(cmd, tmp_path)
        assert r.returncode == 1 and "Traceback" not in r.stderr.decode(), r.stderr.decode()
        assert "levels deep" in r.stdout.decode()
    assert "added 0," in r.stdout.decode() and "already stored 3" in r.stdout.decode()


# ---- 5. JSON Lines on standard input, cut at 4 x --max-size before ------------------------------

def test_jsonl_on_stdin_is_read_to_its_end(tmp_path):
    data = ("\n".join(line(i) for i in range(3000)) + "\n").encode("utf-8")
    assert len(data) > 4 * 100_000
    r = run_cli(["ingest", "-", "--db", str(tmp_path / "s.db"), "--max-size", "0.1", "--workers", "1", "--quiet"],
                tmp_path, input_bytes=data, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert "added 3000," in r.stdout.decode()


def test_text_on_stdin_over_the_limit_is_refused_with_a_message(tmp_path):
    data = ("كلمة " * 50_000).encode("utf-8")
    r = run_cli(["analyze", "-", "--max-size", "0.1"], tmp_path, input_bytes=data)
    err = r.stderr.decode()
    assert r.returncode == 1 and "<stdin>: input is over the 0.1 MB limit" in err and "Traceback" not in err


# ---- 8. streaming: memory flat in the file's size ------------------------------------------------

_MEASURE = r"""
import sys
from marsad.corpus.readers import ReadProblem, iter_documents

def peak_kb():  # VmHWM: this process's peak since its exec (ru_maxrss would count the parent's)
    with open("/proc/self/status") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith("VmHWM:"))

base = peak_kb()
n = p = 0
for x in iter_documents(sys.argv[1:], max_bytes=1_000_000):
    if isinstance(x, ReadProblem):
        p += 1
    else:
        n += 1
print(n, p, (peak_kb() - base) // 1024)
"""


def _grown_mb(paths) -> tuple[int, int, int]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, paths)], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    n, p, mb = map(int, r.stdout.split())
    return n, p, mb


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc/self/status")
def test_jsonl_json_and_feeds_are_streamed(tmp_path):
    body = GOOD * 10
    n = 12_000  # about 20 MB a file
    with open(tmp_path / "big.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"l{i}", "text": body}, ensure_ascii=False) + "\n")
    with open(tmp_path / "big.json", "w", encoding="utf-8") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps({"id": f"j{i}", "text": body + ' "x" \\ ]'}, ensure_ascii=i % 2 == 0)
                            for i in range(n)))
        fh.write("\n]\n")
    with open(tmp_path / "big.rss", "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>وكالة</title>')
        for i in range(n):
            fh.write(f"<item><title>خبر {i}</title><link>https://example.org/{i}</link>"
                     f"<description><![CDATA[<p>{body}</p>]]></description></item>\n")
        fh.write("</channel></rss>")
    for name in ("big.jsonl", "big.json", "big.rss"):
        size_mb = (tmp_path / name).stat().st_size / 1e6
        assert size_mb > 15
        docs_read, bad, grown = _grown_mb([tmp_path / name])
        assert (docs_read, bad) == (n, 0), name
        assert grown < 12, f"{name}: {grown} MB more memory for a {size_mb:.0f} MB file"


def test_a_large_feed_gives_the_same_documents_as_a_small_one(tmp_path):
    items = "".join(
        f'<entry><title>قمة {i}</title><link rel="alternate" href="https://example.org/{i}"/><id>tag:{i}</id>'
        f'<published>2024-03-07T08:00:00Z</published><content type="html">&lt;p&gt;{GOOD} {i}&lt;/p&gt;</content></entry>'
        for i in range(400))
    p = tmp_path / "f.atom"
    p.write_text(f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>صحيفة</title>{items}</feed>',
                 encoding="utf-8")
    whole = read([p], max_bytes=10_000_000)
    streamed = read([p], max_bytes=50_000)  # the file is over the limit: streamed
    assert len(whole) == 400 and [d.model_dump() for d in whole] == [d.model_dump() for d in streamed]


def test_a_broken_large_feed_keeps_the_items_before_the_break(tmp_path):
    items = "".join(f"<item><title>خبر {i}</title><description>{GOOD} {i}</description></item>" for i in range(300))
    p = tmp_path / "f.rss"
    p.write_text(f"<rss><channel>{items}<item><title>كسر</title></channel></rss>", encoding="utf-8")
    got = read([p], max_bytes=20_000)
    assert len(docs(got)) == 300
    [bad] = problems(got)
    assert "not a readable RSS/Atom feed" in bad.reason


# ---- 2. feed items held to --max-size ---------------------------------------------------------

def test_a_feed_item_over_the_limit_is_refused(tmp_path):
    big = "كلمة " * 250_000  # 2.25 MB
    p = tmp_path / "f.rss"
    p.write_text(f"<rss><channel><title>وكالة</title><item><title>خبر</title><description>{GOOD}</description></item>"
                 f"<item><title>كبير</title><description>{big}</description></item></channel></rss>", encoding="utf-8")
    got = read([p], max_bytes=1_000_000)
    assert len(docs(got)) == 1
    [bad] = problems(got)
    assert bad.line == 2 and "over the 1 MB limit" in bad.reason


def test_a_jsonl_line_over_the_limit_is_skipped_without_holding_it(tmp_path):
    p = tmp_path / "d.jsonl"
    huge = json.dumps({"id": "huge", "text": "كلمة " * 800_000}, ensure_ascii=False)  # 7.2 MB: over 6 x 1 MB
    p.write_text("\n".join([line(1), huge, line(2)]), encoding="utf-8")
    got = read([p], max_bytes=1_000_000)
    assert [d.id for d in docs(got)] == ["d1", "d2"]
    [bad] = problems(got)
    assert bad.line == 2 and "over the 1 MB limit" in bad.reason


# ---- 11. an unreadable subfolder, skipped silently before -----------------------------------------

def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(GOOD, encoding="utf-8")
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    (folder / "link").symlink_to(tmp_path)
    locked = str(folder / "locked")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == locked:  # (chmod 000 does not stop root)
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = read([folder])
    assert [d.id for d in docs(got)] == ["ok"]
    why = {Path(p.path).name: p.reason for p in problems(got)}
    assert why == {"locked": "cannot read the folder (Permission denied)", "link": "a link to a folder: not followed"}
