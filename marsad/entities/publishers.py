"""The state a publication belongs to, from an article's address or source name.

Saudi newspapers write المملكة for Saudi Arabia, Jordanian ones for Jordan; when the article's text
gives no context (no dateline, no clear domestic setting), the publication's state is what such a
noun means. The country-code domain decides first (okaz.com.sa), then the host (alriyadh.com), then
the source name the corpus gives (``alriyadh``); the table is data (``data/publishers.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from marsad.schema import Document


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(resources.files("marsad.entities").joinpath("data/publishers.json").read_text("utf-8"))


def publisher_country(document: Document) -> str | None:
    """ISO 3166 alpha-3 of the publication of ``document``, or None when unknown."""
    t = _table()
    if document.url:
        try:
            host = (urlsplit(document.url).hostname or "").lower()
        except ValueError:
            host = ""
        host = host[4:] if host.startswith("www.") else host
        if host:
            tld = host.rsplit(".", 1)[-1]
            if tld in t["tld"]:
                return t["tld"][tld]
            if host in t["hosts"]:
                return t["hosts"][host]
    if document.source:
        return t["sources"].get(document.source.strip().lower())
    return None
