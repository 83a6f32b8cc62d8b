"""Stories: groups of documents about one development.

Two documents belong to one story when, published at most :data:`WINDOW_DAYS` apart, they
- report the same event (a shared event link), or
- read alike (cosine of TF-IDF vectors over folded, proclitic-stripped words) strongly enough, or
  moderately and with the same participants (IDF-weighted overlap of corpus-wide entities).
Stories are the connected groups; a duplicate belongs to its original's story.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from importlib import resources

from marsad.corpus.store import stem
from marsad.text.normalize import normalize

WINDOW_DAYS = 7
TOP_TERMS = 30
POSTING_TERMS = 12  # candidates come from each document's most distinctive words
CENTROID_MIN = 0.25  # two groups merge only when their word profiles agree this much
LEX_ALONE = 0.35  # cosine that is enough on its own
LEX_WITH_ENTITIES = 0.15
ENTITY_OVERLAP = 0.3
_WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("marsad.corpus").joinpath("data/stopwords.txt").read_text("utf-8")
    words = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return frozenset(words | {stem(w) for w in words})


def terms(text: str) -> Counter:
    return terms_of_folded(normalize(text).text)


def terms_of_folded(folded: str) -> Counter:
    """Content words (folded, proclitics stripped, function words left out) and their counts."""
    stop = stopwords()
    out: Counter = Counter()
    for w in _WORD_RE.findall(folded):
        if w in stop:
            continue
        s = stem(w)
        if len(s) >= 3 and s not in stop:
            out[s] += 1
    return out


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def build_stories(conn) -> int:
    docs = conn.execute(
        "SELECT id, seq, published, title, substr(text, 1, 200), terms FROM documents"
        " WHERE duplicate_of IS NULL ORDER BY seq"
    ).fetchall()
    n = len(docs)
    conn.execute("DELETE FROM stories")
    conn.execute("DELETE FROM story_documents")
    if not n:
        return 0
    info = {d[0]: d for d in docs}
    ents: dict[str, set] = defaultdict(set)
    for doc, gid in conn.execute("SELECT doc_id, entity_id FROM doc_entities WHERE entity_id IS NOT NULL"):
        ents[doc].add(gid)
    links: dict[str, set] = defaultdict(set)
    for link, doc in conn.execute(
        "SELECT m.link_id, m.doc_id FROM event_link_members m JOIN event_links l ON l.id = m.link_id"
        " WHERE l.n_documents > 1"
    ):
        links[doc].add(link)

    tfs = {d[0]: Counter(json.loads(d[5])) if d[5] else terms(d[4]) for d in docs}
    df: Counter = Counter()
    for tf in tfs.values():
        df.update(tf.keys())
    edf: Counter = Counter()
    for s in ents.values():
        edf.update(s)

    def idf(c: int) -> float:
        return math.log((n + 1) / (c + 0.5))

    term_idf = {t: idf(c) for t, c in df.items()}  # (once a term, not once a term a document)
    vecs: dict[str, dict[str, float]] = {}
    for doc, tf in tfs.items():
        w = {t: (1 + math.log(c)) * term_idf[t] for t, c in tf.items()}
        top = dict(heapq.nsmallest(TOP_TERMS, w.items(), key=_heaviest_first))
        norm = math.sqrt(sum(v * v for v in top.values())) or 1.0
        vecs[doc] = {t: v / norm for t, v in top.items()}

    # candidate pairs from shared features that are not everywhere
    common = max(5, min(50, n // 20))
    postings: dict[tuple, list[str]] = defaultdict(list)
    for doc in info:
        for t in list(vecs[doc])[:POSTING_TERMS]:
            if df[t] <= common:
                postings[("t", t)].append(doc)
        for e in ents.get(doc, ()):
            if edf[e] <= common:
                postings[("e", e)].append(doc)
        for lk in links.get(doc, ()):
            postings[("l", lk)].append(doc)
    # pairs as ranks in story order (earliest first), so that sorting them needs no key
    ranked = sorted(info, key=lambda d: _order(info[d]))
    rank = {d: i for i, d in enumerate(ranked)}
    pairs: set[tuple[int, int]] = set()
    for docs_with in postings.values():
        if len(docs_with) > 1:
            rs = sorted(rank[d] for d in docs_with)
            for i, a in enumerate(rs):
                for b in rs[i + 1:]:
                    pairs.add((a, b))

    parent = {d: d for d in info}
    days = {d: _day(info[d][2]) for d in info}
    centroid = {d: dict(vecs[d]) for d in info}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for ia, ib in sorted(pairs):
        a, b = ranked[ia], ranked[ib]
        if find(a) == find(b):
            continue
        if _related(a, b, days, vecs, ents, links, edf, idf):
            ra, rb = find(a), find(b)
            shared_link = links.get(a) and links.get(b) and links[a] & links[b]
            if not shared_link and _cosine(centroid[ra], centroid[rb]) < CENTROID_MIN:
                continue  # no chaining of stories through one borderline pair
            if rank[rb] < rank[ra]:
                ra, rb = rb, ra
            parent[rb] = ra
            merged = Counter(centroid[ra])
            merged.update(centroid.pop(rb))
            centroid[ra] = dict(merged.most_common(100))

    groups: dict[str, list[str]] = defaultdict(list)
    for d in info:
        groups[find(d)].append(d)
    dups = conn.execute("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL").fetchall()
    for dup, orig in dups:
        if orig in parent:
            groups[find(orig)].append(dup)
    dup_pub = dict(conn.execute("SELECT id, published FROM documents WHERE duplicate_of IS NOT NULL").fetchall())
    story_rows, member_rows = [], []
    for members in groups.values():
        originals = sorted((m for m in members if m in info), key=rank.__getitem__)
        first = info[originals[0]]
        sid = "st-" + hashlib.sha1(first[0].encode("utf-8", "surrogatepass")).hexdigest()[:10]
        label = first[3] or " ".join(first[4].split())[:80]
        dates = sorted(p[:10] for p in [info[m][2] if m in info else dup_pub.get(m) for m in members] if p)
        story_rows.append((sid, label, dates[0] if dates else None, dates[-1] if dates else None, len(members)))
        member_rows.extend((sid, m) for m in members)
    conn.executemany("INSERT INTO stories (id, label, first_date, last_date, n_documents) VALUES (?,?,?,?,?)", story_rows)
    conn.executemany("INSERT INTO story_documents (story_id, doc_id) VALUES (?,?)", member_rows)
    return len(story_rows)


def _cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values())) or 1.0
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / (na * nb)


def _heaviest_first(kv) -> tuple:
    return (-kv[1], kv[0])


def _order(row) -> tuple:
    return (row[2] or "9999", row[0])


def _related(a, b, days, vecs, ents, links, edf, idf) -> bool:
    da, db = days[a], days[b]
    if links.get(a) and links.get(b) and links[a] & links[b]:
        return True
    if da and db and abs((da - db).days) > WINDOW_DAYS:
        return False
    va, vb = vecs[a], vecs[b]
    if len(va) > len(vb):
        va, vb = vb, va
    lex = sum(v * vb.get(t, 0.0) for t, v in va.items())
    if lex >= LEX_ALONE:
        return True
    ea, eb = ents.get(a, set()), ents.get(b, set())
    if lex >= LEX_WITH_ENTITIES and ea and eb:
        shared = sum(idf(edf[e]) for e in ea & eb)
        union = sum(idf(edf[e]) for e in ea | eb) or 1.0
        return shared / union >= ENTITY_OVERLAP
    return False
