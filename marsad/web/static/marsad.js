/* Marsad: shared helpers for the pages (labels, safe element building, cards).
   Everything from the data is set with textContent or as attribute values, never as HTML. */
"use strict";
var Marsad = (function () {
  var labels = {};
  var node = document.getElementById("labels");
  if (node) { try { labels = JSON.parse(node.textContent); } catch (e) { labels = {}; } }
  var lang = document.documentElement.lang === "ar" ? "ar" : "en";

  function t(key) { return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : key; }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === "text") { e.textContent = String(v); }
        else if (k === "class") { e.className = String(v); }
        else { e.setAttribute(k, String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function entityHref(id) { return "/entities/" + encodeURIComponent(id); }

  function name(ent) {
    if (!ent) { return "?"; }
    return (lang === "en" && ent.name_en) ? ent.name_en : (ent.name_ar || ent.name_en || ent.id || "?");
  }

  function actorLinks(list) {
    var span = el("span");
    (list || []).forEach(function (a, i) {
      if (i) { span.appendChild(document.createTextNode(", ")); }
      var link = el("a", {href: entityHref(a.id), title: a.name_ar || ""}, [el("bdi", {text: name(a)})]);
      span.appendChild(link);
      var c = a.cameo_actor || [a.country, a.sector].filter(Boolean).join(" ");
      if (c) { span.appendChild(document.createTextNode(" ")); span.appendChild(el("span", {class: "code", text: c})); }
    });
    if (!list || !list.length) { span.textContent = "—"; }
    return span;
  }

  function row(dl, key, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", {text: t(key)}));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = Array.isArray(value) ? value.join(" · ") : String(value); }
    dl.appendChild(dd);
  }

  function head(kindClass, title, sub) {
    return el("header", {class: "card-head " + kindClass}, [
      el("span", {class: "card-kind", text: sub}),
      el("button", {type: "button", class: "card-close", "aria-label": t("close"), text: "×"})
    ].concat(title ? [el("h3", {}, title)] : []));
  }

  function entityCard(ent) {
    var card = el("div", {class: "card-body", "data-card": "entity"});
    card.appendChild(head("k-" + ent.kind, [el("bdi", {lang: "ar", dir: "rtl", class: "name-ar", text: ent.name_ar || ""})],
      t("entity") + " · " + t("k." + ent.kind)));
    var dl = el("dl");
    row(dl, "name_en", ent.name_en ? el("bdi", {class: "name-en", text: ent.name_en}) : null);
    row(dl, "name_ar", ent.name_ar ? el("bdi", {lang: "ar", text: ent.name_ar}) : null);
    row(dl, "kind", t("k." + ent.kind));
    row(dl, "roles", ent.roles || []);
    row(dl, "actor_code", ent.cameo_actor);
    row(dl, "country", ent.country);
    row(dl, "sector", ent.sector ? t("sec." + ent.sector) + " (" + ent.sector + ")" : null);
    if (typeof ent.n_events === "number") { row(dl, "events", ent.n_events); }
    row(dl, "wikidata", ent.wikidata);
    row(dl, "mentions", ent.mentions);
    card.appendChild(dl);
    var gid = ent.global_id || ent.id;
    if (gid) { card.appendChild(el("p", {}, [el("a", {href: entityHref(gid), class: "card-link", text: t("open_entity") + " →"})])); }
    return card;
  }

  function eventCard(ev) {
    var card = el("div", {class: "card-body", "data-card": "event"});
    card.appendChild(head("st-" + ev.status, ev.summary_en ? [el("span", {class: "summary", text: ev.summary_en})] : null,
      t("event") + " · " + t("ev." + ev.type)));
    var dl = el("dl");
    row(dl, "type", t("ev." + ev.type) + " (" + ev.type + (ev.mode ? ", " + ev.mode : "") + ")");
    row(dl, "status", el("span", {class: "status st-" + ev.status, text: t("st." + ev.status)}));
    row(dl, "date", ev.date);
    row(dl, "source", actorLinks(ev.source));
    row(dl, "target", actorLinks(ev.target));
    if (ev.location) { row(dl, "location", actorLinks([ev.location])); }
    row(dl, "trigger", ev.trigger ? el("bdi", {lang: "ar", text: ev.trigger}) : null);
    row(dl, "cameo", ev.cameo);
    if (typeof ev.confidence === "number") { row(dl, "confidence", ev.confidence.toFixed(2)); }
    card.appendChild(dl);
    if (ev.evidence) {
      card.appendChild(el("h4", {text: t("evidence")}));
      card.appendChild(el("blockquote", {lang: "ar", dir: "rtl", class: "evidence"},
        [ev.evidence.before, el("mark", {text: ev.evidence.trigger}), ev.evidence.after]));
    }
    if (ev.link) {
      card.appendChild(el("p", {}, [el("a", {href: "/timeline?link=" + encodeURIComponent(ev.link.id), class: "card-link",
        text: t("open_timeline") + " (" + t("st." + ev.link.status) + ", " + ev.link.n_documents + " " + t("documents_count") + ") →"})]));
    }
    return card;
  }

  function timeCard(tm) {
    var card = el("div", {class: "card-body", "data-card": "time"});
    card.appendChild(head("hl-time", [el("bdi", {lang: "ar", text: tm.text || ""})], t("time") + " · " + t("t." + tm.type)));
    var dl = el("dl");
    row(dl, "value", tm.value);
    row(dl, "type", t("t." + tm.type));
    card.appendChild(dl);
    return card;
  }

  function quoteCard(q) {
    var card = el("div", {class: "card-body", "data-card": "quote"});
    card.appendChild(head("hl-quote", null, t("quote") + " · " + (q.direct ? t("direct") : t("indirect"))));
    var dl = el("dl");
    row(dl, "speaker", q.speaker ? actorLinks([q.speaker]) : (q.speaker_text ? el("bdi", {lang: "ar", text: q.speaker_text}) : null));
    row(dl, "cue", q.cue ? el("bdi", {lang: "ar", text: q.cue}) : null);
    card.appendChild(dl);
    card.appendChild(el("blockquote", {lang: "ar", dir: "rtl", text: q.text || ""}));
    return card;
  }

  /* Show a card in the panel #card (replacing what it showed). */
  function show(panel, card) {
    panel.replaceChildren(card);
    panel.hidden = false;
    var close = card.querySelector(".card-close");
    if (close) { close.addEventListener("click", function () { panel.hidden = true; panel.replaceChildren(); }); }
  }

  return {t: t, el: el, lang: lang, name: name, entityCard: entityCard, eventCard: eventCard, timeCard: timeCard,
          quoteCard: quoteCard, show: show, entityHref: entityHref};
})();
