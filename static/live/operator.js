// A bridge point's operator page: what is on air now and this site's questions, kept current from the feed.
(function () {
  "use strict";
  var root = document.getElementById("live-operator");
  if (!root || !window.Live) return;
  var now = document.getElementById("live-now");
  var list = document.getElementById("live-mine");
  var count = document.getElementById("live-mine-count");

  function showOnAir(onAir) {
    window.Live.setText(now, "content", onAir ? window.Live.truncate(onAir.content, 300) : now.getAttribute("data-empty-label"));
    window.Live.setText(now, "site", onAir ? onAir.site : "");
    window.Live.setText(now, "responder", onAir ? onAir.responder : "");
    window.Live.setTimer(now.querySelector("[data-live-timer]"), onAir);
  }

  function item(entry) {
    var li = document.createElement("li");
    li.setAttribute("data-entry", entry.id);
    var badge = document.createElement("span");
    badge.className = "badge live-state-" + entry.state;
    badge.textContent = entry.state_label;
    var meta = document.createElement("span");
    meta.className = "small text-muted";
    meta.textContent = " " + entry.time + " · " + entry.site;
    var text = document.createElement("div");
    text.className = "text-prewrap";
    text.textContent = window.Live.truncate(entry.content, 300);
    var unit = document.createElement("div");
    unit.className = "small text-muted";
    unit.textContent = entry.unit;
    li.appendChild(badge); li.appendChild(meta); li.appendChild(text); li.appendChild(unit);
    return li;
  }

  function showMine(mine) {
    if (!mine) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!mine.length) {
      var empty = document.createElement("li");
      empty.className = "text-muted small";
      empty.textContent = list.getAttribute("data-empty-label");
      list.appendChild(empty);
    }
    mine.forEach(function (entry) { list.appendChild(item(entry)); });
    count.textContent = mine.length;
  }

  window.Live.follow(root.getAttribute("data-feed-url"), function (data) {
    showOnAir(data.public.on_air);
    showMine(data.mine);
  });
})();
