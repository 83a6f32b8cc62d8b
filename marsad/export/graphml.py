"""GraphML export: the actor network. Nodes are corpus-wide entities that take part in events;
edges are events (one per event link and source-target pair), directed from source to target, with
type, CAMEO code, date, status and weight (the number of documents reporting the event).
Loads in networkx (``read_graphml``), Gephi, yEd, igraph."""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from marsad.corpus.store import Store
from marsad.corpus.timeline import Filters, event_rows

NODE_KEYS = [("label", "string"), ("kind", "string"), ("name_en", "string"), ("name_ar", "string"),
             ("country", "string"), ("sector", "string"), ("cameo_actor", "string")]
EDGE_KEYS = [("type", "string"), ("mode", "string"), ("cameo", "string"), ("date", "string"),
             ("status", "string"), ("weight", "double"), ("link", "string"), ("documents", "string")]


def write(store: Store, out: TextIO, filters: Filters | None = None) -> None:
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    for ev in event_rows(store, filters):
        for s in ev["source"]:
            for t in ev["target"]:
                if s["id"] == t["id"]:
                    continue
                nodes.setdefault(s["id"], s)
                nodes.setdefault(t["id"], t)
                key = (ev["link"] or ev["id"], s["id"], t["id"])
                e = edges.setdefault(key, {"type": ev["type"], "mode": ev["mode"] or "", "cameo": ev["cameo"] or "",
                                           "date": "", "status": ev["link_status"] or ev["status"],
                                           "link": ev["link"] or "", "docs": []})
                if ev["document"] not in e["docs"]:
                    e["docs"].append(ev["document"])
                if not e["date"] or (len(ev["when"] or "") == 10 and ev["status"] == e["status"]):
                    e["date"] = ev["when"] or ""
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for name, typ in NODE_KEYS:
        w(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{typ}"/>\n')
    for name, typ in EDGE_KEYS:
        w(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>\n')
    w('  <graph id="marsad" edgedefault="directed">\n')
    for nid, n in sorted(nodes.items()):
        w(f"    <node id={quoteattr(nid)}>\n")
        label = n.get("name_en") or n.get("name_ar") or nid
        for name, value in (("label", label), ("kind", n.get("kind")), ("name_en", n.get("name_en")),
                            ("name_ar", n.get("name_ar")), ("country", n.get("country")), ("sector", n.get("sector")),
                            ("cameo_actor", n.get("cameo_actor"))):
            if value:
                w(f'      <data key="n_{name}">{escape(str(value))}</data>\n')
        w("    </node>\n")
    for i, ((_link, s, t), e) in enumerate(sorted(edges.items())):
        w(f"    <edge id=\"e{i}\" source={quoteattr(s)} target={quoteattr(t)}>\n")
        values = dict(e, weight=float(len(e["docs"])), documents=" ".join(e["docs"]))
        for name, _typ in EDGE_KEYS:
            v = values.get(name)
            if v not in (None, ""):
                w(f'      <data key="e_{name}">{escape(str(v))}</data>\n')
        w("    </edge>\n")
    w("  </graph>\n</graphml>\n")
