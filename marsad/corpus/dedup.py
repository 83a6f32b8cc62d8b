"""Exact and near duplicates.

- Exact: the SHA-1 of the document's folded text (:func:`marsad.text.normalize.fold`) with
  whitespace collapsed, so spelling variants of the same letters, diacritics and spacing do not
  make a copy look new.
- Near: an agency story republished by several outlets with a different lede, a dateline or a
  closing line. MinHash (datasketch, 64 permutations) over word 3-shingles of the folded text, an LSH
  index to find candidates, and an estimated Jaccard similarity of at least
  :data:`NEAR_THRESHOLD` to accept one. Texts too short to shingle reliably are only matched exactly.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.text.normalize import normalized_text

NUM_PERM = 64
SCHEME = "affine32"  # datasketch >= 2.0 names its hashing scheme; stored signatures use this one
SHINGLE = 3
NEAR_THRESHOLD = 0.6
MIN_SHINGLES = 12
WORD_RE = re.compile(r"[^\W_]+")


def folded_words(text: str) -> list[str]:
    return WORD_RE.findall(normalized_text(text))


def content_hash(text: str, words: list[str] | None = None) -> str:
    """Hash of the normalized text: equal for copies that differ only in spelling marks and spacing."""
    words = folded_words(text) if words is None else words
    return hashlib.sha1(" ".join(words).encode("utf-8", "surrogatepass")).hexdigest()


def shingles(words: list[str], k: int = SHINGLE) -> set[bytes]:
    if len(words) < k:
        return {" ".join(words).encode("utf-8", "surrogatepass")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8", "surrogatepass") for i in range(len(words) - k + 1)}


def signature(words: list[str]) -> tuple[int, MinHash | None]:
    """(number of shingles, MinHash) of a text's folded words; no MinHash for very short texts."""
    sh = shingles(words)
    if len(sh) < MIN_SHINGLES:
        return len(sh), None
    m = _minhash()
    m.update_batch(list(sh))
    return len(sh), m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


_PERMUTATIONS = None  # the (seeded, so always the same) permutations, drawn once instead of per MinHash


def _minhash(**kw) -> MinHash:
    global _PERMUTATIONS
    if _PERMUTATIONS is not None:
        kw["permutations"] = _PERMUTATIONS
    try:
        m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, **kw)
    except TypeError:  # datasketch before 2.0: one scheme only
        m = MinHash(num_perm=NUM_PERM, **kw)
    if _PERMUTATIONS is None:
        _PERMUTATIONS = m.permutations
    return m


def from_bytes(data: bytes) -> MinHash:
    return _minhash(hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearIndex:
    """Originals seen so far (stored or in this run), searchable for near copies."""

    def __init__(self, threshold: float = NEAR_THRESHOLD):
        self.threshold = threshold
        # LSH a little below the acceptance threshold so borderline copies are still candidates.
        self.lsh = MinHashLSH(threshold=max(0.3, threshold - 0.15), num_perm=NUM_PERM)
        self.sigs: dict[str, MinHash] = {}

    def add(self, doc_id: str, m: MinHash | None) -> None:
        if m is None or doc_id in self.sigs:
            return
        self.lsh.insert(doc_id, m)
        self.sigs[doc_id] = m

    def remove(self, doc_id: str) -> None:
        """Forget ``doc_id`` (an original that turned out to be a copy of one stored meanwhile)."""
        if self.sigs.pop(doc_id, None) is not None:
            self.lsh.remove(doc_id)

    def find(self, m: MinHash | None) -> tuple[str, float] | None:
        """The most similar indexed original and its estimated Jaccard similarity, if close enough."""
        if m is None:
            return None
        best: tuple[str, float] | None = None
        for cand in self.lsh.query(m):
            sim = float(m.jaccard(self.sigs[cand]))
            if sim >= self.threshold and (best is None or sim > best[1] or (sim == best[1] and cand < best[0])):
                best = (cand, sim)
        return best

    def __len__(self) -> int:
        return len(self.sigs)
