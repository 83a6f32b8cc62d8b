"""The store never modifies a file it has not recognised as a Marsad store, and a store that cannot
be written (a read-only folder) can still be read and served (issue 19, defect 10)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.corpus.store import Store
from marsad.errors import StoreError

ARTICLE = "قال وزير الخارجية إن المحادثات في الرياض بناءة وستستأنف الأسبوع المقبل."


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def foreign_file(p: Path, version: int = 0, tables=("meta",)) -> Path:
    conn = sqlite3.connect(p)
    for t in tables:
        conn.execute(f"CREATE TABLE {t} (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('owner', 'another program')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return p


@pytest.mark.parametrize("version,tables", [(0, ("meta",)), (0, ("meta", "documents")), (2, ("meta",)),
                                            (3, ("meta", "settings")), (9, ("meta",))])
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path, capsys, version, tables):
    p = foreign_file(tmp_path / "other.db", version, tables)
    before = digest(p)
    with pytest.raises(StoreError, match="not a Marsad store"):
        Store.open(p)
    code = main(["ingest", str(tmp_path / "none.txt"), "--db", str(p)])
    err = capsys.readouterr().err
    assert code == 1 and "not a Marsad store" in err and "Traceback" not in err
    assert digest(p) == before  # not switched to WAL, not migrated
    assert not Path(f"{p}-wal").exists() and not Path(f"{p}-shm").exists()
    conn = sqlite3.connect(p)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with pytest.raises(StoreError, match="not a Marsad store"):
        Store.open(p, create=False, readonly=True)


@pytest.fixture
def stored(tmp_path):
    """A store with one document in it, closed (no -wal or -shm left)."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "ro" / "news.db"
    db.parent.mkdir()
    assert main(["ingest", str(src), "--db", str(db), "--quiet", "--workers", "1"]) == 0
    assert not Path(f"{db}-wal").exists()
    return db


def _folder_not_writable(monkeypatch, folder: Path) -> None:
    """os.access as a user without write permission on ``folder`` sees it (chmod does not stop root)."""
    real = os.access

    def access(path, mode, *a, **k):
        if mode & os.W_OK and Path(path).resolve() in (folder.resolve(), *folder.resolve().iterdir()):
            return False
        return real(path, mode, *a, **k)

    monkeypatch.setattr(os, "access", access)


def test_a_store_in_a_read_only_folder_is_read_without_touching_it(stored, monkeypatch, capsys):
    capsys.readouterr()
    before = digest(stored)
    _folder_not_writable(monkeypatch, stored.parent)
    assert main(["search", "المحادثات", "--db", str(stored)]) == 0
    assert "المحادثات" in capsys.readouterr().out
    assert main(["stories", "--db", str(stored)]) == 0
    # opened by SQLite as immutable: no -shm or -wal created, not a byte changed
    assert sorted(x.name for x in stored.parent.iterdir()) == ["news.db"]
    assert digest(stored) == before
    store = Store.open(stored, create=False, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM documents")
    finally:
        store.close()


def test_a_store_in_a_read_only_folder_is_served(stored, monkeypatch):
    from fastapi.testclient import TestClient

    from marsad.web import queries
    from marsad.web.app import create_app

    before = digest(stored)
    _folder_not_writable(monkeypatch, stored.parent)
    seen = []  # the folder while a request has the store open: SQLite must not need to write there
    stats = queries.Queries.stats
    monkeypatch.setattr(queries.Queries, "stats",
                        lambda self: seen.append(sorted(os.listdir(stored.parent))) or stats(self))
    client = TestClient(create_app(str(stored)))
    r = client.get("/api/stats")
    assert r.status_code == 200 and r.json()["documents"] == 1
    assert seen == [["news.db"]]
    assert client.get("/api/search", params={"q": "المحادثات"}).json()["total"] == 1
    assert sorted(x.name for x in stored.parent.iterdir()) == ["news.db"] and digest(stored) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes any folder")
def test_a_really_read_only_folder(stored, capsys):
    stored.parent.chmod(0o555)
    try:
        assert main(["search", "المحادثات", "--db", str(stored)]) == 0
    finally:
        stored.parent.chmod(0o755)
