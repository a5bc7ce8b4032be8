// The HTML report's script: lays the timeline out for the view (whole run down to single
// bytes), zooms and pans, shows an item's fields. Items carry their times in nanoseconds
// (data-t0, data-t1, data-limit); x is recomputed from them at every zoom, so the precision
// does not depend on how far the view has been zoomed.
(function () {
  "use strict";
  var errors = [];
  function noteError(message) {
    errors.push(String(message));
    if (document.body) {
      document.body.dataset.errors = errors.join("\n");
    }
  }
  window.addEventListener("error", function (e) { noteError(e.message || e); });
  window.addEventListener("unhandledrejection", function (e) { noteError(e.reason); });

  var MIN_SPAN = 50000; // 50 µs: a byte at 10400 baud (0.96 ms) fills the view twenty times over
  var CHAR = 6.3; // width of one character of an 11px label, about
  var svg = document.getElementById("timeline");
  var chart = document.getElementById("chart");
  var start = Number(svg.dataset.start);
  var end = Math.max(start + 1, Number(svg.dataset.end));
  var left = Number(svg.dataset.left);
  var right = Number(svg.dataset.right);
  var rowHeight = Number(svg.dataset.row);
  // A label's drawn width, measured once while every label is shown (bold labels are wider);
  // estimated from its length where the browser cannot measure.
  function labelWidth(text) {
    var measured = 0;
    try { measured = text.getComputedTextLength(); } catch (e) { measured = 0; }
    return measured > 0 ? measured : text.textContent.length * CHAR;
  }
  var items = Array.prototype.map.call(svg.querySelectorAll("g.item"), function (g) {
    return {
      g: g,
      t0: Number(g.dataset.t0),
      t1: Number(g.dataset.t1),
      limit: Number(g.dataset.limit),
      shape: g.querySelector(".bar, .mark"),
      text: g.querySelector("text"),
      line: g.querySelector(".limit"),
      label: g.querySelector("text").textContent,
      labelWidth: labelWidth(g.querySelector("text")),
      shortLabel: g.querySelector("text").getAttribute("data-short") || "",
      shortWidth: (g.querySelector("text").getAttribute("data-short") || "").length * CHAR * 1.15,
      lane: g.parentNode,
      row: Number(g.dataset.row)
    };
  });
  // Per lane and row, in time order: an instant's label may use the room up to the next item.
  var rows = {};
  items.forEach(function (it) {
    var key = it.lane.parentNode.dataset.lane + "/" + it.row;
    (rows[key] = rows[key] || []).push(it);
  });
  Object.keys(rows).forEach(function (k) {
    var list = rows[k].sort(function (a, b) { return a.t0 - b.t0; });
    for (var i = 0; i < list.length; i++) {
      list[i].next = list[i + 1] || null;
    }
  });
  var fields = {};
  Array.prototype.forEach.call(document.querySelectorAll("#fields dl"), function (dl) {
    fields[dl.dataset.for] = dl;
  });
  var view = { t0: start, t1: end };
  var width = 0;

  function plotWidth() { return Math.max(50, width - left - right); }
  function x(t) { return left + (t - view.t0) * plotWidth() / (view.t1 - view.t0); }
  function timeAt(px) { return view.t0 + (px - left) * (view.t1 - view.t0) / plotWidth(); }

  function human(ns) {
    var a = Math.abs(ns);
    if (a >= 60e9) { return (ns / 60e9).toFixed(a >= 600e9 ? 0 : 1) + "min"; }
    if (a >= 1e9) { return trim((ns / 1e9).toFixed(3)) + "s"; }
    if (a >= 1e6) { return trim((ns / 1e6).toFixed(3)) + "ms"; }
    if (a >= 1e3) { return trim((ns / 1e3).toFixed(3)) + "µs"; }
    return ns === 0 ? "0s" : Math.round(ns) + "ns";
  }
  function trim(s) { return s.indexOf(".") < 0 ? s : s.replace(/\.?0+$/, ""); }

  function niceStep(span, target) {
    var raw = span / target;
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  function axis() {
    var g = document.getElementById("axis");
    while (g.firstChild) { g.removeChild(g.firstChild); }
    var height = Number(svg.getAttribute("height"));
    var step = niceStep(view.t1 - view.t0, Math.max(2, plotWidth() / 110));
    var ns = "http://www.w3.org/2000/svg";
    for (var t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      var px = x(t);
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", px); line.setAttribute("x2", px);
      line.setAttribute("y1", 20); line.setAttribute("y2", height);
      g.appendChild(line);
      var text = document.createElementNS(ns, "text");
      text.setAttribute("x", px + 2); text.setAttribute("y", 14);
      text.textContent = human(t);
      g.appendChild(text);
    }
  }

  function layout() {
    width = chart.clientWidth || Number(svg.getAttribute("width"));
    svg.setAttribute("width", width);
    svg.setAttribute("viewBox", "0 0 " + width + " " + svg.getAttribute("height"));
    var plot = document.getElementById("plot-rect");
    plot.setAttribute("width", plotWidth());
    Array.prototype.forEach.call(svg.querySelectorAll(".lane-bg"), function (r) { r.setAttribute("width", width); });
    var rightEdge = left + plotWidth();
    items.forEach(function (it) {
      var visible = it.t1 >= view.t0 && it.t0 <= view.t1 || (it.limit >= 0 && it.limit >= view.t0 && it.t0 <= view.t1);
      it.g.style.display = visible ? "" : "none";
      if (!visible) { return; }
      var x0 = x(it.t0);
      var room;
      if (it.t0 === it.t1) {
        it.shape.setAttribute("x", x0 - 3);
        it.text.setAttribute("x", x0 + 6);
        room = (it.next ? x(it.next.t0) : rightEdge) - x0 - 10;
      } else {
        var x1 = x(it.t1);
        var cx0 = Math.max(x0, left - 5);
        var cx1 = Math.min(x1, rightEdge + 5);
        it.shape.setAttribute("x", cx0);
        it.shape.setAttribute("width", Math.max(1, cx1 - cx0));
        it.text.setAttribute("x", Math.max(cx0, left) + 3);
        room = cx1 - Math.max(cx0, left) - 6;
      }
      if (it.line) {
        var lx = x(it.limit);
        it.line.setAttribute("x1", lx); it.line.setAttribute("x2", lx);
      }
      // The label if it fits, else the short label (a window's margin) if that fits, else nothing.
      var text = it.labelWidth <= room ? it.label : it.shortLabel && it.shortWidth <= room ? it.shortLabel : "";
      if (it.text.textContent !== text) { it.text.textContent = text; }
      it.text.style.display = text ? "" : "none";
    });
    axis();
    document.getElementById("view-range").textContent =
        human(view.t0) + " to " + human(view.t1) + " (" + human(view.t1 - view.t0) + " shown)";
  }

  function setView(t0, t1) {
    var whole = end - start;
    var span = Math.max(MIN_SPAN, Math.min(t1 - t0, whole * 1.1 + MIN_SPAN));
    var mid = (t0 + t1) / 2;
    t0 = mid - span / 2;
    t1 = mid + span / 2;
    var lo = start - whole * 0.05, hi = end + whole * 0.05;
    if (t0 < lo) { t1 += lo - t0; t0 = lo; }
    if (t1 > hi) { t0 -= t1 - hi; t1 = hi; }
    view.t0 = Math.max(t0, lo);
    view.t1 = t1;
    layout();
  }
  function fit() { setView(start, end); }
  function zoom(factor, at) {
    var t = at === undefined ? (view.t0 + view.t1) / 2 : at;
    setView(t - (t - view.t0) * factor, t + (view.t1 - t) * factor);
  }

  var shown = null;
  var selected = null;
  function show(g) {
    var dl = fields[g.id];
    var target = document.getElementById("details-fields");
    target.innerHTML = "";
    if (dl) {
      Array.prototype.forEach.call(dl.children, function (c) { target.appendChild(c.cloneNode(true)); });
      document.getElementById("details-title").textContent = dl.dataset.label;
    }
    document.getElementById("details-hint").style.display = "none";
    document.getElementById("details").dataset.item = g.id;
    shown = g;
  }
  function select(g) {
    if (selected) { selected.classList.remove("selected"); }
    selected = g;
    g.classList.add("selected");
    show(g);
  }

  items.forEach(function (it) {
    it.g.addEventListener("mouseenter", function () { show(it.g); });
    it.g.addEventListener("mouseleave", function () { if (selected && shown !== selected) { show(selected); } });
    it.g.addEventListener("focus", function () { show(it.g); });
    it.g.addEventListener("click", function () { if (!dragged) { select(it.g); } });
    it.g.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(it.g); } });
  });

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var rect = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, timeAt(e.clientX - rect.left));
  }, { passive: false });

  var drag = null;
  var dragged = false;
  svg.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, t0: view.t0, t1: view.t1 };
    dragged = false;
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x;
    if (Math.abs(dx) > 3) {
      dragged = true;
      svg.classList.add("dragging");
    }
    if (dragged) {
      var dt = dx * (drag.t1 - drag.t0) / plotWidth();
      view.t0 = drag.t0 - dt;
      view.t1 = drag.t1 - dt;
      layout();
    }
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    svg.classList.remove("dragging");
    setTimeout(function () { dragged = false; }, 0);
  });

  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
  document.getElementById("fit").addEventListener("click", fit);
  window.addEventListener("resize", layout);

  // #zoom=T0,T1 (nanoseconds) shows that span; #item=ID selects an item (and brings it into view).
  function fromFragment() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (p) {
      var i = p.indexOf("=");
      if (i > 0) { params[decodeURIComponent(p.slice(0, i))] = decodeURIComponent(p.slice(i + 1)); }
    });
    if (params.zoom) {
      var t = params.zoom.split(",").map(Number);
      if (t.length === 2 && t[1] > t[0]) { setView(t[0], t[1]); }
    }
    if (params.item) {
      var g = document.getElementById(params.item);
      if (g && g.classList.contains("item")) {
        var t0 = Number(g.dataset.t0), t1 = Number(g.dataset.t1);
        if (t1 < view.t0 || t0 > view.t1) {
          var span = view.t1 - view.t0;
          setView((t0 + t1) / 2 - span / 2, (t0 + t1) / 2 + span / 2);
        }
        select(g);
      }
    }
  }
  window.addEventListener("hashchange", fromFragment);

  layout();
  fromFragment();
  document.body.dataset.errors = errors.join("\n");
  document.body.dataset.ready = "1";
})();
