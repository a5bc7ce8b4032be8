// A sweep's page: hovering over (or focusing, or clicking) a cell, a point or a boundary
// shows its hover text in the details box. The picture itself is drawn in full without it.
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

  var fields = document.getElementById("details-fields");
  var hint = document.getElementById("details-hint");
  function show(target) {
    var shown = target && target.closest ? target.closest(".cell, .dot, .boundary") : null;
    if (!shown) {
      return;
    }
    var title = shown.querySelector("title");
    var lines = title ? title.textContent.split("\n") : [];
    fields.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      fields.appendChild(p);
    });
    hint.hidden = true;
    var selected = document.querySelector("#sweep .selected");
    if (selected) {
      selected.classList.remove("selected");
    }
    shown.classList.add("selected");
  }
  var svg = document.getElementById("sweep");
  svg.addEventListener("mouseover", function (e) { show(e.target); });
  svg.addEventListener("click", function (e) { show(e.target); });
  document.body.dataset.errors = errors.join("\n");
  document.body.dataset.ready = "1";
})();
