// Coordinating agencies: the page sends a plain list of check boxes (it works without JavaScript); this adds a
// search box that filters the list as one types (accents optional, "giao duc" finds "Giáo dục"), a summary of
// what is ticked, and keeps the lead agency out of its own coordinators.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  document.querySelectorAll("[data-agency-picker]").forEach(function (picker) {
    const list = picker.querySelector(".agency-picker-list");
    const summary = picker.querySelector(".agency-picker-summary");
    const items = Array.from(list.querySelectorAll(".form-check")).map(function (item) {
      return {
        item: item,
        box: item.querySelector("input"),
        label: item.querySelector("label").textContent.trim(),
        key: fold(item.querySelector("label").textContent),
      };
    });
    const search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-2";
    search.placeholder = picker.dataset.placeholder;
    search.setAttribute("aria-label", picker.dataset.placeholder);
    search.setAttribute("aria-controls", list.id);
    list.before(search);
    const none = document.createElement("div");
    none.className = "small text-muted d-none";
    none.textContent = picker.dataset.none;
    list.append(none);

    function filter() {
      const words = fold(search.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      items.forEach(function (entry) {
        const match = words.every(function (word) { return entry.key.includes(word); });
        // Ticked agencies stay in view: a filter never hides what will be sent.
        entry.item.hidden = !(match || entry.box.checked) || entry.box.disabled;
        if (!entry.item.hidden) shown += 1;
      });
      none.classList.toggle("d-none", shown > 0);
    }

    function summarise() {
      const chosen = items.filter(function (entry) { return entry.box.checked; }).map(function (entry) {
        return entry.label;
      });
      summary.textContent = chosen.length ? picker.dataset.chosen + " (" + chosen.length + "): " + chosen.join("; ") : "";
    }

    // The lead agency is not its own coordinator: untick and hide it while it is the lead.
    const form = picker.closest("form");
    const lead = form ? form.querySelector("select[name='lead_agency']") : null;
    function excludeLead() {
      items.forEach(function (entry) {
        const isLead = lead && entry.box.value === lead.value;
        if (isLead) entry.box.checked = false;
        entry.box.disabled = Boolean(isLead);
      });
      filter();
      summarise();
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // Enter filters, it does not send the form
    });
    list.addEventListener("change", summarise);
    if (lead) lead.addEventListener("change", excludeLead);
    excludeLead();
  });
})();
