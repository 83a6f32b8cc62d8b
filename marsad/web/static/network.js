/* The actor network: entities as nodes, events as arrows (source -> target), laid out by a small
   force simulation (repulsion between all nodes, springs along edges, a pull to the centre). */
"use strict";
(function () {
  var svg = document.getElementById("network");
  var panel = document.getElementById("card");
  var count = document.getElementById("network-count");
  if (!svg) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 600;
  var FAMILY = {CONSULT: "consult", AGREE: "coop", COOPERATE: "coop", SUPPORT: "coop", CONCEDE: "coop", RETREAT: "coop",
                AID: "coop", REQUEST: "verbal", ACCUSE: "verbal", REJECT: "verbal", PROTEST: "verbal", THREATEN: "verbal",
                SANCTION: "material", MOBILIZE: "material", COERCE: "material", ASSAULT: "material"};

  function s(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  function params() {
    var q = new URLSearchParams(window.location.search);
    var out = new URLSearchParams();
    ["actor", "type", "status", "since", "until", "story"].forEach(function (k) {
      if (q.get(k)) { out.set(k, q.get(k)); }
    });
    return out;
  }

  /* Positions for nodes (in place): Fruchterman-Reingold with a cooling schedule. */
  function layout(nodes, edges) {
    var n = nodes.length;
    if (!n) { return; }
    var k = Math.sqrt((W * H) / n) * 0.4;
    nodes.forEach(function (d, i) {
      var a = 2 * Math.PI * i / n;
      d.x = W / 2 + Math.cos(a) * W / 3;
      d.y = H / 2 + Math.sin(a) * H / 3;
    });
    var index = {};
    nodes.forEach(function (d, i) { index[d.id] = i; });
    var temp = W / 8;
    for (var it = 0; it < 300; it++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          var d2 = x * x + y * y || 0.01, d = Math.sqrt(d2);
          if (d > 3 * k) { continue; }  // far apart: no push, so separate groups stay in view
          var f = k * k / d;
          dx[i] += x / d * f; dy[i] += y / d * f;
          dx[j] -= x / d * f; dy[j] -= y / d * f;
        }
      }
      edges.forEach(function (e) {
        var a = index[e.source], b = index[e.target];
        if (a === undefined || b === undefined) { return; }
        var x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
        var d = Math.sqrt(x * x + y * y) || 0.01;
        var f = d * d / k;
        dx[a] -= x / d * f; dy[a] -= y / d * f;
        dx[b] += x / d * f; dy[b] += y / d * f;
      });
      for (i = 0; i < n; i++) {
        dx[i] += (W / 2 - nodes[i].x) * 0.08; dy[i] += (H / 2 - nodes[i].y) * 0.08;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        nodes[i].x += dx[i] / len * Math.min(len, temp);
        nodes[i].y += dy[i] / len * Math.min(len, temp);
        nodes[i].x = Math.max(90, Math.min(W - 90, nodes[i].x));
        nodes[i].y = Math.max(30, Math.min(H - 40, nodes[i].y));
      }
      temp = Math.max(1, temp * 0.985);
    }
  }

  function radius(d) { return 6 + Math.min(14, Math.sqrt(d.degree) * 3); }

  function family(e) {
    var best = null, most = -1;
    Object.keys(e.types).forEach(function (t) { if (e.types[t] > most) { most = e.types[t]; best = t; } });
    return FAMILY[best] || "other";
  }

  function draw(data) {
    var nodes = data.nodes, edges = data.edges;
    layout(nodes, edges);
    svg.replaceChildren();
    var defs = s("defs");
    ["consult", "coop", "verbal", "material", "other"].forEach(function (f) {
      var m = s("marker", {id: "arrow-" + f, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
                           orient: "auto-start-reverse"});
      m.appendChild(s("path", {d: "M0,0 L10,5 L0,10 z", class: "arrow fam-" + f}));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    var byId = {};
    nodes.forEach(function (d) { byId[d.id] = d; });
    var edgeLayer = s("g", {class: "edges"}), nodeLayer = s("g", {class: "nodes"});
    svg.appendChild(edgeLayer); svg.appendChild(nodeLayer);
    var lines = [];
    edges.forEach(function (e) {
      var f = family(e);
      var line = s("line", {class: "edge fam-" + f, "stroke-width": Math.min(8, 1.5 + e.count), "marker-end": "url(#arrow-" + f + ")"});
      line.dataset.source = e.source; line.dataset.target = e.target;
      var title = s("title");
      title.textContent = Object.keys(e.types).map(function (t) { return Marsad.t("ev." + t) + " ×" + e.types[t]; }).join(", ");
      line.appendChild(title);
      edgeLayer.appendChild(line);
      lines.push({el: line, e: e});
    });
    function place() {
      lines.forEach(function (l) {
        var a = byId[l.e.source], b = byId[l.e.target];
        var x = b.x - a.x, y = b.y - a.y, d = Math.sqrt(x * x + y * y) || 1;
        var ra = radius(a), rb = radius(b) + 3;
        l.el.setAttribute("x1", (a.x + x / d * ra).toFixed(1)); l.el.setAttribute("y1", (a.y + y / d * ra).toFixed(1));
        l.el.setAttribute("x2", (b.x - x / d * rb).toFixed(1)); l.el.setAttribute("y2", (b.y - y / d * rb).toFixed(1));
      });
      nodes.forEach(function (d) { d.g.setAttribute("transform", "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")"); });
    }
    nodes.forEach(function (d) {
      var g = s("g", {class: "node k-" + d.kind, tabindex: 0, role: "button"});
      g.dataset.id = d.id;
      g.appendChild(s("circle", {r: radius(d)}));
      var label = s("text", {y: radius(d) + 13, "text-anchor": "middle"});
      var full = Marsad.name(d);
      label.textContent = full.length > 28 ? full.slice(0, 27) + "…" : full;
      g.appendChild(label);
      var title = s("title");
      title.textContent = (d.name_ar || "") + (d.name_en ? " · " + d.name_en : "");
      g.appendChild(title);
      d.g = g;
      nodeLayer.appendChild(g);
      var drag = null;
      g.addEventListener("pointerdown", function (ev) {
        drag = {x: ev.clientX, y: ev.clientY, moved: false};
        g.setPointerCapture(ev.pointerId);
      });
      g.addEventListener("pointermove", function (ev) {
        if (!drag) { return; }
        var box = svg.getBoundingClientRect(), scale = W / box.width;
        var mx = (ev.clientX - drag.x) * scale, my = (ev.clientY - drag.y) * scale;
        if (Math.abs(mx) + Math.abs(my) > 2) { drag.moved = true; }
        d.x = Math.max(10, Math.min(W - 10, d.x + mx)); d.y = Math.max(10, Math.min(H - 10, d.y + my));
        drag.x = ev.clientX; drag.y = ev.clientY;
        place();
      });
      g.addEventListener("pointerup", function () {
        var moved = drag && drag.moved;
        drag = null;
        if (!moved) { select(d); }
      });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(d); } });
    });
    place();
    if (count) {
      count.textContent = nodes.length + " " + Marsad.t("nodes") + " · " + edges.length + " " + Marsad.t("edges") +
        (data.total_nodes > nodes.length ? " (" + data.total_nodes + ")" : "");
    }
    svg.dataset.ready = "1";
  }

  function select(d) {
    nodesSelected().forEach(function (g) { g.classList.remove("selected"); });
    d.g.classList.add("selected");
    var card = {id: d.id, global_id: d.id, kind: d.kind, name_en: d.name_en, name_ar: d.name_ar, country: d.country,
                roles: [], mentions: null};
    if (panel) { Marsad.show(panel, Marsad.entityCard(card)); }
    fetch("/api/entities/" + encodeURIComponent(d.id) + "?limit=1").then(function (r) { return r.ok ? r.json() : null; })
      .then(function (ent) {
        if (!ent || !panel || !d.g.classList.contains("selected")) { return; }
        card.roles = ent.roles || []; card.mentions = ent.n_mentions; card.wikidata = ent.wikidata;
        Marsad.show(panel, Marsad.entityCard(card));
      }).catch(function () {});
  }

  function nodesSelected() { return Array.prototype.slice.call(svg.querySelectorAll(".node.selected")); }

  fetch("/api/network?" + params().toString()).then(function (r) {
    if (!r.ok) { return r.json().then(function (b) { throw new Error(b.error || r.statusText); }); }
    return r.json();
  }).then(draw).catch(function (err) {
    if (count) { count.textContent = Marsad.t("error") + ": " + err.message; count.classList.add("error"); }
    svg.dataset.ready = "error";
  });
})();
