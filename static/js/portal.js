// What the templates ask for through data-* attributes: the Content-Security-Policy allows no inline script or
// event handler, so every page loads this file.
// - <select data-autosubmit>: sends its form when the choice changes;
// - <input type=checkbox data-check-all="selector">: ticks or clears every box the selector names;
// - data-confirm="question" on a form or on its submit button: asks first;
// - .progress-bar[data-progress]: its width (no style attribute);
// - every form sent by POST is sent once: a second click while it is sending does nothing, and its buttons are
//   disabled (after the browser has taken the clicked button's name and value) until the next page, or for ten
//   seconds when the answer is a download that leaves the page where it is. The server refuses a repeated form
//   token anyway (conferences.once);
// - [data-error-summary] (templates/_error_summary.html): takes the focus when the page opens;
// - .table-responsive: reachable by the Tab key while its table is wider than the box.
(function () {
  "use strict";

  // A form sent with mistakes: the keyboard and the screen reader start at the box that links to each field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // Its links put the cursor in the field itself (a bare #link only scrolls there).
    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({block: "center"});
    });
  }

  // A table wider than its box scrolls sideways: the keyboard must be able to reach it to scroll it (WCAG 2.1.1).
  function scrollableByKeyboard() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.dataset.keyboardScroll = "1";
      } else if (!wide && box.dataset.keyboardScroll) {
        box.removeAttribute("tabindex");
        delete box.dataset.keyboardScroll;
      }
    });
  }
  scrollableByKeyboard();
  window.addEventListener("resize", scrollableByKeyboard);
  document.addEventListener("toggle", scrollableByKeyboard, true);

  document.querySelectorAll(".progress-bar[data-progress]").forEach(function (bar) {
    bar.style.width = bar.dataset.progress + "%";
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.matches) return;
    if (field.matches("[data-autosubmit]") && field.form) field.form.submit();
    if (field.matches("[data-check-all]")) {
      document.querySelectorAll(field.dataset.checkAll).forEach(function (box) { box.checked = field.checked; });
    }
  });

  function buttons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  function release(form) {
    delete form.dataset.sending;
    buttons(form).forEach(function (button) { button.disabled = false; button.removeAttribute("aria-disabled"); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    window.setTimeout(function () {
      buttons(form).forEach(function (button) { button.disabled = true; button.setAttribute("aria-disabled", "true"); });
    }, 0);
    window.setTimeout(function () { release(form); }, 10000);
  });

  // Back to this page from the browser's cache: its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-sending]").forEach(release);
  });
})();
