"""The corpus store: one SQLite file (WAL mode) holding documents, their Analyses and the
cross-document layer (entities, event links, stories).

Schema versions are counted by ``PRAGMA user_version``; :data:`MIGRATIONS` lists the steps from one
version to the next and :meth:`Store.open` applies the missing ones, all in one transaction, when it
opens a store for writing (a store opened read-only is never migrated). A step is an SQL script or,
when it needs Python (a backfill computed by Marsad's own functions, such as version 3's event days),
a function given the connection: it runs inside that transaction and must not commit, so a failing
step leaves the store as it was. Writes happen one batch of documents per transaction
(``BEGIN IMMEDIATE``), so an interrupted ingest leaves every batch either fully stored or absent. A
second writer waits (``busy_timeout``); when it has waited too long it raises :class:`StoreError`
with a clear message.

Nothing in a file is changed before it is recognised as a Marsad store (:func:`recognise`: its schema
version and its tables, read in one snapshot): an SQLite file of another program is refused as it
is, never switched to WAL or migrated. A store opened read-only is opened by SQLite read-only
(``mode=ro``) and, when its folder cannot be written (so that SQLite could not create the ``-shm``
file a WAL store needs), as immutable: a store in a read-only folder can still be read and served.

Tables
- documents: one row per stored document; ``duplicate_of`` links a duplicate to its original
  (``duplicate_kind`` exact or near) and a duplicate has no analysis; ``minhash`` and ``terms``
  (since version 2) keep what near-duplicate search and story similarity need.
- analyses: the Analysis JSON of each analysed document (the contract, as ``marsad analyze`` prints).
- doc_entities / mentions / events / event_args / quotes: the Analysis flattened for queries; ids
  are document-local (``doc_entities.entity_id`` is the corpus-wide id set by cross-document
  resolution). ``events.day``/``day_end`` (since version 3): the first and last day (ISO
  ``yyyy-mm-dd``, NULL when unknown) the event's date covers, else its document's publication day
  (:func:`marsad.corpus.crossdoc.covered_days`), written with the event and indexed for the web
  layer's date filters and sorting.
- entities: corpus-wide entities; event_links + event_link_members: event coreference;
  stories + story_documents: stories. These are rebuilt by :mod:`marsad.corpus.crossdoc` from the
  rows above (``meta.crossdoc_dirty`` says a rebuild is due); ``event_links.day``/``day_end`` are
  the days of the link's date, else of its first publication date.
- documents_fts: FTS5 index over folded text (:func:`marsad.text.normalize.fold`).
- doc_entities.sector / cameo_actor and entities.sector / cameo_actor (since version 4): the CAMEO
  agent (sector) code of an actor (GOV, MIL, COP, REB, MED …) and its CAMEO actor code (country or IGO
  code plus sector: ``IRQ COP``), as the Analysis gives them; NULL when unknown. A store of an older
  version still opens and reads (read-only, the web layer reads NULL for them); opened for writing it
  is migrated, the codes are taken from the stored Analyses, and the cross-document layer is marked
  for a rebuild (described actors merge by their code, :mod:`marsad.corpus.crossdoc`).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from marsad.errors import InputError, StoreError
from marsad.text.normalize import fold, normalize, normalized_text

DEFAULT_DB = "marsad.db"
BUSY_TIMEOUT_S = 60.0

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, published TEXT, published_source TEXT, url TEXT, source TEXT, language TEXT,
    text TEXT NOT NULL,
    status TEXT NOT NULL,            -- analysed | duplicate | failed
    duplicate_of TEXT,               -- id of the original document
    duplicate_kind TEXT,             -- exact | near
    similarity REAL,
    problem TEXT,                    -- why analysis failed
    n_shingles INTEGER,
    minhash BLOB,
    added TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_dup ON documents(duplicate_of);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE analyses (doc_id TEXT PRIMARY KEY, json TEXT NOT NULL, marsad_version TEXT);
CREATE TABLE doc_entities (
    doc_id TEXT NOT NULL, local_id TEXT NOT NULL, entity_id TEXT,
    kind TEXT, name_en TEXT, name_ar TEXT, country TEXT, wikidata TEXT, in_kb INTEGER, roles TEXT,
    n_mentions INTEGER,
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL, local_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, via TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE TABLE events (
    doc_id TEXT NOT NULL, event_id TEXT NOT NULL,
    type TEXT, mode TEXT, cameo TEXT, date TEXT, status TEXT, location TEXT,
    sentence INTEGER, sentence_text TEXT, trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    confidence REAL, summary_en TEXT, context TEXT,
    PRIMARY KEY (doc_id, event_id)
);
CREATE TABLE event_args (doc_id TEXT NOT NULL, event_id TEXT NOT NULL, role TEXT NOT NULL, local_id TEXT NOT NULL);
CREATE INDEX event_args_event ON event_args(doc_id, event_id);
CREATE TABLE quotes (
    doc_id TEXT NOT NULL, n INTEGER NOT NULL, speaker TEXT, speaker_text TEXT, cue TEXT, text TEXT,
    start INTEGER, "end" INTEGER, direct INTEGER,
    PRIMARY KEY (doc_id, n)
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, kind TEXT, name_en TEXT, name_ar TEXT, country TEXT, wikidata TEXT,
    in_kb INTEGER, folded_ar TEXT, folded_en TEXT, n_documents INTEGER, n_mentions INTEGER
);
CREATE TABLE event_links (
    id TEXT PRIMARY KEY, type TEXT, family TEXT, date TEXT, status TEXT,
    first_published TEXT, last_published TEXT, n_documents INTEGER, status_history TEXT
);
CREATE TABLE event_link_members (
    link_id TEXT NOT NULL, doc_id TEXT NOT NULL, event_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX event_link_members_link ON event_link_members(link_id);
CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, first_date TEXT, last_date TEXT, n_documents INTEGER);
CREATE TABLE story_documents (story_id TEXT NOT NULL, doc_id TEXT PRIMARY KEY);
CREATE INDEX story_documents_story ON story_documents(story_id);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    doc_id UNINDEXED, body, stems, tokenize = 'unicode61 remove_diacritics 0'
);
"""

# Version 2: each original's content words, computed once at ingest, for story similarity.
_V2 = """
ALTER TABLE documents ADD COLUMN terms TEXT;  -- JSON {word: count}: folded, proclitic-stripped words
"""

# Version 3: the days each event and event link covers, stored so that date filters and the date sort
# use plain indexed columns instead of computing them per row.
_V3 = """
ALTER TABLE events ADD COLUMN day TEXT;          -- first day covered (yyyy-mm-dd), NULL when unknown
ALTER TABLE events ADD COLUMN day_end TEXT;      -- last day covered
ALTER TABLE event_links ADD COLUMN day TEXT;
ALTER TABLE event_links ADD COLUMN day_end TEXT;
CREATE INDEX events_day ON events(day, day_end);                   -- date filters (since, until)
CREATE INDEX events_day_order ON events((day IS NULL), day);       -- the date sort, undated events last
CREATE INDEX event_links_day ON event_links(day, day_end);
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Version 3: the day columns, filled in for the events and event links already stored."""
    from marsad.corpus.crossdoc import covered_days

    _run_script(conn, _V3)
    conn.executemany("UPDATE events SET day = ?, day_end = ? WHERE rowid = ?", [
        (*covered_days(value, published), rowid) for rowid, value, published in conn.execute(
            "SELECT e.rowid, e.date, d.published FROM events e LEFT JOIN documents d ON d.id = e.doc_id").fetchall()])
    conn.executemany("UPDATE event_links SET day = ?, day_end = ? WHERE rowid = ?", [
        (*covered_days(value, published), rowid) for rowid, value, published in conn.execute(
            "SELECT rowid, date, first_published FROM event_links").fetchall()])


# Version 4: the sector (CAMEO agent code) and CAMEO actor code of each actor, in the document and
# across documents; the indexes the web layer's country and sector filters use.
_V4 = """
ALTER TABLE doc_entities ADD COLUMN sector TEXT;        -- CAMEO agent code: GOV, MIL, COP, REB, MED …
ALTER TABLE doc_entities ADD COLUMN cameo_actor TEXT;   -- country (or IGO code) and sector, as IRQ COP
ALTER TABLE entities ADD COLUMN sector TEXT;
ALTER TABLE entities ADD COLUMN cameo_actor TEXT;
CREATE INDEX entities_cameo ON entities(cameo_actor);
CREATE INDEX event_args_local ON event_args(doc_id, local_id);
CREATE INDEX events_day_order_desc ON events((day IS NULL), day DESC);  -- newest first, undated last
"""


def _v4(conn: sqlite3.Connection) -> None:
    """Version 4: the code columns, filled in from the stored Analyses (which kept them whenever the
    pipeline gave them); the cross-document layer is rebuilt on next use, so described actors merge."""
    _run_script(conn, _V4)
    updates = []
    for doc_id, js in conn.execute("SELECT doc_id, json FROM analyses").fetchall():
        try:
            entities = json.loads(js).get("entities") or []
        except (ValueError, AttributeError):
            continue
        for ent in entities:
            if isinstance(ent, dict) and (ent.get("sector") or ent.get("cameo_actor")):
                updates.append((ent.get("sector"), ent.get("cameo_actor"), doc_id, ent.get("id")))
    conn.executemany("UPDATE doc_entities SET sector = ?, cameo_actor = ? WHERE doc_id = ? AND local_id = ?", updates)
    for column in ("sector", "cameo_actor"):  # the corpus-wide entities: their documents' most frequent value
        conn.execute(
            f"UPDATE entities SET {column} = (SELECT x.{column} FROM doc_entities x WHERE x.entity_id = entities.id"
            f" AND x.{column} IS NOT NULL GROUP BY x.{column} ORDER BY count(*) DESC, x.{column} LIMIT 1)")
    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('crossdoc_dirty', '1')")


# MIGRATIONS[i] takes a store from user_version i to i + 1: an SQL script, or a function that
# changes the store through the connection it is given (inside the migration transaction).
Migration = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [_V1, _V2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)

_WORD_RE = re.compile(r"[^\W_]+")
_PROCLITICS = sorted(
    ["وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك"],
    key=len, reverse=True,
)


def stem(word: str) -> str:
    """A folded word without its proclitics (و، ف، ب، ل، ك، ال …) when enough of it remains."""
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            return word[len(p):]
    return word


def stems(folded: str) -> str:
    return " ".join(stem(w) for w in _WORD_RE.findall(folded))


def explain(exc: sqlite3.Error) -> str:
    """What an SQLite error means for someone running Marsad, in words (one line)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL" or name.startswith("SQLITE_IOERR"):
        return (f"cannot write ({exc}): the disk is full or the file is over its size limit; every batch "
                "stored before is complete — free some space and run the same command again")
    if name.startswith("SQLITE_READONLY"):
        return f"the store is read-only ({exc}): no permission to write it or its folder"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"cannot open the store ({exc}): no permission, or its folder is not writable"
    return str(exc)


def write_problem(p: str | os.PathLike) -> str | None:
    """Why the store at ``p`` cannot be written (checked before opening, so nothing is touched)."""
    p = Path(p)
    if p.exists() and not os.access(p, os.W_OK):
        return "the store file is read-only (no permission to write it); nothing was changed"
    folder = p.parent if str(p.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        side = [Path(f"{p}-wal"), Path(f"{p}-shm")]
        if not p.exists() or not all(s.exists() and os.access(s, os.W_OK) for s in side):
            return (f"folder {folder} is not writable (the store keeps its -wal and -shm files beside it); "
                    "nothing was changed")
    return None


def default_db_path() -> str:
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class DocRecord:
    """A document as the store keeps it (the Document plus what deduplication found)."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    published: str | None = None
    published_source: str | None = "unknown"
    url: str | None = None
    source: str | None = None
    language: str | None = "ar"
    status: str = "analysed"
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    problem: str | None = None
    n_shingles: int | None = None
    minhash: bytes | None = None
    folded: str | None = None  # the normalized text, when already computed (not stored)


class AnalysisRows(NamedTuple):
    """One document's Analysis flattened into the store's rows, ready for :meth:`Store.add_batch`.

    :func:`analysis_rows` builds it wherever the Analysis is made (an analysis worker), so the one
    writer of the store only inserts; it pickles as a tuple of strings and tuples, far cheaper to send
    and receive than the Analysis dict. ``json`` is None when there is no analysis (it failed): the
    document's text rows are still given."""

    json: str | None  # the Analysis JSON (the contract), None without an analysis
    published: str | None  # the document date as the Analysis has it (given or inferred)
    published_source: str | None
    terms: str | None  # story terms (JSON), None: computed by the store
    stems: str | None  # the full-text index's stems, None: computed by the store
    entities: tuple | list = ()  # doc_entities rows (each a tuple, in insertion order)
    mentions: tuple | list = ()
    events: tuple | list = ()
    event_args: tuple | list = ()
    quotes: tuple | list = ()


_BULK_SQL = {
    "documents": "INSERT INTO documents (id, content_hash, title, published, published_source, url, source,"
                 " language, text, status, duplicate_of, duplicate_kind, similarity, problem, n_shingles, minhash,"
                 " terms, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "fts": "INSERT INTO documents_fts (doc_id, body, stems) VALUES (?, ?, ?)",
    "analyses": "INSERT OR REPLACE INTO analyses (doc_id, json, marsad_version) VALUES (?, ?, ?)",
    "doc_entities": "INSERT OR REPLACE INTO doc_entities (doc_id, local_id, kind, name_en, name_ar, country,"
                    " wikidata, in_kb, roles, n_mentions, sector, cameo_actor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "mentions": 'INSERT INTO mentions (doc_id, local_id, start, "end", text, via) VALUES (?,?,?,?,?,?)',
    "events": "INSERT OR REPLACE INTO events (doc_id, event_id, type, mode, cameo, date, status, location,"
              " sentence, sentence_text, trigger_text, trigger_start, trigger_end, confidence, summary_en, context,"
              " day, day_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "event_args": "INSERT INTO event_args (doc_id, event_id, role, local_id) VALUES (?,?,?,?)",
    "quotes": 'INSERT OR REPLACE INTO quotes (doc_id, n, speaker, speaker_text, cue, text, start, "end", direct)'
              " VALUES (?,?,?,?,?,?,?,?,?)",
}


def terms_json(folded: str) -> str:
    """A document's story terms as the store keeps them (``documents.terms``)."""
    from marsad.corpus.stories import terms_of_folded

    return json.dumps(terms_of_folded(folded), ensure_ascii=False)


def analysis_rows(doc_id: str, analysis: dict | None, published: str | None = None,
                  folded: str | None = None) -> AnalysisRows:
    """The rows :meth:`Store.add_batch` writes for one document's Analysis (a dict, or None); with
    ``folded`` (its normalized text) the text rows too (story terms, full-text stems).
    ``published`` is the document's own date (an event's days fall back on it)."""
    from marsad.corpus.crossdoc import covered_days

    terms = terms_json(folded) if folded is not None else None
    stemmed = stems(folded) if folded is not None else None
    if analysis is None:
        return AnalysisRows(None, None, None, terms, stemmed)
    meta = analysis.get("document", {})
    if not published and meta.get("published"):
        published, source = meta["published"], meta.get("published_source", "inferred")
    else:
        source = None
    entities, mentions, events, event_args, quotes = [], [], [], [], []
    text = meta["text"]
    sentences = analysis.get("sentences") or []
    for ent in analysis.get("entities") or []:
        entities.append(
            (doc_id, ent["id"], ent.get("kind"), ent.get("name_en"), ent.get("name_ar"), ent.get("country"),
             ent.get("wikidata"), int(bool(ent.get("in_kb"))), json.dumps(ent.get("roles") or [], ensure_ascii=False),
             len(ent.get("mentions") or []), ent.get("sector"), ent.get("cameo_actor")))
        mentions += [(doc_id, ent["id"], m["start"], m["end"], m["text"], m.get("via")) for m in ent.get("mentions") or []]
    for ev in analysis.get("events") or []:
        s = ev.get("sentence")
        sentence_text = None
        if isinstance(s, int) and 0 <= s < len(sentences):
            sentence_text = text[sentences[s]["start"]:sentences[s]["end"]]
        trig = ev.get("trigger") or {}
        events.append(
            (doc_id, ev["id"], ev.get("type"), ev.get("mode"), ev.get("cameo"), ev.get("date"), ev.get("status"),
             ev.get("location"), s, sentence_text, trig.get("text"), trig.get("start"), trig.get("end"),
             ev.get("confidence"), ev.get("summary_en"), json.dumps(ev.get("context") or [], ensure_ascii=False),
             *covered_days(ev.get("date"), published)))
        event_args += [(doc_id, ev["id"], "source", e) for e in ev.get("source") or []]
        event_args += [(doc_id, ev["id"], "target", e) for e in ev.get("target") or []]
    for n, q in enumerate(analysis.get("quotes") or []):
        quotes.append((doc_id, n, q.get("speaker"), q.get("speaker_text"), q.get("cue"), q.get("text"),
                       q.get("start"), q.get("end"), int(bool(q.get("direct")))))
    return AnalysisRows(json.dumps(analysis, ensure_ascii=False), published, source, terms, stemmed,
                        entities, mentions, events, event_args, quotes)


def _is_lock(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _retry_while_locked(conn: sqlite3.Connection, sql: str, seconds: float) -> None:
    """Run ``sql``, retrying while another process holds the file, for up to ``seconds``; the last
    error is raised (SQLite answers some statements "database is locked" at once, without its
    busy handler)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if not _is_lock(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _enable_wal(conn: sqlite3.Connection, path: str) -> None:
    """Switch to WAL. The switch needs a moment of exclusive access (two ingests creating the same
    store meet here), so it is retried for up to the busy timeout."""
    try:
        _retry_while_locked(conn, "PRAGMA journal_mode = WAL", BUSY_TIMEOUT_S)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: cannot open the store for writing ({exc})") from None


MARSAD_TABLES = frozenset({"meta", "documents", "analyses"})


def recognise(conn: sqlite3.Connection) -> tuple[int, str | None]:
    """(schema version, why this is not a Marsad store — or None) of the file behind ``conn``, read
    in one snapshot (a store being created by another process is seen before or after, never half
    made). Reads only."""
    conn.execute("BEGIN")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise
    conn.execute("COMMIT")
    if version == 0:
        return 0, ("an SQLite file that is not a Marsad store (it has tables but no Marsad schema version); "
                   "nothing was changed") if names else None
    if not MARSAD_TABLES <= names:
        return version, "an SQLite file that is not a Marsad store (its tables are not Marsad's); nothing was changed"
    return version, None


def _connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection: ``mode=ro``, and ``immutable=1`` when SQLite could not keep the
    shared-memory file of a WAL store beside it (a read-only folder without -wal and -shm files)."""
    from urllib.parse import quote

    p = Path(path).resolve()
    folder = p.parent
    shared = os.access(folder, os.W_OK | os.X_OK) or all(
        Path(f"{p}{s}").exists() and os.access(f"{p}{s}", os.R_OK) for s in ("-wal", "-shm"))
    uri = f"file:{quote(str(p))}?mode=ro" + ("" if shared else "&immutable=1")
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)


class Store:
    """An open corpus store. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool = False):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.on_wait: Callable[[str], None] | None = None

    # ---- opening and migrations ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, create: bool = True, readonly: bool = False) -> Store:
        path = str(path) if path is not None else default_db_path()
        p = Path(path)
        if p.is_dir():
            raise StoreError(f"{path}: is a directory, not a store file")
        if not p.exists():
            if not create:
                raise StoreError(f"{path}: no such store (run `marsad ingest` first, or give --db)")
            if p.parent and not p.parent.exists():
                raise StoreError(f"{path}: folder {p.parent} does not exist")
        if not readonly:
            problem = write_problem(p)
            if problem:
                raise StoreError(f"{path}: {problem}")
        if readonly and not p.is_file():
            raise StoreError(f"{path}: no such store (run `marsad ingest` first, or give --db)")
        conn = None
        try:
            if readonly:
                conn = _connect_readonly(path)
            else:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            version, foreign = recognise(conn)  # (before anything is written)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise StoreError(f"{path}: {_open_problem(exc)}") from None
        store = cls(conn, path, readonly=readonly)
        try:
            if foreign:
                raise StoreError(f"{path}: {foreign}")
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: store schema version {version} is newer than this Marsad understands ({SCHEMA_VERSION})"
                )
            if not readonly:
                _enable_wal(conn, path)
                conn.execute("PRAGMA synchronous = NORMAL")
                if version < SCHEMA_VERSION:
                    store._migrate(version)
            elif version == 0:
                raise StoreError(f"{path}: not a Marsad store (empty)")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: {_open_problem(exc)}") from None
        except StoreError:
            conn.close()
            raise
        return store

    def _migrate(self, version: int) -> None:
        with self.transaction():
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(current, SCHEMA_VERSION):
                migration = MIGRATIONS[step]
                if callable(migration):
                    migration(self.conn)
                else:
                    _run_script(self.conn, migration)
                self.conn.execute(f"PRAGMA user_version = {step + 1}")

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- transactions ---------------------------------------------------------------------------

    class _Tx:
        def __init__(self, store: Store):
            self.store = store

        def __enter__(self):
            self.store._begin()
            return self.store.conn

        def __exit__(self, exc_type, exc, tb):
            conn = self.store.conn
            if exc_type is None:
                try:
                    conn.execute("COMMIT")
                except sqlite3.DatabaseError as err:
                    if conn.in_transaction:  # (SQLite rolls back by itself on a full disk or an I/O error)
                        try:
                            conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass
                    raise StoreError(f"{self.store.path}: {explain(err)}") from None
            else:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            return False

    def transaction(self) -> Store._Tx:
        """``with store.transaction():`` one write transaction (BEGIN IMMEDIATE … COMMIT)."""
        return Store._Tx(self)

    def _begin(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 250")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_lock(exc):
                raise StoreError(f"{self.path}: {explain(exc)}") from None
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        message = f"store {self.path} is busy: another marsad process is writing to it; waiting up to {BUSY_TIMEOUT_S:g} s"
        if self.on_wait is not None:
            self.on_wait(message)
        try:
            _retry_while_locked(conn, "BEGIN IMMEDIATE", BUSY_TIMEOUT_S)
        except sqlite3.OperationalError as exc:
            if not _is_lock(exc):
                raise StoreError(f"{self.path}: {explain(exc)}") from None
            raise StoreError(
                f"store {self.path} is busy: another marsad process has been writing to it for over "
                f"{BUSY_TIMEOUT_S:g} s; try again when it has finished"
            ) from None

    # ---- meta -----------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # ---- reading what deduplication needs ------------------------------------------------------

    def document_hash(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def original_by_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id, duplicate_of FROM documents WHERE content_hash = ? ORDER BY seq LIMIT 1", (content_hash,)
        ).fetchone()
        if not row:
            return None
        return row[1] or row[0]

    def iter_signatures(self) -> Iterator[tuple[str, int, bytes]]:
        """(id, number of shingles, MinHash bytes) of every original document that has one."""
        yield from self.conn.execute(
            "SELECT id, n_shingles, minhash FROM documents WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq"
        )

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    # ---- writing --------------------------------------------------------------------------------

    def max_seq(self) -> int:
        """The insertion number of the last document stored (0 for an empty store)."""
        return self.conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]

    def add_batch(self, items: Iterable[tuple[DocRecord, dict | AnalysisRows | None]], marsad_version: str = "",
                  before: Callable[[sqlite3.Connection], None] | None = None) -> list[str]:
        """Store documents (and the Analysis of each analysed one: a dict, or the :class:`AnalysisRows`
        an analysis worker already flattened it into) in one transaction, each table written in bulk.

        A document whose id is already stored is left as it is; a record that is a duplicate is
        stored without an analysis. ``before(conn)``, when given, runs first inside the transaction
        (holding the write lock: what it reads cannot change before the batch is written; the
        ingest uses it to recognise copies of documents another process stored meanwhile, and may
        change the records). Returns the ids actually added.
        """
        items = list(items)
        added: list[str] = []
        with self.transaction() as conn:
            if before is not None:
                before(conn)
            have = self._stored_ids(conn, [rec.id for rec, _analysis in items])
            bulk: dict[str, list] = {name: [] for name in _BULK_SQL}
            now = now_iso()
            for rec, analysis in items:
                if rec.id in have:
                    continue
                have.add(rec.id)
                self._rows(rec, None if rec.status == "duplicate" else analysis, marsad_version, now, bulk)
                added.append(rec.id)
            for name, sql in _BULK_SQL.items():
                if bulk[name]:
                    conn.executemany(sql, bulk[name])
            if added:
                self.set_meta("crossdoc_dirty", "1")
        return added

    @staticmethod
    def _stored_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
        have: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            have.update(r[0] for r in conn.execute(
                f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(part))})", part))
        return have

    @staticmethod
    def _rows(rec: DocRecord, analysis: dict | AnalysisRows | None, version: str, now: str,
              bulk: dict[str, list]) -> None:
        """Add one document's rows to ``bulk`` (table -> rows), in the order they are inserted."""
        folded = rec.folded if rec.folded is not None else normalized_text(rec.text or "")  # (no text: refused below)
        rows = analysis if isinstance(analysis, AnalysisRows) else analysis_rows(rec.id, analysis, rec.published)
        if rows.json is not None and not rec.published and rows.published:
            # the time stage may have inferred the document date from the text
            rec.published, rec.published_source = rows.published, rows.published_source
        terms = None
        if rec.duplicate_of is None:
            terms = rows.terms if rows.terms is not None else terms_json(folded)
        bulk["documents"].append(
            (rec.id, rec.content_hash, rec.title, rec.published, rec.published_source, rec.url, rec.source,
             rec.language, rec.text, rec.status, rec.duplicate_of, rec.duplicate_kind, rec.similarity,
             rec.problem, rec.n_shingles, rec.minhash, terms, now))
        bulk["fts"].append((rec.id, folded, rows.stems if rows.stems is not None else stems(folded)))
        if rows.json is None:
            return
        bulk["analyses"].append((rec.id, rows.json, version))
        bulk["doc_entities"] += rows.entities
        bulk["mentions"] += rows.mentions
        bulk["events"] += rows.events
        bulk["event_args"] += rows.event_args
        bulk["quotes"] += rows.quotes

    _ANALYSIS_TABLES = ("analyses", "doc_entities", "mentions", "events", "event_args", "quotes")

    def replace_analysis(self, doc_id: str, analysis: dict, marsad_version: str = "") -> None:
        """Put a new Analysis in place of a stored document's (its rows and its date, from
        ``analysis["document"]``), in one transaction; the cross-document layer is then due."""
        meta = analysis.get("document", {})
        rows = analysis_rows(doc_id, analysis, meta.get("published"))
        with self.transaction() as conn:
            for table in self._ANALYSIS_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            conn.execute("UPDATE documents SET published = ?, published_source = ? WHERE id = ?",
                         (meta.get("published"), meta.get("published_source"), doc_id))
            conn.execute(_BULK_SQL["analyses"], (doc_id, rows.json, marsad_version))
            for name, got in (("doc_entities", rows.entities), ("mentions", rows.mentions), ("events", rows.events),
                              ("event_args", rows.event_args), ("quotes", rows.quotes)):
                if got:
                    conn.executemany(_BULK_SQL[name], got)
            self.set_meta("crossdoc_dirty", "1")

    # ---- reading --------------------------------------------------------------------------------

    def analysis(self, doc_id: str) -> dict | None:
        row = self.conn.execute("SELECT json FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_analyses(self) -> Iterator[dict]:
        """Every stored Analysis (as a dict), in the order the documents were added."""
        for (js,) in self.conn.execute(
            "SELECT a.json FROM analyses a JOIN documents d ON d.id = a.doc_id ORDER BY d.seq"
        ):
            yield json.loads(js)

    def documents(self) -> list[sqlite3.Row]:
        cur = self.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(
            "SELECT id, title, published, url, source, status, duplicate_of, duplicate_kind, similarity, problem"
            " FROM documents ORDER BY seq"
        ).fetchall()

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Documents matching every word of ``query`` (folded, proclitics stripped), best first."""
        words = [stem(w) for w in _WORD_RE.findall(fold(query))]
        if not words:
            raise InputError("the search query has no words")
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        try:
            rows = self.conn.execute(
                "SELECT f.doc_id, d.title, d.published, d.source, d.text, d.duplicate_of FROM documents_fts f"
                " JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?",
                ("stems: " + match if len(words) == 1 else "stems: (" + match + ")", limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot search for {query!r} ({exc})") from None
        folded_words = [w for w in _WORD_RE.findall(fold(query))]
        return [
            {"id": r[0], "title": r[1], "published": r[2], "source": r[3], "duplicate_of": r[5],
             "snippet": snippet(r[4], folded_words + words)}
            for r in rows
        ]


def match_window(text: str, words: list[str], width: int = 70) -> tuple[int, int, int, int] | None:
    """(lo, start, end, hi): the first occurrence in ``text`` of any of ``words`` (folded) as an
    original span, with up to ``width`` characters of context either side; None when none occurs."""
    norm = normalize(text)
    best = None
    for w in words:
        if not w:
            continue
        i = norm.text.find(w)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(w))
    if best is None:
        return None
    s, e = norm.to_original(*best)
    return max(0, s - width), s, e, min(len(text), e + width)


def snippet(text: str, words: list[str], width: int = 70) -> str:
    """A window of the original text around the first occurrence of any of ``words`` (folded),
    the match in [brackets]."""
    window = match_window(text, words, width)
    if window is None:
        return " ".join(text[: 2 * width].split())
    lo, s, e, hi = window
    out = ("…" if lo > 0 else "") + text[lo:s] + "[" + text[s:e] + "]" + text[e:hi] + ("…" if hi < len(text) else "")
    return " ".join(out.split())


def _open_problem(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_IOERR")):
        return explain(exc)
    return f"not a Marsad store ({exc})"


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in _split_sql(script):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    out, buf = [], []
    for line in script.splitlines():
        line = line.split("--", 1)[0].rstrip() if "--" in line and "'" not in line else line
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out


def warn(message: str) -> None:
    print(f"marsad: {message}", file=sys.stderr)
