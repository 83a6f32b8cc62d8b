"""Readers: turn paths (files, folders, stdin) into Documents, or into ReadProblems that say why not.

Formats: plain text (a short first line is the title), HTML (main text by trafilatura, made for news
pages), JSON Lines / JSON (common field names), RSS/Atom feeds (marsad.corpus.feeds). A document whose
title is a separate field gets ``title + "\\n\\n" + body`` as its text, so that the title's facts have
offsets like every other sentence.

Every input is bounded where it enters. Only regular files are opened (a device, FIFO or socket, also
through a link in a folder, is refused with a message before anything is read); the bytes actually
read are counted (the file's size as the system reports it is never trusted alone). A plain-text or
HTML file is one document and is read up to the limit (``max_bytes``, ``--max-size``) and refused past
it. JSON Lines, JSON arrays and RSS/Atom feeds hold many documents: up to the limit they are read
whole; past it they are streamed, item by item, each item held to the limit, so memory stays flat
whatever the file's size. JSON is parsed to at most :data:`MAX_JSON_DEPTH` levels; a deeper line or
item is refused alone and the rest of the file is still read.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from marsad.corpus.encoding import _MAGIC, _legacy_arabic, _utf16_order, decode_bytes
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
MAX_JSON_DEPTH = 100  # nesting levels of a JSON line or item (news records need a handful)
# A JSON line or item is held in memory up to this many times the document limit before it is parsed
# (a document within the limit, written with \\uXXXX escapes, takes up to 6 bytes a character); the
# parsed record is then held to the limit itself.
RAW_FACTOR = 6
READ_CHUNK = 1 << 20


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


_BRACKETS_RE = re.compile(r"[\[\]{}]")
_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON ``text`` (brackets inside strings not counted)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return min(MAX_JSON_DEPTH, text.count("[") + text.count("{"))  # cannot be deeper than that
    depth = deepest = 0
    for m in _BRACKETS_RE.finditer(_JSON_STRING_RE.sub("", text)):
        depth += _DEPTH_STEP[m.group()]
        deepest = max(deepest, depth)
    return deepest


def _too_deep() -> ValueError:
    return ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")


def json_value(text: str) -> object:
    """One JSON value parsed, or a ValueError saying why not (malformed, nested too deeply); never a
    RecursionError."""
    if json_depth(text) > MAX_JSON_DEPTH:
        return _too_deep()
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return _too_deep()


def _over(size: int, max_bytes: int, what: str = "document") -> str:
    return f"{what} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)"


def _records(text: str, path: str) -> Iterator[tuple[int, object]]:
    """JSON Lines: (line number, parsed object or the error message). Lines end at ``\\n`` only
    (a U+2028 inside a JSON string does not end its line)."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        yield lineno, json_value(line)


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
        yield from _documents_from_items(_records(text, path), path, doc_id, published, max_bytes, True)
        return
    if kind == "json":
        yield from _read_json([text], path, doc_id, published, max_bytes)
        return
    try:
        if kind == "feed":
            from marsad.corpus.feeds import read_feed

            yield from _feed_documents(read_feed(path, data), path, max_bytes)
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


def _feed_documents(docs: Iterable[Document | ReadProblem], path: str, max_bytes: int):
    """The items of a feed, each held to the document limit; a feed without any is a problem."""
    n = 0
    for n, doc in enumerate(docs, 1):  # noqa: B007
        if isinstance(doc, ReadProblem):
            yield doc
            continue
        size = len(doc.text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            yield ReadProblem(path, n, _over(size, max_bytes, "item"))
            continue
        try:
            yield check_document(doc, path, n)
        except InputError as exc:
            yield ReadProblem(path, n, exc.reason)
    if n == 0:
        yield ReadProblem(path, None, "feed has no items")


def _split_lines(chunks: Iterable, limit: int, nl) -> Iterator[tuple[int, object, int]]:
    """(line number, the line without its end — or None when it is longer than ``limit`` —, its
    length) of a stream given in chunks (bytes with ``nl=b"\\n"``, str with ``"\\n"``). A line over
    the limit is skipped to its end without being held."""
    lineno, size, over = 0, 0, False
    buf: list = []
    empty = nl[:0]
    for chunk in chunks:
        start = 0
        while True:
            i = chunk.find(nl, start)
            piece = chunk[start:] if i < 0 else chunk[start:i]
            size += len(piece)
            if not over:
                if size > limit:
                    over, buf = True, []
                elif piece:
                    buf.append(piece)
            if i < 0:
                break
            lineno += 1
            yield lineno, (None if over else empty.join(buf)), size
            size, over, buf = 0, False, []
            start = i + 1
    if size:
        yield lineno + 1, (None if over else empty.join(buf)), size


def _jsonl_from_byte_lines(lines, max_bytes: int, encoding: str = "utf-8") -> Iterator[tuple[int, object]]:
    """(line number, parsed object or why not) of JSON Lines given as bytes lines."""
    for lineno, raw, size in lines:
        if raw is None:
            yield lineno, ValueError(_over(size, max_bytes))
            continue
        if not raw.strip():
            continue
        if encoding == "utf-8":
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, ValueError(f"invalid UTF-8 (bad byte at column {exc.start + 1})")
                continue
        else:
            line = raw.decode(encoding, "replace")
        yield lineno, json_value(line)


def _read_jsonl_lines(data: bytes, path: str, doc_id: str, published: str | None, max_bytes: int):
    lines = _split_lines([data], max_bytes * RAW_FACTOR, b"\n")
    yield from _documents_from_items(_jsonl_from_byte_lines(lines, max_bytes), path, doc_id, published,
                                     max_bytes, True)


def _documents_from_items(
    items: Iterable[tuple[int, object]], path: str, doc_id: str, published: str | None, max_bytes: int,
    by_line: bool, numbered: bool = False,
) -> Iterator[Document | ReadProblem]:
    for n, rec in items:
        line = n if by_line else None
        where = f"item {n}: " if numbered else ""
        if isinstance(rec, Exception):
            yield ReadProblem(path, line, where + str(rec))
            continue
        try:
            try:
                raw = len(json.dumps(rec, ensure_ascii=False).encode("utf-8", "surrogatepass"))
            except RecursionError:  # (json_value bounds the depth; a record built by a caller may not)
                raise _too_deep() from None
            if raw > max_bytes:
                raise ValueError(_over(raw, max_bytes))
            yield check_document(document_from_record(rec, f"{doc_id}:{n}", published), path, line)
        except InputError as exc:
            yield ReadProblem(path, line, where + exc.reason)
        except ValueError as exc:
            yield ReadProblem(path, line, where + str(exc))


# ---- JSON files: one object, or an array read item by item -------------------------------------

_JSON_STRUCT_RE = re.compile(r'[\[\]{}",\\]')


def _json_array_items(chunks: Iterable[str], limit: int) -> Iterator[tuple[int, object]]:
    """(item number, parsed item or why not) of the JSON array that the text ``chunks`` hold, read
    item by item: an item is held only up to ``limit`` characters and parsed only when it nests at
    most MAX_JSON_DEPTH deep, so neither a huge file nor a huge or deep item costs memory or a
    RecursionError. A break in the array's structure ends it with a problem."""
    state = "start"  # start (before "["), items, done (after the closing "]")
    depth = 0  # nesting inside the array (1 = between its items)
    deepest = 0
    in_string = False
    skip = -1  # absolute offset of a character escaped by a backslash
    base = 0  # absolute offset of the current chunk
    n = 0
    cur: list[str] = []
    cur_len = 0
    over = False

    def item(text_end: bool = False):
        nonlocal n, cur, cur_len, over, deepest
        body = "".join(cur).strip()
        result = None
        if body or not text_end:
            n += 1
            if over:
                result = (n, ValueError(_over(cur_len, limit // RAW_FACTOR)))
            elif not body:
                result = (n, ValueError("malformed JSON (an empty item)"))
            elif deepest > MAX_JSON_DEPTH:
                result = (n, _too_deep())
            else:
                result = (n, json_value(body))
        cur, cur_len, over, deepest = [], 0, False, 0
        return result

    def keep(piece: str) -> None:
        nonlocal cur_len, over, cur
        cur_len += len(piece)
        if over:
            return
        if cur_len > limit:
            over, cur = True, []
        else:
            cur.append(piece)

    for chunk in chunks:
        pos = 0
        if state == "start":
            stripped = chunk.lstrip(" \t\r\n\ufeff")
            if not stripped:
                base += len(chunk)
                continue
            if stripped[0] != "[":
                yield 0, ValueError("malformed JSON (expected an array)")
                return
            pos = len(chunk) - len(stripped) + 1
            state, depth = "items", 1
        elif state == "done":
            if chunk.strip():
                yield n + 1, ValueError("malformed JSON (extra data after the array)")
                return
            base += len(chunk)
            continue
        for m in _JSON_STRUCT_RE.finditer(chunk, pos):
            i = m.start()
            if base + i == skip:
                continue
            ch = m.group()
            if in_string:
                if ch == '"':
                    in_string = False
                elif ch == "\\":
                    skip = base + i + 1
                continue
            if ch == '"':
                in_string = True
            elif ch in "[{":
                depth += 1
                deepest = max(deepest, depth - 1)
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    if ch != "]":
                        yield n + 1, ValueError("malformed JSON (the array is closed by '}')")
                        return
                    keep(chunk[pos:i])
                    last = item(text_end=True)
                    if last is not None:
                        yield last
                    state = "done"
                    if chunk[i + 1:].strip():
                        yield n + 1, ValueError("malformed JSON (extra data after the array)")
                        return
                    break
            elif ch == "," and depth == 1:
                keep(chunk[pos:i])
                yield item()
                pos = i + 1
        else:
            if state == "items":
                keep(chunk[pos:])
        base += len(chunk)
    if state == "start":
        yield 0, ValueError("malformed JSON (an empty file)")
    elif state == "items":
        yield n + 1, ValueError("malformed JSON (the array is not closed: the file ends inside it)")


def _read_json(chunks: Iterable[str], path: str, doc_id: str, published: str | None, max_bytes: int,
               whole: bool = True) -> Iterator[Document | ReadProblem]:
    """A .json file: an array (read item by item) or one object."""
    it = iter(chunks)
    first = ""
    for first in it:
        if first.strip(" \t\r\n\ufeff"):
            break
    head = first.lstrip(" \t\r\n\ufeff")
    if head.startswith("["):
        items = _json_array_items(_prepend(first, it), max_bytes * RAW_FACTOR)
        for n, rec in items:
            if n == 0:
                yield ReadProblem(path, None, str(rec))
            else:
                yield from _documents_from_items([(n, rec)], path, doc_id, published, max_bytes, False, True)
        return
    if not whole:  # a file over the limit that is not an array is one document over the limit
        yield ReadProblem(path, None, f"file is over the {max_bytes / 1e6:g} MB limit (--max-size)")
        return
    obj = json_value(first + "".join(it))
    if isinstance(obj, ValueError):
        yield ReadProblem(path, None, str(obj))
        return
    yield from _documents_from_items([(1, obj)], path, doc_id, published, max_bytes, False)


def _prepend(first, rest: Iterator) -> Iterator:
    if first:
        yield first
    yield from rest


# ---- files, folders, standard input --------------------------------------------------------------

def special_file(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(what: str) -> str:
    return f"{what}, not a regular file: not read"


def open_regular(path: str | os.PathLike):
    """A regular file opened for reading (binary). A device, FIFO or socket — also behind a link —
    is an InputError before anything is read; a FIFO is never waited on (it is opened non-blocking
    and looked at before any read)."""
    st = os.stat(path)  # (follows links)
    what = special_file(st.st_mode)
    if what is not None:
        raise InputError(_not_regular(what), str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        what = special_file(os.fstat(fd).st_mode)  # (the file may have been swapped since the stat)
        if what is not None:
            raise InputError(_not_regular(what), str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_up_to(stream, n: int) -> bytes:
    """At most ``n`` bytes of ``stream`` (fewer only at its end), counted as they are read."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        b = stream.read(min(READ_CHUNK, n - got))
        if not b:
            break
        parts.append(b)
        got += len(b)
    return b"".join(parts)


def _chunks(first: bytes, stream) -> Iterator[bytes]:
    if first:
        yield first
    while True:
        b = stream.read(READ_CHUNK)
        if not b:
            return
        yield b


def _stream_encoding(head: bytes) -> str:
    """The encoding of a stream, from its first bytes (as :func:`decode_bytes` decides for a whole file)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    order = _utf16_order(head)
    if order:
        return f"utf-16-{order}"
    cut = head[: head.rfind(b"\n") + 1] or head
    try:
        cut.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(cut) - 3 and _legacy_arabic(cut) is not None:
            return "cp1256"
    return "utf-8"


def _decoded(chunks: Iterable[bytes], encoding: str, path: str, problems: list) -> Iterator[str]:
    """The text of byte ``chunks``; a decoding error ends it and leaves a ReadProblem in ``problems``."""
    dec = codecs.getincrementaldecoder(encoding)("strict")
    done = 0
    try:
        for chunk in chunks:
            text = dec.decode(chunk)
            done += len(chunk)
            if text:
                yield text
        tail = dec.decode(b"", final=True)
        if tail:
            yield tail
    except UnicodeDecodeError as exc:
        problems.append(ReadProblem(path, None, f"invalid {encoding.upper()} text near byte {done + exc.start}; "
                                                "the rest of the file is not read"))


def _large_kind(head: bytes, suffix: str) -> str:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return "binary:" + what
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    enc = _stream_encoding(head[:4096])
    text = head[:4096].decode(enc if not enc.startswith("utf-8") else "utf-8-sig", "ignore")
    return _sniff(text, suffix)


def read_stream(stream, path: str, doc_id: str, published: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, size: int | None = None) -> Iterator[Document | ReadProblem]:
    """Documents in a byte stream (an open file, standard input), within bounds: up to ``max_bytes``
    it is read whole (:func:`read_bytes`); past that a JSON Lines, JSON array or feed is streamed
    item by item and anything else is refused as over the limit. ``size`` (the file's size, when
    known) only words the message."""
    data = read_up_to(stream, max_bytes + 1)
    if len(data) <= max_bytes:
        yield from read_bytes(data, path, doc_id, published, max_bytes)
        return
    suffix = Path(path).suffix.lower() if path != "<stdin>" else ""
    kind = _large_kind(data[:65536], suffix)
    chunks = _chunks(data, stream)
    del data
    if kind.startswith("binary:"):
        yield ReadProblem(path, None, f"binary file ({kind[7:]}), not text")
    elif kind in ("jsonl", "json"):
        yield from _stream_json_kind(kind, chunks, path, doc_id, published, max_bytes)
    elif kind == "feed":
        from marsad.corpus.feeds import stream_feed

        yield from _feed_documents(stream_feed(path, chunks, max_bytes), path, max_bytes)
    elif size is not None and size > max_bytes:
        yield ReadProblem(path, None, _over(size, max_bytes, "file"))
    else:
        what = "input" if path == "<stdin>" else "file"
        yield ReadProblem(path, None, f"{what} is over the {max_bytes / 1e6:g} MB limit (--max-size)")


def _stream_json_kind(kind: str, chunks: Iterator[bytes], path: str, doc_id: str, published: str | None,
                      max_bytes: int) -> Iterator[Document | ReadProblem]:
    first = next(chunks, b"")
    encoding = _stream_encoding(first[:65536])
    chunks = _prepend(first, chunks)
    limit = max_bytes * RAW_FACTOR
    problems: list[ReadProblem] = []
    if kind == "jsonl" and encoding in ("utf-8", "utf-8-sig", "cp1256"):
        items = _jsonl_from_byte_lines(_split_lines(chunks, limit, b"\n"), max_bytes,
                                       "cp1256" if encoding == "cp1256" else "utf-8")
        yield from _documents_from_items(items, path, doc_id, published, max_bytes, True)
        return
    text = _decoded(chunks, encoding, path, problems)
    if kind == "jsonl":
        def items():
            for lineno, line, size in _split_lines(text, limit, "\n"):
                if line is None:
                    yield lineno, ValueError(_over(size, max_bytes))
                elif line.strip():
                    yield lineno, json_value(line.lstrip("\ufeff") if lineno == 1 else line)

        yield from _documents_from_items(items(), path, doc_id, published, max_bytes, True)
    else:
        yield from _read_json(text, path, doc_id, published, max_bytes, whole=False)
    yield from problems


def _walk(folder: Path) -> Iterator[Path | ReadProblem]:
    """The files under ``folder`` in name order (hidden files and folders, and files of the
    suffixes Marsad never reads, left out), with a ReadProblem for a folder that cannot be listed
    and for a link to a folder (not followed: it could lead back up)."""
    errors: list[OSError] = []

    def unreadable() -> Iterator[ReadProblem]:
        while errors:
            exc = errors.pop(0)
            yield ReadProblem(str(exc.filename or folder), None, f"cannot read the folder ({exc.strerror or exc})")

    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from unreadable()
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if os.path.islink(os.path.join(root, d)):
                yield ReadProblem(str(Path(root) / d), None, "a link to a folder: not followed")
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            p = Path(root) / name
            if not name.startswith(".") and p.suffix.lower() not in SKIP_SUFFIXES:
                yield p
    yield from unreadable()


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
            yield from _guard_reading("<stdin>", read_stream(stream, "<stdin>", "stdin", published, max_bytes))
            continue
        if "://" in raw:  # shared or object storage, through fsspec
            from marsad.corpus.remote import iter_url

            yield from iter_url(raw, published, max_bytes, allow_dirs)
            continue
        p = Path(raw)
        if not os.path.lexists(p):
            yield ReadProblem(raw, None, "no such file or directory")
        elif not p.exists():
            yield ReadProblem(raw, None, "a broken link (its target does not exist)")
        elif p.is_dir():
            if not allow_dirs:
                yield ReadProblem(raw, None, "is a directory, expected a file")
                continue
            for f in _walk(p):
                if isinstance(f, ReadProblem):
                    yield f
                else:
                    yield from _read_file(f, str(f.relative_to(p).with_suffix("")), published, max_bytes)
        else:
            yield from _read_file(p, p.stem, published, max_bytes)


def _guard_reading(path: str, items: Iterator[Document | ReadProblem]) -> Iterator[Document | ReadProblem]:
    """``items``, with a read error on the way (an I/O error, a file gone) as a last ReadProblem."""
    try:
        yield from items
    except OSError as exc:
        yield ReadProblem(path, None, f"cannot read ({exc.strerror or exc})")


def _read_file(p: Path, doc_id: str, published: str | None, max_bytes: int) -> Iterator[Document | ReadProblem]:
    suffix = p.suffix.lower()
    try:
        st = os.stat(p)
        what = special_file(st.st_mode)
        if what is not None:
            yield ReadProblem(str(p), None, _not_regular(what))
            return
        if suffix not in JSONL_SUFFIXES | FEED_SUFFIXES | {".json"} and st.st_size > max_bytes:
            # (a size over the limit is believed; a size within it is not: the read below counts)
            yield ReadProblem(str(p), None, _over(st.st_size, max_bytes, "file"))
            return
        fh = open_regular(p)
    except InputError as exc:
        yield ReadProblem(str(p), None, exc.reason)
        return
    except PermissionError:
        yield ReadProblem(str(p), None, "permission denied")
        return
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and os.path.islink(p):
            yield ReadProblem(str(p), None, "a broken link (its target does not exist)")
            return
        yield ReadProblem(str(p), None, f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        yield from _guard_reading(str(p), read_stream(fh, str(p), doc_id, published, max_bytes, size=st.st_size))
