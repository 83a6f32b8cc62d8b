"""Build marsad/kb/data/groups.jsonl (NORP: peoples, religious and ethnic communities) from
data/manual/groups_manual.jsonl. Nationalities are not here: they are the adjectives of countries."""

from __future__ import annotations

try:
    from scripts.kb.common import DATA, MANUAL, read_jsonl, record, write_jsonl
except ImportError:
    from common import DATA, MANUAL, read_jsonl, record, write_jsonl


def build() -> list[dict]:
    out = []
    for m in read_jsonl(MANUAL / "groups_manual.jsonl"):
        extra = {k: v for k, v in m.items() if k not in {"id", "kind", "name_en", "name_ar", "aliases_ar",
                                                          "aliases_en", "wikidata", "country"}}
        out.append(record(m["id"], "NORP", m["name_en"], m["name_ar"], aliases_ar=m.get("aliases_ar", ()),
                          aliases_en=m.get("aliases_en", ()), wikidata=m.get("wikidata"), country=m.get("country"),
                          **extra))
    return out


def main() -> None:
    write_jsonl(DATA / "groups.jsonl", build())


if __name__ == "__main__":
    main()
