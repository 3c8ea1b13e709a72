/* Clausebook "write it on GitHub": a platform page's links to GitHub's new-file editor, one
   for each topic not yet analysed, name the file only; the analysis skeleton is on the page
   once (data-cb-skeleton, already encoded for the address) and is added here to each link
   with the link's topic in it. Without this script the editor opens empty, under the right
   file name. Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("[data-cb-skeleton]").forEach(function (holder) {
      var value = holder.getAttribute("data-cb-skeleton");
      holder.querySelectorAll("a[data-cb-topic]").forEach(function (link) {
        if (link.dataset.cbFilled) return;
        link.dataset.cbFilled = "1";
        var topic = encodeURIComponent(link.getAttribute("data-cb-topic"));
        link.href += "&value=" + value.split("%7Btopic%7D").join(topic);
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
