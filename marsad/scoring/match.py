"""How a system actor, event or quote is matched to the gold (``shared/ANNOTATION.md`` section 8).

Gold actors are surface forms plus a country; system actors are entities with mentions (offsets) and
a country. Both are reduced to spans of the original text, so the match does not depend on the
entity id scheme:

- **name level**: a system mention covers at least half of an occurrence of a gold form (``كيري``
  inside the mention ``وزير الخارجية الأمريكي جون كيري``), or a gold occurrence covers at least half
  of a system person's mention (the gold form includes the title); a state's name inside a longer gold
  phrase (``السعودية`` in ``وزارة الخارجية السعودية``) is not the same actor at this level;
- **country level**: the name level, or the same country (ISO alpha-3 or IGO code) on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.events.words import MUTUAL_TYPES as MUTUAL

Spans = tuple[tuple[int, int], ...]


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    p = text.find(needle)
    while p >= 0:
        out.append((p, p + len(needle)))
        p = text.find(needle, p + 1)
    return out


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _covered(part: tuple[int, int], by: tuple[int, int]) -> bool:
    inter = min(part[1], by[1]) - max(part[0], by[0])
    return inter > 0 and 2 * inter >= part[1] - part[0]


@dataclass(frozen=True)
class Actor:
    spans: Spans
    country: str | None
    person: bool = False
    kind: str | None = None

    @classmethod
    def gold(cls, text: str, actor: dict) -> Actor:
        spans = tuple(sorted({o for f in actor["ar"] for o in occurrences(text, f)}))
        return cls(spans, (actor.get("country") or None), actor.get("kind") == "PERSON", actor.get("kind"))


def name_match(g: Actor, s: Actor) -> bool:
    return any(_covered(go, so) or (s.person and _covered(so, go)) for go in g.spans for so in s.spans)


def country_match(g: Actor, s: Actor) -> bool:
    if g.country and s.country and g.country.upper() == s.country.upper():
        return True
    return name_match(g, s)


def side_match(gold: list[Actor], system: list[Actor], level: str) -> bool:
    """An empty gold side accepts anything; otherwise one system actor must match one gold actor."""
    if not gold:
        return True
    same = name_match if level == "name" else country_match
    return any(same(g, s) for g in gold for s in system)


def actors_match(etype: str, g_src: list[Actor], g_tgt: list[Actor], s_src: list[Actor], s_tgt: list[Actor],
                 level: str) -> bool:
    if side_match(g_src, s_src, level) and side_match(g_tgt, s_tgt, level):
        return True
    return etype in MUTUAL and side_match(g_src, s_tgt, level) and side_match(g_tgt, s_src, level)


def same_date(gold: str | None, pred: str | None) -> bool:
    """Equal, or the prediction refines the gold date with a time of day (2023-06-15TMO)."""
    if gold is None or pred is None:
        return gold == pred
    return pred == gold or (pred.startswith(gold) and pred[len(gold):len(gold) + 1] == "T")


# Entity kinds that may stand for each other (an annotator's GROUP is Marsad's ORG, a LOC its GPE).
_KIND_CLASS = {"PERSON": "P", "GPE": "L", "LOC": "L", "FAC": "L", "ORG": "O", "GROUP": "O", "NORP": "O"}


def kinds_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or _KIND_CLASS.get(a, a) == _KIND_CLASS.get(b, b)
