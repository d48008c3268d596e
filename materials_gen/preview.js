// The preview page's live reload (served by serve.py at /_materials-gen/preview.js).
//
// The server announces each build over server-sent events: "started" when a save is seen,
// "built" (with the outputs made again) or "failed" (with the problems) when it is done. The
// page is rendered by the server after each build, so on "built" or "failed" the browser just
// loads it again (it keeps its scroll position). A page older than the server's last build,
// or a server that comes back after a restart, reloads too.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(new URL(script.src).searchParams.get("page") || "-1");
  var root = document.documentElement;

  function reload() {
    window.location.reload();
  }

  var events = new EventSource("/events");
  events.addEventListener("hello", function (event) {
    var page = JSON.parse(event.data).page;
    if (page !== shown) {
      reload();
    }
    root.removeAttribute("data-preview-offline");
  });
  events.addEventListener("started", function () {
    root.setAttribute("data-preview-building", "");
    document.title = "Building… " + document.title.replace(/^Building… /, "");
  });
  events.addEventListener("built", reload);
  events.addEventListener("failed", reload);
  events.addEventListener("error", function () {
    // EventSource tries again by itself (the server asks for a retry after one second)
    root.setAttribute("data-preview-offline", "");
  });
})();
