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


# ---- event days (schema version 3) ----------------------------------------------------------------

def _old_days(value, published):
    """The days exactly as the web layer computed them per row before version 3 (SQL functions
    ``marsad_day`` / ``marsad_day_end``): the oracle for the stored columns."""
    from marsad.corpus.crossdoc import date_interval

    iv = date_interval(value, published) if value else None
    if iv is None and published:
        iv = date_interval(published[:10])
    return (iv[0].isoformat(), iv[1].isoformat()) if iv else (None, None)


# (document published, event date, the (day, day_end) it covers)
DAY_CASES = [
    ("2024-03-07", "2024-03-05", ("2024-03-05", "2024-03-05")),
    ("2024-03-07", "2024-03-05TEV", ("2024-03-05", "2024-03-05")),
    ("2024-03-07", "2024-02", ("2024-02-01", "2024-02-29")),
    ("2024-03-07", "2024-W10", ("2024-03-04", "2024-03-10")),
    ("2024-03-07", "2024", ("2024-01-01", "2024-12-31")),
    ("2024-03-07", "PRESENT_REF", ("2024-03-07", "2024-03-07")),
    ("2024-03-07", None, ("2024-03-07", "2024-03-07")),        # undated: the report's day
    ("2024-03-07", "XXXX-10", ("2024-03-07", "2024-03-07")),   # no day in the value: the report's day
    ("2024-03-07T22:10:00Z", "2024-13-01", ("2024-03-07", "2024-03-07")),
    (None, "2023-12", ("2023-12-01", "2023-12-31")),
    (None, "PRESENT_REF", (None, None)),
    (None, None, (None, None)),
]


def _day_items():
    """One analysed document per publication date, one event per case."""
    by_pub: dict = {}
    for pub, value, _ in DAY_CASES:
        by_pub.setdefault(pub, []).append(value)
    items = []
    for n, (pub, values) in enumerate(by_pub.items()):
        doc_id, text = f"d{n}", f"نص رقم {n}"
        analysis = {"document": {"id": doc_id, "text": text}, "sentences": [], "entities": [], "quotes": [],
                    "events": [{"id": f"e{i}", "type": "CONSULT", "status": "occurred", "date": v}
                               for i, v in enumerate(values)]}
        items.append((DocRecord(id=doc_id, text=text, content_hash=f"h{n}", published=pub), analysis))
    return items


def _stored_days(st) -> dict:
    return {(pub, value): (day, end) for pub, value, day, end in st.conn.execute(
        "SELECT d.published, e.date, e.day, e.day_end FROM events e JOIN documents d ON d.id = e.doc_id")}


def test_event_days_are_stored_with_the_events(tmp_path):
    st = Store.open(tmp_path / "days.db")
    st.add_batch(_day_items())
    stored = _stored_days(st)
    assert len(stored) == len(DAY_CASES)
    for pub, value, expected in DAY_CASES:
        assert stored[(pub, value)] == expected == _old_days(value, pub), (pub, value)
    st.close()


def test_version_2_store_migrates_and_backfills_the_days(tmp_path, monkeypatch):
    p = tmp_path / "v2.db"
    with monkeypatch.context() as m:  # a store as Marsad wrote it at schema version 2
        m.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:2])
        m.setattr(store_mod, "SCHEMA_VERSION", 2)
        st = Store.open(p)
        assert st.version == 2
        with st.transaction() as conn:
            for n, (pub, value, _) in enumerate(DAY_CASES):
                conn.execute("INSERT INTO documents (id, content_hash, text, status, published, added)"
                             " VALUES (?,?,?,?,?,?)", (f"d{n}", f"h{n}", "نص", "analysed", pub, "now"))
                conn.execute("INSERT INTO events (doc_id, event_id, type, status, date) VALUES (?,?,?,?,?)",
                             (f"d{n}", "e1", "CONSULT", "occurred", value))
                conn.execute("INSERT INTO event_links (id, type, date, status, first_published) VALUES (?,?,?,?,?)",
                             (f"ev-{n}", "CONSULT", value, "occurred", pub))
        st.close()
    st = Store.open(p)
    assert st.version == SCHEMA_VERSION >= 3
    stored = _stored_days(st)
    links = {(pub, value): (day, end) for pub, value, day, end in st.conn.execute(
        "SELECT first_published, date, day, day_end FROM event_links")}
    for pub, value, expected in DAY_CASES:
        assert stored[(pub, value)] == links[(pub, value)] == expected == _old_days(value, pub), (pub, value)
    indexes = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_day", "events_day_order", "event_links_day"} <= indexes
    # the new columns are written from then on
    st.add_batch(_day_items()[:1])
    assert st.conn.execute("SELECT count(*) FROM events WHERE day IS NULL AND doc_id = 'd0'").fetchone()[0] == 0
    st.close()


def test_a_migration_step_can_be_a_function(tmp_path, monkeypatch):
    def step(conn):
        conn.execute("CREATE TABLE extra (x INTEGER)")
        conn.execute("INSERT INTO extra VALUES (?)", (len(conn.execute("SELECT * FROM documents").fetchall()),))

    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + [step])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    st = Store.open(tmp_path / "f.db")
    assert st.version == SCHEMA_VERSION + 1 and st.conn.execute("SELECT x FROM extra").fetchone() == (0,)
    st.close()


def test_a_failing_migration_step_changes_nothing(tmp_path, monkeypatch):
    p = tmp_path / "g.db"
    Store.open(p).close()

    def step(conn):
        conn.execute("CREATE TABLE extra (x INTEGER)")
        raise sqlite3.OperationalError("step failed")

    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + ["CREATE TABLE first (x);", step])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 2)
    with pytest.raises(StoreError, match="step failed"):
        Store.open(p)
    conn = sqlite3.connect(p)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION and not {"first", "extra"} & names
    conn.close()


def test_wal_switch_retries_while_another_process_holds_the_file():
    import sqlite3 as _sqlite3

    from marsad.corpus import store as store_mod

    class Conn:
        calls = 0

        def execute(self, sql):
            Conn.calls += 1
            if Conn.calls < 3:  # two ingests creating one store: the first tries find it locked
                raise _sqlite3.OperationalError("database is locked")

    store_mod._enable_wal(Conn(), "x.db")
    assert Conn.calls == 3

    class ReadOnly:
        def execute(self, sql):
            raise _sqlite3.OperationalError("attempt to write a readonly database")

    with pytest.raises(store_mod.StoreError, match="cannot open the store for writing"):
        store_mod._enable_wal(ReadOnly(), "x.db")


# ---- actor codes (schema version 4) --------------------------------------------------------------

def _coded_analysis(doc_id: str, phrase: str, sector: str | None, code: str | None) -> dict:
    text = f"قالت {phrase} إنها اعتقلت مسلحين."
    start = text.index(phrase)
    return {"document": {"id": doc_id, "text": text}, "sentences": [], "quotes": [], "events": [],
            "entities": [{"id": "A:IRQ:COP", "kind": "ORG", "name_ar": phrase, "country": "IRQ", "sector": sector,
                          "cameo_actor": code, "mentions": [{"start": start, "end": start + len(phrase),
                                                             "text": phrase}]}]}


def _as_version_3(path) -> None:
    """The store at ``path`` as Marsad wrote it at version 3: no code columns."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX entities_cameo")
    conn.execute("DROP INDEX event_args_local")
    conn.execute("DROP INDEX events_day_order_desc")
    for table in ("doc_entities", "entities"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN sector")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN cameo_actor")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_actor_codes_are_stored_with_the_entities(tmp_path):
    st = Store.open(tmp_path / "codes.db")
    st.add_batch([(DocRecord(id="d1", text="x", content_hash="h1"),
                   _coded_analysis("d1", "الشرطة العراقية", "COP", "IRQ COP"))])
    assert st.conn.execute("SELECT sector, cameo_actor FROM doc_entities").fetchall() == [("COP", "IRQ COP")]
    st.close()


def test_version_3_store_reads_and_then_migrates_with_the_codes(tmp_path):
    p = tmp_path / "v3.db"
    st = Store.open(p)
    st.add_batch([(DocRecord(id="d1", text="x", content_hash="h1", published="2024-05-01"),
                   _coded_analysis("d1", "الشرطة العراقية", "COP", "IRQ COP"))])
    st.set_meta("crossdoc_dirty", "0")
    st.close()
    _as_version_3(p)
    # an older store still opens read-only and reads (the web layer serves it: tests/web/test_days.py)
    ro = Store.open(p, create=False, readonly=True)
    assert ro.version == 3
    assert ro.conn.execute("SELECT local_id, name_ar FROM doc_entities").fetchall() == [("A:IRQ:COP", "الشرطة العراقية")]
    assert ro.analysis("d1")["entities"][0]["cameo_actor"] == "IRQ COP"
    ro.close()
    # opened for writing: migrated, the codes taken from the stored Analysis, a rebuild due
    st = Store.open(p)
    assert st.version == SCHEMA_VERSION >= 4
    assert st.conn.execute("SELECT sector, cameo_actor FROM doc_entities").fetchall() == [("COP", "IRQ COP")]
    assert st.get_meta("crossdoc_dirty") == "1"
    st.close()
