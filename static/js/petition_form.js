// Petition form: add/remove sub-questions (a Django formset) and suggest similar petitions while typing.
(function () {
  "use strict";
  const form = document.getElementById("petition-form");
  if (!form) return;

  // 1. Sub-questions. Removing an existing part ticks its DELETE box (the server keeps answers safe);
  //    removing a new one just drops it. Labels are renumbered so people see the order they will get.
  const list = document.getElementById("parts");
  const total = form.querySelector("input[name='parts-TOTAL_FORMS']");
  const template = document.getElementById("part-template");
  function renumber() {
    let n = 0;
    list.querySelectorAll(".part").forEach(function (part) {
      if (part.classList.contains("d-none")) return;
      n += 1;
      part.querySelector(".part-label").textContent = n;
    });
  }
  document.getElementById("part-add").addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    renumber();
    list.lastElementChild.querySelector("textarea").focus();
  });
  list.addEventListener("click", function (event) {
    const button = event.target.closest(".part-remove");
    if (!button) return;
    const part = button.closest(".part");
    part.querySelector(".part-delete").checked = true;
    part.classList.add("d-none");
    renumber();
  });
  list.querySelectorAll(".part-delete:checked").forEach(function (box) {
    box.closest(".part").classList.add("d-none");
  });
  renumber();

  // 2. Similar petitions: ask the server (trigram similarity on the accent-folded text) after a pause in typing.
  const panel = document.getElementById("similar-panel");
  const source = form.querySelector("textarea[name='content']");
  const results = document.getElementById("similar-results");
  const empty = document.getElementById("similar-empty");
  const texts = JSON.parse(document.getElementById("similar-texts").textContent);
  let timer = null;
  let last = "";
  function show(items) {
    results.replaceChildren();
    empty.classList.toggle("d-none", items.length > 0);
    if (!items.length) {
      empty.textContent = texts.none;
      return;
    }
    items.forEach(function (item) {
      const li = document.createElement("li");
      li.className = "list-group-item";
      const link = document.createElement("a");
      link.href = item.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "#" + item.number + " (" + texts.same + " " + item.percent + "%)";
      const body = document.createElement("div");
      body.textContent = item.content;
      const meta = document.createElement("div");
      meta.className = "text-muted";
      meta.textContent = item.unit + (item.site ? " · " + item.site : "");
      li.append(link, body, meta);
      results.append(li);
    });
  }
  // The server compares content, unit and parts together, as the petition page does once it is saved.
  const unit = form.querySelector("[name='submitting_unit']");
  function lookup() {
    const text = source.value.trim();
    const parts = Array.from(list.querySelectorAll(".part:not(.d-none) textarea")).map(function (area) {
      return area.value.trim();
    }).filter(Boolean);
    const key = [text, unit ? unit.value.trim() : ""].concat(parts).join("\n");
    if (text.length < 15 || key === last) return;
    last = key;
    const params = new URLSearchParams({ q: text });
    if (unit && unit.value.trim()) params.set("unit", unit.value.trim());
    parts.forEach(function (part) { params.append("part", part); });
    if (panel.dataset.exclude) params.set("exclude", panel.dataset.exclude);
    fetch(panel.dataset.url + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () {});
  }
  if (source) {
    form.addEventListener("input", function (event) {
      if (event.target !== source && event.target !== unit && !event.target.closest(".part")) return;
      clearTimeout(timer);
      timer = setTimeout(lookup, 500);
    });
    if (source.value.trim()) lookup();
  }
})();
