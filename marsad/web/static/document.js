/* The document page: a highlight's card on hover, focus or click; layer toggles; the mentions of
   the entity under the pointer lit together. */
"use strict";
(function () {
  var data = {};
  var node = document.getElementById("cards");
  if (node) { try { data = JSON.parse(node.textContent); } catch (e) { data = {}; } }
  var article = document.getElementById("article");
  var panel = document.getElementById("card");
  if (!article || !panel) { return; }
  var pinned = null;

  function cardFor(layer, ref) {
    var table = data[layer] || {};
    if (!Object.prototype.hasOwnProperty.call(table, ref)) { return null; }
    var item = table[ref];
    if (layer === "ent") { return Marsad.entityCard(item); }
    if (layer === "ev") { return Marsad.eventCard(item); }
    if (layer === "time") { return Marsad.timeCard(item); }
    if (layer === "quote") { return Marsad.quoteCard(item); }
    return null;
  }

  function same(layer, ref) {
    return Array.prototype.filter.call(article.querySelectorAll(".hl[data-layer]"), function (s) {
      return s.dataset.layer === layer && s.dataset.ref === ref;
    });
  }

  function lit(layer, ref, on) {
    same(layer, ref).forEach(function (s) { s.classList.toggle("lit", on); });
  }

  function open(layer, ref) {
    var card = cardFor(layer, ref);
    if (card) { Marsad.show(panel, card); }
  }

  function target(e) {
    var s = e.target.closest ? e.target.closest(".hl[data-layer]") : null;
    return s && article.contains(s) && !article.classList.contains("off-" + s.dataset.layer) ? s : null;
  }

  article.addEventListener("mouseover", function (e) {
    var s = target(e);
    if (!s) { return; }
    lit(s.dataset.layer, s.dataset.ref, true);
    if (!pinned) { open(s.dataset.layer, s.dataset.ref); }
  });
  article.addEventListener("mouseout", function (e) {
    var s = target(e);
    if (s) { lit(s.dataset.layer, s.dataset.ref, false); }
  });
  article.addEventListener("click", function (e) {
    var s = target(e);
    if (!s) { return; }
    if (pinned) { pinned.classList.remove("pinned"); }
    pinned = s;
    s.classList.add("pinned");
    open(s.dataset.layer, s.dataset.ref);
  });
  article.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") {
      var s = target(e);
      if (s) { e.preventDefault(); s.click(); }
    }
  });
  panel.addEventListener("click", function (e) {
    if (e.target.classList.contains("card-close") && pinned) { pinned.classList.remove("pinned"); pinned = null; }
  });

  document.querySelectorAll("button.jump").forEach(function (b) {
    b.addEventListener("click", function () {
      var first = same(b.dataset.layer, b.dataset.ref)[0];
      if (first) { first.scrollIntoView({block: "center"}); first.click(); }
      else { open(b.dataset.layer, b.dataset.ref); }
    });
  });

  document.querySelectorAll("#legend input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () { article.classList.toggle("off-" + box.dataset.layer, !box.checked); });
  });

  var m = /^#ev-(.+)$/.exec(window.location.hash);
  if (m) {
    var ref = decodeURIComponent(m[1]);
    var first = same("ev", ref)[0];
    if (first) { first.scrollIntoView({block: "center"}); first.click(); }
  }
})();
