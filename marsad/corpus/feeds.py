"""RSS 2.0 / RSS 1.0 (RDF) / Atom feed files: one Document per item.

Each item gives its title, link, publication date and text (``content:encoded`` or Atom ``content``
when present, else ``description`` / ``summary``), the HTML reduced to plain text with paragraph
breaks. feedparser is used when installed (it copes with broken feeds); otherwise the standard
library's XML parser reads well-formed feeds.

A feed larger than the document limit is not read whole: :func:`stream_feed` parses it as it is read
(expat, through a parser target that keeps only the item being read), and holds every item to the
limit, so memory stays flat whatever the feed's size. That path needs well-formed XML: a break in it
ends the feed with a problem (the items before it are kept).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

from marsad.errors import InputError
from marsad.schema import Document

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "section", "article", "tr", "table", "figure", "figcaption", "hr", "pre"}
_SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "object", "embed", "template"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, one paragraph a line."""
    if not fragment:
        return ""
    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        parser = _TextExtractor()
        try:
            parser.feed(fragment)
            parser.close()
        except Exception:  # noqa: BLE001 - malformed markup: fall back to a crude strip
            return _clean(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))
        text = "".join(parser.parts)
    return _clean(text)


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\r\f\v]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _item_id(path: str, key: str | None, text: str) -> str:
    basis = key or text
    return "feed-" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _date_from_struct(st) -> str | None:
    if not st:
        return None
    try:
        return datetime(*st[:6], tzinfo=UTC).date().isoformat()
    except (TypeError, ValueError):
        return None


def _document(path, key, title, link, published, body_html, source) -> Document | None:
    title = html_to_text(title or "").replace("\n", " ").strip() or None
    body = html_to_text(body_html or "")
    if title and body.startswith(title):
        text = body
    elif title:
        text = f"{title}\n\n{body}" if body else title
    else:
        text = body
    if not text.strip():
        return None
    return Document(
        id=_item_id(path, key or link, text),
        text=text,
        title=title,
        url=link or None,
        source=source or None,
        published=published,
        published_source="given" if published else "unknown",
    )


def _read_with_feedparser(path: str, data: bytes) -> Iterator[Document]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        raise InputError(f"not a readable RSS/Atom feed ({exc})", path)
    source = (parsed.feed.get("title") or "").strip() or None
    for entry in parsed.entries:
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        if not body:
            body = entry.get("summary", "") or entry.get("description", "")
        published = _date_from_struct(entry.get("published_parsed") or entry.get("updated_parsed"))
        doc = _document(path, entry.get("id") or entry.get("link"), entry.get("title"), entry.get("link"),
                        published, body, source)
        if doc is not None:
            yield doc


# ---- standard-library fallback -------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el, *names: str) -> str | None:
    for name in names:
        for child in el:
            if _local(child.tag) == name:
                if name == "content" and len(child):  # xhtml content
                    return ET.tostring(child[0], encoding="unicode")
                return (child.text or "").strip() or None
    return None


def _atom_link(el) -> str | None:
    first = None
    for child in el:
        if _local(child.tag) == "link":
            href = child.get("href") or (child.text or "").strip()
            if child.get("rel", "alternate") == "alternate" and href:
                return href
            first = first or href
    return first


def _read_with_etree(path: str, data: bytes) -> Iterator[Document]:
    from marsad.corpus.readers import parse_date

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"not a readable RSS/Atom feed ({exc})", path) from None
    channel = next((el for el in root.iter() if _local(el.tag) == "channel"), root)
    source = _child_text(channel, "title")
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("item", "entry"):
            continue
        title = _child_text(el, "title")
        link = _atom_link(el) if name == "entry" else _child_text(el, "link")
        body = _child_text(el, "encoded", "content") or _child_text(el, "description", "summary") or ""
        published = parse_date(_child_text(el, "pubdate", "published", "updated", "date"))
        key = _child_text(el, "guid", "id") or link
        doc = _document(path, key, title, link, published, body, source)
        if doc is not None:
            yield doc


# ---- streaming (feeds over the document limit) ---------------------------------------------------

MAX_XML_DEPTH = 256
_ITEM_FIELDS = ("title", "link", "guid", "id", "pubdate", "published", "updated", "date", "encoded", "content",
                "description", "summary")


class _Item:
    def __init__(self, kind: str):
        self.kind = kind  # item | entry
        self.fields: dict[str, str] = {}  # local name -> text of its first direct child of that name
        self.links: list[tuple[str | None, str]] = []  # (rel, href or text) of Atom links
        self.size = 0
        self.over = False


class _FeedTarget:
    """An expat parser target that builds one item at a time (the standard-library reader's rules:
    :func:`_read_with_etree`) and drops whatever an item holds past ``limit`` characters."""

    def __init__(self, limit: int):
        self.limit = limit
        self.stack: list[str] = []
        self.item: _Item | None = None
        self.item_depth = 0
        self.field: str | None = None  # direct child of the item being read
        self.field_parts: list[str] = []
        self.field_markup = False  # inside a child element of the field (Atom xhtml content)
        self.field_attrs: dict = {}
        self.done: list[_Item] = []
        self.channel_title: str | None = None
        self.root_title: str | None = None
        self.in_channel = 0
        self.title_parts: list[str] | None = None
        self.n_items = 0

    def _add(self, text: str) -> None:
        it = self.item
        it.size += len(text)
        if it.size > self.limit:
            it.over, self.field_parts = True, []
        elif not it.over:
            self.field_parts.append(text)

    def start(self, tag, attrib):
        name = _local(tag)
        self.stack.append(name)
        depth = len(self.stack)
        if depth > MAX_XML_DEPTH:
            raise ET.ParseError(f"XML nested more than {MAX_XML_DEPTH} levels deep")
        if self.item is None:
            if name in ("item", "entry"):
                self.item, self.item_depth = _Item(name), depth
            elif name == "title" and self.title_parts is None and (
                    (self.stack[-2:-1] == ["channel"] and self.channel_title is None)
                    or (depth == 2 and self.root_title is None)):
                self.title_parts = []
            return
        if depth == self.item_depth + 1:
            self.field, self.field_parts, self.field_markup = name, [], False
            self.field_attrs = dict(attrib)
        elif self.field is not None:
            if self.field == "content" and depth == self.item_depth + 2 and not self.field_markup:
                self.field_parts, self.field_markup = [], True  # xhtml: the first child is the content
            if self.field_markup:
                self._add(f"<{name}>")

    def end(self, tag):
        name = self.stack.pop() if self.stack else _local(tag)
        depth = len(self.stack) + 1
        if self.item is None:
            if self.title_parts is not None and name == "title":
                title = "".join(self.title_parts).strip() or None
                if self.stack[-1:] == ["channel"]:
                    self.channel_title = title
                else:
                    self.root_title = title
                self.title_parts = None
            return
        if depth == self.item_depth:
            self.done.append(self.item)
            self.item, self.field = None, None
            return
        if depth == self.item_depth + 1 and self.field is not None:
            it, field = self.item, self.field
            text = "".join(self.field_parts)
            if field == "link" and it.kind == "entry":
                href = self.field_attrs.get("href") or text.strip()
                it.links.append((self.field_attrs.get("rel", "alternate"), href))
            elif field not in it.fields:
                it.fields[field] = text if self.field_markup else text.strip()
            self.field, self.field_parts, self.field_markup = None, [], False
        elif self.field_markup:
            self._add(f"</{name}>")
            if depth == self.item_depth + 2:
                self.field_markup = "closed"  # (the text after the first child is not the content)

    def data(self, data):
        if self.item is None:
            if self.title_parts is not None:
                self.title_parts.append(data)
            return
        if self.field is None:
            return
        if self.field_markup == "closed":
            return
        if self.field_markup:
            self._add(html.escape(data, quote=False))
        elif len(self.stack) == self.item_depth + 1:
            self._add(data)  # (ET's child.text: the text before the field's first child)

    def close(self):
        return None


def _stream_document(path: str, it: _Item, source: str | None) -> Document | None:
    from marsad.corpus.readers import parse_date

    f = it.fields

    def first(*names: str) -> str | None:
        for name in names:
            if name in f:
                return f[name] or None
        return None

    title = first("title")
    if it.kind == "entry":
        link = next((h for rel, h in it.links if rel == "alternate" and h), None) or next(
            (h for _rel, h in it.links if h), None)
    else:
        link = first("link")
    body = first("encoded", "content") or first("description", "summary") or ""
    published = parse_date(first("pubdate", "published", "updated", "date"))
    key = first("guid", "id") or link
    return _document(path, key, title, link, published, body, source)


def stream_feed(path: str, chunks, max_bytes: int) -> Iterator[Document | object]:
    """The items of an RSS/Atom feed given as byte ``chunks``, parsed as they come: Documents, and a
    :class:`~marsad.corpus.readers.ReadProblem` for an item over ``max_bytes`` or where the XML
    breaks (which ends the feed)."""
    from marsad.corpus.readers import ReadProblem

    target = _FeedTarget(limit=max_bytes * 2)  # (characters of markup and text; the document is checked after)
    parser = ET.XMLParser(target=target)
    n = 0

    def ready():
        nonlocal n
        source = target.channel_title or target.root_title
        while target.done:
            it = target.done.pop(0)
            n += 1
            if it.over:
                yield ReadProblem(path, n, f"item is over the {max_bytes / 1e6:g} MB limit (--max-size)")
                continue
            doc = _stream_document(path, it, source)
            if doc is not None:
                yield doc

    try:
        for chunk in chunks:
            parser.feed(chunk)
            yield from ready()
        parser.close()
    except ET.ParseError as exc:
        yield from ready()
        line = getattr(exc, "position", (None,))[0]
        yield ReadProblem(path, line, f"not a readable RSS/Atom feed ({exc}); the rest of the file is not read")
        return
    yield from ready()


def read_feed(path: str, data: bytes) -> Iterator[Document]:
    """The items of an RSS or Atom feed as Documents (title, link, date, text from the item's HTML)."""
    try:
        import feedparser  # noqa: F401
    except ImportError:
        yield from _read_with_etree(path, data)
        return
    yield from _read_with_feedparser(path, data)
