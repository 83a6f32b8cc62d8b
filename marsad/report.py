"""The human-readable report of `marsad analyze --format text`.

Arabic is printed in logical order, which terminals with bidi support (VTE/GNOME Terminal, Konsole,
mlterm, Windows Terminal, iTerm2 with bidi on) display right to left. ``bidi="visual"`` reorders every
line with the Unicode Bidi Algorithm (python-bidi) for terminals that print characters as they come.
"""

from __future__ import annotations

from collections import Counter

from marsad.schema import Analysis
from marsad.terminal import printable

KIND_MARK = {"title": "T", "heading": "H", "body": " ", "boilerplate": "~"}
ENTITY_KIND_ORDER = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP", "EVENT", "MISC"]


def _visual(line: str) -> str:
    from bidi import get_display

    try:
        import arabic_reshaper

        line = arabic_reshaper.reshape(line)
    except ImportError:
        pass
    return get_display(line)


def render(a: Analysis, bidi: str = "logical", width: int = 0) -> str:
    doc = a.document
    text = doc.text
    out: list[str] = []
    add = out.append
    add(f"Title      {doc.title or '(none)'}")
    add(f"Date       {doc.published or 'unknown'} ({doc.published_source})")
    add(f"Document   {doc.id}" + (f"  {doc.source}" if doc.source else "") + (f"  {doc.url}" if doc.url else ""))
    counts = Counter(s.kind for s in a.sentences)
    add("Sentences  " + ", ".join(f"{counts[k]} {k}" for k in ("title", "heading", "body", "boilerplate")))
    add("")
    add("== Sentences (T title, H heading, ~ boilerplate) ==")
    for i, s in enumerate(a.sentences):
        add(f"{i:>3} {KIND_MARK[s.kind]} {' '.join(text[s.start:s.end].split())}")
    if a.entities:
        add("")
        add("== Entities ==")
        by_kind: dict[str, list] = {}
        for e in a.entities:
            by_kind.setdefault(e.kind, []).append(e)
        for kind in sorted(by_kind, key=lambda k: ENTITY_KIND_ORDER.index(k) if k in ENTITY_KIND_ORDER else 99):
            add(f"  {kind}")
            for e in sorted(by_kind[kind], key=lambda e: -len(e.mentions)):
                name = e.name_en or e.name_translit or ""
                extra = [x for x in (e.country, ", ".join(e.roles) if e.roles else None) if x]
                add(
                    f"    {name:<28} {e.name_ar}  ×{len(e.mentions)}"
                    + (f"  [{'; '.join(extra)}]" if extra else "")
                    + (f"  {e.id}" if e.in_kb else "")
                )
    if a.times:
        add("")
        add("== Dates and times ==")
        for t in a.times:
            vals = f"  ({', '.join(t.values)})" if t.values else ""
            add(f"  {t.type:<8} {t.value or '?':<14} {t.text}{vals}")
    if a.events:
        add("")
        add("== Events ==")
        for e in a.events:
            line = e.summary_en or f"{e.type} ({e.status})"
            add(f"  {e.id:<4} {e.type:<10} {e.status:<11} {line}")
            add(f"       trigger: {e.trigger.text}")
    if a.quotes:
        add("")
        add("== Quotes ==")
        names = {e.id: (e.name_en or e.name_ar) for e in a.entities}
        for q in a.quotes:
            who = names.get(q.speaker or "", q.speaker_text or "?")
            kind = "direct" if q.direct else "reported"
            add(f"  {who} ({kind}, {q.cue or '-'}): {' '.join(q.text.split())}")
    out = [printable(line) for line in out]  # (a title or text cannot send escape sequences)
    if bidi == "visual":
        out = [_visual(line) for line in out]
    return "\n".join(out) + "\n"
