// The synthesis report page while a generation is queued or running:
// read the page again every two seconds and put its status and progress
// in place; once the run is over, load the page again, so the downloads
// and the curation forms of the new report appear. Without this script
// the page offers a link to reload.
(function () {
  "use strict";
  var region = document.querySelector("[data-report-running]");
  if (!region || !window.fetch || !window.DOMParser) return;
  function poll() {
    fetch(location.pathname + location.search, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-report-status]");
        if (!next) return;
        if (!next.hasAttribute("data-report-running")) {
          location.reload();
          return;
        }
        region.innerHTML = next.innerHTML;
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
