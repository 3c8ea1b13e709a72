/* Clausebook changes page: a filter by kind (new analyses, revised analyses, document
   changes). The page lists every change without it; this script only shows the form and
   hides what the chosen kind leaves out, keeping the choice in the address (?kind=document).
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function setup(form) {
    var count = form.querySelector("[data-cb-changes-count]");
    var lines = document.querySelectorAll(".cb-change[data-kind]");
    var days = document.querySelectorAll(".cb-change-day");
    function apply() {
      var kind = form.elements.kind.value;
      var shown = 0;
      lines.forEach(function (li) {
        li.hidden = kind !== "" && li.dataset.kind !== kind;
        if (!li.hidden) { shown += 1; }
      });
      days.forEach(function (day) {
        day.hidden = !day.querySelector(".cb-change:not([hidden])");
      });
      count.textContent = shown + (shown === 1 ? " line shown" : " lines shown");
      var url = new URL(window.location.href);
      if (kind) { url.searchParams.set("kind", kind); } else { url.searchParams.delete("kind"); }
      window.history.replaceState(null, "", url);
    }
    var wanted = new URL(window.location.href).searchParams.get("kind") || "";
    Array.prototype.forEach.call(form.elements.kind, function (radio) {
      radio.checked = radio.value === wanted;
    });
    if (!form.elements.kind.value) { form.elements.kind[0].checked = true; }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function start() {
    var form = document.querySelector("[data-cb-changes-filter]");
    if (form && form.hidden) { setup(form); }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
