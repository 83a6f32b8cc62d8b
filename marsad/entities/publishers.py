"""The state a publication belongs to, from an article's address or source name.

Saudi newspapers write المملكة for Saudi Arabia, Jordanian ones for Jordan; when the article's text
gives no context (no dateline, no clear domestic setting), the publication's state is what such a
noun means. The country-code domain decides first (okaz.com.sa), then the host (alriyadh.com), then
the source name the corpus gives (``alriyadh``); the table is data (``data/publishers.json``).

A publication also names itself: Saudi papers write وقال لـ"الرياض" or صرح لـ«عكاظ». Its name in
quotation marks is the publication (an ORG of the media sector), not the city or the word the name
also is (:func:`name_itself`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from marsad.schema import Document, Entity, Mention
from marsad.text.normalize import fold

_QUOTED_RE = re.compile(r'[«"“]\s*([^«»"“”\n]{2,30}?)\s*[»"”]')


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(resources.files("marsad.entities").joinpath("data/publishers.json").read_text("utf-8"))


def _host(document: Document) -> str:
    if not document.url:
        return ""
    try:
        host = (urlsplit(document.url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def publisher_name(document: Document) -> str | None:
    """The name the publication of ``document`` goes by (الرياض for alriyadh.com), or None."""
    names = _table().get("names", {})
    label = _host(document).split(".")[0]
    if label in names:
        return names[label]
    return names.get((document.source or "").strip().lower())


def name_itself(doc) -> None:
    """Mentions of the publication by its name in quotation marks (لـ"الرياض"), as one ORG of the
    media sector; a mention the gazetteer gave that name (the city, the state it stands for) is the
    publication's instead."""
    name = publisher_name(doc.document)
    if not name:
        return
    key = fold(name)
    spans = [m.span(1) for m in _QUOTED_RE.finditer(doc.text) if fold(m.group(1)) == key]
    if not spans:
        return
    taken = set(spans)
    for e in doc.entities:
        e.mentions = [m for m in e.mentions if not any(m.start < b and a < m.end for a, b in taken)]
    doc.entities = [e for e in doc.entities if e.mentions]
    iso = publisher_country(doc.document)
    ent = Entity(id=f"L:ORG:{name}", kind="ORG", name_ar=name, country=iso, sector="MED",
                 cameo_actor=f"{iso} MED" if iso else "MED",
                 mentions=[Mention(start=a, end=b, text=doc.text[a:b], via="name") for a, b in spans])
    doc.entities = sorted(doc.entities + [ent], key=lambda x: x.mentions[0].start)


def publisher_country(document: Document) -> str | None:
    """ISO 3166 alpha-3 of the publication of ``document``, or None when unknown."""
    t = _table()
    if document.url:
        host = _host(document)
        if host:
            tld = host.rsplit(".", 1)[-1]
            if tld in t["tld"]:
                return t["tld"][tld]
            if host in t["hosts"]:
                return t["hosts"][host]
    if document.source:
        return t["sources"].get(document.source.strip().lower())
    return None
