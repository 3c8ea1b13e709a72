/* Clausebook permalinks: the "¶" link after each heading of the page that has an id, the
   same link Python-Markdown's toc extension writes with `permalink: true` (class `headerlink`,
   so Material's stylesheet shows it on hover and hides it in print). Added here rather than
   written into the HTML: an analysis page has 16 headings, and their links were 1.4 KB of
   every page, 14 MB of a site of 10,000 analyses. Runs on every page load, including
   Material's instant navigation (document$). */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll(".md-content .md-typeset :is(h1, h2, h3, h4, h5, h6)[id]")
      .forEach(function (heading) {
        if (heading.querySelector(":scope > .headerlink")) return;
        var link = document.createElement("a");
        link.className = "headerlink";
        link.href = "#" + heading.id;
        link.title = "Permanent link";
        link.textContent = "\u00b6";
        heading.appendChild(link);
      });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
