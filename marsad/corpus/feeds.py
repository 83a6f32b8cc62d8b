"""RSS 2.0 / RSS 1.0 (RDF) / Atom feed files: one Document per item.

Each item gives its title, link, publication date and text (``content:encoded`` or Atom ``content``
when present, else ``description`` / ``summary``), the HTML reduced to plain text with paragraph
breaks. feedparser is used when installed (it copes with broken feeds); otherwise the standard
library's XML parser reads well-formed feeds.
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


def read_feed(path: str, data: bytes) -> Iterator[Document]:
    """The items of an RSS or Atom feed as Documents (title, link, date, text from the item's HTML)."""
    try:
        import feedparser  # noqa: F401
    except ImportError:
        yield from _read_with_etree(path, data)
        return
    yield from _read_with_feedparser(path, data)
