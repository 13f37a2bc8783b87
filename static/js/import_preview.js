// Import preview: show only the rows that need attention when there are thousands of them.
(function () {
  "use strict";
  const toggle = document.getElementById("only-problems");
  if (!toggle) return;
  toggle.addEventListener("change", function () {
    document.querySelectorAll("#import-table tbody tr").forEach(function (row) {
      row.classList.toggle("d-none", toggle.checked && row.dataset.problem !== "1");
    });
  });
})();
