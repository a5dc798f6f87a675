// Progressive touches only: every feature works without this file.
// Escape closes an open citation and returns focus to its mark.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.activeElement && document.activeElement.closest("details.cite[open]");
    if (!open) return;
    open.removeAttribute("open");
    open.querySelector("summary").focus();
  });
})();

// Times: pages say them in the site's zone with its name ("7 December 2025, 07:00 UTC");
// here they are shown in the reader's own zone, named too ("7 December 2025, 08:00 CET").
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var format = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
  });
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    var part = {};
    format.formatToParts(when).forEach(function (p) { part[p.type] = p.value; });
    el.textContent = part.day + " " + part.month + " " + part.year + ", " +
      part.hour + ":" + part.minute + " " + part.timeZoneName;
  });
})();
