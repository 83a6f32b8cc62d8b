/* The timeline chart (laid out on the server): drag across the chart or the overview strip to select
   a range of days, which reloads the page on it (the chart, and the table below it, then show that
   range only); and a guard that hides any tick label that would touch its neighbour (the server
   already spaces them, for the widths it assumes). */
"use strict";
(function () {
  var DAY = 86400000;

  function toDay(iso) {
    var p = iso.split("-").map(Number);
    var d = new Date(Date.UTC(2000, p[1] - 1, p[2]));
    d.setUTCFullYear(p[0]);
    return d.getTime() / DAY;
  }

  function toIso(day) {
    var d = new Date(Math.round(day) * DAY);
    var y = d.getUTCFullYear();
    return String(y).padStart(4, "0") + "-" + String(d.getUTCMonth() + 1).padStart(2, "0") + "-" +
      String(d.getUTCDate()).padStart(2, "0");
  }

  function hideCrowdedTicks(svg) {
    var last = null;
    Array.prototype.forEach.call(svg.querySelectorAll("text.tick-label"), function (label) {
      var box = label.getBBox();
      if (last && box.x < last.x + last.width + 4) { label.classList.add("tick-hidden"); return; }
      last = box;
    });
    svg.dataset.ticksChecked = "1";
  }

  function brush(svg) {
    var x0 = Number(svg.dataset.x0), x1 = Number(svg.dataset.x1);
    var lo = toDay(svg.dataset.lo), hi = toDay(svg.dataset.hi) + 1;
    var width = svg.viewBox.baseVal.width;
    var NS = "http://www.w3.org/2000/svg";
    var start = null, rect = null, moved = false, pointer = null;

    function vx(ev) {
      var box = svg.getBoundingClientRect();
      return Math.max(x0, Math.min(x1, (ev.clientX - box.left) * width / box.width));
    }

    svg.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) { return; }
      var x = (ev.clientX - svg.getBoundingClientRect().left) * width / svg.getBoundingClientRect().width;
      if (x < x0 - 2 || x > x1 + 2) { return; }
      start = vx(ev); moved = false; pointer = ev.pointerId;
      rect = document.createElementNS(NS, "rect");
      rect.setAttribute("class", "brush");
      rect.setAttribute("x", start); rect.setAttribute("y", 0); rect.setAttribute("width", 0);
      rect.setAttribute("height", svg.viewBox.baseVal.height);
      svg.appendChild(rect);
    });
    svg.addEventListener("pointermove", function (ev) {
      if (start === null) { return; }
      var x = vx(ev);
      if (!moved && Math.abs(x - start) > 4) {
        moved = true;
        svg.setPointerCapture(pointer);  // only once it is a drag: a plain click still follows its link
      }
      rect.setAttribute("x", Math.min(x, start)); rect.setAttribute("width", Math.abs(x - start));
    });
    svg.addEventListener("pointerup", function (ev) {
      if (start === null) { return; }
      var x = vx(ev), a = Math.min(x, start), b = Math.max(x, start);
      start = null;
      if (!moved) { rect.remove(); return; }
      var per = (hi - lo) / (x1 - x0);
      var since = toIso(lo + (a - x0) * per), until = toIso(Math.max(lo + (a - x0) * per, lo + (b - x0) * per - 1));
      var url = new URL(window.location.href);
      url.pathname = "/timeline";
      url.searchParams.set("since", since); url.searchParams.set("until", until); url.searchParams.delete("offset");
      svg.dataset.brushed = since + "/" + until;
      window.location.assign(url.toString());
    });
    // a drag that ends on a mark must not also follow the mark's link
    svg.addEventListener("click", function (ev) { if (moved) { ev.preventDefault(); moved = false; } }, true);
  }

  Array.prototype.forEach.call(document.querySelectorAll("svg.timeline"), hideCrowdedTicks);
  Array.prototype.forEach.call(document.querySelectorAll("svg.brushable"), brush);
})();
