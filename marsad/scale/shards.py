"""Shards: batches of stored-to-be documents written to files instead of the store, and loaded later.

For very large runs the one writer of the store (SQLite with its full-text index) becomes the limit;
``marsad ingest --dask … --shards DIR`` then writes each batch to one shard file and
``marsad load DIR… --db FILE`` brings the shards into a store afterwards (in file-name order, which is
input order, so an original is always stored before its copies).

A shard is Parquet when pyarrow is installed, else JSON Lines (one document a line). Both hold one row
per document: the :class:`DocRecord` fields, the Analysis as JSON text (null for copies and failures),
the batch id and the document's position in the run. A shard is written to ``NAME.part`` and renamed
when complete, so an interrupted run leaves whole shards only; a rerun into the same folder counts the
documents of the shards there as done (:func:`shard_contents`) and writes the rest after them.

The folder is a local path or an fsspec URL (``s3://bucket/run``, ``gs://…``, ``file:///…``; the
protocol's package, such as s3fs, installed), for writing and for ``marsad load`` alike.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

from marsad.corpus.store import AnalysisRows, DocRecord, Store
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


def is_url(path: str | os.PathLike) -> bool:
    """A location fsspec opens (``PROTOCOL://…``) rather than a local path."""
    return "://" in os.fspath(path)


def url_fs(url: str):
    """(fsspec filesystem, path inside it) of ``url``; one clear :class:`InputError` when it cannot be used."""
    try:
        import fsspec
    except ImportError:
        raise InputError("a URL needs fsspec (pip install fsspec, and the protocol's package such as s3fs)",
                         url) from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:  # fsspec: "Install s3fs to access S3"
        raise InputError(f"cannot open this URL: {exc}", url) from None
    except (ValueError, OSError) as exc:
        raise InputError(f"cannot open this URL ({exc})", url) from None


def _name(path: str | os.PathLike) -> str:
    return os.fspath(path).rstrip("/").rsplit("/", 1)[-1]


def _analysis_json(analysis: dict | AnalysisRows | None) -> str | None:
    if isinstance(analysis, AnalysisRows):
        return analysis.json
    return json.dumps(analysis, ensure_ascii=False) if analysis is not None else None


def _rows(bid: str, seq: int, items: list[tuple[DocRecord, dict | AnalysisRows | None]], version: str) -> list[dict]:
    rows = []
    for i, (rec, analysis) in enumerate(items):
        row = {name: getattr(rec, name) for name in RECORD_FIELDS}
        row["analysis"] = _analysis_json(analysis)
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


def _encode(rows: list[dict], fmt: str) -> bytes:
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(rows, schema=_arrow_schema()), sink, compression="zstd")
        return sink.getvalue().to_pybytes()
    out = []
    for row in rows:
        if row["minhash"] is not None:
            row["minhash"] = base64.b64encode(row["minhash"]).decode("ascii")
        out.append(json.dumps(row, ensure_ascii=False) + "\n")
    return "".join(out).encode("utf-8")


def write_shard(directory: str | os.PathLike, seq: int, bid: str,
                items: list[tuple[DocRecord, dict | AnalysisRows | None]], fmt: str | None = None) -> Path | str:
    """Write one batch to ``DIRECTORY/NNNNNN-BATCH.parquet`` (or ``.jsonl``); returns the path (the
    URL for an fsspec ``directory``)."""
    fmt = fmt or default_format()
    suffix = PARQUET_SUFFIX if fmt == "parquet" else JSONL_SUFFIX
    name = f"{seq:06d}-{bid}{suffix}"
    from marsad import __version__

    data = _encode(_rows(bid, seq, items, __version__), fmt)
    if is_url(directory):
        fs, root = url_fs(os.fspath(directory))
        out, tmp = f"{root.rstrip('/')}/{name}", f"{root.rstrip('/')}/{name}.part"
        try:
            fs.makedirs(root, exist_ok=True)
            with fs.open(tmp, "wb") as fh:
                fh.write(data)
            fs.mv(tmp, out)
        except Exception as exc:  # noqa: BLE001 - OSError, or the storage client's own errors
            raise StoreError(f"{fs.unstrip_protocol(out)}: cannot write the shard ({type(exc).__name__}: {exc})") from None
        return fs.unstrip_protocol(out)
    d = Path(directory)
    out = d / name
    tmp = out.with_name(out.name + ".part")
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the shard ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def _read_bytes(path: str | os.PathLike) -> bytes:
    if is_url(path):
        fs, inner = url_fs(os.fspath(path))
        with fs.open(inner, "rb") as fh:
            return fh.read()
    return Path(path).read_bytes()


def read_shard(path: str | os.PathLike, columns: list[str] | None = None) -> list[dict]:
    """The rows of one shard, in their order (only ``columns`` of each, with id, batch and position,
    when given)."""
    where = os.fspath(path)
    parquet = where.endswith(PARQUET_SUFFIX)
    try:
        data = _read_bytes(path)
        if parquet:
            if not have_pyarrow():
                raise InputError("a Parquet shard needs pyarrow (pip install pyarrow)", where)
            import pyarrow as pa
            import pyarrow.parquet as pq

            wanted = None if columns is None else sorted(set(columns) | {"id", "batch", "position"})
            rows = pq.read_table(pa.BufferReader(data), columns=wanted).to_pylist()
        else:
            rows = []
            for n, line in enumerate(data.decode("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    raise InputError("damaged shard line (not JSON)", where, n) from None
                if isinstance(row, dict) and row.get("minhash") is not None:
                    row["minhash"] = base64.b64decode(row["minhash"])
                rows.append(row)
    except OSError as exc:
        raise InputError(f"cannot read the shard ({exc.strerror or exc})", where) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises its own errors for damaged files
        raise InputError(f"not a readable shard ({type(exc).__name__}: {exc})", where) from None
    for row in rows:
        if not isinstance(row, dict) or "id" not in row or "batch" not in row:
            raise InputError("not a Marsad shard (rows without id and batch)", where)
    rows.sort(key=lambda r: r.get("position") or 0)
    return rows


def _is_shard(name: str) -> bool:
    return name.endswith((PARQUET_SUFFIX, JSONL_SUFFIX)) and not name.startswith(".")


def shard_paths(paths: Iterable[str | os.PathLike]) -> list[Path | str]:
    """Shard files named by ``paths`` (files, or folders holding them; local or fsspec URLs), in
    load order."""
    out: list[Path | str] = []
    for raw in paths:
        if is_url(raw):
            fs, inner = url_fs(os.fspath(raw))
            try:
                if fs.isdir(inner):
                    found = sorted(fs.unstrip_protocol(q) for q in fs.ls(inner, detail=False) if _is_shard(_name(q)))
                    if not found:
                        raise InputError("no shards (*.parquet, *.jsonl) in this folder", os.fspath(raw))
                    out += found
                elif fs.isfile(inner):
                    out.append(fs.unstrip_protocol(inner))
                else:
                    raise InputError("no such file or folder", os.fspath(raw))
            except OSError as exc:
                raise InputError(f"cannot list it ({exc})", os.fspath(raw)) from None
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and _is_shard(q.name))
            if not found:
                raise InputError("no shards (*.parquet, *.jsonl) in this folder", str(p))
            out += found
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or folder", str(p))
    seen: set[str] = set()
    unique = []
    for p in out:
        key = p if isinstance(p, str) else str(p.resolve())
        if key not in seen:
            seen.add(key)
            unique.append(p)
    unique.sort(key=_name)
    return unique


@dataclass
class ShardContents:
    """What the shards already in a folder hold (an earlier, perhaps interrupted, run's)."""

    shards: int = 0
    next_seq: int = 0  # the sequence number the next shard gets (after the last one there)
    documents: list = field(default_factory=list)  # (id, content hash, duplicate_of, minhash), in order


def _exists(directory: str | os.PathLike) -> bool:
    if is_url(directory):
        fs, inner = url_fs(os.fspath(directory))
        return fs.isdir(inner)
    return Path(directory).is_dir()


def shard_contents(directory: str | os.PathLike) -> ShardContents:
    """The documents of the shards in ``directory`` (none when it does not exist yet), read column by
    column (Parquet) so that a resumed run does not load the analyses."""
    out = ShardContents()
    if not _exists(directory):
        return out
    try:
        paths = shard_paths([directory])
    except InputError:  # a folder without shards
        return out
    for path in paths:
        rows = read_shard(path, columns=["content_hash", "duplicate_of", "minhash"])
        out.shards += 1
        head = _name(path).split("-", 1)[0]
        if head.isdigit():
            out.next_seq = max(out.next_seq, int(head) + 1)
        out.documents += [(r["id"], r.get("content_hash"), r.get("duplicate_of"), r.get("minhash")) for r in rows]
    return out


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
