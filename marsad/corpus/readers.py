"""Readers: turn paths (files, folders, stdin) into Documents, or into ReadProblems that say why not.

Formats: plain text (a short first line is the title), HTML (main text by trafilatura, made for news
pages), JSON Lines / JSON (common field names), RSS/Atom feeds (marsad.corpus.feeds). A document whose
title is a separate field gets ``title + "\\n\\n" + body`` as its text, so that the title's facts have
offsets like every other sentence.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from marsad.corpus.encoding import decode_bytes
from marsad.errors import InputError
from marsad.schema import Document
from marsad.text.segment import detect_title

DEFAULT_MAX_BYTES = 5_000_000
TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date", "date_extracted", "pubDate", "date_publish", "published_at")
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SKIP_SUFFIXES = {".db", ".sqlite", ".pyc", ".gz", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".md", ".rst", ".py", ".js", ".css", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".log", ".db-wal", ".db-shm"}
_ARABIC_RE = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True)
class ReadProblem:
    """A path (and line) that gave no document, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from the date formats feeds and dumps use, or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    m = re.match(r"(\d{4})/(\d{1,2})/(\d{1,2})", s) or None
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def check_document(doc: Document, path: str, line: int | None = None) -> Document:
    """Refuse documents Marsad cannot analyse: empty, or without any Arabic."""
    if not doc.text.strip():
        raise InputError("empty document (no text)", path, line)
    if not _ARABIC_RE.search(doc.text):
        raise InputError("no Arabic text in the document", path, line)
    return doc


def _join(title: str | None, body: str) -> str:
    body = body.strip("\n")
    if title and not body.lstrip().startswith(title.strip()):
        return f"{title.strip()}\n\n{body}"
    return body


def document_from_text(text: str, doc_id: str, published: str | None = None, **meta) -> Document:
    """A plain-text document: the first line is its title when it reads like a headline."""
    if text.startswith("\ufeff"):
        text = text[1:]
    span = detect_title(text)
    return Document(
        id=doc_id,
        text=text,
        title=text[span[0]:span[1]] if span else None,
        published=published,
        published_source="given" if published else "unknown",
        url=meta.get("url"),
        source=meta.get("source"),
    )


def document_from_record(rec: dict, doc_id: str, published: str | None = None) -> Document:
    """A JSON record with the common field names of news dumps."""
    if not isinstance(rec, dict):
        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
    body = next((rec[f] for f in TEXT_FIELDS if isinstance(rec.get(f), str) and rec[f].strip()), None)
    if body is None:
        raise ValueError("no text field (text, content or body)")
    title = next((rec[f].strip() for f in TITLE_FIELDS if isinstance(rec.get(f), str) and rec[f].strip()), None)
    pub = next((parse_date(rec[f]) for f in DATE_FIELDS if rec.get(f) not in (None, "")), None)
    rid = rec.get("id")
    return Document(
        id=str(rid) if rid not in (None, "") else doc_id,
        text=_join(title, body),
        title=title,
        url=rec.get("url") if isinstance(rec.get("url"), str) else None,
        source=rec.get("source") if isinstance(rec.get("source"), str) else None,
        published=pub or published,
        published_source="given" if (pub or published) else "unknown",
    )


class _VisibleText(HTMLParser):
    """Text a browser would show, paragraph by paragraph; event-driven, so any depth is fine."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"})
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                        "blockquote", "header", "footer", "ul", "ol", "table", "pre", "hr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page, one line per paragraph (no boilerplate removal)."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def document_from_html(html: str, doc_id: str, published: str | None = None, url: str | None = None) -> Document:
    """Main text of a news page by trafilatura, with its title, date and site when the page says them."""
    import trafilatura

    body, meta = None, None
    try:
        body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True, url=url)
        meta = trafilatura.extract_metadata(html, default_url=url)
    except (ValueError, RecursionError, MemoryError):  # pathological markup: the fallback below reads it
        pass
    if not body or not body.strip():
        # trafilatura gives up on some pages (markup nested thousands deep, bare pages without an
        # article structure): their visible text, read by a streaming parser, beats losing the page
        body = visible_text(html)
    if not body or not body.strip():
        raise ValueError("no article text found in the HTML page")
    title = meta.title.strip() if meta and meta.title else None
    pub = parse_date(meta.date) if meta and meta.date else None
    return Document(
        id=doc_id,
        text=_join(title, body),
        title=title,
        url=(meta.url if meta and meta.url else url),
        source=(meta.sitename if meta and meta.sitename else None),
        published=pub or published,
        published_source="given" if (pub or published) else "unknown",
    )


def _sniff(text: str, suffix: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = text.lstrip()[:500].lower()
    if suffix in FEED_SUFFIXES or head.startswith("<?xml"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        if suffix in FEED_SUFFIXES:
            return "feed"
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _records(text: str, path: str) -> Iterator[tuple[int, object]]:
    """JSON Lines: (line number, parsed object or the error message)."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})")


def read_bytes(
    data: bytes, path: str, doc_id: str, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | ReadProblem]:
    """Documents in one file's bytes. Size limits apply per document (a JSONL line, a feed item)."""
    if not data.strip():
        yield ReadProblem(path, None, "empty file")
        return
    try:
        text, _encoding = decode_bytes(data, path)
    except InputError as exc:
        if Path(path).suffix.lower() in JSONL_SUFFIXES or data.lstrip()[:1] == b"{":
            # one damaged line must not cost the whole dump: decode line by line
            yield from _read_jsonl_lines(data, path, doc_id, published, max_bytes)
        else:
            yield ReadProblem(path, None, exc.reason)
        return
    kind = _sniff(text, Path(path).suffix.lower())
    if kind in ("text", "html") and len(data) > max_bytes:
        yield ReadProblem(path, None, f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)")
        return
    if kind == "jsonl":
        yield from _documents_from_items(list(_records(text, path)), path, doc_id, published, max_bytes, True)
        return
    if kind == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadProblem(path, exc.lineno, f"malformed JSON ({exc.msg})")
            return
        items = list(enumerate(obj if isinstance(obj, list) else [obj], 1))
        yield from _documents_from_items(items, path, doc_id, published, max_bytes, False)
        return
    try:
        if kind == "feed":
            from marsad.corpus.feeds import read_feed

            n = 0
            for n, doc in enumerate(read_feed(path, data), 1):  # noqa: B007
                try:
                    yield check_document(doc, path, n)
                except InputError as exc:
                    yield ReadProblem(path, n, exc.reason)
            if n == 0:
                yield ReadProblem(path, None, "feed has no items")
            return
        if kind == "html":
            doc = document_from_html(text, doc_id, published)
        else:
            doc = document_from_text(text, doc_id, published)
        yield check_document(doc, path)
    except InputError as exc:
        yield ReadProblem(path, exc.line, exc.reason)
    except ValueError as exc:
        yield ReadProblem(path, None, str(exc))


def _read_jsonl_lines(data: bytes, path: str, doc_id: str, published: str | None, max_bytes: int):
    items: list[tuple[int, object]] = []
    for lineno, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            items.append((lineno, ValueError(f"invalid UTF-8 (bad byte at column {exc.start + 1})")))
            continue
        try:
            items.append((lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            items.append((lineno, ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})")))
    yield from _documents_from_items(items, path, doc_id, published, max_bytes, True)


def _documents_from_items(
    items: list[tuple[int, object]], path: str, doc_id: str, published: str | None, max_bytes: int, by_line: bool
) -> Iterator[Document | ReadProblem]:
    for n, rec in items:
        line = n if by_line else None
        if isinstance(rec, Exception):
            yield ReadProblem(path, line, str(rec))
            continue
        try:
            raw = len(json.dumps(rec, ensure_ascii=False).encode("utf-8"))
            if raw > max_bytes:
                raise ValueError(f"document is {raw / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)")
            yield check_document(document_from_record(rec, f"{doc_id}:{n}", published), path, line)
        except InputError as exc:
            yield ReadProblem(path, line, exc.reason)
        except ValueError as exc:
            yield ReadProblem(path, line, str(exc))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if not name.startswith(".") and p.suffix.lower() not in SKIP_SUFFIXES:
                yield p


def iter_documents(
    paths: Iterable[str],
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_dirs: bool = True,
    stdin: object | None = None,
) -> Iterator[Document | ReadProblem]:
    """Every document under ``paths`` ("-" is standard input, ``PROTOCOL://…`` a URL read through
    fsspec: :mod:`marsad.corpus.remote`), in order, with problems in place."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes * 4 + 1)
            yield from read_bytes(data, "<stdin>", "stdin", published, max_bytes)
            continue
        if "://" in raw:  # shared or object storage, through fsspec
            from marsad.corpus.remote import iter_url

            yield from iter_url(raw, published, max_bytes, allow_dirs)
            continue
        p = Path(raw)
        if not p.exists():
            yield ReadProblem(raw, None, "no such file or directory")
        elif p.is_dir():
            if not allow_dirs:
                yield ReadProblem(raw, None, "is a directory, expected a file")
                continue
            for f in _walk(p):
                yield from _read_file(f, str(f.relative_to(p).with_suffix("")), published, max_bytes)
        else:
            yield from _read_file(p, p.stem, published, max_bytes)


def _read_file(p: Path, doc_id: str, published: str | None, max_bytes: int) -> Iterator[Document | ReadProblem]:
    suffix = p.suffix.lower()
    try:
        size = p.stat().st_size
        if suffix not in JSONL_SUFFIXES | FEED_SUFFIXES | {".json"} and size > max_bytes:
            yield ReadProblem(str(p), None, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)")
            return
        data = p.read_bytes()
    except PermissionError:
        yield ReadProblem(str(p), None, "permission denied")
        return
    except OSError as exc:
        yield ReadProblem(str(p), None, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, str(p), doc_id, published, max_bytes)
