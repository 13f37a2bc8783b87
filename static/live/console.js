// The moderator's console: when the feed says something changed, fetch the live parts of the page again and swap
// them in. The on-air card is kept while it shows the same question and answerer (the moderator may be typing).
(function () {
  "use strict";
  var root = document.getElementById("live-console");
  if (!root || !window.Live) return;
  var region = document.getElementById("live-region");

  function refresh() {
    fetch(root.getAttribute("data-fragment-url"), { credentials: "same-origin", cache: "no-store", redirect: "error" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var parts = fresh.querySelectorAll("[data-live-part]");
        for (var i = 0; i < parts.length; i++) {
          var part = parts[i];
          var name = part.getAttribute("data-live-part");
          var current = region.querySelector('[data-live-part="' + name + '"]');
          if (!current) continue;
          if (name === "onair" && current.getAttribute("data-key") === part.getAttribute("data-key")) continue;
          current.replaceWith(document.importNode(part, true));
        }
        window.Live.tick();
      })
      .catch(function () { /* the refresh button still works */ });
  }

  window.Live.follow(root.getAttribute("data-feed-url"), function (data, first) {
    if (!first) refresh();
  });
})();
