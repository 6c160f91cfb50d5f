// Live pages: follow the consultation's events (Server-Sent Events) and
// refresh the parts of the page marked data-live-region from the server;
// keep the clocks ticking between events. Without this script the pages
// show the same by reloading.
(function () {
  "use strict";
  var src = document.querySelector("[data-live-src]");
  if (!src || !window.EventSource || !window.fetch || !window.DOMParser) return;

  function pad(n) { return n < 10 ? "0" + n : "" + n; }

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var left = parseInt(el.getAttribute("data-countdown"), 10) - 1;
      el.setAttribute("data-countdown", left);
      var a = Math.abs(left);
      var t = el.querySelector(".clock-time");
      if (t) t.textContent = (left < 0 ? "\u2212" : "") + Math.floor(a / 60) + ":" + pad(a % 60);
      var w = el.querySelector(".clock-warning");
      if (left <= 0) {
        el.classList.add("over", "warning");
        if (w && w.textContent !== el.getAttribute("data-over")) w.textContent = el.getAttribute("data-over");
      } else if (left <= 30) {
        el.classList.add("warning");
        if (w && !w.textContent) w.textContent = el.getAttribute("data-warning");
      }
    });
  }
  setInterval(tick, 1000);

  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-region]").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh && !el.contains(document.activeElement)) el.replaceWith(document.importNode(fresh, true));
        });
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  var events = new EventSource(src.getAttribute("data-live-src"));
  ["agenda", "queue", "floor", "timer", "record"].forEach(function (kind) {
    events.addEventListener(kind, refresh);
  });
})();
