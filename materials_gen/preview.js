// The preview page's live reload (served by serve.py at _materials-gen/preview.js, under
// the preview's key).
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
  var banner = null;
  var leaving = false; // a reload closes the stream too: that is no news
  window.addEventListener("beforeunload", function () {
    leaving = true;
  });

  // A line at the top of the page: what the preview is doing now.
  function say(text) {
    if (banner === null) {
      banner = document.createElement("div");
      banner.setAttribute("role", "status");
      banner.className = "preview-status";
      var style = banner.style;
      style.position = "sticky"; // above the page, not over its title, and kept in view
      style.top = "0";
      style.zIndex = "1000";
      style.padding = "0.4em 1em";
      style.font = "600 0.95rem system-ui, sans-serif";
      style.background = "#fff4ce";
      style.color = "#3b2f00";
      style.borderBottom = "1px solid #d8c56a";
      document.body.prepend(banner);
    }
    banner.textContent = text;
    banner.hidden = !text;
  }

  function reload() {
    leaving = true;
    window.location.reload();
  }

  // (relative to the page, whose address begins with the preview's key: see serve.py)
  var events = new EventSource("events");
  events.addEventListener("hello", function (event) {
    if (JSON.parse(event.data).page !== shown) {
      reload();
    }
    root.removeAttribute("data-preview-offline");
    say("");
  });
  events.addEventListener("started", function (event) {
    var saved = JSON.parse(event.data).saved || [];
    root.setAttribute("data-preview-building", "");
    say(saved.length ? "Building after the save of " + saved.join(", ") + "\u2026" : "Building\u2026");
  });
  events.addEventListener("built", reload);
  events.addEventListener("failed", reload);
  events.addEventListener("error", function () {
    // EventSource tries again by itself (the server asks for a retry after one second)
    if (leaving) {
      return;
    }
    root.setAttribute("data-preview-offline", "");
    say("The preview has stopped: this page no longer follows your saves.");
  });
})();
