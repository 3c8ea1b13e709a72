/* Clausebook icons: each theme icon is a <use> of one sprite file, referred to relative to
   the page (generator/postbuild: the site works under any path). Material's instant
   navigation swaps a page's content but keeps its header, whose relative references would
   then point below the new page. So on the first load each reference is made absolute
   against the page it was written for, and so is each one a navigation brings in. Runs on
   every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  var XLINK = "http://www.w3.org/1999/xlink";

  function init() {
    document.querySelectorAll("use").forEach(function (use) {
      var ref = use.getAttributeNS(XLINK, "href");
      if (ref && !/^[a-z]+:/i.test(ref)) {
        use.setAttributeNS(XLINK, "xlink:href", new URL(ref, document.baseURI).href);
      }
    });
  }

  init();  // before Material's first navigation can move the page's URL
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  }
})();
