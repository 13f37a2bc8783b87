// The dialogue day's shared client: polls the state feed with If-None-Match (304 = nothing new) and runs the
// on-air timers. Pages work without it (server-rendered, with a refresh button).
(function () {
  "use strict";
  var INTERVAL = 3000;
  var offset = 0; // server clock minus this clock, from the X-Live-Now header

  function serverNow() { return Date.now() + offset; }

  function pad(n) { return n < 10 ? "0" + n : "" + n; }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function tick() {
    var timers = document.querySelectorAll("[data-live-timer]");
    for (var i = 0; i < timers.length; i++) {
      var el = timers[i];
      var since = parseInt(el.getAttribute("data-since-ms") || "", 10);
      var aired = parseInt(el.getAttribute("data-aired-s") || "0", 10);
      el.textContent = since ? clock(aired + (serverNow() - since) / 1000) : "";
    }
  }

  function follow(url, onChange) {
    var etag = null;
    function poll() {
      var headers = { Accept: "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: headers, redirect: "error" })
        .then(function (response) {
          var now = parseInt(response.headers.get("X-Live-Now") || "", 10);
          if (now) offset = now - Date.now();
          if (response.status === 304) return null;
          if (!response.ok) throw new Error("feed " + response.status);
          var first = etag === null;
          etag = response.headers.get("ETag");
          return response.json().then(function (data) { return { data: data, first: first }; });
        })
        .then(function (result) { if (result) onChange(result.data, result.first); })
        .catch(function () { /* offline or signed out: keep the page as it is, try again */ })
        .then(function () { window.setTimeout(poll, INTERVAL); });
    }
    poll();
  }

  function setText(root, field, value) {
    var el = root.querySelector('[data-live-field="' + field + '"]');
    if (el) el.textContent = value || "";
  }

  function setTimer(el, onAir) {
    if (!el) return;
    if (onAir && onAir.since_ms) {
      el.setAttribute("data-since-ms", onAir.since_ms);
      el.setAttribute("data-aired-s", onAir.aired_s || 0);
    } else {
      el.removeAttribute("data-since-ms");
    }
    tick();
  }

  function truncate(text, n) { return text && text.length > n ? text.slice(0, n - 1) + "…" : (text || ""); }

  window.Live = { follow: follow, setText: setText, setTimer: setTimer, truncate: truncate, tick: tick };
  tick();
  window.setInterval(tick, 1000);
})();
