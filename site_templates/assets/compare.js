/* Clausebook comparison matrix: sort platform rows by a column's build-time sort keys, from
   the column heading itself; show one topic beside the platform column ("Show topic", for a
   phone, where every topic at once scrolls sideways).
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function chooser(table) {
    var tools = document.querySelector("[data-cb-matrix-tools]");
    var select = tools && tools.querySelector("[data-cb-matrix-topic]");
    if (!select || select.dataset.cbBound) return;
    select.dataset.cbBound = "1";
    tools.hidden = false;
    select.addEventListener("change", function () {
      var only = Number(select.value); // 0: every topic
      Array.prototype.forEach.call(table.rows, function (row) {
        for (var i = 1; i < row.cells.length; i++) {
          if (only && i !== only) row.cells[i].setAttribute("data-cb-hidden", "");
          else row.cells[i].removeAttribute("data-cb-hidden");
        }
      });
    });
  }

  function setup(wrap) {
    var table = wrap.querySelector("table");
    chooser(table);
    if (wrap.dataset.cbBound) return;
    wrap.dataset.cbBound = "1";
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    table.addEventListener("click", function (event) {
      var button = event.target.closest("button.cb-sort");
      if (!button) return;
      var column = Number(button.dataset.column);
      var head = heads[column];
      // Platform names ascend first; exposure columns put the most exposed first.
      var first = column === 0 ? "ascending" : "descending";
      var current = head.getAttribute("aria-sort");
      var order = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
      var sign = order === "ascending" ? 1 : -1;
      var rows = Array.prototype.slice.call(body.rows);
      // An empty cell has no sort key: rank 0, below every rating.
      function key(row, at) { return Number(row.cells[at].dataset.sort || 0); }
      rows.sort(function (a, b) {
        var d = key(a, column) - key(b, column);
        // Ties keep alphabetical platform order, whatever the direction.
        return d !== 0 ? sign * d : key(a, 0) - key(b, 0);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      for (var i = 0; i < heads.length; i++) heads[i].setAttribute("aria-sort", "none");
      head.setAttribute("aria-sort", order);
    });
  }

  function init() {
    document.querySelectorAll("[data-cb-matrix]").forEach(setup);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
