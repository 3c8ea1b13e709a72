/* Clausebook print: a printed page writes out where external links go (clausebook.css,
   @media print). Material makes every link's href absolute, so the stylesheet cannot tell
   this site's own links from others by their address; mark them here. A platform page's
   "Print a one-page brief" button (hidden without this script) prints the page, which the
   print stylesheet cuts to its summary. Runs on every page load, including Material's
   instant navigation (document$). */
(function () {
  "use strict";

  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.origin === location.origin) a.classList.add("cb-internal");
    });
  }

  function init() {
    mark();
    document.querySelectorAll("[data-cb-print]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.cbBound) return;
      button.dataset.cbBound = "1";
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Again just before printing: the explorer puts entries into the page after load.
  window.addEventListener("beforeprint", mark);
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
