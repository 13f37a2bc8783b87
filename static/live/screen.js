// The big screen: the question on air, its site and unit, who answers, the timer, the next questions and the
// counts, kept current from the feed. Text only (textContent): nothing from the feed is read as HTML.
(function () {
  "use strict";
  var root = document.getElementById("live-screen");
  if (!root || !window.Live) return;
  var onAirBox = document.getElementById("live-screen-onair");
  var idle = document.getElementById("live-screen-idle");
  var nextBox = document.getElementById("live-screen-next");
  var nextList = document.getElementById("live-screen-next-list");

  function show(el, visible) { el.classList.toggle("live-hidden", !visible); }

  function render(state) {
    var onAir = state.on_air;
    show(onAirBox, !!onAir);
    show(idle, !onAir);
    idle.textContent = idle.getAttribute(state.live ? "data-live-label" : "data-off-label");
    if (onAir) {
      window.Live.setText(onAirBox, "content", onAir.content);
      window.Live.setText(onAirBox, "site", onAir.site);
      window.Live.setText(onAirBox, "unit", onAir.unit);
      window.Live.setText(onAirBox, "responder", onAir.responder);
      onAirBox.setAttribute("data-entry", onAir.id);
    } else {
      onAirBox.removeAttribute("data-entry");
    }
    window.Live.setTimer(onAirBox.querySelector("[data-live-timer]"), onAir);
    while (nextList.firstChild) nextList.removeChild(nextList.firstChild);
    (state.next || []).forEach(function (entry) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(window.Live.truncate(entry.content, 140) + " "));
      var site = document.createElement("span");
      site.className = "live-screen-site";
      site.textContent = "– " + entry.site;
      li.appendChild(site);
      nextList.appendChild(li);
    });
    show(nextBox, (state.next || []).length > 0);
    var counts = state.counts || {};
    var cells = root.querySelectorAll("[data-live-count]");
    for (var i = 0; i < cells.length; i++) cells[i].textContent = counts[cells[i].getAttribute("data-live-count")] || 0;
  }

  window.Live.follow(root.getAttribute("data-feed-url"), function (data) { render(data.public); });
})();
