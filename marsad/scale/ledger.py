"""The batch ledger: which batches a store already holds, kept in the store's ``meta`` table.

A batch is the unit of writing (one transaction of :meth:`Store.add_batch`). Its id is a hash of the
ids and content hashes of its documents, so the same documents give the same id in every run and on
every machine. A batch whose id is in the ledger is never written again; the store's own checks (a
document id already stored is left as it is; a text already stored under another id is a copy) guard
the documents one by one as well.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from marsad.corpus.store import Store, now_iso

PREFIX = "scale.batch."


def batch_id(records: Iterable) -> str:
    """A stable id of a batch of :class:`DocRecord` (or of (id, content_hash) pairs)."""
    h = hashlib.sha1()
    for rec in records:
        doc_id, content_hash = (rec.id, rec.content_hash) if hasattr(rec, "id") else rec
        h.update(f"{doc_id}\t{content_hash}\n".encode("utf-8", "surrogatepass"))
    return "b" + h.hexdigest()[:16]


def is_recorded(store: Store, bid: str) -> bool:
    return store.get_meta(PREFIX + bid) is not None


def record(store: Store, bid: str, documents: int, via: str) -> None:
    """Note batch ``bid`` as stored (its own small transaction, after the batch's)."""
    value = json.dumps({"documents": documents, "via": via, "at": now_iso()})
    with store.transaction():
        store.set_meta(PREFIX + bid, value)


def recorded(store: Store) -> dict[str, dict]:
    """Every recorded batch id with what was noted about it."""
    rows = store.conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (PREFIX + "%",)).fetchall()
    out = {}
    for key, value in rows:
        try:
            out[key[len(PREFIX):]] = json.loads(value)
        except (TypeError, ValueError):
            out[key[len(PREFIX):]] = {}
    return out
