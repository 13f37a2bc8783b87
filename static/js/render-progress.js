// Polls background work (a notice's PDF/DOCX/XLSX, an Excel list being read) and shows its progress until it is
// over. A status carrying next_url (the import) sends the page there once the work is done or has failed.
// No inline style (Content-Security-Policy): the bar's width is set here, from data-progress at first.
(function () {
  var box = document.getElementById("render-job");
  if (!box) return;
  var bar = document.getElementById("render-bar");
  bar.style.width = (bar.dataset.progress || "0") + "%";
  var state = document.getElementById("render-state");
  var error = document.getElementById("render-error");
  var done = document.getElementById("render-done");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        bar.style.width = job.progress + "%";
        bar.textContent = job.progress + "%";
        bar.parentNode.setAttribute("aria-valuenow", job.progress);
        state.textContent = job.state_label;
        if (job.next_url) { window.location.href = job.next_url; return; }
        if (job.state === "failed") {
          error.textContent = job.message;
          error.classList.remove("d-none");
          bar.classList.remove("progress-bar-animated");
          return;
        }
        if (job.state === "done") {
          bar.classList.remove("progress-bar-animated");
          if (done && job.done_url.indexOf("/tao-tep/") === -1) { window.location.href = job.done_url; return; }
          done.href = job.done_url;
          done.classList.remove("d-none");
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
