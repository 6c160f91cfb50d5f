// Shows the consultation's time in the reader's own time zone. The page
// already shows the consultation's zone and UTC, so without JavaScript
// nothing is lost.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".local-time").forEach(function (el) {
    try {
      var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
      // UN English writes "11 December 2026, 14:00", as en-GB does.
      var lang = el.dataset.lang === "en" ? "en-GB" : (el.dataset.lang || undefined);
      var day = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(start);
      var clock = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      el.textContent = el.dataset.label + ": " + day + ", " + clock.format(start) + "–" + clock.format(end) + " (" + zone + ")";
    } catch (e) { /* leave the server-rendered times */ }
  });
});
