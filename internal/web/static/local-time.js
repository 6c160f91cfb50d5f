// Shows the consultation's time in the reader's own time zone, written
// with the page's own month names and patterns (the body's data-date,
// data-range, data-days, data-months), so an Arabic or Chinese page reads alike
// throughout. The line stays hidden when it would repeat a line already
// shown: a reader in the consultation's zone, or on UTC. Without
// JavaScript nothing is lost: the page shows the zone's time and UTC.
document.addEventListener("DOMContentLoaded", function () {
  function wall(date, zone) {
    var f = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var o = {};
    f.formatToParts(date).forEach(function (p) { o[p.type] = p.value; });
    return { y: o.year, m: Number(o.month), d: Number(o.day), clock: o.hour + ":" + o.minute };
  }
  function same(a, b) { return a.y === b.y && a.m === b.m && a.d === b.d && a.clock === b.clock; }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; });
  }
  document.querySelectorAll(".local-time").forEach(function (el) {
    try {
      var ds = el.dataset, page = document.body.dataset, start = new Date(ds.start), end = new Date(ds.end);
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var s = wall(start, zone), e = wall(end, zone);
      if ((ds.zone && same(s, wall(start, ds.zone)) && same(e, wall(end, ds.zone))) ||
          (same(s, wall(start, "UTC")) && same(e, wall(end, "UTC")))) {
        el.hidden = true;
        return; // the same line is on the page already
      }
      var when;
      if (page.months && page.date && page.range && page.days) {
        var months = page.months.split("|");
        var date = function (w) { return fill(page.date, { d: w.d, m: months[w.m - 1], y: w.y }); };
        when = (s.y === e.y && s.m === e.m && s.d === e.d) ?
          fill(page.range, { date: date(s), start: s.clock, end: e.clock }) :
          fill(page.days, { start: date(s) + " " + s.clock, end: date(e) + " " + e.clock });
      } else {
        // A page without patterns: the browser's own, in Latin digits as the pages write them.
        var lang = ds.lang === "en" ? "en-GB" : (ds.lang || "en") + "-u-nu-latn";
        var day = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(start);
        when = day + ", " + s.clock + "–" + e.clock;
      }
      var name = new Intl.DateTimeFormat(ds.lang, { timeZoneName: "long" }).formatToParts(start)
        .filter(function (p) { return p.type === "timeZoneName"; })[0];
      el.textContent = ds.label + ": " + when + " (" + (name ? name.value : zone) + ")";
      el.hidden = false;
    } catch (err) { /* leave the server-rendered times */ }
  });
});
