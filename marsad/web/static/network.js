/* The actor network: the actors with most events (GET /api/network) as nodes sized by their events,
   arrows from source to target coloured by the kind of their events (cooperation, verbal or
   material conflict) and as wide as their number. The layout settles before anything is drawn: a
   force simulation with collision, started from a seeded placement grouped by country (so the same
   data gives the same picture). Labels are placed largest node first, each where it overlaps no
   other label and no node; a label with no free place is shown only on hover. Hover or focus a
   node for its card; click it for its actor page; click an arrow for its events. */
"use strict";
(function () {
  var svg = document.getElementById("network");
  var panel = document.getElementById("card");
  var count = document.getElementById("network-count");
  if (!svg) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var W = 1000, H = 680, PAD = 24;
  var FILTERS = ["actor", "type", "status", "since", "until", "story", "country", "sector", "source", "target",
                 "min_confidence"];

  function s(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  function params() {
    var q = new URLSearchParams(window.location.search);
    var out = new URLSearchParams();
    FILTERS.forEach(function (k) { if (q.get(k)) { out.set(k, q.get(k)); } });
    return out;
  }

  /* A small deterministic random number generator (the layout must not change between loads). */
  function rng(seed) {
    var x = seed >>> 0 || 1;
    return function () { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
  }

  function hash(str) {
    var h = 2166136261;
    for (var i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }

  function layout(nodes, edges) {
    var n = nodes.length;
    if (!n) { return; }
    var rand = rng(hash(nodes.map(function (d) { return d.id; }).join("|")));
    // start: one sector of the circle per country (biggest countries first), bigger nodes nearer the centre
    var byCountry = {};
    nodes.forEach(function (d) { var c = d.country || "?"; (byCountry[c] = byCountry[c] || []).push(d); });
    var countries = Object.keys(byCountry).sort(function (a, b) { return byCountry[b].length - byCountry[a].length || (a < b ? -1 : 1); });
    var k = 0;
    countries.forEach(function (c) {
      byCountry[c].forEach(function (d, j) {
        var a = 2 * Math.PI * (k + 0.5) / n;
        var rr = 0.25 + 0.6 * (j / Math.max(1, byCountry[c].length)) + 0.1 * rand();
        d.x = W / 2 + Math.cos(a) * rr * (W / 2 - PAD * 3);
        d.y = H / 2 + Math.sin(a) * rr * (H / 2 - PAD * 2);
        k += 1;
      });
    });
    var index = {};
    nodes.forEach(function (d, i) { index[d.id] = i; });
    var links = edges.map(function (e) { return [index[e.source], index[e.target], e.count]; })
      .filter(function (l) { return l[0] !== undefined && l[1] !== undefined; });
    var maxCount = Math.max.apply(null, [1].concat(links.map(function (l) { return l[2]; })));
    var ideal = Math.sqrt((W * H) / n) * 0.85;
    var iterations = Math.max(60, Math.min(400, Math.floor(2e7 / (n * n))));
    var temp = W / 8;
    for (var it = 0; it < iterations; it++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          var d = Math.sqrt(x * x + y * y) || 0.01;
          var f = ideal * ideal / d;
          dx[i] += x / d * f; dy[i] += y / d * f; dx[j] -= x / d * f; dy[j] -= y / d * f;
        }
      }
      links.forEach(function (l) {
        var a = nodes[l[0]], b = nodes[l[1]];
        var x = a.x - b.x, y = a.y - b.y, d = Math.sqrt(x * x + y * y) || 0.01;
        var f = d * d / ideal * (0.15 + 0.35 * Math.log(1 + l[2]) / Math.log(1 + maxCount));
        dx[l[0]] -= x / d * f; dy[l[0]] -= y / d * f; dx[l[1]] += x / d * f; dy[l[1]] += y / d * f;
      });
      for (i = 0; i < n; i++) {
        dx[i] += (W / 2 - nodes[i].x) * 0.6; dy[i] += (H / 2 - nodes[i].y) * 0.9;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        nodes[i].x += dx[i] / len * Math.min(len, temp);
        nodes[i].y += dy[i] / len * Math.min(len, temp);
      }
      collide(nodes, 6);
      for (i = 0; i < n; i++) { bound(nodes[i]); }
      temp = Math.max(0.5, temp * 0.985);
    }
    for (var c2 = 0; c2 < 20; c2++) { collide(nodes, 8); nodes.forEach(bound); }
  }

  function collide(nodes, gap) {
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j];
        var x = b.x - a.x, y = b.y - a.y, d = Math.sqrt(x * x + y * y) || 0.01, min = a.r + b.r + gap;
        if (d < min) {
          var push = (min - d) / 2;
          if (d === 0.01) { x = 1; y = 0; d = 1; }
          a.x -= x / d * push; a.y -= y / d * push; b.x += x / d * push; b.y += y / d * push;
        }
      }
    }
  }

  function bound(d) {
    d.x = Math.max(PAD + d.r, Math.min(W - PAD - d.r, d.x));
    d.y = Math.max(PAD + d.r, Math.min(H - PAD - d.r - 14, d.y));
  }

  function code(d) {
    return d.cameo_actor || [d.country, d.sector].filter(Boolean).join(" ");
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  /* Each label in the first place (below, above, right, left of its node) that overlaps no placed
     label and no other node; none free: hidden until hovered. Largest nodes first. */
  function placeLabels(nodes) {
    var placed = [];
    var circles = nodes.map(function (d) { return {x: d.x - d.r, y: d.y - d.r, width: 2 * d.r, height: 2 * d.r, id: d.id}; });
    nodes.slice().sort(function (a, b) { return b.n_events - a.n_events || (a.id < b.id ? -1 : 1); }).forEach(function (d) {
      var label = d.label;
      label.classList.remove("label-hidden");
      var spots = [[0, d.r + 13, "middle"], [0, -d.r - 5, "middle"], [d.r + 4, 4, "start"], [-d.r - 4, 4, "end"],
                   [d.r + 2, d.r + 11, "start"], [-d.r - 2, d.r + 11, "end"], [d.r + 2, -d.r - 3, "start"],
                   [-d.r - 2, -d.r - 3, "end"]];
      for (var i = 0; i < spots.length; i++) {
        label.setAttribute("x", spots[i][0]); label.setAttribute("y", spots[i][1]);
        label.setAttribute("text-anchor", spots[i][2]);
        var bb = label.getBBox();
        var box = {x: d.x + bb.x - 1, y: d.y + bb.y - 1, width: bb.width + 2, height: bb.height + 2};
        if (box.x < 0 || box.x + box.width > W || box.y < 0 || box.y + box.height > H) { continue; }
        var free = placed.every(function (p) { return !overlaps(p, box); }) &&
                   circles.every(function (c) { return c.id === d.id || !overlaps(c, box); });
        if (free) { placed.push(box); return; }
      }
      label.classList.add("label-hidden");
    });
  }

  function draw(data) {
    var nodes = data.nodes, edges = data.edges;
    var maxEvents = Math.max.apply(null, [1].concat(nodes.map(function (d) { return d.n_events; })));
    var maxCount = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.count; })));
    nodes.forEach(function (d) { d.r = 5 + 15 * Math.sqrt(d.n_events / maxEvents); });
    layout(nodes, edges);
    svg.replaceChildren();
    var defs = s("defs");
    ["cooperation", "verbal", "conflict", "other"].forEach(function (g) {
      var m = s("marker", {id: "arrow-" + g, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
                           orient: "auto-start-reverse", markerUnits: "userSpaceOnUse"});
      m.appendChild(s("path", {d: "M0,0 L10,5 L0,10 z", class: "arrow grp-" + g}));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    var byId = {};
    nodes.forEach(function (d) { byId[d.id] = d; });
    var pairs = {};
    edges.forEach(function (e) { pairs[e.source + "\u0000" + e.target] = true; });
    var edgeLayer = s("g", {class: "edges"}), nodeLayer = s("g", {class: "nodes"});
    svg.appendChild(edgeLayer); svg.appendChild(nodeLayer);
    var lines = [];
    var base = params();
    edges.forEach(function (e) {
      var g = e.group || "other";
      var width = 1 + 4 * Math.sqrt(e.count / maxCount);
      var q = new URLSearchParams(base);
      q.delete("actor"); q.set("source", e.source); q.set("target", e.target);
      var link = s("a", {href: "/events?" + q.toString(), class: "edge-link"});
      var line = s("line", {class: "edge grp-" + g, "stroke-width": width.toFixed(1), "marker-end": "url(#arrow-" + g + ")"});
      var hit = s("line", {class: "edge-hit"});
      line.dataset.source = e.source; line.dataset.target = e.target; line.dataset.count = e.count;
      var title = s("title");
      var a = byId[e.source], b = byId[e.target];
      title.textContent = Marsad.name(a) + " → " + Marsad.name(b) + ": " + e.count + " " + Marsad.t("net.edge_events") + " (" +
        Object.keys(e.types).map(function (t) { return Marsad.t("ev." + t) + " ×" + e.types[t]; }).join(", ") + ")";
      link.appendChild(hit); link.appendChild(line); link.appendChild(title);
      edgeLayer.appendChild(link);
      lines.push({el: line, hit: hit, e: e, both: pairs[e.target + "\u0000" + e.source] === true});
    });
    function place() {
      lines.forEach(function (l) {
        var a = byId[l.e.source], b = byId[l.e.target];
        var x = b.x - a.x, y = b.y - a.y, d = Math.sqrt(x * x + y * y) || 1;
        var ox = l.both ? -y / d * 3 : 0, oy = l.both ? x / d * 3 : 0;  // two directions: side by side
        var x1 = a.x + x / d * a.r + ox, y1 = a.y + y / d * a.r + oy;
        var x2 = b.x - x / d * (b.r + 2) + ox, y2 = b.y - y / d * (b.r + 2) + oy;
        [l.el, l.hit].forEach(function (el) {
          el.setAttribute("x1", x1.toFixed(1)); el.setAttribute("y1", y1.toFixed(1));
          el.setAttribute("x2", x2.toFixed(1)); el.setAttribute("y2", y2.toFixed(1));
        });
      });
      nodes.forEach(function (d) { d.g.setAttribute("transform", "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")"); });
    }
    nodes.forEach(function (d) {
      var g = s("g", {class: "node k-" + d.kind, tabindex: 0, role: "link"});
      g.dataset.id = d.id;
      g.dataset.events = d.n_events;
      g.setAttribute("aria-label", Marsad.name(d) + (code(d) ? " (" + code(d) + ")" : ""));
      g.appendChild(s("circle", {r: d.r.toFixed(1)}));
      var label = s("text", {class: "node-label", y: d.r + 13, "text-anchor": "middle"});
      var full = Marsad.name(d);
      label.textContent = full.length > 26 ? full.slice(0, 25) + "…" : full;
      g.appendChild(label);
      d.label = label;
      var title = s("title");
      title.textContent = (d.name_ar || "") + (d.name_en ? " · " + d.name_en : "") + (code(d) ? " · " + code(d) : "") +
        " · " + d.n_events + " " + Marsad.t("events_count");
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
        d.x = Math.max(d.r, Math.min(W - d.r, d.x + mx)); d.y = Math.max(d.r, Math.min(H - d.r, d.y + my));
        drag.x = ev.clientX; drag.y = ev.clientY;
        place();
      });
      g.addEventListener("pointerup", function () {
        var moved = drag && drag.moved;
        drag = null;
        if (moved) { placeLabels(nodes); } else { open(d); }
      });
      g.addEventListener("pointerenter", function () { show(d); });
      g.addEventListener("focus", function () { show(d); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { open(d); } });
    });
    place();
    placeLabels(nodes);
    if (count) {
      count.textContent = nodes.length + " " + Marsad.t("nodes") + " · " + edges.length + " " + Marsad.t("edges") +
        (data.total_nodes > nodes.length ? " (" + Marsad.t("of") + " " + data.total_nodes + " " + Marsad.t("nodes") + ")" : "") +
        " · " + Marsad.t("net.open_actor");
    }
    svg.dataset.ready = "1";
  }

  function open(d) { window.location.assign(Marsad.entityHref(d.id)); }

  function show(d) {
    Array.prototype.forEach.call(svg.querySelectorAll(".node.selected"), function (g) { g.classList.remove("selected"); });
    d.g.classList.add("selected");
    if (panel) {
      Marsad.show(panel, Marsad.entityCard({id: d.id, global_id: d.id, kind: d.kind, name_en: d.name_en, name_ar: d.name_ar,
                                            country: d.country, sector: d.sector, cameo_actor: d.cameo_actor,
                                            n_events: d.n_events, roles: [], mentions: null}));
    }
  }

  var q = params();
  if (svg.dataset.maxNodes) { q.set("max_nodes", svg.dataset.maxNodes); }
  fetch("/api/network?" + q.toString()).then(function (r) {
    if (!r.ok) { return r.json().then(function (b) { throw new Error(b.error || r.statusText); }); }
    return r.json();
  }).then(draw).catch(function (err) {
    if (count) { count.textContent = Marsad.t("error") + ": " + err.message; count.classList.add("error"); }
    svg.dataset.ready = "error";
  });
})();
