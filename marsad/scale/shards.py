"""Shards: batches of stored-to-be documents written to files instead of the store, and loaded later.

For very large runs the one writer of the store (SQLite with its full-text index) becomes the limit;
``marsad ingest --dask … --shards DIR`` then writes each batch to one shard file and
``marsad load DIR… --db FILE`` brings the shards into a store afterwards (in file-name order, which is
input order, so an original is always stored before its copies).

A shard is Parquet when pyarrow is installed, else JSON Lines (one document a line). Both hold one row
per document: the :class:`DocRecord` fields, the Analysis as JSON text (null for copies and failures),
the batch id and the document's position in the run. A shard is written to ``NAME.part`` and renamed
when complete, so an interrupted run leaves whole shards only.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

from marsad.corpus.store import DocRecord, Store
from marsad.errors import InputError, StoreError
from marsad.scale import ledger

SHARD_VERSION = 1
RECORD_FIELDS = [f.name for f in fields(DocRecord) if f.name != "folded"]
PARQUET_SUFFIX = ".parquet"
JSONL_SUFFIX = ".jsonl"


def have_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def default_format() -> str:
    return "parquet" if have_pyarrow() else "jsonl"


def _rows(bid: str, seq: int, items: list[tuple[DocRecord, dict | None]], version: str) -> list[dict]:
    rows = []
    for i, (rec, analysis) in enumerate(items):
        row = {name: getattr(rec, name) for name in RECORD_FIELDS}
        row["analysis"] = json.dumps(analysis, ensure_ascii=False) if analysis is not None else None
        row["batch"] = bid
        row["position"] = seq * 1_000_000 + i
        row["marsad_version"] = version
        rows.append(row)
    return rows


def _arrow_schema():
    import pyarrow as pa

    cols = []
    for f in fields(DocRecord):
        if f.name == "folded":
            continue
        kind = {"similarity": pa.float64(), "n_shingles": pa.int64(), "minhash": pa.binary()}.get(f.name, pa.string())
        cols.append(pa.field(f.name, kind))
    cols += [pa.field("analysis", pa.string()), pa.field("batch", pa.string()), pa.field("position", pa.int64()),
             pa.field("marsad_version", pa.string())]
    return pa.schema(cols, metadata={"marsad_shard": str(SHARD_VERSION)})


def write_shard(directory: str | os.PathLike, seq: int, bid: str, items: list[tuple[DocRecord, dict | None]],
                fmt: str | None = None) -> Path:
    """Write one batch to ``DIRECTORY/NNNNNN-BATCH.parquet`` (or ``.jsonl``); returns the path."""
    fmt = fmt or default_format()
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    suffix = PARQUET_SUFFIX if fmt == "parquet" else JSONL_SUFFIX
    out = d / f"{seq:06d}-{bid}{suffix}"
    tmp = out.with_name(out.name + ".part")
    from marsad import __version__

    rows = _rows(bid, seq, items, __version__)
    try:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(rows, schema=_arrow_schema())
            pq.write_table(table, tmp, compression="zstd")
        else:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for row in rows:
                    if row["minhash"] is not None:
                        row["minhash"] = base64.b64encode(row["minhash"]).decode("ascii")
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, out)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the shard ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def read_shard(path: str | os.PathLike) -> list[dict]:
    """The rows of one shard, in their order."""
    p = Path(path)
    try:
        if p.suffix == PARQUET_SUFFIX:
            if not have_pyarrow():
                raise InputError("a Parquet shard needs pyarrow (pip install pyarrow)", str(p))
            import pyarrow.parquet as pq

            rows = pq.read_table(p).to_pylist()
        else:
            rows = []
            with open(p, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except ValueError:
                        raise InputError("damaged shard line (not JSON)", str(p), n) from None
                    if row.get("minhash") is not None:
                        row["minhash"] = base64.b64decode(row["minhash"])
                    rows.append(row)
    except OSError as exc:
        raise InputError(f"cannot read the shard ({exc.strerror or exc})", str(p)) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises its own errors for damaged files
        raise InputError(f"not a readable shard ({type(exc).__name__}: {exc})", str(p)) from None
    for row in rows:
        if not isinstance(row, dict) or "id" not in row or "batch" not in row:
            raise InputError("not a Marsad shard (rows without id and batch)", str(p))
    rows.sort(key=lambda r: r.get("position") or 0)
    return rows


def shard_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Shard files named by ``paths`` (files, or folders holding them), in load order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and q.suffix in (PARQUET_SUFFIX, JSONL_SUFFIX))
            if not found:
                raise InputError("no shards (*.parquet, *.jsonl) in this folder", str(p))
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or folder", str(p))
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    unique.sort(key=lambda q: q.name)
    return unique


def _record(row: dict) -> tuple[DocRecord, dict | None]:
    rec = DocRecord(**{name: row.get(name) for name in RECORD_FIELDS if name in row})
    analysis = json.loads(row["analysis"]) if row.get("analysis") else None
    return rec, analysis


@dataclass
class LoadSummary:
    shards: int = 0
    batches: int = 0
    batches_already_loaded: int = 0
    added: int = 0  # documents stored (originals, copies and failures)
    analysed: int = 0  # of which analysed originals
    already_stored: int = 0
    copies_of_stored: int = 0  # originals whose text the store already held under another id
    problems: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"loaded {self.batches} batches from {self.shards} shards: added {self.added} documents "
            f"({self.analysed} analysed), "
            f"already stored {self.already_stored}, linked as copies of stored documents {self.copies_of_stored}, "
            f"batches already loaded {self.batches_already_loaded}"
        ]
        out += [f"  {p}" for p in self.problems]
        return out


def _guard_content(store: Store, rec: DocRecord, analysis: dict | None, pending: dict[str, str]):
    """An original whose text the store (or this batch) already holds under another id becomes a copy."""
    if rec.duplicate_of is not None:
        return rec, analysis, False
    original = pending.get(rec.content_hash) or store.original_by_hash(rec.content_hash)
    if original is None or original == rec.id:
        pending.setdefault(rec.content_hash, rec.id)
        return rec, analysis, False
    rec.status, rec.duplicate_of, rec.duplicate_kind, rec.similarity = "duplicate", original, "exact", 1.0
    rec.minhash = None
    return rec, None, True


def load_shards(store: Store, paths: Iterable[str | os.PathLike], rebuild: bool = True,
                progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Bring shard files into ``store``, one batch per transaction; batches already in the store's
    ledger are skipped. The cross-document layer is rebuilt at the end (``rebuild=True``)."""
    from marsad import __version__

    s = LoadSummary()
    files = shard_paths(paths)
    for path in files:
        rows = read_shard(path)
        s.shards += 1
        batches: dict[str, list[dict]] = {}
        for row in rows:
            batches.setdefault(row["batch"], []).append(row)
        for bid, batch_rows in batches.items():
            if ledger.is_recorded(store, bid):
                s.batches_already_loaded += 1
                continue
            items, pending = [], {}
            for row in batch_rows:
                rec, analysis = _record(row)
                if store.document_hash(rec.id) is not None:
                    s.already_stored += 1
                    continue
                rec, analysis, copied = _guard_content(store, rec, analysis, pending)
                s.copies_of_stored += copied
                items.append((rec, analysis))
            version = next((r["marsad_version"] for r in batch_rows if r.get("marsad_version")), None)
            added = set(store.add_batch(items, marsad_version=version or __version__) if items else [])
            s.added += len(added)
            s.analysed += sum(1 for rec, analysis in items if rec.id in added and analysis is not None)
            ledger.record(store, bid, len(batch_rows), via="shard")
            s.batches += 1
            if progress is not None:
                progress(s)
    if rebuild and s.added:
        from marsad.corpus.crossdoc import rebuild as rebuild_crossdoc

        rebuild_crossdoc(store)
    return s
