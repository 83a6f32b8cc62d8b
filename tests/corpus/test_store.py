import sqlite3

import pytest

from marsad.corpus import store as store_mod
from marsad.corpus.store import SCHEMA_VERSION, DocRecord, Store, snippet, stem
from marsad.errors import InputError, StoreError


def test_new_store_has_schema_version_and_wal(tmp_path):
    st = Store.open(tmp_path / "s.db")
    assert st.version == SCHEMA_VERSION >= 1
    assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    for t in ("documents", "analyses", "entities", "mentions", "events", "event_args", "quotes", "event_links",
              "stories", "documents_fts"):
        assert t in tables
    st.close()
    assert Store.open(tmp_path / "s.db").version == SCHEMA_VERSION  # reopening migrates nothing


def test_migrations_run_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + ["CREATE TABLE extra (x INTEGER);"])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    st = Store.open(tmp_path / "m.db")
    assert st.version == SCHEMA_VERSION + 1
    st.conn.execute("SELECT * FROM extra")
    st.close()


def test_newer_store_is_refused(tmp_path):
    p = tmp_path / "n.db"
    Store.open(p).close()
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(p)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None])
def test_bad_store_files(tmp_path, content):
    p = tmp_path / "bad.db"
    if content is None:
        conn = sqlite3.connect(p)
        conn.execute("CREATE TABLE other (x)")
        conn.close()
    else:
        p.write_bytes(content)
    with pytest.raises(StoreError):
        Store.open(p)
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)


def test_busy_store_gives_a_clear_error(tmp_path, monkeypatch):
    p = tmp_path / "busy.db"
    st = Store.open(p)
    other = sqlite3.connect(p, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_S", 0.3)
    waits = []
    st.on_wait = waits.append
    with pytest.raises(StoreError, match="busy"):
        with st.transaction():
            pass
    assert waits and "another marsad process" in waits[0]
    other.execute("ROLLBACK")
    with st.transaction():
        pass
    st.close()


def test_add_batch_is_atomic_and_idempotent(tmp_path):
    st = Store.open(tmp_path / "a.db")
    rec = DocRecord(id="d1", text="نص عربي", content_hash="h1")
    assert st.add_batch([(rec, None)]) == ["d1"]
    assert st.add_batch([(rec, None)]) == []
    bad = DocRecord(id="d2", text=None, content_hash="h2")  # NOT NULL text: the whole batch rolls back
    with pytest.raises(sqlite3.IntegrityError):
        st.add_batch([(DocRecord(id="d3", text="نص", content_hash="h3"), None), (bad, None)])
    assert [r[0] for r in st.conn.execute("SELECT id FROM documents")] == ["d1"]
    st.close()


def test_search_folds_query_and_text(store):
    hits = store.search("السعوديه")
    assert hits and {"announce", "followup"} <= {h["id"] for h in hits}
    # alef and ta marbuta variants, diacritics, and a proclitic on the query
    assert {h["id"] for h in store.search("والكهرباء")} >= {"agency-okaz"}
    assert {h["id"] for h in store.search("أسعار النفط")} == {"oil"}
    h = store.search("الهلال")[0]
    assert "[الهلال]" in h["snippet"]
    assert store.search("كلمةغيرموجودة") == []
    with pytest.raises(InputError):
        store.search("!!!")


def test_snippet_maps_back_to_original():
    text = "قالَ الوزيرُ إنّ المحادثاتِ مثمرةٌ"
    assert "[المحادثاتِ]" in snippet(text, ["المحادثات"])


def test_stem():
    assert stem("والكهرباء") == "كهرباء" and stem("بلد") == "بلد"
