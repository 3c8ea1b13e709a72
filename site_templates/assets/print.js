/* Clausebook print: a printed page writes out where external links go (clausebook.css,
   @media print). Material makes every link's href absolute, so the stylesheet cannot tell
   this site's own links from others by their address; mark them here. Runs on every page
   load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.origin === location.origin) a.classList.add("cb-internal");
    });
  }

  // Again just before printing: the explorer puts entries into the page after load.
  window.addEventListener("beforeprint", init);
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
