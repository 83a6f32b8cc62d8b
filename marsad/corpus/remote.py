"""Corpus paths that are URLs: files and folders on shared or object storage, read through fsspec.

``marsad ingest s3://bucket/news/ …`` (or ``gs://``, ``abfs://``, ``http(s)://``, ``file:///…``)
reads what :func:`marsad.corpus.readers.iter_documents` reads from a local path, with the same
document ids: a file's name without its suffix, or its path inside the folder given; a folder is
walked in name order, leaving out hidden files and the suffixes local folders leave out. Glob
patterns (``s3://bucket/2015-*/*.jsonl``) are expanded in name order. fsspec comes with Dask; each
protocol needs its own package (s3fs, gcsfs, adlfs, aiohttp for http).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from marsad.schema import Document


def is_url(path: str) -> bool:
    return "://" in path


def iter_url(url: str, published: str | None, max_bytes: int, allow_dirs: bool = True):
    """The documents (and ReadProblems) under one URL, in order."""
    from marsad.corpus.readers import SKIP_SUFFIXES, ReadProblem

    try:
        import fsspec
    except ImportError:
        yield ReadProblem(url, None, "a URL needs fsspec (pip install fsspec, and the protocol's package such as s3fs)")
        return
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except ImportError as exc:  # "Install s3fs to access S3"
        yield ReadProblem(url, None, f"cannot open this URL: {exc}")
        return
    except (ValueError, OSError) as exc:
        yield ReadProblem(url, None, f"cannot open this URL ({exc})")
        return
    try:
        if any(c in root for c in "*?["):
            files = [(p, _stem(p)) for p in sorted(fs.glob(root)) if fs.isfile(p)]
            if not files:
                yield ReadProblem(url, None, "no files match this pattern")
                return
        elif fs.isdir(root):
            if not allow_dirs:
                yield ReadProblem(url, None, "is a directory, expected a file")
                return
            base = root.rstrip("/")
            files = []
            for p in sorted(fs.find(base)):
                rel = posixpath.relpath(p, base)
                parts = rel.split("/")
                if any(part.startswith(".") for part in parts) or posixpath.splitext(p)[1].lower() in SKIP_SUFFIXES:
                    continue
                files.append((p, posixpath.splitext(rel)[0]))
        elif fs.isfile(root):
            files = [(root, _stem(root))]
        else:
            yield ReadProblem(url, None, "no such file or directory")
            return
    except OSError as exc:
        yield ReadProblem(url, None, f"cannot list it ({exc.strerror or exc})")
        return
    for path, doc_id in files:
        yield from _read(fs, path, doc_id, published, max_bytes)


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]


def _read(fs, path: str, doc_id: str, published: str | None, max_bytes: int) -> Iterator[Document | object]:
    from marsad.corpus.readers import FEED_SUFFIXES, JSONL_SUFFIXES, ReadProblem, read_bytes

    where = fs.unstrip_protocol(path)
    suffix = posixpath.splitext(path)[1].lower()
    try:
        size = fs.size(path)
        if suffix not in JSONL_SUFFIXES | FEED_SUFFIXES | {".json"} and size is not None and size > max_bytes:
            yield ReadProblem(where, None, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)")
            return
        data = fs.cat_file(path)
    except PermissionError:
        yield ReadProblem(where, None, "permission denied")
        return
    except OSError as exc:
        yield ReadProblem(where, None, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, where, doc_id, published, max_bytes)
