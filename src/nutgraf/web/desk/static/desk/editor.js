// The story editor's progressive touches: everything works without this file (the
// "Cites sentences" inputs take numbers). With it, an editor picks a point's citations by
// clicking sentences of the source text, and sees which sentences a point cites.
(function () {
  "use strict";
  var source = document.querySelector(".desk-source-text");
  if (!source) return;
  var active = null; // the point whose citations clicks change

  function sentence(id) { return document.getElementById("s-" + id); }
  function idsOf(point) {
    var input = point.querySelector(".desk-cites-input");
    return input.value.split(/[\s,]+/).filter(function (x) { return /^\d+$/.test(x); });
  }
  function textOf(id) {
    var el = sentence(id);
    if (!el) return "";
    var copy = el.cloneNode(true);
    var sup = copy.querySelector("sup");
    if (sup) sup.remove();
    return copy.textContent.trim();
  }
  function mark(point) {
    source.querySelectorAll(".desk-sentence.cited").forEach(function (el) { el.classList.remove("cited"); });
    if (!point) return;
    idsOf(point).forEach(function (id) { var el = sentence(id); if (el) el.classList.add("cited"); });
  }
  function redraw(point) {
    var list = point.querySelector(".desk-cited");
    list.textContent = "";
    idsOf(point).forEach(function (id) {
      var li = document.createElement("li");
      li.dataset.id = id;
      var a = document.createElement("a");
      a.href = "#s-" + id;
      a.textContent = id;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + textOf(id)));
      list.appendChild(li);
    });
    mark(point);
  }
  function stop() {
    if (!active) return;
    var button = active.querySelector(".desk-pick");
    button.textContent = "Pick from the source";
    button.setAttribute("aria-pressed", "false");
    active.classList.remove("picking");
    source.classList.remove("picking");
    active = null;
    mark(null);
  }
  function start(point) {
    stop();
    active = point;
    var button = point.querySelector(".desk-pick");
    button.textContent = "Done picking";
    button.setAttribute("aria-pressed", "true");
    point.classList.add("picking");
    source.classList.add("picking");
    mark(point);
    var first = idsOf(point)[0];
    if (first && sentence(first)) sentence(first).scrollIntoView({ block: "center" });
  }

  document.querySelectorAll(".desk-point").forEach(function (point) {
    var input = point.querySelector(".desk-cites-input");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button desk-pick";
    button.textContent = "Pick from the source";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-describedby", "desk-pick-hint");
    input.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () { active === point ? stop() : start(point); });
    input.addEventListener("change", function () { redraw(point); });
    point.addEventListener("focusin", function () { if (!active) mark(point); });
  });

  source.addEventListener("click", function (event) {
    var el = event.target.closest(".desk-sentence");
    if (!el || !active) return;
    var id = el.dataset.id;
    var ids = idsOf(active);
    var at = ids.indexOf(id);
    if (at >= 0) ids.splice(at, 1); else ids.push(id);
    ids.sort(function (a, b) { return a - b; });
    active.querySelector(".desk-cites-input").value = ids.join(", ");
    redraw(active);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") stop(); });
})();
