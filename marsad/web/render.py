"""What the pages show that is more than a query: the article with its highlights (from the
Analysis offsets) and the cards behind them, and the timeline chart's layout (:func:`timeline_chart`).

Every piece of text and every attribute value that reaches HTML here goes through
:func:`markupsafe.escape`; nothing from a document is ever written unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# Layers, outermost first: a quote holds entities, dates and triggers; a trigger is innermost.
LAYERS = ("quote", "ent", "time", "ev")


@dataclass
class _Ann:
    start: int
    end: int
    layer: str
    ref: str
    cls: str


def _valid(text: str, start, end, span_text=None) -> bool:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    return span_text is None or text[start:end] == span_text


def annotations(analysis: dict) -> list[_Ann]:
    text = analysis["document"]["text"]
    out: list[_Ann] = []
    for n, q in enumerate(analysis.get("quotes") or []):
        if _valid(text, q.get("start"), q.get("end")):
            out.append(_Ann(q["start"], q["end"], "quote", str(n), "hl hl-quote"))
    for ent in analysis.get("entities") or []:
        for m in ent.get("mentions") or []:
            if _valid(text, m.get("start"), m.get("end"), m.get("text")):
                out.append(_Ann(m["start"], m["end"], "ent", str(ent.get("id")), f"hl hl-ent k-{ent.get('kind')}"))
    for n, t in enumerate(analysis.get("times") or []):
        if _valid(text, t.get("start"), t.get("end"), t.get("text")):
            out.append(_Ann(t["start"], t["end"], "time", str(n), "hl hl-time"))
    for ev in analysis.get("events") or []:
        tr = ev.get("trigger") or {}
        if _valid(text, tr.get("start"), tr.get("end"), tr.get("text")):
            out.append(_Ann(tr["start"], tr["end"], "ev", str(ev.get("id")), f"hl hl-ev st-{ev.get('status')}"))
    return out


def highlight(analysis: dict) -> Markup:
    """The article text as HTML: each annotated stretch wrapped in nested ``<span class="hl …"
    data-layer=… data-ref=…>`` (quote outermost, trigger innermost). Overlapping spans are cut at
    every boundary, so any overlap renders; each piece carries all annotations over it."""
    text = analysis["document"]["text"]
    anns = annotations(analysis)
    bounds = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    starts: dict[int, list[_Ann]] = {}
    for a in anns:
        starts.setdefault(a.start, []).append(a)
    active: list[_Ann] = []
    order = {name: i for i, name in enumerate(LAYERS)}
    parts: list[str] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        active = [a for a in active if a.end > lo] + starts.get(lo, [])
        piece = str(escape(text[lo:hi]))
        if not active:
            parts.append(piece)
            continue
        wrap = sorted(active, key=lambda a: (order[a.layer], -(a.end - a.start), a.start))
        focus = ' tabindex="0" role="button"'
        open_tags = "".join(
            f'<span class="{escape(a.cls)}" data-layer="{a.layer}" data-ref="{escape(a.ref)}"'
            f'{focus if a is wrap[-1] else ""}>'
            for a in wrap)
        parts.append(open_tags + piece + "</span>" * len(wrap))
    return Markup("".join(parts))


def _name(ent: dict | None, fallback: str | None = None) -> dict:
    if not ent:
        return {"id": fallback, "name_en": None, "name_ar": fallback or "?"}
    return {"id": ent.get("global_id") or ent.get("id"), "name_en": ent.get("name_en"), "name_ar": ent.get("name_ar")}


def cards(analysis: dict, entity_ids: dict[str, str], event_links: dict[str, dict]) -> dict:
    """The data behind each highlight, keyed by layer and ``data-ref`` (for the page's script)."""
    text = analysis["document"]["text"]
    sentences = analysis.get("sentences") or []
    ents: dict[str, dict] = {}
    for ent in analysis.get("entities") or []:
        ents[str(ent.get("id"))] = {
            "id": ent.get("id"), "global_id": entity_ids.get(ent.get("id"), ent.get("id")), "kind": ent.get("kind"),
            "name_en": ent.get("name_en"), "name_ar": ent.get("name_ar"), "country": ent.get("country"),
            "roles": ent.get("roles") or [], "wikidata": ent.get("wikidata"), "in_kb": bool(ent.get("in_kb")),
            "mentions": len(ent.get("mentions") or []),
        }
    evs: dict[str, dict] = {}
    for ev in analysis.get("events") or []:
        tr = ev.get("trigger") or {}
        s = ev.get("sentence")
        evidence = None
        if isinstance(s, int) and 0 <= s < len(sentences):
            ss, se = sentences[s]["start"], sentences[s]["end"]
            ts, te = tr.get("start"), tr.get("end")
            if isinstance(ts, int) and isinstance(te, int) and ss <= ts < te <= se:
                evidence = {"before": text[ss:ts], "trigger": text[ts:te], "after": text[te:se]}
            else:
                evidence = {"before": text[ss:se], "trigger": "", "after": ""}
        link = event_links.get(ev.get("id"))
        evs[str(ev.get("id"))] = {
            "id": ev.get("id"), "type": ev.get("type"), "mode": ev.get("mode"), "cameo": ev.get("cameo"),
            "status": ev.get("status"), "date": ev.get("date"), "summary_en": ev.get("summary_en"),
            "confidence": ev.get("confidence"), "trigger": tr.get("text"),
            "source": [_name(ents.get(e), e) for e in ev.get("source") or []],
            "target": [_name(ents.get(e), e) for e in ev.get("target") or []],
            "location": _name(ents.get(ev["location"]), ev["location"]) if ev.get("location") else None,
            "evidence": evidence,
            "link": {"id": link["id"], "status": link["status"], "n_documents": link["n_documents"]} if link else None,
        }
    times = {str(n): {"text": t.get("text"), "type": t.get("type"), "value": t.get("value"), "anchor": t.get("anchor")}
             for n, t in enumerate(analysis.get("times") or [])}
    quotes = {}
    for n, q in enumerate(analysis.get("quotes") or []):
        spk = ents.get(q.get("speaker")) if q.get("speaker") else None
        quotes[str(n)] = {"speaker": _name(spk, q.get("speaker")) if q.get("speaker") else None,
                          "speaker_text": q.get("speaker_text"), "cue": q.get("cue"), "direct": bool(q.get("direct")),
                          "text": q.get("text")}
    return {"ent": ents, "ev": evs, "time": times, "quote": quotes}


