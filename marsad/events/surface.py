"""A tiny surface-string entity tagger: the oracle of ``marsad eval events --oracle-entities`` and the
stand-in entity stage of the event and quote tests. It knows only the names it is given."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.doc import Doc
from marsad.schema import Entity, Mention
from marsad.text.normalize import fold
from marsad.text.tokens import left_ok, right_ok, word_end


@dataclass(frozen=True)
class Name:
    surface: str
    id: str
    kind: str = "PERSON"
    name_en: str | None = None
    country: str | None = None
    via: str = "name"


def _nisba(text: str, end: int) -> bool:
    """الأردن + ي is the adjective الأردني, not the country with a pronoun."""
    return text[end:word_end(text, end)] in ("ي", "يه", "يين", "يون", "ين")


class SurfaceEntities:
    """Tag every clitic-bounded occurrence of the given names (longest first, no overlaps)."""

    name = "entities"

    def __init__(self, names: list[Name]):
        self.names = sorted(names, key=lambda n: -len(fold(n.surface)))

    def __call__(self, doc: Doc) -> None:
        norm = doc.norm
        text = norm.text
        taken: list[tuple[int, int]] = []
        found: dict[str, tuple[Name, list[Mention]]] = {}
        for nm in self.names:
            key = fold(nm.surface)
            if not key:
                continue
            pos = text.find(key)
            while pos >= 0:
                end = pos + len(key)
                if left_ok(text, pos) and right_ok(text, end, allow_clitics=True) and not _nisba(text, end) and not any(
                        s < end and pos < e for s, e in taken):
                    taken.append((pos, end))
                    os_, oe = norm.to_original(pos, end)
                    m = Mention(start=os_, end=oe, text=doc.text[os_:oe], via=nm.via)
                    found.setdefault(nm.id, (nm, []))[1].append(m)
                pos = text.find(key, pos + 1)
            if key.startswith("ال") and len(key) > 4:  # للكويت: the article merges into لل
                short = key[2:]
                pos = text.find(short)
                while pos >= 0:
                    end = pos + len(short)
                    if pos >= 2 and text[pos - 2:pos] == "لل" and left_ok(text, pos - 2) and right_ok(
                            text, end, allow_clitics=True) and not any(s < end and pos < e for s, e in taken):
                        taken.append((pos, end))
                        os_, oe = norm.to_original(pos, end)
                        m = Mention(start=os_, end=oe, text=doc.text[os_:oe], via=nm.via)
                        found.setdefault(nm.id, (nm, []))[1].append(m)
                    pos = text.find(short, pos + 1)
        for eid, (nm, ms) in found.items():
            ms.sort(key=lambda m: m.start)
            doc.entities.append(Entity(id=eid, kind=nm.kind, name_en=nm.name_en, name_ar=nm.surface,
                                       country=nm.country, mentions=ms))
